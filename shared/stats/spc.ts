// Statistical process control charts as NHSRplotthedots and Making Data Count draw them:
// XmR (individuals) chart, p-chart and Laney p'-chart, with rebased segments, special-cause
// rules and the variation / assurance icons.

import {
  SPC_D2,
  SPC_LIMIT_MULTIPLIER,
  SPC_MIN_BASELINE,
  SPC_MR_SCREEN,
  SPC_NEAR_LIMIT_FRACTION,
  SPC_SIGMA_MULTIPLIER,
  SPC_TRIAL_LIMIT_POINTS,
} from './constants';
import { compensatedSum, quantileType7, stableMean } from './mean';
import {
  DEFAULT_RUN_LENGTHS,
  assuranceIcon,
  evaluateRules,
  pointVariation,
  shiftRuns,
  trendRuns,
  variationIcon,
  type AssuranceIcon,
  type ImprovementDirection,
  type PointLimits,
  type PointVariation,
  type RuleFlag,
  type SpcRule,
  type TrendTies,
  type TwoOfThreeVariant,
  type VariationIcon,
} from './spc-rules';

export * from './spc-rules';

/** Options shared by every SPC chart. */
export interface SpcOptions {
  /** Indices of the first point of each new segment; limits and rules never cross a rebase. */
  readonly rebaseAt?: readonly number[];
  /** Compute limits from the first k points of each segment (k >= 12), or from all points (default). */
  readonly baseline?: number | 'all';
  /** Which way is an improvement (default 'neither'). */
  readonly direction?: ImprovementDirection;
  /** Target for the assurance icon, or null for none. */
  readonly target?: number | null;
  /** Points in a trend run (default 7; 6 for the 6-point variant). */
  readonly trendPoints?: number;
  /** Points in a shift run (default 7; 6 for the 6-point variant). */
  readonly shiftPoints?: number;
  /** 2 of 3 near a limit: NHSRplotthedots ('nhsr', default) or Making Data Count 2023 ('mdc2023'). */
  readonly twoOfThree?: TwoOfThreeVariant;
  /** Ties in a trend: break it ('break', default) or neither add nor break ('ignore'). */
  readonly trendTies?: TrendTies;
}

/** Options of the XmR chart. */
export interface XmrOptions extends SpcOptions {
  /** Drop moving ranges >= 3.267 x average and recompute (default true; the MDC Excel tool does not). */
  readonly screenMovingRanges?: boolean;
}

/** One point of an SPC chart with its limits, the rule that flags it and what that means. */
export interface SpcPoint extends PointLimits {
  readonly index: number;
  readonly value: number;
  /** Index of the rebased segment the point belongs to. */
  readonly segment: number;
  readonly rule: SpcRule | null;
  /** Every rule that flags the point, highest priority first (the first is `rule`). */
  readonly rules: readonly SpcRule[];
  /** Side of the signal: +1 high, -1 low, 0 for common cause. */
  readonly side: 1 | -1 | 0;
  readonly variation: PointVariation;
}

/** One point of an XmR chart, with its moving range (null for the first point of a segment). */
export interface XmrPoint extends SpcPoint {
  readonly movingRange: number | null;
}

/** One rebased segment: points start..end-1, limits computed from start..baselineEnd-1. */
export interface SpcSegment {
  readonly start: number;
  readonly end: number;
  readonly baselineEnd: number;
  readonly centre: number;
  /** Fewer than 13 points in the segment: limits are provisional. */
  readonly trialLimits: boolean;
  /**
   * Every baseline value equal (zero spread): no limits and no signals in the segment, as
   * NHSRplotthedots does, rather than zero-width limits that flag every off-mean point.
   */
  readonly flat: boolean;
}

/** An XmR segment with its average moving range and constant limits. */
export interface XmrSegment extends SpcSegment, PointLimits {
  readonly averageMovingRange: number;
  /** Upper limit of the moving-range chart, 3.267 x average moving range. */
  readonly movingRangeLimit: number;
  /** Moving ranges dropped by screening before the average was recomputed. */
  readonly screenedMovingRanges: number;
}

/** A p-chart or Laney p'-chart segment; sigmaZ is Laney's between-point factor (1 for a p-chart). */
export interface ProportionSegment extends SpcSegment {
  readonly sigmaZ: number;
}

/** A whole chart: one row per point, one per segment, and the icons for the latest point. */
export interface SpcChart<P extends SpcPoint, S extends SpcSegment> {
  readonly points: P[];
  readonly segments: S[];
  readonly variationIcon: VariationIcon;
  readonly assuranceIcon: AssuranceIcon | null;
  /** The latest segment has trial limits. */
  readonly trialLimits: boolean;
}

/** Index ranges of the rebased segments, checking that rebase points are inside the series. */
export function segmentRanges(length: number, rebaseAt: readonly number[] = []): Array<{ start: number; end: number }> {
  if (length === 0) return [];
  const cuts = [...new Set(rebaseAt)].sort((a, b) => a - b);
  for (const cut of cuts) {
    if (!Number.isInteger(cut) || cut <= 0 || cut >= length) {
      throw new RangeError(`A rebase must fall on a point after the first and within the ${length} points, but it was at ${cut}.`);
    }
  }
  const starts = [0, ...cuts];
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : length }));
}

/** Indices of the first point on or after each rebase date (dates as numbers in time order). */
export function rebaseIndices(dates: readonly number[], rebaseDates: readonly number[]): number[] {
  const indices = rebaseDates.map((date) => dates.findIndex((d) => d >= date)).filter((i) => i > 0);
  return [...new Set(indices)].sort((a, b) => a - b);
}

/** Number of baseline points in a segment of the given length, checking k >= 12. */
function baselineLength(baseline: number | 'all' | undefined, segmentLength: number): number {
  if (baseline === undefined || baseline === 'all') return segmentLength;
  if (!Number.isInteger(baseline) || baseline < SPC_MIN_BASELINE) {
    throw new RangeError(`A fixed baseline needs at least ${SPC_MIN_BASELINE} points, but it was ${baseline}.`);
  }
  return Math.min(baseline, segmentLength);
}

/** Average moving range of a baseline, optionally screening ranges >= 3.267 x the first average (NHSRplotthedots). */
export function averageMovingRange(baseline: readonly number[], screen: boolean): { amr: number; screened: number } {
  const ranges = baseline.slice(1).map((y, i) => Math.abs(y - baseline[i]));
  const first = stableMean(ranges);
  // With every range 0 the screen (>= 0) would drop them all; there is nothing to screen then.
  if (!screen || !(first > 0)) return { amr: first, screened: 0 };
  const limit = SPC_MR_SCREEN * first;
  const kept = ranges.filter((range) => range < limit);
  return { amr: stableMean(kept), screened: ranges.length - kept.length };
}

/** Limits a rule engine needs around a centre line at distance `half` (3 sigma), with near lines at 2/3 of it. */
function limitsAround(centre: number, half: number, clamp: boolean): PointLimits {
  const near = half * SPC_NEAR_LIMIT_FRACTION;
  const fit = (v: number): number => (clamp ? Math.min(1, Math.max(0, v)) : v);
  return { centre, lower: fit(centre - half), upper: fit(centre + half), nearLower: fit(centre - near), nearUpper: fit(centre + near) };
}

/** A point no rule flags. */
const NO_SIGNAL: RuleFlag = Object.freeze({ rule: null, side: 0, rules: Object.freeze([]) as readonly SpcRule[] });

/** The rule engine of a chart segment: values, limits and rule options to one flag per point. */
type RuleEngine = (values: readonly number[], limits: readonly PointLimits[], runs: RuleOptionsLike) => RuleFlag[];

/** Rule options as the engine receives them. */
interface RuleOptionsLike {
  trendPoints: number;
  shiftPoints: number;
  twoOfThree: TwoOfThreeVariant;
  trendTies: TrendTies;
}

/** A centre line without process or near-limit lines (flat baseline, run chart). */
function noLimits(centre: number): PointLimits {
  return { centre, lower: Number.NaN, upper: Number.NaN, nearLower: Number.NaN, nearUpper: Number.NaN };
}

/** Applies the rules segment by segment and builds the point rows and icons. */
function assemble<S extends SpcSegment, P extends SpcPoint>(
  values: readonly number[],
  segments: S[],
  limits: PointLimits[],
  options: SpcOptions,
  extra: (index: number, segment: S) => Omit<P, keyof SpcPoint>,
  rules: RuleEngine = evaluateRules,
): SpcChart<P, S> {
  const direction = options.direction ?? 'neither';
  const runs = {
    trendPoints: options.trendPoints ?? DEFAULT_RUN_LENGTHS.trendPoints,
    shiftPoints: options.shiftPoints ?? DEFAULT_RUN_LENGTHS.shiftPoints,
    twoOfThree: options.twoOfThree ?? 'nhsr',
    trendTies: options.trendTies ?? 'break',
  };
  const points: P[] = [];
  segments.forEach((segment, s) => {
    const segmentValues = values.slice(segment.start, segment.end);
    const flags: RuleFlag[] = segment.flat
      ? segmentValues.map(() => NO_SIGNAL)
      : rules(segmentValues, limits.slice(segment.start, segment.end), runs);
    flags.forEach((flag, offset) => {
      const index = segment.start + offset;
      const limit = limits[index];
      // Built field by field: spreading objects here is ~10x slower on long series.
      const base: SpcPoint = {
        index,
        value: values[index],
        segment: s,
        centre: limit.centre,
        lower: limit.lower,
        upper: limit.upper,
        nearLower: limit.nearLower,
        nearUpper: limit.nearUpper,
        rule: flag.rule,
        rules: flag.rules ?? (flag.rule ? [flag.rule] : []),
        side: flag.side,
        variation: pointVariation(flag, direction),
      };
      points.push(Object.assign(base, extra(index, segment)) as P);
    });
  });
  const last = points[points.length - 1];
  const lastSegment = segments[segments.length - 1];
  return {
    points,
    segments,
    variationIcon: variationIcon(last, direction),
    assuranceIcon: assuranceIcon(options.target, direction, last),
    trialLimits: lastSegment !== undefined && lastSegment.trialLimits,
  };
}

/** Throws a RangeError naming the first value that is not a finite number. */
function assertFinite(values: readonly number[]): void {
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`Point ${bad + 1} is not a number (${values[bad]}); remove it or fix it.`);
}

/**
 * XmR chart: centre = mean of the baseline, AMR = mean moving range (screened by default),
 * limits mean -/+ 2.66 AMR, near-limit lines mean -/+ (2/3) 2.66 AMR (NHSRplotthedots, Making Data Count).
 */
export function xmrChart(values: readonly number[], options: XmrOptions = {}): SpcChart<XmrPoint, XmrSegment> {
  assertFinite(values);
  const screen = options.screenMovingRanges ?? true;
  const limits: PointLimits[] = [];
  const segments: XmrSegment[] = segmentRanges(values.length, options.rebaseAt).map(({ start, end }) => {
    const baselineEnd = start + baselineLength(options.baseline, end - start);
    const baseline = values.slice(start, baselineEnd);
    const centre = stableMean(baseline);
    const { amr, screened } = averageMovingRange(baseline, screen);
    const flat = baseline.length > 1 && amr === 0;
    const segmentLimits = flat ? noLimits(centre) : limitsAround(centre, SPC_LIMIT_MULTIPLIER * amr, false);
    for (let i = start; i < end; i++) limits.push(segmentLimits);
    return {
      start,
      end,
      baselineEnd,
      ...segmentLimits,
      averageMovingRange: amr,
      movingRangeLimit: SPC_MR_SCREEN * amr,
      screenedMovingRanges: screened,
      trialLimits: end - start < SPC_TRIAL_LIMIT_POINTS,
      flat,
    };
  });
  return assemble<XmrSegment, XmrPoint>(values, segments, limits, options, (index, segment) => ({
    movingRange: index > segment.start ? Math.abs(values[index] - values[index - 1]) : null,
  }));
}

/** Throws a RangeError naming the first point whose counts cannot form a proportion. */
function assertProportions(x: readonly number[], n: readonly number[]): void {
  if (x.length !== n.length) {
    throw new RangeError(`Numerators and denominators differ in length (${x.length} and ${n.length}).`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!(n[i] > 0) || !Number.isFinite(n[i]) || !(x[i] >= 0) || x[i] > n[i]) {
      throw new RangeError(
        `Point ${i + 1} has ${x[i]} out of ${n[i]}: the denominator must be above 0 and the numerator between 0 and it.`,
      );
    }
  }
}

/** Shared body of the p-chart and Laney p'-chart; `laney` switches on the sigma_z factor. */
function proportionChart(
  x: readonly number[],
  n: readonly number[],
  options: SpcOptions,
  laney: boolean,
): SpcChart<SpcPoint, ProportionSegment> {
  assertProportions(x, n);
  const values = x.map((xi, i) => xi / n[i]);
  const limits: PointLimits[] = [];
  const segments = segmentRanges(values.length, options.rebaseAt).map(({ start, end }): ProportionSegment => {
    const baselineEnd = start + baselineLength(options.baseline, end - start);
    const centre = compensatedSum(x.slice(start, baselineEnd)) / compensatedSum(n.slice(start, baselineEnd));
    const sigma = (ni: number): number => Math.sqrt((centre * (1 - centre)) / ni);
    const sigmaZ = laney ? laneySigmaZ(values.slice(start, baselineEnd), n.slice(start, baselineEnd), centre) : 1;
    // Zero spread (p-bar of 0 or 1, or Laney's sigma_z of 0): no limits and no signals (methods.md).
    const flat = !(centre > 0 && centre < 1) || (laney && baselineEnd - start > 1 && sigmaZ === 0);
    for (let i = start; i < end; i++) limits.push(flat ? noLimits(centre) : limitsAround(centre, SPC_SIGMA_MULTIPLIER * sigma(n[i]) * sigmaZ, true));
    return { start, end, baselineEnd, centre, sigmaZ, trialLimits: end - start < SPC_TRIAL_LIMIT_POINTS, flat };
  });
  return assemble<ProportionSegment, SpcPoint>(values, segments, limits, options, () => ({}));
}

/**
 * Laney's sigma_z: z_i = (p_i - p-bar)/sigma_i, sigma_z = mean |z_i - z_(i-1)| / 1.128 in time order
 * (Laney 2002, "Improved control charts for attributes"); 0 when p-bar is 0 or 1.
 */
export function laneySigmaZ(p: readonly number[], n: readonly number[], centre: number): number {
  const z = p.map((pi, i) => {
    const sigma = Math.sqrt((centre * (1 - centre)) / n[i]);
    return sigma > 0 ? (pi - centre) / sigma : 0;
  });
  const ranges = z.slice(1).map((zi, i) => Math.abs(zi - z[i]));
  return stableMean(ranges) / SPC_D2;
}

/** p-chart: p-bar -/+ 3 sqrt(p-bar(1-p-bar)/n_i), clamped to [0, 1] (Shewhart; Montgomery 7.2). */
export function pChart(x: readonly number[], n: readonly number[], options: SpcOptions = {}): SpcChart<SpcPoint, ProportionSegment> {
  return proportionChart(x, n, options, false);
}

/** Laney p'-chart: p-bar -/+ 3 sigma_i sigma_z, clamped to [0, 1] (Laney 2002), for large denominators. */
export function laneyPChart(
  x: readonly number[],
  n: readonly number[],
  options: SpcOptions = {},
): SpcChart<SpcPoint, ProportionSegment> {
  return proportionChart(x, n, options, true);
}

/** Run chart rules: trend and shift around the median; no limits, so no outside or 2-of-3 rules. */
function runChartRules(values: readonly number[], limits: readonly PointLimits[], runs: RuleOptionsLike): RuleFlag[] {
  const trend = trendRuns(values, runs.trendPoints, runs.trendTies);
  // NHS run-chart guide: a point on the median neither adds to nor breaks a shift.
  const shift = shiftRuns(values, limits, runs.shiftPoints, 'ignore');
  return values.map((_, i) => {
    const flagged: SpcRule[] = [];
    if (trend[i] !== 0) flagged.push('trend');
    if (shift[i] !== 0) flagged.push('shift');
    const side = trend[i] !== 0 ? trend[i] : shift[i];
    return { rule: flagged.length ? flagged[0] : null, side, rules: flagged };
  });
}

/**
 * Run chart: centre line at the median of each segment's baseline (R type 7), no process limits;
 * trend and shift rules only (NHS run-chart guide). Used when there are too few points for
 * control limits (fewer than 12, methods.md). A flat baseline still gives no signals.
 */
export function runChart(values: readonly number[], options: SpcOptions = {}): SpcChart<SpcPoint, SpcSegment> {
  assertFinite(values);
  const limits: PointLimits[] = [];
  const segments: SpcSegment[] = segmentRanges(values.length, options.rebaseAt).map(({ start, end }) => {
    const length = end - start;
    const baselineEnd = start + (options.baseline === undefined || options.baseline === 'all' ? length : Math.min(baselineLength(options.baseline, length), length));
    const baseline = values.slice(start, baselineEnd);
    const centre = quantileType7(baseline, 0.5);
    const flat = baseline.length > 1 && baseline.every((v) => v === baseline[0]);
    for (let i = start; i < end; i++) limits.push(noLimits(centre));
    return { start, end, baselineEnd, centre, trialLimits: length < SPC_TRIAL_LIMIT_POINTS, flat };
  });
  return assemble<SpcSegment, SpcPoint>(values, segments, limits, options, () => ({}), runChartRules);
}
