/**
 * The workbench's in-memory extract: typed columns, one array per column, no object per row.
 * Parsers write straight into this shape; analyses read it; the store turns it into Arrow IPC.
 */

/** Days since 1970-01-01 (UTC calendar days); NaN marks a missing date. */
export interface DateColumn {
  kind: 'date';
  name: string;
  values: Float64Array;
}

/** A numeric column; NaN marks a missing value. */
export interface NumberColumn {
  kind: 'number';
  name: string;
  values: Float64Array;
}

/** A dictionary-encoded text column; code -1 marks a missing value. */
export interface TextColumn {
  kind: 'text';
  name: string;
  codes: Int32Array;
  dictionary: string[];
}

export type Column = DateColumn | NumberColumn | TextColumn;
export type ColumnKind = Column['kind'];

/** A whole extract as typed columns. */
export interface ColumnarTable {
  rowCount: number;
  columns: Column[];
}

/** The column with this name, or undefined. */
export function findColumn(table: ColumnarTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** A cell as a plain value: string, number, ISO date string, or null when missing. */
export function cellValue(column: Column, row: number): string | number | null {
  if (column.kind === 'text') {
    const code = column.codes[row];
    return code < 0 ? null : column.dictionary[code];
  }
  const v = column.values[row];
  if (Number.isNaN(v)) return null;
  return column.kind === 'date' ? isoFromDays(v) : v;
}

const MS_PER_DAY = 86_400_000;

/** ISO yyyy-mm-dd for a day number (days since 1970-01-01). */
export function isoFromDays(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day number for a calendar date; month is 1-12. Returns NaN for an impossible date. */
export function daysFromYmd(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return Number.NaN;
  return t / MS_PER_DAY;
}

/** Day number for an ISO yyyy-mm-dd string, or NaN. */
export function daysFromIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? daysFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : Number.NaN;
}

/** Keep only the given rows (ascending row indices) of every column. */
export function selectRows(table: ColumnarTable, rows: Int32Array | number[]): ColumnarTable {
  const n = rows.length;
  const columns = table.columns.map((c): Column => {
    if (c.kind === 'text') {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = c.codes[rows[i]];
      return { ...c, codes };
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = c.values[rows[i]];
    return { ...c, values };
  });
  return { rowCount: n, columns };
}

/**
 * A dictionary-encoded column with each value replaced (`values[k]` for code k): equal results
 * share one code, in first-seen order, and missing (-1) stays missing. When no two values merge,
 * the codes are unchanged and the same array is returned. The one way a dictionary is rewritten
 * (centre codes and categories normalised, identifiers masked in text).
 */
export function recodeDictionary(codes: Int32Array, values: readonly string[]): { codes: Int32Array; dictionary: string[] } {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const remap = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      index.set(v, code);
      dictionary.push(v);
    }
    remap[k] = code;
  }
  if (dictionary.length === values.length) return { codes, dictionary };
  const out = new Int32Array(codes.length);
  for (let r = 0; r < out.length; r++) out[r] = codes[r] < 0 ? -1 : remap[codes[r]];
  return { codes: out, dictionary };
}
