/**
 * The table beside the tier summary and the centre profile: the rows the one output path builds
 * for that view (shared/output/tables.ts), shown as they are exported, headed by the first column.
 */
import type { TableValue } from '../../../shared/privacy/suppression';
import { PROVISIONAL_MARKER } from '../../../shared/output/words';

export function ViewTable({ label, columns, rows, provisional, notes }: {
  /** Accessible name of the table, e.g. "Tier summary table". */
  label: string;
  columns: readonly string[];
  rows: readonly Record<string, TableValue>[];
  /** Built on at least one provisional standard: say so above the table. */
  provisional: boolean;
  /** Lines printed under the table (how to read it). */
  notes?: readonly string[];
}) {
  return (
    <div className="league" role="region" aria-label={`${label} (scrollable)`} tabIndex={0}>
      <table className="league__table view-table">
        <caption className="league__caption">
          {label}
          {provisional && <> · <span className="badge badge--provisional">{PROVISIONAL_MARKER}</span> some standards are not yet confirmed</>}
        </caption>
        <thead>
          <tr>{columns.map((c) => <th key={c} scope="col"><span className="view-table__heading">{c}</span></th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c, j) => {
                const v = row[c];
                const text = v === null || v === undefined ? '–' : typeof v === 'number' ? v.toLocaleString('en-GB') : String(v);
                return j === 0 ? <th key={c} scope="row">{text}</th> : <td key={c} className={typeof v === 'number' ? 'num' : ''}>{text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {notes && notes.length > 0 && <div className="view-table__notes">{notes.map((n) => <p key={n} className="muted">{n}</p>)}</div>}
    </div>
  );
}
