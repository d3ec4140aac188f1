import { useCallback, useEffect, useRef, useState } from 'react';
import {
  GUEST_FIELDS,
  type GuestField,
  type ImportMapping,
  type ImportReport,
  errorText,
} from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useAdminApi } from './api.js';
import { ImportDetected, ImportErrors, ImportFileRow, ImportNomineeLinks } from './ImportParts.js';

type Choice = GuestField | 'ignore';
type ImportOptions = { dryRun: boolean; replace: boolean; mapping: ImportMapping };

/** An import the server answered «waits for the backup laptop»: it lands when that one answers. */
interface Waiting {
  file: File;
  opts: ImportOptions;
  /** The check that came before it: what the import does once it lands. */
  checked: ImportReport;
}

/** How often a waiting import is checked again: a read, answered while the write waits. */
const RECHECK_MS = 3000;

function importPath(opts: ImportOptions): string {
  const q = new URLSearchParams({ dryRun: opts.dryRun ? '1' : '0', replace: opts.replace ? '1' : '0' });
  if (Object.keys(opts.mapping).length) q.set('mapping', JSON.stringify(opts.mapping));
  return `/api/guests/import?${q.toString()}`;
}

/** Choose a spreadsheet, see how it reads (columns, bad rows, the first guests), then import it. */
export function GuestImport() {
  const t = useT();
  const api = useAdminApi();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [replace, setReplace] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const result = useRef<HTMLDivElement>(null);
  // On the tablet the file row is low on the screen: bring the verdict and its button into view.
  useEffect(() => {
    if (report || failure) result.current?.scrollIntoView({ block: 'nearest' });
  }, [report, failure]);

  const run = useCallback(
    async (f: File, opts: ImportOptions, checked: ImportReport | null = null) => {
      setBusy(true);
      setWaiting(null);
      const answer = await api.upload<ImportReport>(importPath(opts), f);
      setBusy(false);
      if (!answer.ok) {
        if (!opts.dryRun && checked && answer.error.reason === 'error.store.standbyWaiting')
          setWaiting({ file: f, opts, checked });
        return setFailure(errorText(t, answer.error));
      }
      setFailure(null);
      setReport(answer);
    },
    [api, t],
  );

  // The words promised the import would land once the backup laptop answers (or standby.sh solo
  // ran): a check of the same file that finds nothing left to change says it has, so the screen
  // says «Загружено» instead of keeping the refusal and the button.
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const recheck = async () => {
      const answer = await api.upload<ImportReport>(
        importPath({ ...waiting.opts, dryRun: true }),
        waiting.file,
      );
      if (stopped) return;
      if (answer.ok && answer.errors.length === 0 && answer.created + answer.updated + answer.removed === 0) {
        setWaiting(null);
        setFailure(null);
        setReport({ ...waiting.checked, dryRun: false });
        return;
      }
      timer = setTimeout(() => void recheck(), RECHECK_MS);
    };
    timer = setTimeout(() => void recheck(), RECHECK_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [waiting, api]);

  const choose = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    setMapping({});
    // The last file's report must not stand under a new file that turns out unreadable.
    setReport(null);
    void run(f, { dryRun: true, replace, mapping: {} });
  };
  const remap = (header: string, choice: Choice) => {
    const next = { ...mapping, [header]: choice };
    setMapping(next);
    if (file) void run(file, { dryRun: true, replace, mapping: next });
  };
  const toggleReplace = (on: boolean) => {
    setReplace(on);
    if (file) void run(file, { dryRun: true, replace: on, mapping });
  };

  const counts = report && {
    created: report.created,
    updated: report.updated,
    removed: report.removed,
    unchanged: report.unchanged ?? 0,
  };
  const applied = report && !report.dryRun && report.errors.length === 0;
  // Nothing to show about columns when the file could not be read at all.
  const readable = report !== null && report.columns.length > 0;
  return (
    <div className="admin-section" data-testid="guest-import">
      <header className="admin-head">
        <h2>{t('admin.import.title')}</h2>
        <button
          className="cer-button cer-button--quiet"
          onClick={() => void api.download('/api/admin/guests.csv', 'guests.csv')}
        >
          {t('admin.import.export')}
        </button>
      </header>
      <p className="admin-hint">{t('admin.import.hint')}</p>
      <ImportFileRow
        file={file}
        onChoose={choose}
        replace={replace}
        onReplace={toggleReplace}
        replaceLabel={t('admin.import.replace')}
        testId="import-file"
      />
      <div ref={result} className="admin-result">
        {failure && (
          <p className="admin-error" role="alert">
            {failure}
          </p>
        )}
        {report && readable && <ImportDetected report={report} />}
        {report &&
          (report.errors.length > 0 ? (
            <ImportErrors errors={report.errors} />
          ) : (
            <div className="admin-row">
              <p className="admin-ok" data-testid="import-ready">
                {counts && <ImportCounts counts={counts} applied={!!applied} />}
              </p>
              {!applied && (
                <button
                  className="cer-button cer-button--primary"
                  data-testid="import-apply"
                  disabled={busy || !file || waiting !== null}
                  onClick={() => file && void run(file, { dryRun: false, replace, mapping }, report)}
                >
                  {t('admin.import.apply')}
                </button>
              )}
            </div>
          ))}
      </div>
      {report && readable && (
        <>
          <h3>{t('admin.import.mapping')}</h3>
          <div className="admin-mapping">
            {report.columns.map((c) => {
              const unknown = report.unknownHeaders.includes(c.header);
              return (
                <label key={c.header} className={`admin-map${unknown ? ' admin-map--unknown' : ''}`}>
                  <span className="admin-map__header">{c.header || '—'}</span>
                  {unknown && <span className="admin-map__note">{t('admin.import.unknownHeader')}</span>}
                  <select
                    className="cer-input admin-map__select"
                    data-testid={`map-${c.header}`}
                    value={mapping[c.header] ?? c.field ?? (unknown ? '' : 'ignore')}
                    onChange={(e) => remap(c.header, e.target.value as Choice)}
                  >
                    {unknown && <option value="">{t('admin.import.unknown')}</option>}
                    {GUEST_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`field.${f}`)}
                      </option>
                    ))}
                    <option value="ignore">{t('field.ignore')}</option>
                  </select>
                </label>
              );
            })}
          </div>
        </>
      )}
      {report && <ImportNomineeLinks report={report} />}
      {report && report.preview.length > 0 && <PreviewTable report={report} />}
    </div>
  );
}

/** The counts in words; a file that matches the list exactly says so instead of «обновится 30». */
function ImportCounts({
  counts,
  applied,
}: {
  counts: { created: number; updated: number; removed: number; unchanged: number };
  applied: boolean;
}) {
  const t = useT();
  if (counts.created + counts.updated + counts.removed === 0 && counts.unchanged > 0)
    return <>{t(applied ? 'admin.import.sameDone' : 'admin.import.same', { n: counts.unchanged })}</>;
  return (
    <>
      {t(applied ? 'admin.import.done' : 'admin.import.ready', counts)}
      {counts.unchanged > 0 && t('admin.import.unchanged', { n: counts.unchanged })}
    </>
  );
}

function PreviewTable({ report }: { report: ImportReport }) {
  const t = useT();
  const cols = ['name', 'category', 'organisation', 'nomination', 'seat', 'consent'] as const;
  return (
    <>
      <h3>{t('admin.import.preview')}</h3>
      <div className="admin-table-wrap">
        <table className="admin-table" data-testid="import-preview">
          <thead>
            <tr>
              {cols.map((c) => (
                <th key={c}>{t(`field.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.preview.map((g) => (
              <tr key={g.id}>
                <td>{g.name}</td>
                <td>{t(`category.${g.category}`)}</td>
                <td>{g.organisation ?? ''}</td>
                <td>{g.nomination ?? ''}</td>
                <td>{g.seat ?? ''}</td>
                <td>{g.consent ? '✓' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
