import { ConnectionIndicator, useT } from '@ceremony/shared/ui';
import { useDesk, useDeskState } from './desk/DeskProvider.js';
import { summariseOutcomes } from './offline/queue.js';

/** Under the title: the link, the offline queue, arrivals so far, and what the last replay did. */
export function StatusBar() {
  const t = useT();
  const desk = useDesk();
  const reachable = useDeskState((s) => s.reachable);
  const queued = useDeskState((s) => s.queue.length);
  const arrived = useDeskState((s) => s.stats?.arrived ?? null);
  const expected = useDeskState((s) => s.stats?.expected ?? null);
  const replayed = useDeskState((s) => s.replayed);
  const syncing = useDeskState((s) => s.syncing);
  const directory = useDeskState((s) => s.directoryCount);
  const summary = summariseOutcomes(replayed);

  return (
    <div className="status" data-testid="desk" data-directory={directory} data-reachable={reachable}>
      {reachable ? (
        <ConnectionIndicator />
      ) : (
        <span className="status__offline" data-testid="offline" role="status">
          {t('checkin.offline')}
        </span>
      )}
      {queued > 0 && (
        <span className="status__queue" data-testid="queue" data-count={queued}>
          {t('checkin.queued', { n: queued })}
        </span>
      )}
      {syncing && <span className="status__sync">{t('checkin.syncing')}</span>}
      {arrived !== null && expected !== null && (
        <span className="status__stats" data-testid="arrived">
          {t('checkin.arrived', { n: arrived, total: expected })}
        </span>
      )}
      {replayed.length > 0 && (
        <button
          type="button"
          className="status__replayed"
          data-testid="replayed"
          onClick={() => desk.store.setState({ replayed: [] })}
        >
          {t('checkin.replayed', { n: summary.admitted })}
          {summary.already > 0 && ` · ${t('checkin.replayedAlready', { n: summary.already })}`}
          {summary.refused > 0 && ` · ${t('checkin.replayedRefused', { n: summary.refused })}`}
          {replayed
            .filter((o) => o.result?.status === 'already-admitted')
            .map((o) => (
              <span key={o.scanId} className="status__replayed-line">
                {t('checkin.replayedBy', { name: o.name, device: o.result?.firstDevice ?? '—' })}
              </span>
            ))}
        </button>
      )}
    </div>
  );
}
