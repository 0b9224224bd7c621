/**
 * How a standard becomes a status per row (domain.md, "Measure semantics"): met, not met
 * (a breach), or excluded for a named reason, with the wait in days. Output is typed arrays, so
 * grouping and counting are plain loops.
 *
 * - Interval: in population, start in period; end present -> wait = end - start, met when
 *   wait <= threshold; end missing -> breach once asOf - start > threshold, else "clock running"
 *   (excluded, counted). End before start, or a date after the as-of date -> invalid.
 * - Composite (4+4 overall): every part met by the same patient; breached as soon as one part is.
 * - Frequency (annual review): met when the last review is within `days` of the previous review
 *   (or diagnosis, for a first review) and not older than `days` at the as-of date (overdue).
 * - Status: in population, numerator condition at the as-of date.
 * - KPI: the extract's own numerator and denominator rows for one KPI and period.
 */
import { findColumn, type ColumnarTable } from '../data/table';
import { extractAsOf, todayDays } from '../data/as-of';
import { isTiered, presentTiers } from '../standards/tiers';
import type { CompositeStandard, FrequencyStandard, IntervalStandard, KpiStandard, Standard, StatusStandard, Tier } from '../standards/schema';
import { SHIPPED_STANDARDS } from '../standards/shipped';
import { clauseMask, MeasureError, requireColumn, requireDateColumn } from './filter';

/** Row status codes (Uint8Array values). MET and NOT_MET form the denominator. */
export const RowStatus = {
  /** Met the standard (numerator and denominator). */
  MET: 0,
  /** Did not meet it: a breach of a time frame, or the status condition not met (denominator only). */
  NOT_MET: 1,
  /** Clock still running at the as-of date, within the time frame: excluded, counted. */
  CLOCK_RUNNING: 2,
  /** End before start, or a date after the as-of date (or impossible KPI counts): excluded. */
  INVALID: 3,
  /** The event that starts the clock is missing: excluded. */
  MISSING_START: 4,
  /** Outside the standard's population filter. */
  NOT_IN_POPULATION: 5,
  /** Start (or KPI period) outside the analysis period. */
  OUTSIDE_PERIOD: 6,
  /** Removed by the analysis filters (region, MS type, age band, sex, IMD decile...). */
  FILTERED_OUT: 7,
  /** No value in the grouping column (e.g. no centre code). */
  MISSING_GROUP: 8,
  /** A KPI extract row for a different KPI. */
  OTHER_KPI: 9,
  /** A KPI extract row without its period end. */
  MISSING_PERIOD: 10,
} as const;
export type RowStatusCode = (typeof RowStatus)[keyof typeof RowStatus];

/** Accounting names of the exclusion reasons, indexed by status code (MET/NOT_MET are not exclusions). */
export const EXCLUSION_REASON: Readonly<Record<number, string>> = Object.freeze({
  [RowStatus.CLOCK_RUNNING]: 'clock_running',
  [RowStatus.INVALID]: 'invalid',
  [RowStatus.MISSING_START]: 'missing_start',
  [RowStatus.NOT_IN_POPULATION]: 'not_in_population',
  [RowStatus.OUTSIDE_PERIOD]: 'outside_period',
  [RowStatus.FILTERED_OUT]: 'filtered_out',
  [RowStatus.MISSING_GROUP]: 'missing_group',
  [RowStatus.OTHER_KPI]: 'other_kpi',
  [RowStatus.MISSING_PERIOD]: 'missing_period',
});

/** Count of status codes (the largest code + 1), for counting arrays. */
export const ROW_STATUS_COUNT = 11;

/** A period of start dates, inclusive, as day numbers. */
export interface DayPeriod {
  from: number;
  to: number;
}

export interface MeasureOptions {
  /** As-of day number (default: latest date in the extract not after the run date). */
  asOf?: number;
  /** Today, as a day number, for the default as-of (default: the clock). */
  runDate?: number;
  /** Keep only starts (interval/composite) or KPI periods within this period. */
  period?: DayPeriod;
  /** Analysis filter mask (1 = keep); rows with 0 are FILTERED_OUT. */
  keep?: Uint8Array;
  /** For tiered time frames: which tier's days decide "met" (default core). */
  tier?: Tier;
}

/** Per-row result of a measure. */
export interface RowClassification {
  status: Uint8Array;
  /** Days waited: end - start for a completed interval, asOf - start for an open clock; NaN otherwise. */
  waitDays: Float64Array;
  /** 1 when the clock was still open at the as-of date (waitDays is time elapsed so far). */
  open: Uint8Array;
  /** As-of day number used (NaN when the extract has no dates). */
  asOf: number;
  /** Days that decided "met" (interval and frequency), or null. */
  thresholdDays: number | null;
}

/**
 * The default as-of date, by the one rule in shared/data/as-of.ts (the latest date in the extract
 * that is not after the run date, today by default), remembered per table. NaN when the extract
 * has no dates.
 */
export function defaultAsOf(table: ColumnarTable, runDate: number = todayDays()): number {
  // Scanning every date column of a 1M-row extract takes ~30 ms, and every analysis, filter change
  // and tier summary asks again: remember the answer per table (extracts are never changed in place).
  let byRunDate = asOfCache.get(table);
  if (!byRunDate) asOfCache.set(table, (byRunDate = new Map()));
  let asOf = byRunDate.get(runDate);
  if (asOf === undefined) byRunDate.set(runDate, (asOf = extractAsOf(table, runDate) ?? Number.NaN));
  return asOf;
}

const asOfCache = new WeakMap<ColumnarTable, Map<number, number>>();

/** Days that decide "met" for an interval standard at a tier (single thresholds ignore the tier); an absent tier is an error. */
export function thresholdFor(standard: IntervalStandard, tier: Tier = 'core'): number {
  if (!isTiered(standard.thresholds)) return standard.thresholds.single;
  const days = standard.thresholds[tier];
  if (days === null || days === undefined) {
    const present = presentTiers(standard.thresholds);
    throw new MeasureError(`Standard "${standard.id}" has no ${tier} tier (its tiers: ${present.join(', ')}): choose one of those.`);
  }
  return days;
}

/** The tier used when none is chosen: core, or the least demanding tier the standard has. */
export function defaultTier(standard: IntervalStandard): Tier {
  if (!isTiered(standard.thresholds)) return 'core';
  const present = presentTiers(standard.thresholds);
  return present.includes('core') ? 'core' : present[present.length - 1];
}

/** Describe a standard for error messages. */
function what(standard: Standard): string {
  return `standard "${standard.id}"`;
}

interface Frame {
  rows: number;
  keep: Uint8Array | undefined;
  population: Uint8Array;
  status: Uint8Array;
  waitDays: Float64Array;
  open: Uint8Array;
  asOf: number;
}

/** Shared start of every classification: filter and population decide the first exclusions. */
function frame(table: ColumnarTable, standard: Standard, options: MeasureOptions): Frame {
  const asOf = options.asOf ?? defaultAsOf(table, options.runDate);
  if (options.keep && options.keep.length !== table.rowCount) {
    throw new MeasureError(`The analysis filter has ${options.keep.length} rows but the extract has ${table.rowCount}.`);
  }
  return {
    rows: table.rowCount,
    keep: options.keep,
    population: clauseMask(table, standard.population, asOf, `the population of ${what(standard)}`),
    status: new Uint8Array(table.rowCount),
    waitDays: new Float64Array(table.rowCount).fill(Number.NaN),
    open: new Uint8Array(table.rowCount),
    asOf,
  };
}

/** Interval measure: start -> end within the threshold (domain.md, "Measure semantics"). */
function classifyInterval(table: ColumnarTable, standard: IntervalStandard, options: MeasureOptions): RowClassification {
  const f = frame(table, standard, options);
  const start = requireDateColumn(table, standard.startField, `the start of ${what(standard)}`);
  const end = requireDateColumn(table, standard.endField, `the end of ${what(standard)}`);
  const threshold = thresholdFor(standard, options.tier);
  const from = options.period?.from ?? -Infinity;
  const to = options.period?.to ?? Infinity;
  const { status, waitDays, open, population, keep, asOf } = f;
  for (let i = 0; i < f.rows; i++) {
    if (keep && keep[i] === 0) { status[i] = RowStatus.FILTERED_OUT; continue; }
    if (population[i] === 0) { status[i] = RowStatus.NOT_IN_POPULATION; continue; }
    const s = start[i];
    if (Number.isNaN(s)) { status[i] = RowStatus.MISSING_START; continue; }
    if (s < from || s > to) { status[i] = RowStatus.OUTSIDE_PERIOD; continue; }
    const e = end[i];
    // NaN comparisons are false, so a missing end passes the first two tests.
    if (e < s || e > asOf || s > asOf) { status[i] = RowStatus.INVALID; continue; }
    if (Number.isNaN(e)) {
      const elapsed = asOf - s;
      waitDays[i] = elapsed;
      open[i] = 1;
      status[i] = elapsed > threshold ? RowStatus.NOT_MET : RowStatus.CLOCK_RUNNING;
    } else {
      const wait = e - s;
      waitDays[i] = wait;
      status[i] = wait <= threshold ? RowStatus.MET : RowStatus.NOT_MET;
    }
  }
  return { status, waitDays, open, asOf, thresholdDays: threshold };
}

/** Composite measure: every part met by the same patient; a breach of any part is a breach. */
function classifyComposite(table: ColumnarTable, standard: CompositeStandard, options: MeasureOptions): RowClassification {
  const f = frame(table, standard, options);
  const parts = standard.parts.map((p, k) => ({
    start: requireDateColumn(table, p.startField, `part ${k + 1} of ${what(standard)}`),
    end: requireDateColumn(table, p.endField, `part ${k + 1} of ${what(standard)}`),
    days: p.days,
  }));
  const from = options.period?.from ?? -Infinity;
  const to = options.period?.to ?? Infinity;
  const { status, waitDays, open, population, keep, asOf } = f;
  const first = parts[0].start;
  const last = parts[parts.length - 1].end;
  rows: for (let i = 0; i < f.rows; i++) {
    if (keep && keep[i] === 0) { status[i] = RowStatus.FILTERED_OUT; continue; }
    if (population[i] === 0) { status[i] = RowStatus.NOT_IN_POPULATION; continue; }
    const s0 = first[i];
    if (Number.isNaN(s0)) { status[i] = RowStatus.MISSING_START; continue; }
    if (s0 < from || s0 > to) { status[i] = RowStatus.OUTSIDE_PERIOD; continue; }
    for (const p of parts) {
      const s = p.start[i];
      const e = p.end[i];
      if (s > asOf || e > asOf || e < s) { status[i] = RowStatus.INVALID; continue rows; }
    }
    for (const p of parts) {
      const s = p.start[i];
      const e = p.end[i];
      // A later part cannot start before an earlier one has ended: its start is missing.
      if (Number.isNaN(s)) { status[i] = RowStatus.MISSING_START; continue rows; }
      if (Number.isNaN(e)) {
        const elapsed = asOf - s;
        waitDays[i] = asOf - s0;
        open[i] = 1;
        status[i] = elapsed > p.days ? RowStatus.NOT_MET : RowStatus.CLOCK_RUNNING;
        continue rows;
      }
      if (e - s > p.days) {
        waitDays[i] = Number.isNaN(last[i]) ? asOf - s0 : last[i] - s0;
        open[i] = Number.isNaN(last[i]) ? 1 : 0;
        status[i] = RowStatus.NOT_MET;
        continue rows;
      }
    }
    waitDays[i] = last[i] - s0;
    status[i] = RowStatus.MET;
  }
  return { status, waitDays, open, asOf, thresholdDays: null };
}

/** Frequency measure: review gaps within `days`, and the last review not overdue at the as-of date. */
function classifyFrequency(table: ColumnarTable, standard: FrequencyStandard, options: MeasureOptions): RowClassification {
  const f = frame(table, standard, options);
  const lastReview = requireDateColumn(table, standard.eventField, `the last review of ${what(standard)}`);
  const previous = requireDateColumn(table, standard.previousField, `the previous review of ${what(standard)}`);
  const baseline = requireDateColumn(table, standard.baselineField, `the baseline of ${what(standard)}`);
  const days = standard.days;
  const { status, waitDays, open, population, keep, asOf } = f;
  for (let i = 0; i < f.rows; i++) {
    if (keep && keep[i] === 0) { status[i] = RowStatus.FILTERED_OUT; continue; }
    if (population[i] === 0) { status[i] = RowStatus.NOT_IN_POPULATION; continue; }
    const last = lastReview[i];
    const prev = previous[i];
    const base = baseline[i];
    const hasPrev = !Number.isNaN(prev);
    // Future dates; a previous review after (or without) the last; a first review before diagnosis.
    if (last > asOf || prev > asOf || base > asOf || prev > last || (hasPrev && Number.isNaN(last)) || (!hasPrev && base > last)) {
      status[i] = RowStatus.INVALID;
      continue;
    }
    if (Number.isNaN(last)) {
      // Never reviewed: the first review is due `days` after the baseline.
      if (Number.isNaN(base)) { status[i] = RowStatus.MISSING_START; continue; }
      const elapsed = asOf - base;
      waitDays[i] = elapsed;
      open[i] = 1;
      status[i] = elapsed > days ? RowStatus.NOT_MET : RowStatus.CLOCK_RUNNING;
      continue;
    }
    const since = asOf - last;
    if (since > days) {
      // Overdue: the next review should already have happened.
      waitDays[i] = since;
      open[i] = 1;
      status[i] = RowStatus.NOT_MET;
      continue;
    }
    const reference = hasPrev ? prev : base;
    if (Number.isNaN(reference)) { status[i] = RowStatus.MISSING_START; continue; }
    const gap = last - reference;
    waitDays[i] = gap;
    status[i] = gap <= days ? RowStatus.MET : RowStatus.NOT_MET;
  }
  return { status, waitDays, open, asOf, thresholdDays: days };
}

/** Status measure: the numerator condition holds at the as-of date; a numerator date after it is invalid. */
function classifyStatus(table: ColumnarTable, standard: StatusStandard, options: MeasureOptions): RowClassification {
  const f = frame(table, standard, options);
  const numerator = clauseMask(table, standard.numerator, f.asOf, `the numerator of ${what(standard)}`);
  const dateFields = [...new Set(standard.numerator.map((c) => c.field))]
    .map((field) => findColumn(table, field))
    .flatMap((c) => (c?.kind === 'date' ? [c.values] : []));
  const { status, population, keep, asOf } = f;
  for (let i = 0; i < f.rows; i++) {
    if (keep && keep[i] === 0) { status[i] = RowStatus.FILTERED_OUT; continue; }
    if (population[i] === 0) { status[i] = RowStatus.NOT_IN_POPULATION; continue; }
    let future = false;
    for (const d of dateFields) if (d[i] > asOf) future = true;
    if (future) { status[i] = RowStatus.INVALID; continue; }
    status[i] = numerator[i] === 1 ? RowStatus.MET : RowStatus.NOT_MET;
  }
  return { status, waitDays: f.waitDays, open: f.open, asOf, thresholdDays: null };
}

/** KPI extract rows: this KPI, a usable count pair, and the period (default: latest period end up to as-of). */
function classifyKpi(table: ColumnarTable, standard: KpiStandard, options: MeasureOptions): RowClassification {
  const f = frame(table, standard, options);
  const kpi = requireColumn(table, 'kpi_id', `${what(standard)} (a KPI extract)`);
  const numeratorColumn = requireColumn(table, 'numerator', `${what(standard)} (a KPI extract)`);
  const denominatorColumn = requireColumn(table, 'denominator', `${what(standard)} (a KPI extract)`);
  if (numeratorColumn.kind !== 'number' || denominatorColumn.kind !== 'number') {
    throw new MeasureError('"numerator" and "denominator" must be number columns in a KPI extract: check the column mapping.');
  }
  const num = numeratorColumn.values;
  const den = denominatorColumn.values;
  const endColumn = findColumn(table, 'period_end');
  const startColumn = findColumn(table, 'period_start');
  const periodEnd = endColumn?.kind === 'date' ? endColumn.values : undefined;
  const periodStart = startColumn?.kind === 'date' ? startColumn.values : undefined;
  const target = standard.kpiId.trim().toLowerCase();
  const isKpi = new Uint8Array(Math.max(0, kpi.kind === 'text' ? kpi.dictionary.length : 0));
  if (kpi.kind === 'text') kpi.dictionary.forEach((d, c) => { isKpi[c] = d.trim().toLowerCase() === target ? 1 : 0; });
  const { status, population, keep, asOf } = f;
  const matches = (i: number): boolean => {
    if (kpi.kind === 'text') return kpi.codes[i] >= 0 && isKpi[kpi.codes[i]] === 1;
    return String(kpi.values[i]) === target;
  };
  for (let i = 0; i < f.rows; i++) {
    if (keep && keep[i] === 0) { status[i] = RowStatus.FILTERED_OUT; continue; }
    if (!matches(i)) { status[i] = RowStatus.OTHER_KPI; continue; }
    if (population[i] === 0) { status[i] = RowStatus.NOT_IN_POPULATION; continue; }
    const x = num[i];
    const n = den[i];
    if (!(x >= 0 && n >= x && Number.isFinite(n))) { status[i] = RowStatus.INVALID; continue; }
    if (periodEnd && Number.isNaN(periodEnd[i])) { status[i] = RowStatus.MISSING_PERIOD; continue; }
    status[i] = RowStatus.MET;
  }
  if (periodEnd) {
    const period = options.period;
    let latest = -Infinity;
    if (!period) for (let i = 0; i < f.rows; i++) if (status[i] === RowStatus.MET && periodEnd[i] <= asOf && periodEnd[i] > latest) latest = periodEnd[i];
    for (let i = 0; i < f.rows; i++) {
      if (status[i] !== RowStatus.MET) continue;
      const end = periodEnd[i];
      const begin = periodStart ? periodStart[i] : end;
      const inside = period ? !(begin < period.from) && end <= period.to : end === latest;
      if (!inside) status[i] = RowStatus.OUTSIDE_PERIOD;
    }
  }
  return { status, waitDays: f.waitDays, open: f.open, asOf, thresholdDays: null };
}

/** Classify every row of the extract for a standard at the as-of date. */
export function classifyRows(table: ColumnarTable, standard: Standard, options: MeasureOptions = {}): RowClassification {
  switch (standard.kind) {
    case 'interval': return classifyInterval(table, standard, options);
    case 'composite': return classifyComposite(table, standard, options);
    case 'frequency': return classifyFrequency(table, standard, options);
    case 'status': return classifyStatus(table, standard, options);
    case 'kpi': return classifyKpi(table, standard, options);
  }
}

/** An ad-hoc interval measure (start field, end field, days) as a provisional standard. */
export function adHocInterval(startField: string, endField: string, days: number): IntervalStandard {
  return {
    id: `adhoc-${startField}-to-${endField}-${days}d`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    kind: 'interval',
    title: `${startField} to ${endField} within ${days} days`,
    shortTitle: `${startField} to ${endField} <= ${days}d`,
    source: 'Ad hoc measure defined by the user',
    provenance: 'provisional',
    direction: 'higher-is-better',
    population: [],
    startField,
    endField,
    thresholds: { single: days },
  };
}

/** The catalogue standard a KPI extract's kpi_id counts (by `kpiIds`, or a KPI standard's kpiId), if any. */
export function standardForKpi(kpiId: string, catalogue: readonly Standard[] = SHIPPED_STANDARDS): Standard | undefined {
  const wanted = kpiId.trim().toLowerCase();
  return catalogue.find((s) => (s.kind === 'kpi' && s.kpiId.trim().toLowerCase() === wanted) || (s.kpiIds ?? []).some((k) => k.trim().toLowerCase() === wanted));
}

/**
 * A KPI read as-is from a KPI extract. Known by the title, direction and provenance of the
 * catalogue standard it counts (issue 11: KPI measures shown by title, not raw id); otherwise a
 * provisional standard named after the id.
 */
export function adHocKpi(kpiId: string, catalogue: readonly Standard[] = SHIPPED_STANDARDS): KpiStandard {
  const known = standardForKpi(kpiId, catalogue);
  if (known?.kind === 'kpi') return known;
  if (known) {
    return {
      id: `kpi-${kpiId}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
      kind: 'kpi',
      title: known.title,
      shortTitle: known.shortTitle,
      source: `${known.source} (numerator and denominator as counted in the KPI extract, kpi_id ${kpiId})`,
      provenance: known.provenance,
      direction: known.direction,
      ...(known.family ? { family: known.family } : {}),
      ...(known.tierTargets ? { tierTargets: known.tierTargets } : {}),
      population: [],
      kpiId,
    };
  }
  return {
    id: `kpi-${kpiId}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    kind: 'kpi',
    title: `KPI ${kpiId}`,
    shortTitle: kpiId,
    source: 'KPI extract (numerator and denominator as supplied)',
    provenance: 'provisional',
    direction: 'higher-is-better',
    population: [],
    kpiId,
  };
}
