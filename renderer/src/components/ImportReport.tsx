/**
 * How every row of an import was accounted for, the columns as read, and the identifiers
 * guarded: the validation report, stored with the dataset and exportable as CSV.
 */
import type { DatasetMeta } from '../store/database';
import { host } from '../host';
import { validationReportCsv } from '../../../shared/io/validate';

const REASON_LABELS: Record<string, string> = {
  ragged_row: 'Wrong number of fields',
  unterminated_quote: 'Unterminated quote',
  duplicate_patient: 'Duplicate patient in the same centre',
  malformed_centre_code: 'Malformed centre code',
  missing_centre_code: 'No centre code',
};

/** A reason code as words. */
export function reasonLabel(reason: string): string {
  return REASON_LABELS[reason] ?? reason.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function ImportReport({ meta }: { meta: DatasetMeta }) {
  const { accounting } = meta;
  const excluded = Object.entries(accounting.rowsExcluded).filter(([, n]) => n > 0);
  const excludedTotal = excluded.reduce((sum, [, n]) => sum + n, 0);
  const clean = accounting.rowsImported - accounting.rowsWithWarnings;
  const exportReport = () => host.saveFile({
    suggestedName: `${meta.fileName.replace(/\.[^.]+$/, '')}-validation-report.csv`,
    mimeType: 'text/csv',
    data: validationReportCsv({ fileName: meta.fileName, columns: meta.columns, accounting: meta.accounting, problems: meta.validation.problems, problemsTruncated: meta.validation.truncated }),
  });
  return (
    <details className="import-report">
      <summary>
        Row accounting: {accounting.rowsRead.toLocaleString('en-GB')} rows read = {clean.toLocaleString('en-GB')} imported
        {' '}+ {accounting.rowsWithWarnings.toLocaleString('en-GB')} imported with warnings + {excludedTotal.toLocaleString('en-GB')} excluded
      </summary>
      <div className="import-report__body">
        <table className="compact">
          <caption>Every input row, accounted for</caption>
          <tbody>
            <tr><th scope="row">Rows read</th><td className="num">{accounting.rowsRead.toLocaleString('en-GB')}</td></tr>
            <tr><th scope="row">Imported</th><td className="num">{clean.toLocaleString('en-GB')}</td></tr>
            <tr><th scope="row">Imported with warnings</th><td className="num">{accounting.rowsWithWarnings.toLocaleString('en-GB')}</td></tr>
            {excluded.map(([reason, n]) => (
              <tr key={reason}><th scope="row">Excluded: {reasonLabel(reason)}</th><td className="num">{n.toLocaleString('en-GB')}</td></tr>
            ))}
            <tr className="total"><th scope="row">Total</th><td className="num">{(accounting.rowsImported + excludedTotal).toLocaleString('en-GB')}</td></tr>
          </tbody>
        </table>
        <table className="compact">
          <caption>Columns</caption>
          <thead><tr><th scope="col">Source column</th><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Missing</th><th scope="col">Invalid</th><th scope="col">Values normalised</th></tr></thead>
          <tbody>
            {meta.columns.map((c) => (
              <tr key={c.source}>
                <th scope="row">{c.source}</th><td>{c.field ?? <span className="muted">(kept as is)</span>}</td><td>{c.type}{c.dateOrder ? ` (${c.dateOrder})` : ''}</td>
                <td className="num">{c.missing.toLocaleString('en-GB')}</td><td className="num">{c.invalid.toLocaleString('en-GB')}</td>
                <td className="muted">{c.normalised ? Object.entries(c.normalised).map(([from, to]) => `${from} → ${to}`).join('; ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {meta.identifiers.length > 0 && (
          <table className="compact">
            <caption>Direct identifiers found</caption>
            <thead><tr><th scope="col">Column</th><th scope="col">Looks like</th><th scope="col">Action</th></tr></thead>
            <tbody>
              {meta.identifiers.map((f) => (
                <tr key={f.column} className={f.action === 'kept' ? 'warning' : ''}><th scope="row">{f.column}</th><td>{f.kind.replace(/_/g, ' ')}</td><td>{f.action === 'masked' ? `kept; identifiers inside ${f.masked ?? 0} ${f.masked === 1 ? 'value' : 'values'} masked` : f.action}</td></tr>
              ))}
            </tbody>
          </table>
        )}
        <button type="button" onClick={exportReport}>Export validation report (CSV)</button>
      </div>
    </details>
  );
}
