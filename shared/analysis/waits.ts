/**
 * Waiting-time curves (methods.md, "Waiting times"): Kaplan-Meier curves of the days from a start
 * event to an end event, per centre (or region, or the whole extract) or per period of the start
 * event (before / from a date, or each of the last few months or quarters of the start event),
 * with people still waiting censored at the as-of date; pointwise
 * intervals (log-log by default, log as an option), the median and its interval as survfit
 * reports them, the share seen within a threshold, the 50th / 90th / 95th percentiles, and the
 * log-rank test between two groups.
 *
 * Rows: start missing -> excluded (missing start); start or end after the as-of date, or end
 * before start -> excluded (invalid), as the measures do (domain.md, "Measure semantics").
 */
import { daysFromIso, isoFromDays, type ColumnarTable } from '../data/table';
import { Z95 } from '../stats/constants';
import { kaplanMeier, kmQuantile, logRankTest, survivalAt, type KaplanMeierStep, type KmConfType, type LogRankResult } from '../stats/kaplan-meier';
import { MeasureError, requireDateColumn } from './filter';
import { defaultAsOf } from './measure';
import { trendGroupIndex } from './trends';
import { periodIndexOfDay, periodLabel, type TrendGranularity } from './calendar-periods';

/**
 * Curves drawn per period by default: the last four periods of the start event (a year of
 * quarters; more curves than this overlap past reading on one chart).
 */
export const DEFAULT_LAST_PERIODS = 4;

/** Percentiles of the wait reported per group (time by which 50%, 90%, 95% have been seen). */
export const WAIT_PERCENTILES = [0.5, 0.9, 0.95] as const;

export interface WaitsOptions {
  readonly start: string;
  readonly end: string;
  /** Threshold in days for the share seen within it (e.g. the standard's 28). */
  readonly days?: number;
  /** Grouping column, or null for the whole extract (default centre_code). */
  readonly by?: string | null;
  /** Keep only these groups. */
  readonly groups?: readonly string[];
  /** Split each group's people by start date: before this ISO date, and from it on (two periods). */
  readonly splitAt?: string;
  /** Split each group's people by the month or quarter of their start event (not with splitAt). */
  readonly splitBy?: TrendGranularity;
  /** With splitBy: keep only the last this many periods that have people (default DEFAULT_LAST_PERIODS). */
  readonly lastPeriods?: number;
  /** As-of date, ISO (default: the latest date in the extract not after today). */
  readonly asOf?: string;
  readonly runDate?: number;
  readonly conf?: KmConfType;
  /** Analysis filter mask (1 = keep). */
  readonly keep?: Uint8Array;
}

export interface WaitStep {
  readonly time: number;
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  readonly survival: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface WaitPercentile {
  readonly p: number;
  readonly days: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface WaitGroup {
  readonly group: string;
  /**
   * Period of the start event: 'before' or 'after' when split at a date; the month ('2025-04') or
   * quarter ('2025-Q2') when split by period; null otherwise.
   */
  readonly period: string | null;
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  readonly median: number | null;
  readonly medianCi: [number | null, number | null];
  /** Share seen within `days` (1 - S(days)), or null without a threshold. */
  readonly withinDays: number | null;
  readonly withinDaysCi: [number | null, number | null] | null;
  readonly percentiles: WaitPercentile[];
  readonly steps: WaitStep[];
}

export interface WaitsResult {
  readonly start: string;
  readonly end: string;
  readonly days: number | null;
  readonly by: string | null;
  readonly splitAt: string | null;
  /** Month or quarter when the curves are split by period, else null. */
  readonly splitBy: TrendGranularity | null;
  readonly asOf: string | null;
  readonly conf: KmConfType;
  readonly groups: WaitGroup[];
  /** Rows left out, by reason. */
  readonly excluded: { invalid: number; missingStart: number; missingGroup: number };
  /** Log-rank test when there are exactly two curves (two groups, or one group split at a date); else null. */
  readonly logRank: LogRankResult | null;
}

/** Null for NaN or infinite values. */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Day number of an ISO option, or a MeasureError naming it. */
function isoDay(iso: string, name: string): number {
  const d = daysFromIso(iso);
  if (Number.isNaN(d)) throw new MeasureError(`${name} "${iso}" is not a date: write it as yyyy-mm-dd, e.g. 2024-04-01.`);
  return d;
}

/** Waiting-time curves per group (and period), with the summaries above. */
export function waitsFromTable(table: ColumnarTable, options: WaitsOptions): WaitsResult {
  const start = requireDateColumn(table, options.start, 'the start of the wait');
  const end = requireDateColumn(table, options.end, 'the end of the wait');
  if (options.days !== undefined && !(Number.isFinite(options.days) && options.days >= 0)) {
    throw new MeasureError(`The threshold must be a number of days of 0 or more (got ${options.days}).`);
  }
  const asOf = options.asOf !== undefined ? isoDay(options.asOf, 'The as-of date') : defaultAsOf(table, options.runDate);
  const split = options.splitAt !== undefined ? isoDay(options.splitAt, 'The split date') : null;
  const by = options.by === undefined ? 'centre_code' : options.by;
  const conf = options.conf ?? 'log-log';
  if (options.splitBy !== undefined && split !== null) throw new MeasureError('Split the curves either at a date or by period, not both.');
  const splitBy = options.splitBy ?? null;
  const lastPeriods = options.lastPeriods ?? DEFAULT_LAST_PERIODS;
  if (!(Number.isInteger(lastPeriods) && lastPeriods >= 1)) throw new MeasureError(`The number of periods must be a whole number of 1 or more (got ${lastPeriods}).`);
  const { index, labels } = trendGroupIndex(table, by);
  const wanted = options.groups ? new Set(options.groups) : null;
  // Each person's curve: its group, and its slot within the group (0; before 0 / from 1; or the period index).
  const cells = new Map<number, Map<number, { times: number[]; flags: boolean[] }>>();
  const excluded = { invalid: 0, missingStart: 0, missingGroup: 0 };
  for (let i = 0; i < table.rowCount; i++) {
    if (options.keep && options.keep[i] === 0) continue;
    const g = index[i];
    if (g < 0) { excluded.missingGroup++; continue; }
    if (wanted && !wanted.has(labels[g])) continue;
    const s = start[i];
    if (Number.isNaN(s)) { excluded.missingStart++; continue; }
    const e = end[i];
    if (s > asOf || e > asOf || e < s) { excluded.invalid++; continue; }
    const slot = splitBy !== null ? periodIndexOfDay(s, splitBy) : split !== null && s >= split ? 1 : 0;
    let slots = cells.get(g);
    if (!slots) { slots = new Map(); cells.set(g, slots); }
    let cell = slots.get(slot);
    if (!cell) { cell = { times: [], flags: [] }; slots.set(slot, cell); }
    if (Number.isNaN(e)) { cell.times.push(asOf - s); cell.flags.push(false); }
    else { cell.times.push(e - s); cell.flags.push(true); }
  }
  // By period: the last `lastPeriods` periods with anyone in them (across the groups shown).
  const periods = splitBy === null ? null : new Set([...new Set([...cells.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b).slice(-lastPeriods));
  const order = [...cells.keys()].sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
  const groups: WaitGroup[] = [];
  const kept: { times: number[]; flags: boolean[] }[] = [];
  for (const g of order) {
    const slots = cells.get(g) as Map<number, { times: number[]; flags: boolean[] }>;
    for (const slot of [...slots.keys()].sort((a, b) => a - b)) {
      if (periods && !periods.has(slot)) continue;
      const cell = slots.get(slot) as { times: number[]; flags: boolean[] };
      const period = splitBy !== null ? periodLabel(slot, splitBy) : split === null ? null : slot === 0 ? 'before' : 'after';
      kept.push(cell);
      groups.push(waitGroup(labels[g], period, cell.times, cell.flags, conf, options.days));
    }
  }
  const logRank = kept.length === 2 ? logRankTest(kept[0].times, kept[0].flags, kept[1].times, kept[1].flags) : null;
  return {
    start: options.start, end: options.end, days: options.days ?? null, by, splitAt: options.splitAt ?? null, splitBy,
    asOf: Number.isNaN(asOf) ? null : isoFromDays(asOf), conf, groups, excluded, logRank,
  };
}

/** One curve and its summaries. */
function waitGroup(group: string, period: WaitGroup['period'], times: number[], events: boolean[], conf: KmConfType, days: number | undefined): WaitGroup {
  const curve = kaplanMeier(times, events, { conf, z: Z95 });
  const within = days === undefined ? null : survivalAt(curve, days);
  return {
    group,
    period,
    n: curve.n,
    events: curve.events,
    censored: curve.censored,
    median: curve.median,
    medianCi: curve.medianCi,
    withinDays: within ? 1 - within.survival : null,
    withinDaysCi: within ? [finite(1 - within.upper), finite(1 - within.lower)] : null,
    percentiles: WAIT_PERCENTILES.map((p) => {
      const q = kmQuantile(curve.steps, p);
      return { p, days: q.time, lower: q.lower, upper: q.upper };
    }),
    steps: curve.steps.map((s: KaplanMeierStep) => ({
      time: s.time, atRisk: s.atRisk, events: s.events, censored: s.censored, survival: s.survival, lower: finite(s.lower), upper: finite(s.upper),
    })),
  };
}

/**
 * Disclosure control for a published curve (in the spirit of OpenSAFELY's Kaplan-Meier outputs):
 * merge consecutive steps until each published step holds at least `minCount` events and either no
 * or at least `minCount` censored people, so no drop in the curve and no change in the number at
 * risk comes from fewer people; a final block short of that, and any step with fewer than
 * `minCount` people at risk, is left out. Each merged step is reported at its last time, with
 * the survival and interval there, and the summed events and censored counts.
 */
export function coarsenSteps(steps: readonly WaitStep[], minCount: number): WaitStep[] {
  const out: WaitStep[] = [];
  let events = 0;
  let censored = 0;
  let atRisk = -1;
  for (const step of steps) {
    if (step.atRisk < minCount) break;
    if (atRisk < 0) atRisk = step.atRisk;
    events += step.events;
    censored += step.censored;
    if (events >= minCount && (censored === 0 || censored >= minCount)) {
      out.push({ ...step, atRisk, events, censored });
      events = 0;
      censored = 0;
      atRisk = -1;
    }
  }
  return out;
}
