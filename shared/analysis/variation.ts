/**
 * Variation between centres for one measure: classify rows (measure.ts), count them per group in
 * one typed-array pass, then add Wilson intervals, funnel limits (with optional overdispersion),
 * outlier bands and tier classes. The result is a tidy table, one row per group, that the table
 * view, the funnel chart, the export and `msvw analyse` all read.
 */
import { daysFromIso, isoFromDays, type ColumnarTable } from '../data/table';
import { DEFAULT_REQUIRED_SHARE, TIERS } from '../standards/defaults';
import { isTiered } from '../standards/tiers';
import type { Direction, FilterClause, Provenance, Standard, StandardKind, TieredThreshold, Tier, TierClass, TierTargets } from '../standards/schema';
import {
  adjustedFunnelLimits, DEFAULT_OVERDISPERSION, funnelLimits, overdispersion, P95, P998, pooledTarget, wilsonInterval, Z95, Z998,
  type AppliedOverdispersion, type FunnelMethod, type Interval, type Overdispersion, type OverdispersionMethod,
} from '../stats';
import { overdispersionBanner } from '../output/words';
import { resolveKpiPeriod, type PeriodChoice } from './periods';
import { clauseMask, MeasureError, requireColumn } from './filter';
import { adHocInterval, adHocKpi, classifyRows, defaultAsOf, defaultTier, EXCLUSION_REASON, ROW_STATUS_COUNT, RowStatus, thresholdFor, type DayPeriod, type RowClassification } from './measure';

// Status codes as plain module constants: read in the hot loops without a property lookup.
const { MET, NOT_MET, CLOCK_RUNNING, INVALID, MISSING_START, MISSING_PERIOD, MISSING_GROUP } = RowStatus;

/** A measure defined on the spot: an interval (start, end, days) or a KPI id. */
export type AdHocMeasure = { startField: string; endField: string; days: number } | { kpiId: string };

/** What to analyse: a standard from the catalogue or an ad-hoc measure. */
export type MeasureSpec = Standard | AdHocMeasure;

/** Analysis filters: a period (ISO dates, inclusive) and lists of values to keep. */
export interface AnalysisFilters {
  period?: { from: string; to: string };
  region?: string[];
  ms_type?: string[];
  age_band?: string[];
  sex?: string[];
  imd_decile?: number[];
  /** Any further conditions in the standards' filter language. */
  where?: FilterClause[];
}

export interface VariationOptions {
  /** Grouping column (text or number); default centre_code. */
  by?: string;
  /** As-of date, ISO yyyy-mm-dd (default: for snapshot measures the period end, else the latest date in the extract not after the run date). */
  asOf?: string;
  /** Today, ISO yyyy-mm-dd, for the default as-of (default: the clock). */
  runDate?: string;
  filters?: AnalysisFilters;
  /** Funnel limit method (default exact binomial; an applied overdispersion adjustment switches to its own scale). */
  limits?: FunnelMethod;
  /** Overdispersion adjustment (default 'auto': additive when tau² > 0, else none; methods.md step 7). */
  overdispersion?: OverdispersionMethod;
  /**
   * Groups with a denominator below this are listed in `notCompared`, not judged (default 1: all
   * compared). They stay in the pooled target and the overdispersion estimate.
   */
  minN?: number;
  /** KPI extracts: which reporting periods to analyse (default 'latest'); ignored when filters.period is set. */
  kpiPeriod?: PeriodChoice;
  /** Funnel target: pooled across groups, or a proportion the user sets. */
  target?: 'pooled' | number;
  /** For tiered time frames: the tier whose time frame decides "met" (default core). */
  tier?: Tier;
}

/** Where a group sits against its funnel limits (strictly outside = outlier). */
export type Band = 'below99.8' | 'below95' | 'within' | 'above95' | 'above99.8';

export interface GroupResult {
  group: string;
  /** The centre's name (centre_name column) when grouped by centre code and the extract has names, else null. */
  name: string | null;
  /** Denominator (patients, or the summed KPI denominator). */
  n: number;
  numerator: number;
  proportion: number;
  /** Wilson 95% interval. */
  ci95: [number, number];
  limits: { l95: number; u95: number; l998: number; u998: number };
  /** z-score against the target (arcsine scale, raw scale for multiplicative; adjusted when applied). */
  z: number | null;
  band: Band;
  tier: TierClass | null;
  /** Median of completed waits in the denominator, in days, or null. */
  medianDays: number | null;
  excluded: { clockRunning: number; invalid: number; missing: number };
}

export interface VariationResult {
  measure: {
    id: string;
    title: string;
    shortTitle: string;
    kind: StandardKind;
    source: string;
    provenance: Provenance;
    direction: Direction;
    /** Days that decided "met", or null for status, composite and KPI measures. */
    thresholdDays: number | null;
    tier: Tier | null;
  };
  by: string;
  asOf: string | null;
  period: { from: string; to: string } | null;
  /** Interval measures: the earliest and latest start date among the patients in the denominator (ISO), else null. */
  startRange: { from: string; to: string } | null;
  target: number | null;
  targetSource: 'pooled' | 'user';
  /** Funnel method used: arcsine with additive overdispersion, normal with multiplicative. */
  limits: FunnelMethod;
  overdispersion: {
    /** What was asked for ('auto' by default). */
    method: OverdispersionMethod;
    /** The adjustment actually drawn ('none' when nothing widened the limits). */
    drawn: AppliedOverdispersion;
    phi: number | null;
    tau2: number;
    applied: boolean;
    fallback: boolean;
    message: string | null;
    /** The plain-words sentence for the banner (output/words.ts, overdispersionBanner). */
    banner: string;
  };
  /** Groups judged against the limits (denominator at least `minN`). */
  groups: GroupResult[];
  /** Groups with a denominator below `minN`: in the pooled target, but too few to judge. */
  notCompared: GroupResult[];
  /** Smallest denominator a group needs to be compared. */
  minN: number;
  /** The comparison settings asked for (so an output can recompute published statistics the same way). */
  settings: { limits: FunnelMethod; overdispersion: OverdispersionMethod; target: 'pooled' | number };
  /** Groups with rows but an empty denominator (all rows excluded). */
  emptyGroups: string[];
  /** rowsRead = inDenominator + sum(excluded). For KPI extracts, rows are KPI rows. */
  accounting: { rowsRead: number; inDenominator: number; excluded: Record<string, number> };
}

/** Normalise an ad-hoc measure to a standard (a KPI id takes the title of the catalogue standard it counts). */
export function toStandard(spec: MeasureSpec, catalogue?: readonly Standard[]): Standard {
  if ('kind' in spec) return spec;
  if ('kpiId' in spec) return adHocKpi(spec.kpiId, catalogue);
  return adHocInterval(spec.startField, spec.endField, spec.days);
}

/** Day number of an ISO option, or a MeasureError naming the option. */
function isoOption(value: string, name: string): number {
  const d = daysFromIso(value);
  if (Number.isNaN(d)) throw new MeasureError(`${name} "${value}" is not a date: write it as yyyy-mm-dd, e.g. 2024-03-31.`);
  return d;
}

/** Filter clauses from the analysis filters (the period is applied by the measure). */
function filterClauses(filters: AnalysisFilters | undefined): FilterClause[] {
  if (!filters) return [];
  const clauses: FilterClause[] = [];
  const lists: [string, (string | number)[] | undefined][] = [
    ['region', filters.region], ['ms_type', filters.ms_type], ['age_band', filters.age_band], ['sex', filters.sex], ['imd_decile', filters.imd_decile],
  ];
  for (const [field, values] of lists) if (values && values.length) clauses.push({ field, op: 'in', values });
  return [...clauses, ...(filters.where ?? [])];
}

/** Group index per row (-1 when missing) and the group labels. */
export function groupIndex(table: ColumnarTable, by: string): { index: Int32Array; labels: string[] } {
  const column = requireColumn(table, by, 'grouping the analysis');
  if (column.kind === 'text') return { index: column.codes, labels: column.dictionary };
  if (column.kind === 'date') {
    throw new MeasureError(`Cannot group by "${by}": it holds dates. Group by a text or number column such as centre_code, region or imd_decile.`, by);
  }
  const index = new Int32Array(table.rowCount);
  const seen = new Map<number, number>();
  const labels: string[] = [];
  const v = column.values;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isNaN(x)) { index[i] = -1; continue; }
    let k = seen.get(x);
    if (k === undefined) { k = labels.length; seen.set(x, k); labels.push(String(x)); }
    index[i] = k;
  }
  return { index, labels };
}

/** Largest histogram (groups x distinct whole days) used for medians before falling back to sorting. */
const MEDIAN_HISTOGRAM_CELLS = 1 << 22;

/** Median (R type 7) of one sorted slice. */
function sortedMedian(slice: Float64Array): number {
  const m = slice.length;
  const h = (m - 1) / 2;
  const lo = Math.floor(h);
  return slice[lo] + (h - lo) * (slice[Math.min(lo + 1, m - 1)] - slice[lo]);
}

/**
 * Median (R type 7) of each group's values (values grouped by offsets). Waits are whole days, so a
 * per-group histogram gives the exact median in linear time; anything else is sorted per group.
 */
export function groupMedians(values: Float64Array, offsets: Int32Array): Float64Array {
  const groups = offsets.length - 1;
  const medians = new Float64Array(groups).fill(Number.NaN);
  if (values.length === 0) return medians;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  const span = max - min + 1;
  if (!whole || !(span * groups <= MEDIAN_HISTOGRAM_CELLS)) {
    for (let g = 0; g < groups; g++) {
      const slice = values.subarray(offsets[g], offsets[g + 1]);
      if (slice.length) medians[g] = sortedMedian(slice.sort());
    }
    return medians;
  }
  const counts = new Int32Array(span);
  for (let g = 0; g < groups; g++) {
    const m = offsets[g + 1] - offsets[g];
    if (m === 0) continue;
    counts.fill(0);
    for (let i = offsets[g]; i < offsets[g + 1]; i++) counts[values[i] - min]++;
    medians[g] = histogramMedian(counts, m, min);
  }
  return medians;
}

/**
 * Median (R type 7) of m whole numbers given as a histogram: counts[d] values equal to d + min.
 * Order statistics lo and lo+1 (0-based) read off the cumulative counts; NaN when m is 0.
 */
export function histogramMedian(counts: ArrayLike<number>, m: number, min = 0): number {
  if (m === 0) return Number.NaN;
  const h = (m - 1) / 2;
  const lo = Math.floor(h);
  let seen = 0;
  let atLo = Number.NaN;
  for (let d = 0; d < counts.length; d++) {
    seen += counts[d];
    if (Number.isNaN(atLo) && seen > lo) atLo = d + min;
    if (seen > lo + 1 || seen === m) {
      const atNext = seen > lo + 1 ? d + min : atLo;
      return atLo + (h - lo) * (atNext - atLo);
    }
  }
  return Number.NaN;
}

/** True unless the standard is a tiered time frame without this tier. */
function tierPresent(standard: Standard, tier: Tier): boolean {
  if (standard.kind !== 'interval' || !isTiered(standard.thresholds)) return true;
  const days = standard.thresholds[tier];
  return days !== null && days !== undefined;
}

/** Required share (or target proportion) for each tier of a standard. */
function tierTargetsFor(standard: Standard): TierTargets {
  const share = standard.requiredShare ?? DEFAULT_REQUIRED_SHARE;
  return standard.tierTargets ?? { core: share, achievable: share, aspirational: share };
}

/** Class of a proportion against tier targets, most demanding tier first (see standards/schema.ts). */
export function classifyProportion(value: number, targets: TierTargets, direction: Direction): TierClass {
  for (const tier of TIERS) {
    const meets = direction === 'higher-is-better' ? value >= targets[tier] : value <= targets[tier];
    if (meets) return tier;
  }
  return 'below core';
}

/** Band of a proportion against its 95% and 99.8% limits; outliers lie strictly outside. */
export function bandFor(value: number, l95: number, u95: number, l998: number, u998: number): Band {
  if (value < l998) return 'below99.8';
  if (value > u998) return 'above99.8';
  if (value < l95) return 'below95';
  if (value > u95) return 'above95';
  return 'within';
}

/** Counts per group from one pass over the rows (or a streamed tally). */
export interface GroupCounts {
  numerator: Float64Array;
  denominator: Float64Array;
  clockRunning: Int32Array;
  invalid: Int32Array;
  missing: Int32Array;
  /** Rows of any status per group (to report groups with an empty denominator). */
  rows: Int32Array;
  reasons: Int32Array;
  medians: Float64Array;
  /** Per tier (aspirational, achievable, core): met and denominator counts per group. */
  tierMet: Int32Array[] | null;
  tierDen: Int32Array[] | null;
}

/** One pass over the rows: counts per group and per exclusion reason; completed waits for medians. */
function countGroups(table: ColumnarTable, standard: Standard, rows: RowClassification, index: Int32Array, groups: number): GroupCounts {
  const { status, waitDays, open } = rows;
  const numerator = new Float64Array(groups);
  const denominator = new Float64Array(groups);
  const clockRunning = new Int32Array(groups);
  const invalid = new Int32Array(groups);
  const missing = new Int32Array(groups);
  const perGroupRows = new Int32Array(groups);
  const reasons = new Int32Array(ROW_STATUS_COUNT);
  const completed = new Int32Array(groups);
  const met = new Int32Array(groups);
  const notMet = new Int32Array(groups);
  const length = status.length;
  for (let i = 0; i < length; i++) {
    const st = status[i];
    const g = index[i];
    if (g < 0) {
      // Rows that would count, or be excluded for a measure reason, cannot be attributed to a group.
      reasons[st <= MISSING_START || st === MISSING_PERIOD ? MISSING_GROUP : st]++;
      continue;
    }
    reasons[st]++;
    perGroupRows[g]++;
    if (st === MET || st === NOT_MET) {
      if (st === MET) met[g]++;
      else notMet[g]++;
      if (open[i] === 0 && waitDays[i] === waitDays[i]) completed[g]++;
    } else if (st === CLOCK_RUNNING) clockRunning[g]++;
    else if (st === INVALID) invalid[g]++;
    else if (st === MISSING_START || st === MISSING_PERIOD) missing[g]++;
  }
  if (standard.kind === 'kpi') {
    // KPI rows carry their own counts: sum them over the rows that count.
    const xs = kpiCounts(table, 'numerator');
    const ns = kpiCounts(table, 'denominator');
    for (let i = 0; i < length; i++) {
      const g = index[i];
      if (g >= 0 && status[i] === MET) { numerator[g] += xs[i]; denominator[g] += ns[i]; }
    }
  } else {
    for (let g = 0; g < groups; g++) { numerator[g] = met[g]; denominator[g] = met[g] + notMet[g]; }
  }
  // Completed waits gathered per group (counting sort of rows), for the median wait.
  const offsets = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) offsets[g + 1] = offsets[g] + completed[g];
  const waits = new Float64Array(offsets[groups]);
  const cursor = offsets.slice(0, groups);
  if (waits.length > 0) {
    for (let i = 0; i < length; i++) {
      const st = status[i];
      const g = index[i];
      if (g >= 0 && (st === MET || st === NOT_MET) && open[i] === 0 && waitDays[i] === waitDays[i]) waits[cursor[g]++] = waitDays[i];
    }
  }
  const tiers = tierCounts(standard, rows, index, groups);
  return {
    numerator, denominator, clockRunning, invalid, missing, rows: perGroupRows, reasons,
    medians: groupMedians(waits, offsets), tierMet: tiers?.met ?? null, tierDen: tiers?.den ?? null,
  };
}

/** A KPI extract's numerator or denominator column as numbers. */
function kpiCounts(table: ColumnarTable, field: 'numerator' | 'denominator'): Float64Array {
  const column = requireColumn(table, field, 'a KPI measure');
  if (column.kind === 'text') throw new MeasureError(`"${field}" must be a number column in a KPI extract: check the column mapping.`, field);
  return column.values;
}

/**
 * For tiered time frames, each tier's met/denominator per group: a completed wait meets a tier
 * when it is within the tier's days; an open clock breaches a tier once it has run past the
 * tier's days, and is excluded from that tier until then. Tiers in TIERS order.
 */
function tierCounts(standard: Standard, rows: RowClassification, index: Int32Array, groups: number): { met: Int32Array[]; den: Int32Array[] } | null {
  if (standard.kind !== 'interval' || !isTiered(standard.thresholds)) return null;
  // An absent tier (null) never meets nor breaches: its counts stay 0 and it is skipped in classing.
  const [d0, d1, d2] = TIERS.map((t) => (standard.thresholds as TieredThreshold)[t] ?? Number.NaN);
  const met0 = new Int32Array(groups), met1 = new Int32Array(groups), met2 = new Int32Array(groups);
  const den0 = new Int32Array(groups), den1 = new Int32Array(groups), den2 = new Int32Array(groups);
  const { status, waitDays, open } = rows;
  for (let i = 0; i < status.length; i++) {
    const st = status[i];
    const g = index[i];
    if (g < 0 || (st !== MET && st !== NOT_MET && st !== CLOCK_RUNNING)) continue;
    const w = waitDays[i];
    if (open[i] === 1) {
      if (w > d0) den0[g]++;
      if (w > d1) den1[g]++;
      if (w > d2) den2[g]++;
    } else {
      den0[g]++; den1[g]++; den2[g]++;
      if (w <= d0) met0[g]++;
      if (w <= d1) met1[g]++;
      if (w <= d2) met2[g]++;
    }
  }
  return { met: [met0, met1, met2], den: [den0, den1, den2] };
}

/** A finite number, or null (JSON has no NaN or Infinity). */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Limits at both levels for one denominator (exported for the output path: limits at a published n). */
export function limitsAt(theta: number, n: number, method: FunnelMethod, od: Overdispersion | null): { l95: Interval; l998: Interval } {
  if (!od || od.method === 'none') {
    return { l95: funnelLimits(theta, n, P95, Z95, method), l998: funnelLimits(theta, n, P998, Z998, method) };
  }
  return { l95: adjustedFunnelLimits(theta, n, P95, Z95, od), l998: adjustedFunnelLimits(theta, n, P998, Z998, od) };
}

/** The funnel comparison of one group: its interval, limits, z-score and band. */
export interface GroupComparison {
  ci95: [number, number];
  limits: { l95: number; u95: number; l998: number; u998: number };
  z: number | null;
  band: Band;
}

/** Funnel comparison of groups (x out of n each): target, overdispersion and each group's limits and band. */
export interface Comparison {
  /** The target proportion (pooled sum x / sum n, or the user's), NaN without groups. */
  theta: number;
  od: Overdispersion | null;
  /** Limit method drawn (arcsine under additive, normal under multiplicative adjustment). */
  limits: FunnelMethod;
  groups: GroupComparison[];
}

/** Options of a funnel comparison: the target, the limit method and the overdispersion adjustment. */
export type ComparisonOptions = Pick<VariationOptions, 'limits' | 'overdispersion' | 'target'>;

/**
 * Compares groups with counts x out of n (n > 0) on a funnel: pooled or given target,
 * overdispersion (default automatic), Wilson 95% intervals, 95% and 99.8% limits and bands.
 * The one place every output (screen, export, CLI) gets its limits from.
 */
export function compareGroups(x: readonly number[], n: readonly number[], options: ComparisonOptions = {}): Comparison {
  const limitsMethod = options.limits ?? 'exact';
  const odMethod = options.overdispersion ?? DEFAULT_OVERDISPERSION;
  const target = options.target ?? 'pooled';
  const theta = target === 'pooled' ? (x.length ? pooledTarget([...x], [...n]) : Number.NaN) : target;
  const od = x.length && Number.isFinite(theta) ? overdispersion(x, n, theta, odMethod) : null;
  const limits: FunnelMethod = od?.method === 'additive' ? 'arcsine' : od?.method === 'multiplicative' ? 'normal' : limitsMethod;
  const groups = x.map((xi, k): GroupComparison => {
    const ni = n[k];
    const p = xi / ni;
    const ci = wilsonInterval(xi, ni, Z95);
    const { l95, l998 } = limitsAt(theta, ni, limitsMethod, od);
    return {
      ci95: [ci.lower, ci.upper],
      limits: { l95: l95.lower, u95: l95.upper, l998: l998.lower, u998: l998.upper },
      z: od ? finite(od.z[k]) : null,
      // A centre at the target is never an outlier (guards the degenerate exact limits at theta 0 or 1).
      band: p === theta ? 'within' : bandFor(p, l95.lower, l95.upper, l998.lower, l998.upper),
    };
  });
  return { theta, od, limits, groups };
}

/** The overdispersion summary a result carries, with its banner sentence. */
export function overdispersionSummary(od: Overdispersion | null, requested: OverdispersionMethod): VariationResult['overdispersion'] {
  const summary = {
    method: requested, drawn: od?.method ?? 'none', phi: od ? finite(od.phi) : null, tau2: od?.tau2 ?? 0, applied: od?.applied ?? false,
    fallback: od?.fallback ?? false, message: od?.message ?? null, banner: '',
  } satisfies VariationResult['overdispersion'];
  return { ...summary, banner: overdispersionBanner(summary) };
}

/** Name of each group from the extract's centre_name column (first non-empty name per group), when grouped by centre code. */
function groupNames(table: ColumnarTable, by: string, index: Int32Array, groups: number): (string | null)[] {
  const names = new Array<string | null>(groups).fill(null);
  if (by !== 'centre_code') return names;
  const column = table.columns.find((c) => c.name === 'centre_name');
  if (!column || column.kind !== 'text') return names;
  let left = groups;
  for (let i = 0; i < index.length && left > 0; i++) {
    const g = index[i];
    const code = column.codes[i];
    if (g < 0 || code < 0 || names[g] !== null) continue;
    const name = column.dictionary[code].trim();
    if (name) { names[g] = name; left--; }
  }
  return names;
}

/** The earliest and latest start date of the rows in the denominator, for interval and composite measures. */
function startRangeOf(table: ColumnarTable, standard: Standard, rows: RowClassification): { from: string; to: string } | null {
  const field = standard.kind === 'interval' ? standard.startField : standard.kind === 'composite' ? standard.parts[0].startField : null;
  const column = field ? table.columns.find((c) => c.name === field) : undefined;
  if (!column || column.kind !== 'date') return null;
  let lo = Infinity;
  let hi = -Infinity;
  const { status } = rows;
  for (let i = 0; i < status.length; i++) {
    if (status[i] !== MET && status[i] !== NOT_MET) continue;
    const d = column.values[i];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return lo <= hi ? { from: isoFromDays(lo), to: isoFromDays(hi) } : null;
}

/** Variation between groups (centres by default) for one measure, as a tidy table. */
export function analyseVariation(table: ColumnarTable, spec: MeasureSpec, options: VariationOptions = {}): VariationResult {
  const standard = toStandard(spec);
  const by = options.by ?? 'centre_code';
  checkComparisonOptions(options);
  const snapshot = standard.kind === 'status' || standard.kind === 'frequency';
  const asOfOption = options.asOf !== undefined ? isoOption(options.asOf, 'As-of date') : undefined;
  let periodIso = options.filters?.period ?? null;
  if (!periodIso && standard.kind === 'kpi') {
    const kpiAsOf = asOfOption ?? defaultAsOf(table, options.runDate === undefined ? undefined : isoOption(options.runDate, 'Run date'));
    periodIso = resolveKpiPeriod(table, options.kpiPeriod ?? 'latest', Number.isNaN(kpiAsOf) ? undefined : isoFromDays(kpiAsOf));
  }
  const period: DayPeriod | undefined = periodIso
    ? { from: isoOption(periodIso.from, 'Period start'), to: isoOption(periodIso.to, 'Period end') }
    : undefined;
  if (period && period.from > period.to) throw new MeasureError(`The period starts (${periodIso?.from}) after it ends (${periodIso?.to}): swap the dates.`);
  const asOf = asOfOption !== undefined ? asOfOption : snapshot && period ? period.to : defaultAsOf(table, options.runDate === undefined ? undefined : isoOption(options.runDate, 'Run date'));
  const { index, labels } = groupIndex(table, by);
  const clauses = filterClauses(options.filters);
  const keep = clauses.length ? clauseMask(table, clauses, asOf, 'the analysis filters') : undefined;
  const tier = tierOf(standard, options.tier);
  const rows = classifyRows(table, standard, { asOf, period: snapshot ? undefined : period, keep, tier: tier ?? undefined });
  const counts = countGroups(table, standard, rows, index, labels.length);
  return variationFromCounts(standard, {
    ...counts, labels, names: groupNames(table, by, index, labels.length), numeric: table.columns.find((c) => c.name === by)?.kind === 'number',
    startRange: startRangeOf(table, standard, rows), asOf: rows.asOf, thresholdDays: rows.thresholdDays, rowsRead: table.rowCount,
  }, { ...options, by }, periodIso, tier);
}

/** The tier whose time frame decides "met" for a tiered interval standard (else null). */
export function tierOf(standard: Standard, tier: Tier | undefined): Tier | null {
  return standard.kind === 'interval' && isTiered(standard.thresholds) ? (tier ?? defaultTier(standard)) : null;
}

/** The target and minimum n options, checked before any work. */
export function checkComparisonOptions(options: Pick<VariationOptions, 'target' | 'minN'>): void {
  const target = options.target ?? 'pooled';
  const minN = options.minN ?? 1;
  if (target !== 'pooled' && !(target >= 0 && target <= 1)) {
    throw new MeasureError(`The target ${target} is not a proportion: give a value between 0 and 1 (e.g. 0.8), or "pooled".`);
  }
  if (!(minN >= 1) || !Number.isFinite(minN)) throw new MeasureError(`The minimum n ${minN} must be a number of patients, 1 or more.`);
}

/**
 * What a variation result is made from, per group: the counts of one pass over the rows
 * (countGroups) or of a streamed tally (stream/aggregate.ts), with the group labels and names.
 */
export interface GroupTally extends GroupCounts {
  labels: string[];
  names: (string | null)[];
  /** Whether the grouping column holds numbers (labels then sort as numbers). */
  numeric: boolean;
  startRange: { from: string; to: string } | null;
  /** As-of day number used (NaN when the extract has no dates). */
  asOf: number;
  thresholdDays: number | null;
  /** Rows of the (imported) table. */
  rowsRead: number;
}

/** The tidy per-group result from a tally: the one place targets, limits, bands and tiers are applied. */
export function variationFromCounts(
  standard: Standard, counts: GroupTally, options: VariationOptions & { by: string }, periodIso: { from: string; to: string } | null, tier: Tier | null,
): VariationResult {
  checkComparisonOptions(options);
  const odMethod = options.overdispersion ?? DEFAULT_OVERDISPERSION;
  const target = options.target ?? 'pooled';
  const minN = options.minN ?? 1;
  const { labels, names, numeric } = counts;
  const kept: number[] = [];
  const emptyGroups: string[] = [];
  for (let g = 0; g < labels.length; g++) {
    if (counts.denominator[g] > 0) kept.push(g);
    else if (counts.rows[g] > 0) emptyGroups.push(labels[g]);
  }
  const order = (a: number, b: number): number =>
    numeric ? Number(labels[a]) - Number(labels[b]) : labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0;
  kept.sort(order);
  emptyGroups.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const x = kept.map((g) => counts.numerator[g]);
  const n = kept.map((g) => counts.denominator[g]);
  const comparison = compareGroups(x, n, { limits: options.limits, overdispersion: odMethod, target });
  const theta = comparison.theta;
  const od = comparison.od;
  const targets = tierTargetsFor(standard);
  const classByProportion = !tier && standard.tierTargets !== undefined;

  const all: GroupResult[] = kept.map((g, k) => {
    const xi = x[k];
    const ni = n[k];
    const p = xi / ni;
    let tierClass: TierClass | null = null;
    if (tier && counts.tierMet && counts.tierDen) {
      tierClass = 'below core';
      let anyDenominator = false;
      for (let t = 0; t < TIERS.length; t++) {
        const tierName = TIERS[t];
        const required = targets[tierName];
        if (required === undefined || !tierPresent(standard, tierName)) continue;
        const den = counts.tierDen[t][g];
        if (den > 0) anyDenominator = true;
        if (den > 0 && counts.tierMet[t][g] / den >= required) { tierClass = tierName; break; }
      }
      if (!anyDenominator) tierClass = null;
    } else if (classByProportion) {
      tierClass = classifyProportion(p, targets, standard.direction);
    }
    const c = comparison.groups[k];
    return {
      group: labels[g],
      name: names[g],
      n: ni,
      numerator: xi,
      proportion: p,
      ci95: c.ci95,
      limits: c.limits,
      z: c.z,
      band: c.band,
      tier: tierClass,
      medianDays: finite(counts.medians[g]),
      excluded: { clockRunning: counts.clockRunning[g], invalid: counts.invalid[g], missing: counts.missing[g] },
    };
  });

  const excluded: Record<string, number> = {};
  let inDenominator = 0;
  for (let st = 0; st < ROW_STATUS_COUNT; st++) {
    const count = counts.reasons[st];
    if (st === MET || st === NOT_MET) inDenominator += count;
    else if (count > 0) excluded[EXCLUSION_REASON[st]] = count;
  }
  return {
    measure: {
      id: standard.id, title: standard.title, shortTitle: standard.shortTitle, kind: standard.kind, source: standard.source,
      provenance: standard.provenance, direction: standard.direction, thresholdDays: counts.thresholdDays, tier,
    },
    by: options.by,
    asOf: Number.isNaN(counts.asOf) ? null : isoFromDays(counts.asOf),
    period: periodIso,
    startRange: counts.startRange,
    target: finite(theta),
    targetSource: target === 'pooled' ? 'pooled' : 'user',
    limits: comparison.limits,
    overdispersion: overdispersionSummary(od, odMethod),
    groups: all.filter((g) => g.n >= minN),
    notCompared: all.filter((g) => g.n < minN),
    minN,
    settings: { limits: options.limits ?? 'exact', overdispersion: odMethod, target },
    emptyGroups,
    accounting: { rowsRead: counts.rowsRead, inDenominator, excluded },
  };
}

/** Threshold days of a standard at a tier, for labels (null when it has none). */
export function standardDays(standard: Standard, tier: Tier = 'core'): number | null {
  if (standard.kind === 'interval') return thresholdFor(standard, tier);
  if (standard.kind === 'frequency') return standard.days;
  return null;
}
