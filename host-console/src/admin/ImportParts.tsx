import { wordsText, type ImportReport } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';

/** Pieces of an import's screen that the guest and the nominee imports show alike. */

// The server tells the format by the bytes; this only filters what the tablet's picker offers.
const ACCEPT =
  '.csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The spreadsheet chooser and the «replace the list» option, in one row. */
export function ImportFileRow({
  file,
  onChoose,
  replace,
  onReplace,
  replaceLabel,
  testId,
}: {
  file: File | null;
  onChoose: (file: File | undefined) => void;
  replace: boolean;
  onReplace: (on: boolean) => void;
  replaceLabel: string;
  testId: string;
}) {
  const t = useT();
  return (
    <div className="admin-row">
      <label className="cer-button admin-file">
        {t('admin.import.choose')}
        <input
          type="file"
          accept={ACCEPT}
          data-testid={testId}
          onChange={(e) => onChoose(e.target.files?.[0])}
        />
      </label>
      {file && <span className="admin-muted">{t('admin.import.file', { name: file.name })}</span>}
      <label className="admin-check">
        <input
          type="checkbox"
          data-testid={`${testId}-replace`}
          checked={replace}
          onChange={(e) => onReplace(e.target.checked)}
        />
        {replaceLabel}
      </label>
    </div>
  );
}

/** How the file was read: an Excel workbook, or CSV with its encoding and delimiter; and how many rows. */
export function ImportDetected({
  report,
}: {
  report: Pick<ImportReport, 'format' | 'encoding' | 'delimiter' | 'rows'>;
}) {
  const t = useT();
  // A file that could not be read has no encoding to name: «Кодировка , разделитель «»» said nothing.
  if (report.format === 'csv' && !report.encoding) return null;
  return (
    <p className="admin-muted" data-testid="import-detected">
      {report.format === 'xlsx'
        ? t('admin.import.detectedXlsx', { rows: report.rows })
        : t('admin.import.detected', {
            encoding: report.encoding ?? '',
            delimiter: report.delimiter === '\t' ? 'TAB' : (report.delimiter ?? ''),
            rows: report.rows,
          })}
    </p>
  );
}

/** Every bad row by its line: nothing is written while there is one. */
export function ImportErrors({ errors }: { errors: ImportReport['errors'] }) {
  const t = useT();
  return (
    <div className="admin-errors" data-testid="import-errors">
      <h3>{t('admin.import.errors', { n: errors.length })}</h3>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <b>{t('admin.import.line', { line: e.line })}</b> {wordsText(t, e)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Guest import: nominee guests linked to their nominee by name, and names two nominees share (not linked). */
export function ImportNomineeLinks({ report }: { report: Pick<ImportReport, 'links' | 'ambiguous'> }) {
  const t = useT();
  const links = report.links ?? [];
  const ambiguous = report.ambiguous ?? [];
  if (!links.length && !ambiguous.length) return null;
  return (
    <div data-testid="import-links">
      {links.length > 0 && <h3>{t('prepare.nominees.links', { n: links.length })}</h3>}
      <ul className="admin-links">
        {links.map((l) => (
          <li key={l.line}>
            <b>{t('admin.import.line', { line: l.line })}</b> {t('prepare.nominees.linkLine', l)}
          </li>
        ))}
        {ambiguous.map((a) => (
          <li key={a.line} className="admin-error">
            <b>{t('admin.import.line', { line: a.line })}</b>{' '}
            {t('prepare.nominees.ambiguous', {
              guest: a.guest,
              candidates: a.candidates.map((c) => `«${c.name}»`).join(', '),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
