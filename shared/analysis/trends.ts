/**
 * Series builder for trend (SPC) charts: a measure's proportion by month or quarter of the start
 * event, per centre, region or the whole extract, with the same row semantics as the snapshot
 * analysis (measure.ts: denominator, open clocks, exclusions). KPI extracts contribute their own
 * numerators and denominators by reporting period. One pass over the rows counts every
 * (group, period) cell, so the board view can build thousands of series at once.
 *
 * Period of a row: interval measures, the start event (e.g. referral date); composite measures,
 * the first part's start; KPI rows, period_start (period_end when there is none). Frequency
 * (annual review) and status measures are read at the as-of date and have no start event: they
 * have no trend here.
 */
import { findColumn, isoFromDays, type ColumnarTable } from '../data/table';
import { DEFAULT_REQUIRED_SHARE } from '../standards/defaults';
import { isTiered } from '../standards/tiers';
import type { Direction, Provenance, Standard, StandardKind, Tier } from '../standards/schema';
import { MeasureError, requireColumn, requireDateColumn } from './filter';
import { classifyRows, defaultAsOf, RowStatus, type RowClassification } from './measure';
import { groupIndex } from './variation';
import { periodEndDays, periodIndexOfDay, periodLabel, periodStartDays, type TrendGranularity } from './calendar-periods';

export type { TrendGranularity } from './calendar-periods';

/** What a series plots: the measure's proportion met, the median completed wait (days), or the denominator count. */
export type TrendStatistic = 'proportion' | 'medianWait' | 'count';

/** Group label of the whole extract when there is no grouping column. */
export const ALL_GROUPS_LABEL = 'All';

export interface TrendSeriesOptions {
  /** Grouping column (centre_code, region...), or null for one series of the whole extract. Default centre_code. */
  by?: string | null;
  /** Keep only these groups (labels, compared exactly); default every group with data. */
  groups?: readonly string[];
  /** Month (default) or calendar quarter of the start event. */
  granularity?: TrendGranularity;
  /** As-of date, ISO yyyy-mm-dd (default: the latest date in the extract not after the run date). */
  asOf?: string;
  /** Today as a day number, for the default as-of (tests). */
  runDate?: number;
  /** Analysis filter mask (1 = keep), as measure.ts takes it. */
  keep?: Uint8Array;
  /** Tier whose time frame decides "met" for tiered standards (default core). */
  tier?: Tier;
  /** What to plot (default proportion). */
  statistic?: TrendStatistic;
  /**
   * Keep periods whose clocks may still be running at the as-of date (default false: such a
   * period counts only the people already decided, which flatters it, so it is left out).
   */
  includeProvisional?: boolean;
}

/** One period of one group. */
export interface TrendPoint {
  /** "2024-03" or "2024-Q1". */
  readonly period: string;
  /** First day of the period, ISO. */
  readonly periodStart: string;
  /** Denominator: patients whose clock started in the period (or the KPI denominator). */
  readonly n: number;
  /** Met the standard (or the KPI numerator); null for a median-wait series. */
  readonly numerator: number | null;
  /** numerator / n, the median completed wait in days, or n. */
  readonly value: number;
  /**
   * Clocks that started in the period may still be running at the as-of date (period end +
   * threshold after as-of): those people are excluded for now, so the point may still change.
   */
  readonly provisional?: boolean;
}

export interface TrendSeries {
  readonly group: string;
  readonly points: TrendPoint[];
  /** Rows of this group excluded by reason (clock running, invalid, missing start...). */
  readonly excluded: { clockRunning: number; invalid: number; missing: number };
}

export interface TrendSeriesResult {
  readonly measure: {
    id: string;
    title: string;
    shortTitle: string;
    kind: StandardKind;
    provenance: Provenance;
    direction: Direction;
    thresholdDays: number | null;
    tier: Tier | null;
  };
  readonly by: string | null;
  readonly granularity: TrendGranularity;
  readonly statistic: TrendStatistic;
  readonly asOf: string | null;
  /** Every period from the first to the last with data in any group (the shared axis). */
  readonly periods: string[];
  /** Periods left out because their clocks may still be running (unless includeProvisional). */
  readonly provisionalPeriods: string[];
  readonly series: TrendSeries[];
  /** Target for the assurance icon: the standard's core tier target or required share (proportions only). */
  readonly target: number | null;
}

/** Group index per row (-1 when missing) and the group labels: one group for the whole extract when `by` is null, else as the variation analysis groups. */
export function trendGroupIndex(table: ColumnarTable, by: string | null): { index: Int32Array; labels: string[] } {
  if (by === null) return { index: new Int32Array(table.rowCount), labels: [ALL_GROUPS_LABEL] };
  return groupIndex(table, by);
}

/** The date column that puts a row in a period, or a MeasureError for measures without a start event. */
function periodDates(table: ColumnarTable, standard: Standard): Float64Array {
  switch (standard.kind) {
    case 'interval': return requireDateColumn(table, standard.startField, `the start of "${standard.id}"`);
    case 'composite': return requireDateColumn(table, standard.parts[0].startField, `the start of "${standard.id}"`);
    case 'kpi': {
      const start = findColumn(table, 'period_start');
      if (start?.kind === 'date') return start.values;
      return requireDateColumn(table, 'period_end', `the reporting period of KPI "${standard.kpiId}"`);
    }
    case 'frequency':
    case 'status':
      throw new MeasureError(
        `"${standard.id}" is a ${standard.kind} measure, read at the as-of date, so it has no start event to chart over time: choose an interval measure (e.g. 4plus4-part1) or a KPI.`,
      );
  }
}

/** Target a standard sets for the proportion (core tier target, else its required share, else 80%). */
export function standardTarget(standard: Standard): number {
  return standard.tierTargets?.core ?? standard.requiredShare ?? DEFAULT_REQUIRED_SHARE;
}

/** Days that decide "met", for labels (null for composite and KPI measures). */
function thresholdDays(rows: RowClassification): number | null {
  return rows.thresholdDays;
}

/** Days a clock can run before it is decided (interval: threshold; composite: sum of parts), or null for KPIs. */
function openWindowDays(standard: Standard, rows: RowClassification): number | null {
  if (standard.kind === 'interval') return rows.thresholdDays;
  if (standard.kind === 'composite') return standard.parts.reduce((sum, p) => sum + p.days, 0);
  return null;
}

/** Smallest and largest day of a date column (NaN ignored), remembered per column: measures share start columns. */
function columnDaySpan(dates: Float64Array): { min: number; max: number } {
  let span = daySpans.get(dates);
  if (span === undefined) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < dates.length; i++) {
      const d = dates[i];
      if (d < min) min = d;
      if (d > max) max = d;
    }
    span = { min, max };
    daySpans.set(dates, span);
  }
  return span;
}

/** Day span per date column (columns are never changed in place). The hot loops live in small
 * functions of their own so the engine optimises them early and reuses the code for every measure. */
const daySpans = new WeakMap<Float64Array, { min: number; max: number }>();

/** Arrays countCells reads and fills. */
interface CellCounts {
  status: Uint8Array;
  index: Int32Array;
  wanted: Uint8Array;
  dates: Float64Array;
  /** Period offset of each day from minDay. */
  lookup: Int32Array;
  minDay: number;
  periodCount: number;
  /** KPI numerators and denominators, or null for patient rows (each counts 1). */
  xs: Float64Array | null;
  ns: Float64Array | null;
  met: Float64Array;
  den: Float64Array;
  clockRunning: Int32Array;
  invalid: Int32Array;
  missing: Int32Array;
  /** Cell of each counted row (-1 otherwise), or null when not needed. */
  cellOf: Int32Array | null;
}

/** One pass over the rows: met and denominator per (group, period) cell, exclusions per group. */
function countCells(c: CellCounts): void {
  const { status, index, wanted, dates, lookup, minDay, periodCount, xs, ns, met, den, clockRunning, invalid, missing, cellOf } = c;
  const { MET, NOT_MET, CLOCK_RUNNING, INVALID, MISSING_START, MISSING_PERIOD } = RowStatus;
  for (let i = 0; i < status.length; i++) {
    const g = index[i];
    if (g < 0 || wanted[g] === 0) continue;
    const st = status[i];
    if (st === MET || st === NOT_MET) {
      const d = dates[i];
      // NaN (a KPI row without a period start) fails the comparison and stays out.
      if (!(d >= minDay)) continue;
      const cell = g * periodCount + lookup[Math.floor(d) - minDay];
      if (xs !== null && ns !== null) { met[cell] += xs[i]; den[cell] += ns[i]; }
      else { den[cell]++; if (st === MET) met[cell]++; }
      if (cellOf !== null) cellOf[i] = cell;
    } else if (st === CLOCK_RUNNING) clockRunning[g]++;
    else if (st === INVALID) invalid[g]++;
    else if (st === MISSING_START || st === MISSING_PERIOD) missing[g]++;
  }
}

/** Median of a sorted slice (R type 7). */
function sortedMedian(values: Float64Array): number {
  const h = (values.length - 1) / 2;
  const lo = Math.floor(h);
  return values[lo] + (h - lo) * (values[Math.min(lo + 1, values.length - 1)] - values[lo]);
}

/**
 * Classified rows of a measure for trends: every start date (or KPI period) counts, none is cut
 * by an analysis period.
 */
export function classifyForTrend(table: ColumnarTable, standard: Standard, options: TrendSeriesOptions): RowClassification {
  const asOf = options.asOf !== undefined ? isoDay(options.asOf) : defaultAsOf(table, options.runDate);
  const tier = standard.kind === 'interval' && isTiered(standard.thresholds) ? (options.tier ?? 'core') : undefined;
  // A KPI without a period takes only the latest period: ask for every period instead.
  const period = standard.kind === 'kpi' ? { from: -Infinity, to: Infinity } : undefined;
  return classifyRows(table, standard, { asOf, keep: options.keep, tier, period });
}

/** Day number of an ISO date option, or a MeasureError. */
function isoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) {
    throw new MeasureError(`The as-of date "${iso}" is not a date: write it as yyyy-mm-dd, e.g. 2024-03-31.`);
  }
  return t / 86_400_000;
}

/**
 * Series of a measure by period of the start event, one per group: counts every (group, period)
 * cell in one pass over the classified rows. Periods with no denominator are left out of a
 * group's points (a proportion of nothing is not a point).
 */
export function buildTrendSeries(table: ColumnarTable, standard: Standard, options: TrendSeriesOptions = {}): TrendSeriesResult {
  const granularity = options.granularity ?? 'month';
  const statistic = options.statistic ?? 'proportion';
  const by = options.by === undefined ? 'centre_code' : options.by;
  if (statistic === 'medianWait' && standard.kind === 'kpi') {
    throw new MeasureError(`A KPI extract has no waits: chart "${standard.id}" as a proportion or a count.`);
  }
  const dates = periodDates(table, standard);
  const rows = classifyForTrend(table, standard, options);
  const { index, labels } = trendGroupIndex(table, by);
  const wanted = new Uint8Array(labels.length);
  if (options.groups) {
    const set = new Set(options.groups);
    labels.forEach((label, g) => { wanted[g] = set.has(label) ? 1 : 0; });
  } else wanted.fill(1);

  const { status } = rows;
  // Period index per counted row; the axis runs from the first to the last period seen. Days map
  // to periods through a lookup table over the span of days seen (a few thousand distinct days),
  // so the per-row work is one subtraction and one load.
  const span = columnDaySpan(dates);
  let minDay = span.min;
  const maxDay = span.max;
  let first = Infinity;
  let last = -Infinity;
  // Period offset (from `first`) of each day from minDay; empty when no row counts.
  let lookup = new Int32Array(0);
  if (Number.isFinite(minDay)) {
    minDay = Math.floor(minDay);
    first = periodIndexOfDay(minDay, granularity);
    last = periodIndexOfDay(maxDay, granularity);
    lookup = new Int32Array(Math.floor(maxDay) - minDay + 1);
    for (let k = 0; k < lookup.length; k++) lookup[k] = periodIndexOfDay(minDay + k, granularity) - first;
  }
  const periodCount = Number.isFinite(first) ? last - first + 1 : 0;
  const groups = labels.length;
  const cells = groups * periodCount;
  const met = new Float64Array(cells);
  const den = new Float64Array(cells);
  const clockRunning = new Int32Array(groups);
  const invalid = new Int32Array(groups);
  const missing = new Int32Array(groups);
  const kpi = standard.kind === 'kpi';
  const xs = kpi ? numberColumn(table, 'numerator') : null;
  const ns = kpi ? numberColumn(table, 'denominator') : null;
  // Cell of each counted row (-1 otherwise), kept only for the median-wait statistic.
  const cellOf = statistic === 'medianWait' ? new Int32Array(table.rowCount).fill(-1) : null;
  countCells({ status, index, wanted, dates, lookup, minDay, periodCount, xs, ns, met, den, clockRunning, invalid, missing, cellOf });
  const medians = cellOf ? cellMedians(rows, cellOf, cells) : null;

  // The axis: from the first to the last period with a denominator in any wanted group.
  let kFirst = periodCount;
  let kLast = -1;
  for (let cell = 0; cell < cells; cell++) {
    if (den[cell] > 0) {
      const k = cell % periodCount;
      if (k < kFirst) kFirst = k;
      if (k > kLast) kLast = k;
    }
  }
  const periodLabels: string[] = [];
  const periodStarts: string[] = [];
  const provisional: boolean[] = [];
  const window = openWindowDays(standard, rows);
  for (let k = 0; k < periodCount; k++) {
    if (k < kFirst || k > kLast) { periodLabels.push(''); periodStarts.push(''); provisional.push(false); continue; }
    periodLabels.push(periodLabel(first + k, granularity));
    periodStarts.push(isoFromDays(periodStartDays(first + k, granularity)));
    provisional.push(window !== null && periodEndDays(first + k, granularity) + window > rows.asOf);
  }
  const series: TrendSeries[] = [];
  const order = labels.map((_, g) => g).filter((g) => wanted[g] === 1);
  order.sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
  for (const g of order) {
    const points: TrendPoint[] = [];
    for (let k = kFirst; k <= kLast; k++) {
      const cell = g * periodCount + k;
      const n = den[cell];
      if (!(n > 0) || (provisional[k] && !options.includeProvisional)) continue;
      if (medians) {
        const m = medians[cell];
        if (Number.isNaN(m)) continue;
        points.push({ period: periodLabels[k], periodStart: periodStarts[k], n, numerator: null, value: m, provisional: provisional[k] });
      } else {
        const x = met[cell];
        points.push({ period: periodLabels[k], periodStart: periodStarts[k], n, numerator: x, value: statistic === 'count' ? n : x / n, provisional: provisional[k] });
      }
    }
    if (points.length === 0 && clockRunning[g] + invalid[g] + missing[g] === 0) continue;
    series.push({ group: labels[g], points, excluded: { clockRunning: clockRunning[g], invalid: invalid[g], missing: missing[g] } });
  }
  const tier = standard.kind === 'interval' && isTiered(standard.thresholds) ? (options.tier ?? 'core') : null;
  return {
    measure: {
      id: standard.id, title: standard.title, shortTitle: standard.shortTitle, kind: standard.kind,
      provenance: standard.provenance, direction: standard.direction, thresholdDays: thresholdDays(rows), tier,
    },
    by,
    granularity,
    statistic,
    asOf: Number.isNaN(rows.asOf) ? null : isoFromDays(rows.asOf),
    periods: periodLabels.slice(kFirst, kLast + 1),
    provisionalPeriods: options.includeProvisional ? [] : periodLabels.filter((_, k) => provisional[k]),
    series,
    target: statistic === 'proportion' ? standardTarget(standard) : null,
  };
}

/** Median completed wait per (group, period) cell, NaN where there is none (open clocks left out). */
function cellMedians(rows: RowClassification, cellOfRow: Int32Array, cells: number): Float64Array {
  const { waitDays, open } = rows;
  const cellOf = (i: number): number => (open[i] === 1 || waitDays[i] !== waitDays[i] ? -1 : cellOfRow[i]);
  const counts = new Int32Array(cells + 1);
  for (let i = 0; i < cellOfRow.length; i++) { const c = cellOf(i); if (c >= 0) counts[c + 1]++; }
  for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
  const values = new Float64Array(counts[cells]);
  const cursor = counts.slice(0, cells);
  for (let i = 0; i < cellOfRow.length; i++) { const c = cellOf(i); if (c >= 0) values[cursor[c]++] = waitDays[i]; }
  const medians = new Float64Array(cells).fill(Number.NaN);
  for (let c = 0; c < cells; c++) {
    if (counts[c + 1] > counts[c]) medians[c] = sortedMedian(values.subarray(counts[c], counts[c + 1]).sort());
  }
  return medians;
}

/** A KPI extract's count column as numbers. */
function numberColumn(table: ColumnarTable, field: 'numerator' | 'denominator'): Float64Array {
  const column = requireColumn(table, field, 'a KPI measure');
  if (column.kind !== 'number') throw new MeasureError(`"${field}" must be a number column in a KPI extract: check the column mapping.`, field);
  return column.values;
}
