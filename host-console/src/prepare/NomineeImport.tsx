import { type NomineeImportReport, errorText } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { useState } from 'react';
import { useAdminApi } from '../admin/api.js';
import { ImportDetected, ImportErrors, ImportFileRow } from '../admin/ImportParts.js';

/** Choose the nominee spreadsheet, see how it reads (a dry run), then «Загрузить»: all rows or none. */
export function NomineeImport({ onDone, onClose }: { onDone: () => void; onClose: () => void }) {
  const t = useT();
  const api = useAdminApi();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [report, setReport] = useState<NomineeImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (f: File, dryRun: boolean, withReplace: boolean) => {
    setBusy(true);
    const q = new URLSearchParams({ dryRun: dryRun ? '1' : '0', replace: withReplace ? '1' : '0' });
    const answer = await api.upload<NomineeImportReport>(`/api/admin/nominees/import?${q.toString()}`, f);
    setBusy(false);
    if (!answer.ok) return setFailure(errorText(t, answer.error));
    setFailure(null);
    setReport(answer);
    if (!dryRun && answer.errors.length === 0) onDone();
  };
  const choose = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    setReport(null);
    void run(f, true, replace);
  };
  const applied = report && !report.dryRun && report.errors.length === 0;
  const counts = report && { created: report.created, updated: report.updated, removed: report.removed };

  return (
    <div className="cer-card nominee-import" data-testid="nominee-import">
      <header className="admin-head">
        <h3>{t('prepare.nominees.importTitle')}</h3>
        <button className="cer-button cer-button--quiet" onClick={onClose}>
          {t('prepare.nominees.importClose')}
        </button>
      </header>
      <p className="admin-hint">{t('prepare.nominees.importHint')}</p>
      <ImportFileRow
        file={file}
        onChoose={choose}
        replace={replace}
        onReplace={(on) => {
          setReplace(on);
          if (file) void run(file, true, on);
        }}
        replaceLabel={t('prepare.nominees.importReplace')}
        testId="nominee-import-file"
      />
      {failure && (
        <p className="admin-error" role="alert">
          {failure}
        </p>
      )}
      {report && (
        <>
          <ImportDetected report={report} />
          <h3>{t('prepare.nominees.importColumns')}</h3>
          <ul className="nominee-import__columns">
            {report.columns.map((c, i) => (
              <li key={i} className={c.field ? '' : 'nominee-import__unknown'}>
                <b>{c.header || '—'}</b> →{' '}
                {c.field ? t(`prepare.nominees.column.${c.field}`) : t('prepare.nominees.importIgnored')}
              </li>
            ))}
          </ul>
          {report.unknownHeaders.length > 0 && (
            <p className="admin-error" data-testid="nominee-import-unknown">
              {t('prepare.nominees.importUnknown', { headers: report.unknownHeaders.join(', ') })}
            </p>
          )}
          {report.errors.length > 0 ? (
            <ImportErrors errors={report.errors} />
          ) : (
            <div className="admin-row">
              <p className="admin-ok" data-testid="nominee-import-ready">
                {t(applied ? 'admin.import.done' : 'admin.import.ready', counts ?? {})}
              </p>
              {!applied && (
                <button
                  className="cer-button cer-button--primary"
                  data-testid="nominee-import-apply"
                  disabled={busy || !file}
                  onClick={() => file && void run(file, false, replace)}
                >
                  {t('admin.import.apply')}
                </button>
              )}
            </div>
          )}
          {report.preview.length > 0 && (
            <>
              <h3>{t('admin.import.preview')}</h3>
              <div className="admin-table-wrap">
                <table className="admin-table" data-testid="nominee-import-preview">
                  <tbody>
                    {report.preview.map((n) => (
                      <tr key={n.id}>
                        <td className="nominee-import__name">{n.name}</td>
                        <td>{t(`prepare.nominees.kind.${n.kind}`)}</td>
                        <td>{n.leader ?? ''}</td>
                        <td>{n.honoured ? t('prepare.nominees.laureate') : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
