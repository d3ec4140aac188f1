import { mediaNameProblem, errorText, wordsText, type ErrorBody } from '@ceremony/shared';
import { useSession, useT } from '@ceremony/shared/ui';
import { useCallback, useRef, useState } from 'react';
import { uploadMedia } from './mediaUpload.js';
import { SizeText } from './MediaList.js';

type Phase =
  | { kind: 'waiting' }
  | { kind: 'sending'; sent: number }
  | { kind: 'done' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; text: string };

interface Upload {
  id: number;
  file: File;
  phase: Phase;
  abort?: () => void;
}

/** Two at a time: a hall laptop's disk and Wi-Fi are better used by finishing files than by starting all. */
const PARALLEL = 2;

/**
 * Drop zone and file picker; every file gets its own line with a progress bar, a cancel button and its
 * outcome in words. `onUploaded` runs after each file the server kept, so the list below refreshes.
 */
export function MediaUploads({ onUploaded }: { onUploaded: () => void }) {
  const t = useT();
  const { session } = useSession();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const queue = useRef<Upload[]>([]);
  const running = useRef(0);
  const nextId = useRef(1);

  const update = useCallback(
    (id: number, change: Partial<Upload>) =>
      setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u))),
    [],
  );

  const pump = useCallback(() => {
    while (running.current < PARALLEL && queue.current.length > 0) {
      const u = queue.current.shift()!;
      running.current++;
      const job = uploadMedia(u.file, session.token, (sent) =>
        update(u.id, { phase: { kind: 'sending', sent } }),
      );
      update(u.id, { phase: { kind: 'sending', sent: 0 }, abort: job.abort });
      void job.done.then((answer) => {
        running.current--;
        if (answer === 'aborted') update(u.id, { phase: { kind: 'cancelled' }, abort: undefined });
        else if (answer.ok) {
          update(u.id, { phase: { kind: 'done' }, abort: undefined });
          onUploaded();
        } else
          update(u.id, {
            phase: { kind: 'failed', text: uploadErrorText(t, answer.error) },
            abort: undefined,
          });
        pump();
      });
    }
  }, [onUploaded, session.token, t, update]);

  const add = (files: FileList | null) => {
    if (!files) return;
    const added: Upload[] = [...files].map((file) => {
      const reason = mediaNameProblem(file.name);
      const phase: Phase = reason
        ? { kind: 'failed', text: t('prepare.media.error.badName', { reason: wordsText(t, reason) }) }
        : { kind: 'waiting' };
      return { id: nextId.current++, file, phase };
    });
    setUploads((list) => [
      ...added,
      ...list.filter((u) => u.phase.kind === 'sending' || u.phase.kind === 'waiting'),
    ]);
    queue.current.push(...added.filter((u) => u.phase.kind === 'waiting'));
    pump();
  };

  const cancel = (u: Upload) => {
    const waiting = queue.current.findIndex((q) => q.id === u.id);
    if (waiting >= 0) {
      queue.current.splice(waiting, 1);
      update(u.id, { phase: { kind: 'cancelled' } });
    } else u.abort?.();
  };

  return (
    <div className="media-uploads">
      <label
        className={`media-drop${over ? ' media-drop--over' : ''}`}
        data-testid="media-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          add(e.dataTransfer.files);
        }}
      >
        <span className="media-drop__text">
          {t(over ? 'prepare.media.dropActive' : 'prepare.media.drop')}
        </span>
        <span className="cer-button media-drop__button">{t('prepare.media.choose')}</span>
        <input
          type="file"
          multiple
          data-testid="media-input"
          accept=".jpg,.jpeg,.png,.webp,.mp4,.m4v,.webm,.vtt,image/jpeg,image/png,image/webp,video/mp4,video/webm,text/vtt"
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
        />
      </label>
      {uploads.length > 0 && (
        <ul className="media-upload-list" data-testid="media-uploads">
          {uploads.map((u) => (
            <UploadLine
              key={u.id}
              upload={u}
              onCancel={() => cancel(u)}
              onDismiss={() => setUploads((l) => l.filter((x) => x.id !== u.id))}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function UploadLine({
  upload,
  onCancel,
  onDismiss,
}: {
  upload: Upload;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const t = useT();
  const { file, phase } = upload;
  const percent =
    phase.kind === 'sending'
      ? Math.floor((phase.sent / Math.max(1, file.size)) * 100)
      : phase.kind === 'done'
        ? 100
        : 0;
  const active = phase.kind === 'waiting' || phase.kind === 'sending';
  return (
    <li
      className={`media-upload media-upload--${phase.kind}`}
      data-testid="media-upload"
      data-phase={phase.kind}
    >
      <span className="media-upload__name" title={file.name}>
        {file.name}
      </span>
      <span className="media-upload__size">
        <SizeText bytes={file.size} />
      </span>
      <progress className="media-upload__bar" max={100} value={percent} />
      <span
        className={`media-upload__state${phase.kind === 'failed' ? ' admin-error' : phase.kind === 'done' ? ' admin-ok' : ''}`}
      >
        {phase.kind === 'waiting' && t('prepare.media.waiting')}
        {phase.kind === 'sending' &&
          (percent >= 100 ? t('prepare.media.checking') : t('prepare.media.uploading', { percent }))}
        {phase.kind === 'done' && t('prepare.media.done')}
        {phase.kind === 'cancelled' && t('prepare.media.cancelled')}
        {phase.kind === 'failed' && phase.text}
      </span>
      {active ? (
        <button
          className="cer-button media-upload__action"
          data-testid="media-upload-cancel"
          onClick={onCancel}
        >
          {t('prepare.media.cancel')}
        </button>
      ) : (
        <button className="cer-button media-upload__action" onClick={onDismiss}>
          {t('prepare.media.dismiss')}
        </button>
      )}
    </li>
  );
}

type T = ReturnType<typeof useT>;
function uploadErrorText(t: T, error: ErrorBody): string {
  switch (error.code) {
    case 'CONFLICT':
    case 'INVALID_PAYLOAD':
    case 'PAYLOAD_TOO_LARGE':
    case 'INSUFFICIENT_STORAGE':
      return t(`prepare.media.error.${error.code}`);
    case 'TIMEOUT':
      return t('prepare.media.error.offline');
    default:
      return t('prepare.media.error.other', { message: errorText(t, error) });
  }
}
