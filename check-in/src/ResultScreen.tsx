import { useT } from '@ceremony/shared/ui';
import { useEffect, useRef, useState } from 'react';
import { useDesk, useDeskState } from './desk/DeskProvider.js';
import { ScanRefusal } from './ScanRefusal.js';
import { ScanResultCard } from './ScanResultCard.js';
import { signal, toneOf } from './signal.js';
import { UndoAdmission } from './UndoAdmission.js';

/** A green answer clears itself so the camera is back for the next guest; amber and red wait for a tap. */
const GREEN_CLEARS_AFTER_MS = 6000;

/** The last answer over the whole screen, with its sound and vibration. */
export function ResultScreen() {
  const t = useT();
  const desk = useDesk();
  const shown = useDeskState((s) => s.shown);
  const reachable = useDeskState((s) => s.reachable);
  const [undoing, setUndoing] = useState(false);
  const undoingRef = useRef(undoing);
  undoingRef.current = undoing;

  useEffect(() => {
    if (!shown) return;
    setUndoing(false);
    signal(toneOf(shown.result?.status ?? 'error'));
    if (shown.result?.status !== 'admitted') return;
    const timer = setTimeout(() => undoingRef.current || desk.dismiss(), GREEN_CLEARS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [shown, desk]);

  if (!shown) return null;
  const next = (
    <button className="cer-button scan__next" data-testid="scan-next" onClick={() => desk.dismiss()}>
      {t('checkin.next')}
    </button>
  );
  if (!shown.result)
    return (
      <div className="result-screen">
        <section className="scan scan--error" data-testid="scan-result" data-status="error" role="alert">
          <ScanRefusal shown={shown} />
          <div className="scan__actions">{next}</div>
        </section>
      </div>
    );
  const guestId = shown.result.guest?.id;
  // Offline, only an admission still waiting on this phone can be taken back (it never left it).
  const canUndo = shown.result.status === 'admitted' && (shown.pending || reachable) && guestId;
  return (
    <div className="result-screen">
      <ScanResultCard
        code={shown.code}
        result={shown.result}
        pending={shown.pending}
        offline={shown.offline}
        notSaving={shown.notSaving === true}
      >
        {undoing && guestId ? (
          <UndoAdmission guestId={guestId} onClose={() => setUndoing(false)} />
        ) : (
          <>
            {next}
            {canUndo && (
              <button
                className="cer-button scan__undo"
                data-testid="undo-open"
                onClick={() => setUndoing(true)}
              >
                {t('checkin.undo')}
              </button>
            )}
          </>
        )}
      </ScanResultCard>
    </div>
  );
}
