import { FRAME_BLOCK, blockSummaries, plannedLengthS, type ShowState, errorText } from '@ceremony/shared';
import { useShow, useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { formatLength } from './length.js';
import { usePrepareNav } from './prepareNav.js';
import { VideoIntoBlock } from './VideoIntoBlock.js';
import './program.css';

/**
 * The run of show at a glance, by block (the frame, then each nomination), against the evening's
 * planned length; the generator that builds it from the nominations, whole or one block at a time;
 * a nominee's video interview added to a block. Everything else is edited in «Настройка».
 */
export function ProgramSection() {
  const t = useT();
  const api = useAdminApi();
  const nav = usePrepareNav();
  const scenario = useShow((s) => s.scenario);
  const running = useShow((s) => s.show?.status === 'running');
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  if (!scenario) return null;

  const rows = blockSummaries(scenario);
  const total = plannedLengthS(scenario.cues);
  const planned = scenario.ceremony.plannedDurationS;
  const titleOf = (block: string) =>
    block === FRAME_BLOCK
      ? t('prepare.program.frame')
      : (scenario.nominations.find((n) => n.id === block)?.title ?? block);

  async function generate(nominationId?: string) {
    setConfirming(false);
    const answer = await api.post<{ state: ShowState }>(
      '/api/admin/run-of-show/generate',
      nominationId ? { nominationId } : {},
    );
    if (!answer.ok) return setNote({ text: errorText(t, answer.error), ok: false });
    setNote({
      text: nominationId
        ? t('prepare.program.blockDone', { title: titleOf(nominationId) })
        : t('prepare.program.done'),
      ok: true,
    });
  }

  let drift: { text: string; tone: string } | null = null;
  if (planned !== undefined) {
    const diff = total - planned;
    drift =
      diff === 0
        ? { text: t('prepare.program.onPlan'), tone: 'ok' }
        : diff > 0
          ? // A few minutes over is worth a look; more than five would end the evening late.
            {
              text: t('prepare.program.over', { time: formatLength(t, diff) }),
              tone: diff > 300 ? 'over' : 'near',
            }
          : { text: t('prepare.program.under', { time: formatLength(t, -diff) }), tone: 'under' };
  }

  return (
    <div className="admin-section program" data-testid="prepare-section-program">
      <header className="admin-head">
        <h2>{t('prepare.tab.program')}</h2>
        <button
          className="cer-button cer-button--primary"
          data-testid="program-generate"
          disabled={running}
          onClick={() => setConfirming(true)}
        >
          {t('prepare.program.generate')}
        </button>
      </header>
      <p className="program__total" data-testid="program-total">
        <strong>
          {planned === undefined
            ? t('prepare.program.totalNoPlan', { total: formatLength(t, total) })
            : t('prepare.program.total', {
                total: formatLength(t, total),
                planned: formatLength(t, planned),
              })}
        </strong>
        {drift && (
          <span className={`program__drift program__drift--${drift.tone}`} data-testid="program-drift">
            {drift.text}
          </span>
        )}
      </p>
      {running && <p className="admin-hint">{t('prepare.program.running')}</p>}
      {note && (
        <p className={note.ok ? 'admin-ok' : 'admin-error'} role="status" data-testid="program-note">
          {note.text}
        </p>
      )}
      <ol className="program__blocks" data-testid="program-blocks">
        {rows.map((r) => (
          <li key={r.block} className="program__block" data-testid={`program-block-${r.block}`}>
            <span className="program__title">{titleOf(r.block)}</span>
            <span className="program__count">
              {r.cues === 0 ? t('prepare.program.empty') : t('prepare.program.cues', { n: r.cues })}
              {r.handEdited > 0 && (
                <span className="program__hand"> · {t('prepare.program.hand', { n: r.handEdited })}</span>
              )}
            </span>
            <span className="program__length">{formatLength(t, r.durationS)}</span>
            {r.nominationId !== null ? (
              <button
                className="cer-button"
                data-testid={`program-rebuild-${r.block}`}
                disabled={running}
                onClick={() => void generate(r.nominationId!)}
              >
                {t('prepare.program.rebuild')}
              </button>
            ) : (
              <span />
            )}
          </li>
        ))}
      </ol>
      <p className="admin-hint program__setup">
        {t('prepare.program.setupHint')}{' '}
        <button
          className="cer-button cer-button--quiet"
          data-testid="program-open-setup"
          onClick={() => nav.openCue(scenario.cues[0]!.id)}
        >
          {t('prepare.program.openSetup')}
        </button>
      </p>
      <VideoIntoBlock
        onDone={(title) => setNote({ text: t('prepare.program.videoDone', { title }), ok: true })}
        onError={(text) => setNote({ text, ok: false })}
      />
      {confirming && (
        <ConfirmDialog
          text={`${t('prepare.program.confirmTitle')} ${t('prepare.program.confirmText')}`}
          confirmLabel={t('prepare.program.confirm')}
          onConfirm={() => void generate()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
