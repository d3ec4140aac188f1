import { useEffect, useRef, useState } from 'react';
import {
  sizeParts,
  type PackageCounts,
  type PackageReport,
  type PackageSizeAnswer,
  type ShowState,
  errorText,
} from '@ceremony/shared';
import { useLang, useSession, useT, type Translate } from '@ceremony/shared/ui';
import { useAdminApi } from '../admin/api.js';
import { ConfirmDialog } from '../ConfirmDialog.js';
import { downloadFile, packageFileName, uploadFile, type Transfer } from './transfer.xhr.js';
import './transfer.css';
import { apiPath } from '@ceremony/shared/client';

/** «1,2 ГБ»: units from the dictionary, the decimal comma from the language. */
function sizeText(t: Translate, lang: string, bytes: number): string {
  const { value, unit, digits } = sizeParts(bytes);
  const number = value.toLocaleString(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `${number} ${t('package.units').split('|')[unit]}`;
}

/** One line of what a package (or the hall) holds, with plurals. */
function countsText(t: Translate, lang: string, c: PackageCounts): string {
  return [
    t('package.count.nominations', { n: c.nominations }),
    t('package.count.nominees', { n: c.nominees }),
    t('package.count.cues', { n: c.cues }),
    t('package.count.guests', { n: c.guests }),
    t('package.count.media', { n: c.media, size: sizeText(t, lang, c.bytes) }),
  ].join(', ');
}

type Upload = { name: string; sent: number; total: number; transfer: Transfer<unknown> };
type Message = { ok: boolean; text: string };

/**
 * Office to hall: save the whole ceremony (scenario, guests, media) as one file, and load such a
 * file here: uploaded once with progress, checked, shown (what it holds, what it replaces), and put
 * in place only after a confirmation.
 */
export function TransferSection() {
  const t = useT();
  const lang = useLang();
  const api = useAdminApi();
  const { session } = useSession();
  const [size, setSize] = useState<PackageSizeAnswer | null>(null);
  const [saving, setSaving] = useState<number | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [report, setReport] = useState<PackageReport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void api.get<Omit<PackageSizeAnswer, 'ok'>>('/api/admin/package/size').then((a) => a.ok && setSize(a));
  }, [api]);

  async function save() {
    setMessage(null);
    setSaving(0);
    const transfer = downloadFile('/api/admin/package', session.token, setSaving);
    const blob = await transfer.done;
    setSaving(null);
    if (!blob) return setMessage({ ok: false, text: t('package.export.failed') });
    const name = packageFileName();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    setMessage({ ok: true, text: t('package.export.done', { name }) });
  }

  async function choose(file: File | undefined) {
    if (input.current) input.current.value = '';
    if (!file) return;
    setMessage(null);
    setReport(null);
    const transfer = uploadFile<Omit<PackageReport, 'ok'>>(
      '/api/admin/package',
      session.token,
      file,
      (sent, total) => setUpload((u) => u && { ...u, sent, total }),
    );
    setUpload({ name: file.name, sent: 0, total: file.size, transfer });
    const answer = await transfer.done;
    setUpload(null);
    if (answer === 'cancelled') return setMessage({ ok: false, text: t('package.import.cancelled') });
    if (!answer.ok)
      return setMessage({
        ok: false,
        text: answer.error.code === 'TIMEOUT' ? t('package.import.offline') : errorText(t, answer.error),
      });
    setReport(answer);
  }

  async function discard() {
    // A staged package left behind is swept after an hour anyway: a failed DELETE costs nothing.
    if (report)
      await fetch(apiPath(`/api/admin/package/${report.packageId}`), {
        method: 'DELETE',
        headers: { authorization: `Bearer ${session.token}` },
      }).catch(() => null);
    setReport(null);
  }

  async function apply() {
    if (!report) return;
    setConfirming(false);
    const answer = await api.post<{ counts: PackageCounts; state: ShowState }>(
      `/api/admin/package/${report.packageId}/apply`,
    );
    if (!answer.ok) return setMessage({ ok: false, text: errorText(t, answer.error) });
    setReport(null);
    setMessage({ ok: true, text: t('package.applied', { title: report.title }) });
    void api.get<Omit<PackageSizeAnswer, 'ok'>>('/api/admin/package/size').then((a) => a.ok && setSize(a));
  }

  const r = report?.replaces;
  return (
    <div className="admin-section transfer" data-testid="prepare-section-transfer">
      <h2>{t('prepare.tab.transfer')}</h2>
      <p className="admin-hint">{t('package.hint')}</p>

      <div className="transfer__block">
        <h3>{t('package.export.title')}</h3>
        {size && (
          <p className="admin-muted" data-testid="package-size">
            {countsText(t, lang, size.counts)}.{' '}
            {t('package.export.size', { size: sizeText(t, lang, size.bytes) })}
          </p>
        )}
        {size && size.missingMedia.length > 0 && (
          <p className="admin-error">
            {t('package.export.missing', { names: size.missingMedia.join(', ') })}
          </p>
        )}
        <button
          className="cer-button cer-button--primary"
          data-testid="package-export"
          disabled={saving !== null}
          onClick={() => void save()}
        >
          {saving === null
            ? t('package.export.button')
            : t('package.export.saving', { size: sizeText(t, lang, saving) })}
        </button>
      </div>

      <div className="transfer__block">
        <h3>{t('package.import.title')}</h3>
        {!upload && !report && (
          <label className="cer-button admin-file">
            {t('package.import.button')}
            <input
              ref={input}
              type="file"
              accept=".ceremony,application/x-tar"
              data-testid="package-file"
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </label>
        )}
        {upload && (
          <div className="transfer__progress" data-testid="package-progress">
            <p>
              {t('package.import.uploading', {
                name: upload.name,
                done: sizeText(t, lang, upload.sent),
                total: sizeText(t, lang, upload.total),
              })}
            </p>
            <progress max={upload.total || 1} value={upload.sent} />
            <button className="cer-button cer-button--quiet" onClick={() => upload.transfer.cancel()}>
              {t('package.import.cancel')}
            </button>
          </div>
        )}
        {report && r && (
          <div className="transfer__report" data-testid="package-report">
            <p>
              <strong>
                {t('package.report.title', {
                  title: report.title,
                  date: new Date(report.createdAt).toLocaleString(lang),
                })}
              </strong>
              : {countsText(t, lang, report.counts)}.
            </p>
            <p>
              {t('package.report.replaces', { title: r.title })}: {countsText(t, lang, r)};{' '}
              {t('package.count.admissions', { n: r.admissions })}.
            </p>
            <p className="admin-muted">
              {t('package.count.added', { n: r.mediaAdded })},{' '}
              {t('package.count.replaced', { n: r.mediaReplaced })}. {t('package.report.keep')}
            </p>
            <div className="admin-row">
              <button className="cer-button" onClick={() => void discard()}>
                {t('package.discard')}
              </button>
              <button
                className="cer-button cer-button--primary"
                data-testid="package-replace"
                onClick={() => setConfirming(true)}
              >
                {t('package.replace')}
              </button>
            </div>
          </div>
        )}
      </div>

      {message && (
        <p
          className={message.ok ? 'admin-ok' : 'admin-error'}
          role={message.ok ? undefined : 'alert'}
          data-testid="package-message"
        >
          {message.text}
        </p>
      )}
      {confirming && report && r && (
        <ConfirmDialog
          text={t('package.confirm', { current: r.title, title: report.title })}
          confirmLabel={t('package.replace')}
          onConfirm={() => void apply()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
