/** Test helper: a ColumnarTable from plain columns, typed by the canonical field definitions. */
import { daysFromIso, type Column, type ColumnarTable, type ColumnKind } from '../../../shared/data/table';
import { KPI_FIELDS, PATIENT_FIELDS } from '../../../shared/schema/fields';

type Cell = string | number | null;

const kinds = new Map<string, ColumnKind>([...PATIENT_FIELDS, ...KPI_FIELDS].map((f) => [f.name, f.kind]));

/** Build a typed column; dates are ISO strings, missing values null. */
export function column(name: string, cells: Cell[], kind: ColumnKind = kinds.get(name) ?? 'text'): Column {
  if (kind === 'text') {
    const dictionary: string[] = [];
    const seen = new Map<string, number>();
    const codes = new Int32Array(cells.map((c) => {
      if (c === null) return -1;
      const s = String(c);
      let k = seen.get(s);
      if (k === undefined) { k = dictionary.length; seen.set(s, k); dictionary.push(s); }
      return k;
    }));
    return { kind, name, codes, dictionary };
  }
  const values = new Float64Array(cells.map((c) => (c === null ? Number.NaN : kind === 'date' ? daysFromIso(String(c)) : Number(c))));
  return { kind, name, values } as Column;
}

/** Build a table from named cell arrays of equal length. */
export function buildTable(columns: Record<string, Cell[]>, kindsOverride: Record<string, ColumnKind> = {}): ColumnarTable {
  const entries = Object.entries(columns);
  const rowCount = entries.length ? entries[0][1].length : 0;
  return { rowCount, columns: entries.map(([name, cells]) => column(name, cells, kindsOverride[name])) };
}
