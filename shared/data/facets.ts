/**
 * What an analysis can be filtered and grouped by in a given extract: the distinct values of the
 * filterable fields, the date range of the period field, and the columns worth grouping by.
 */
import { isoFromDays, type ColumnarTable } from './table';

/** Fields offered as analysis filters (domain.md): region, MS type, age band, sex, IMD decile. */
export const FILTER_FIELDS = ['region', 'ms_type', 'age_band', 'sex', 'imd_decile'] as const;

/** Date fields that define an analysis period, in order of preference. */
export const PERIOD_FIELDS = ['referral_date', 'period_start'] as const;

/** Most distinct values a column may have to be offered for grouping (beyond it, groups are too small to compare). */
export const MAX_GROUPS = 500;

export interface Facets {
  values: Record<string, (string | number)[]>;
  dateRange: { field: string; from: string; to: string } | null;
  groupable: string[];
  /** KPI ids of a centre-level KPI extract (each is a measure). */
  kpiIds: string[];
}

const collator = new Intl.Collator('en-GB', { numeric: true });

/** Distinct filter values, the period date range and the groupable columns of an extract. */
export function datasetFacets(table: ColumnarTable): Facets {
  const values: Record<string, (string | number)[]> = {};
  const groupable: string[] = [];
  let kpiIds: string[] = [];
  for (const column of table.columns) {
    if (column.kind === 'date') continue;
    let distinct: (string | number)[];
    if (column.kind === 'text') {
      const used = new Uint8Array(column.dictionary.length);
      let count = 0;
      for (let r = 0; r < table.rowCount; r++) {
        const code = column.codes[r];
        if (code >= 0 && used[code] === 0) { used[code] = 1; count++; }
      }
      // Identifier-like columns (thousands of values) are neither filters nor groups: don't sort them.
      if (count > MAX_GROUPS) continue;
      distinct = column.dictionary.filter((_, i) => used[i]).sort(collator.compare);
    } else {
      const seen = new Set<number>();
      for (let r = 0; r < table.rowCount && seen.size <= MAX_GROUPS; r++) if (!Number.isNaN(column.values[r])) seen.add(column.values[r]);
      distinct = [...seen].sort((a, b) => a - b);
    }
    if (distinct.length >= 2 && distinct.length <= MAX_GROUPS) groupable.push(column.name);
    if ((FILTER_FIELDS as readonly string[]).includes(column.name)) values[column.name] = distinct;
    if (column.name === 'kpi_id') kpiIds = distinct.map(String);
  }
  let dateRange: Facets['dateRange'] = null;
  for (const field of PERIOD_FIELDS) {
    const column = table.columns.find((c) => c.name === field && c.kind === 'date');
    if (!column || column.kind !== 'date') continue;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of column.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (Number.isFinite(min)) dateRange = { field, from: isoFromDays(min), to: isoFromDays(max) };
    break;
  }
  return { values, dateRange, groupable, kpiIds };
}
