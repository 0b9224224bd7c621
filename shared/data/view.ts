/**
 * Sorting, filtering and column summaries over a ColumnarTable without an object per row:
 * everything works on row-index arrays and typed columns, so a 1M-row extract stays smooth.
 */
import { cellValue, daysFromIso, type Column, type ColumnarTable } from './table';

export interface SortKey {
  column: string;
  descending: boolean;
}

/** A per-column filter as a person types it: text contains, or a comparison such as ">= 5" or "< 2024-01-01". */
export interface ColumnFilter {
  column: string;
  query: string;
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Rank of each dictionary entry in collation order (missing sorts last). */
function dictionaryRanks(dictionary: string[]): Int32Array {
  const order = dictionary.map((_, i) => i).sort((a, b) => collator.compare(dictionary[a], dictionary[b]));
  const ranks = new Int32Array(dictionary.length);
  order.forEach((code, rank) => { ranks[code] = rank; });
  return ranks;
}

/** A numeric sort key per row for one column; missing values get +Infinity so they sort last. */
function sortKeyFor(column: Column, rows: Int32Array): Float64Array {
  const keys = new Float64Array(rows.length);
  if (column.kind === 'text') {
    const ranks = dictionaryRanks(column.dictionary);
    for (let i = 0; i < rows.length; i++) {
      const code = column.codes[rows[i]];
      keys[i] = code < 0 ? Number.POSITIVE_INFINITY : ranks[code];
    }
  } else {
    for (let i = 0; i < rows.length; i++) {
      const v = column.values[rows[i]];
      keys[i] = Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
    }
  }
  return keys;
}

/** Row indices in sort order (stable; missing values last whatever the direction). */
export function sortRows(table: ColumnarTable, rows: Int32Array, sort: SortKey[]): Int32Array {
  if (sort.length === 0) return rows;
  const keys = sort.map((s) => {
    const column = table.columns.find((c) => c.name === s.column);
    if (!column) throw new Error(`There is no column "${s.column}" to sort by.`);
    return { values: sortKeyFor(column, rows), sign: s.descending ? -1 : 1 };
  });
  const positions = new Int32Array(rows.length);
  for (let i = 0; i < positions.length; i++) positions[i] = i;
  positions.sort((a, b) => {
    for (const key of keys) {
      const x = key.values[a];
      const y = key.values[b];
      if (x === y) continue;
      if (x === Number.POSITIVE_INFINITY) return 1;
      if (y === Number.POSITIVE_INFINITY) return -1;
      return (x < y ? -1 : 1) * key.sign;
    }
    return a - b;
  });
  const out = new Int32Array(rows.length);
  for (let i = 0; i < out.length; i++) out[i] = rows[positions[i]];
  return out;
}

type Comparison = { op: '<' | '<=' | '>' | '>=' | '=' | '!='; value: number };

/** Parse "> 5", "<=2024-01-01", "=3" into a comparison on numbers or day numbers. */
function parseComparison(query: string, kind: 'number' | 'date'): Comparison | null {
  const m = /^\s*(<=|>=|!=|<|>|=)?\s*(.+?)\s*$/.exec(query);
  if (!m) return null;
  const op = (m[1] ?? '=') as Comparison['op'];
  const value = kind === 'date' ? daysFromIso(m[2]) : Number(m[2].replace(/,/g, ''));
  return Number.isNaN(value) ? null : { op, value };
}

function compare(v: number, c: Comparison): boolean {
  switch (c.op) {
    case '<': return v < c.value;
    case '<=': return v <= c.value;
    case '>': return v > c.value;
    case '>=': return v >= c.value;
    case '!=': return v !== c.value;
    default: return v === c.value;
  }
}

/** Rows passing every filter. Text: case-insensitive contains ("(missing)" finds blanks). Numbers and dates: comparisons, or a date prefix like "2024-03". */
export function filterRows(table: ColumnarTable, filters: ColumnFilter[]): Int32Array {
  const active = filters.filter((f) => f.query.trim() !== '');
  const keep = new Uint8Array(table.rowCount).fill(1);
  for (const filter of active) {
    const column = table.columns.find((c) => c.name === filter.column);
    if (!column) throw new Error(`There is no column "${filter.column}" to filter.`);
    const query = filter.query.trim();
    const wantMissing = query.toLowerCase() === '(missing)';
    if (column.kind === 'text') {
      const needle = query.toLowerCase();
      const match = new Uint8Array(column.dictionary.length);
      if (!wantMissing) column.dictionary.forEach((v, i) => { match[i] = v.toLowerCase().includes(needle) ? 1 : 0; });
      for (let r = 0; r < table.rowCount; r++) {
        const code = column.codes[r];
        if (keep[r] && !(code < 0 ? wantMissing : match[code] === 1)) keep[r] = 0;
      }
      continue;
    }
    const comparison = wantMissing ? null : parseComparison(query, column.kind);
    const prefix = column.kind === 'date' && !comparison && /^\d{4}(-\d{2})?$/.test(query) ? query : null;
    for (let r = 0; r < table.rowCount; r++) {
      if (!keep[r]) continue;
      const v = column.values[r];
      let ok: boolean;
      if (wantMissing) ok = Number.isNaN(v);
      else if (Number.isNaN(v)) ok = false;
      else if (comparison) ok = compare(v, comparison);
      else if (prefix) ok = String(cellValue(column, r)).startsWith(prefix);
      else ok = false;
      if (!ok) keep[r] = 0;
    }
  }
  let count = 0;
  for (let r = 0; r < keep.length; r++) count += keep[r];
  const rows = new Int32Array(count);
  for (let r = 0, j = 0; r < keep.length; r++) if (keep[r]) rows[j++] = r;
  return rows;
}

export interface ColumnSummary {
  column: string;
  kind: Column['kind'];
  count: number;
  missing: number;
  distinct: number;
  /** Text columns: the most frequent values. */
  top?: { value: string; count: number }[];
  /** Numbers and dates: min, max and equal-width bins (dates as ISO strings in labels). */
  min?: number | string;
  max?: number | string;
  histogram?: { from: number | string; to: number | string; count: number }[];
}

const SUMMARY_TOP_VALUES = 10;
const SUMMARY_BINS = 20;

/** Missing count, distinct values, and top values or a histogram, over the given rows. */
export function summariseColumn(table: ColumnarTable, name: string, rows?: Int32Array): ColumnSummary {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`There is no column "${name}".`);
  const n = rows ? rows.length : table.rowCount;
  const rowAt = (i: number) => (rows ? rows[i] : i);
  if (column.kind === 'text') {
    const counts = new Float64Array(column.dictionary.length);
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const code = column.codes[rowAt(i)];
      if (code < 0) missing++;
      else counts[code]++;
    }
    const used = [...counts.keys()].filter((c) => counts[c] > 0);
    const top = used.sort((a, b) => counts[b] - counts[a]).slice(0, SUMMARY_TOP_VALUES).map((c) => ({ value: column.dictionary[c], count: counts[c] }));
    return { column: name, kind: 'text', count: n, missing, distinct: used.length, top };
  }
  let missing = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const v = column.values[rowAt(i)];
    if (Number.isNaN(v)) { missing++; continue; }
    if (v < min) min = v;
    if (v > max) max = v;
    if (seen.size <= 100_000) seen.add(v);
  }
  const present = n - missing;
  const label = (v: number) => (column.kind === 'date' ? String(cellValue({ ...column, values: new Float64Array([v]) }, 0)) : v);
  if (present === 0) return { column: name, kind: column.kind, count: n, missing, distinct: 0, histogram: [] };
  const bins = Math.max(1, Math.min(SUMMARY_BINS, seen.size));
  const width = (max - min) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < n; i++) {
    const v = column.values[rowAt(i)];
    if (Number.isNaN(v)) continue;
    counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  }
  const histogram = counts.map((count, b) => ({ from: label(min + b * width), to: label(b === bins - 1 ? max : min + (b + 1) * width), count }));
  return { column: name, kind: column.kind, count: n, missing, distinct: seen.size, min: label(min), max: label(max), histogram };
}

/** Cells of rows [start, end) of an ordering, for display: strings, numbers, ISO dates, or null. */
export function rowWindow(table: ColumnarTable, order: Int32Array, start: number, end: number): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  for (let i = Math.max(0, start); i < Math.min(end, order.length); i++) {
    const r = order[i];
    out.push(table.columns.map((c) => cellValue(c, r)));
  }
  return out;
}
