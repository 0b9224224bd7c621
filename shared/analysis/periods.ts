/**
 * Reporting periods of a centre-level KPI extract and the period choice the app and the CLI share:
 * the latest period, the last four, all of them, or a range of dates (`--period` in msvw analyse).
 * A KPI row counts when its whole period lies within the chosen range (measure.ts, classifyKpi).
 */
import { daysFromIso, findColumn, isoFromDays, type ColumnarTable } from '../data/table';
import { formatPeriod } from '../output/words';
import { MeasureError } from './filter';

/** How many periods "last4" takes: four quarters make a year. */
export const LAST_PERIODS_COUNT = 4;

/** Which reporting periods to analyse. */
export type PeriodChoice = 'latest' | 'last4' | 'all' | { from: string; to: string };

/** One reporting period of the extract, ISO dates (inclusive). */
export interface ReportingPeriod {
  from: string;
  to: string;
}

/** An option of the period picker: its value (as `--period` takes it) and label. */
export interface PeriodOption {
  value: 'latest' | 'last4' | 'all';
  label: string;
  period: ReportingPeriod;
}

/** The extract's distinct reporting periods, oldest first (by end, then start); [] without period_end. */
export function kpiPeriods(table: ColumnarTable): ReportingPeriod[] {
  const end = findColumn(table, 'period_end');
  if (!end || end.kind !== 'date') return [];
  const start = findColumn(table, 'period_start');
  const starts = start?.kind === 'date' ? start.values : null;
  const seen = new Map<string, [number, number]>();
  for (let i = 0; i < end.values.length; i++) {
    const e = end.values[i];
    if (Number.isNaN(e)) continue;
    const s = starts && !Number.isNaN(starts[i]) ? starts[i] : e;
    const key = `${s}:${e}`;
    if (!seen.has(key)) seen.set(key, [s, e]);
  }
  return [...seen.values()].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([s, e]) => ({ from: isoFromDays(s), to: isoFromDays(e) }));
}

/** Reads a period choice as typed: latest, last4, all, or FROM..TO (yyyy-mm-dd..yyyy-mm-dd). */
export function parsePeriodChoice(text: string): PeriodChoice {
  const t = text.trim().toLowerCase();
  if (t === 'latest' || t === 'last4' || t === 'all') return t;
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (!m || Number.isNaN(daysFromIso(m[1])) || Number.isNaN(daysFromIso(m[2]))) {
    throw new MeasureError(`The period "${text}" is not one of latest, last4, all or FROM..TO (e.g. 2025-04-01..2026-03-31).`);
  }
  if (m[1] > m[2]) throw new MeasureError(`The period "${text}" starts after it ends: write the earlier date first.`);
  return { from: m[1], to: m[2] };
}

/** Periods that end on or before the as-of date (all when none is given). */
function upTo(periods: readonly ReportingPeriod[], asOf: string | undefined): ReportingPeriod[] {
  return asOf === undefined ? [...periods] : periods.filter((p) => p.to <= asOf);
}

/**
 * The date range a choice stands for, from the extract's periods (ending on or before the as-of
 * date): the latest period, the last four, all, or the range given. Null when the extract has no
 * periods (every row then counts).
 */
export function resolvePeriodChoice(periods: readonly ReportingPeriod[], choice: PeriodChoice, asOf?: string): ReportingPeriod | null {
  if (typeof choice === 'object') return { from: choice.from, to: choice.to };
  const usable = upTo(periods, asOf);
  if (usable.length === 0) return null;
  const latest = usable[usable.length - 1];
  if (choice === 'latest') return { ...latest };
  // The last four distinct period ends (quarters in the sample), from the earliest start among them.
  const ends = [...new Set(usable.map((p) => p.to))];
  const keepEnds = choice === 'last4' ? new Set(ends.slice(-LAST_PERIODS_COUNT)) : new Set(ends);
  const chosen = usable.filter((p) => keepEnds.has(p.to));
  const from = chosen.reduce((min, p) => (p.from < min ? p.from : min), chosen[0].from);
  return { from, to: latest.to };
}

/** The period to analyse in a KPI extract for a choice, or null when it has no period columns. */
export function resolveKpiPeriod(table: ColumnarTable, choice: PeriodChoice, asOf?: string): ReportingPeriod | null {
  return resolvePeriodChoice(kpiPeriods(table), choice, asOf);
}

/** The picker's options for an extract's periods: latest, last 4, all, each with the dates it covers. */
export function periodOptions(periods: readonly ReportingPeriod[], asOf?: string): PeriodOption[] {
  const options: PeriodOption[] = [];
  const add = (value: PeriodOption['value'], words: string): void => {
    const period = resolvePeriodChoice(periods, value, asOf);
    if (period) options.push({ value, label: `${words} (${formatPeriod(period)})`, period });
  };
  add('latest', 'Latest period');
  add('last4', `Last ${LAST_PERIODS_COUNT} periods`);
  add('all', 'All periods');
  return options;
}
