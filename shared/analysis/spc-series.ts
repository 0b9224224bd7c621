/**
 * One SPC chart of one series, in the shape the app, the exports and `msvw spc` share: points
 * with their limits, the rules that flag them and NHSRplotthedots' point types, plus the
 * Making Data Count variation and assurance icons (NHSRplotthedots' names). The statistics are
 * shared/stats/spc.ts; this file picks the chart, maps rebase dates to points and names things.
 */
import { daysFromIso } from '../data/table';
import {
  laneyPChart, pChart, rebaseIndices, runChart, xmrChart,
  type AssuranceIcon, type ImprovementDirection, type SpcChart, type SpcPoint, type SpcRule, type SpcSegment, type VariationIcon,
} from '../stats/spc';
import type { Direction } from '../standards/schema';
import { MeasureError } from './filter';
import { DEFAULT_SPC_CHOICES, SPC_MIN_POINTS_FOR_LIMITS, type SpcChartType, type SpcChoices } from './spc-choices';
import type { TrendPoint } from './trends';

/** Rule names in outputs (the JSON): outside the limits, 2 of 3 near a limit, trend, shift. */
export type SpcRuleName = 'outside' | 'twoOfThree' | 'trend' | 'shift';

/** NHSRplotthedots point types. */
export type SpcPointType =
  | 'common_cause'
  | 'special_cause_improvement'
  | 'special_cause_concern'
  | 'special_cause_neutral_high'
  | 'special_cause_neutral_low';

/** NHSRplotthedots variation icon names. */
export type VariationIconName =
  | 'common_cause'
  | 'improvement_high'
  | 'improvement_low'
  | 'concern_high'
  | 'concern_low'
  | 'neutral_high'
  | 'neutral_low';

/** NHSRplotthedots assurance icon names. */
export type AssuranceIconName = 'consistent_pass' | 'consistent_fail' | 'inconsistent';

const RULE_NAME: Readonly<Record<SpcRule, SpcRuleName>> = Object.freeze({
  'outside-limits': 'outside',
  'two-of-three': 'twoOfThree',
  trend: 'trend',
  shift: 'shift',
});

const VARIATION_NAME: Readonly<Record<VariationIcon, VariationIconName>> = Object.freeze({
  'common-cause': 'common_cause',
  'improvement-high': 'improvement_high',
  'improvement-low': 'improvement_low',
  'concern-high': 'concern_high',
  'concern-low': 'concern_low',
  'neither-high': 'neutral_high',
  'neither-low': 'neutral_low',
});

const ASSURANCE_NAME: Readonly<Record<AssuranceIcon, AssuranceIconName>> = Object.freeze({
  'consistently-passes': 'consistent_pass',
  'consistently-fails': 'consistent_fail',
  inconsistent: 'inconsistent',
});

/** Improvement direction of a standard's polarity. */
export function improvementDirection(direction: Direction): ImprovementDirection {
  return direction === 'higher-is-better' ? 'increase' : 'decrease';
}

/** NHSRplotthedots point type of an engine point. */
export function pointTypeOf(point: Pick<SpcPoint, 'variation' | 'side'>): SpcPointType {
  switch (point.variation) {
    case 'common-cause': return 'common_cause';
    case 'improvement': return 'special_cause_improvement';
    case 'concern': return 'special_cause_concern';
    case 'neither': return point.side > 0 ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
  }
}

/** One point of the chart as output. Limits are null where there are none (run chart, flat baseline, one point). */
export interface SpcSeriesPoint {
  readonly period: string;
  readonly periodStart: string;
  readonly n: number;
  readonly numerator: number | null;
  readonly value: number;
  readonly mean: number;
  readonly lpl: number | null;
  readonly upl: number | null;
  readonly nearLower: number | null;
  readonly nearUpper: number | null;
  readonly rules: SpcRuleName[];
  readonly pointType: SpcPointType;
  /** Index of the rebased segment. */
  readonly segment: number;
  /** The point is in its segment's baseline (its limits come from these points). */
  readonly baseline: boolean;
  /** Clocks started in the period may still be running: the value may still change. */
  readonly provisional: boolean;
}

/** One rebased segment as output. */
export interface SpcSeriesSegment {
  readonly from: string;
  readonly to: string;
  readonly mean: number;
  /** Baseline points of the segment. */
  readonly baselinePoints: number;
  readonly trial: boolean;
  /** Every baseline value equal: no limits, no signals. */
  readonly flat: boolean;
}

/** One chart: the series (group), what was drawn, its icons and points. */
export interface SpcSeriesResult {
  readonly group: string;
  /** Chart drawn: the one asked for, or a run chart when there are too few points. */
  readonly chart: SpcChartType;
  /** The latest segment has fewer than 13 points: limits are provisional ("trial limits"). */
  readonly trial: boolean;
  readonly variationIcon: VariationIconName;
  readonly assuranceIcon: AssuranceIconName | null;
  readonly points: SpcSeriesPoint[];
  readonly segments: SpcSeriesSegment[];
}

/** Null for NaN or infinite values (JSON has neither). */
function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** The chart drawn for a request and a number of points: a run chart below 12 points. */
export function drawnChart(requested: SpcChartType, points: number): SpcChartType {
  return points < SPC_MIN_POINTS_FOR_LIMITS ? 'run' : requested;
}

/** Points of the series (in period order) that start each rebased segment. */
export function rebasePoints(points: readonly Pick<TrendPoint, 'periodStart'>[], rebase: readonly string[]): number[] {
  if (rebase.length === 0) return [];
  const dates = rebase.map((iso) => {
    const d = daysFromIso(iso);
    if (Number.isNaN(d)) throw new MeasureError(`The rebase date "${iso}" is not a date: write it as yyyy-mm-dd, e.g. 2024-04-01.`);
    return d;
  });
  return rebaseIndices(points.map((p) => daysFromIso(p.periodStart)), dates);
}

/**
 * The SPC chart of one series with the given choices. Proportion charts (p, p') need numerators;
 * XmR and run charts plot `value`. Baseline k is checked (k >= 12) before any point is drawn.
 */
export function spcSeries(group: string, points: readonly TrendPoint[], choices: Partial<SpcChoices> = {}): SpcSeriesResult {
  const c: SpcChoices = { ...DEFAULT_SPC_CHOICES, ...choices };
  if (c.baseline !== 'all' && !(Number.isInteger(c.baseline) && c.baseline >= SPC_MIN_POINTS_FOR_LIMITS)) {
    throw new MeasureError(`A baseline needs at least ${SPC_MIN_POINTS_FOR_LIMITS} points (got ${c.baseline}); give 12 or more, or "all".`);
  }
  const chart = drawnChart(c.chart, points.length);
  const options = {
    rebaseAt: rebasePoints(points, c.rebase),
    baseline: c.baseline,
    direction: c.direction,
    target: c.target,
    trendPoints: c.runLength,
    shiftPoints: c.runLength,
    twoOfThree: c.twoOfThree,
    trendTies: c.trendTies,
  };
  let result: SpcChart<SpcPoint, SpcSegment>;
  if (chart === 'p' || chart === 'pprime') {
    const x: number[] = [];
    const n: number[] = [];
    for (const p of points) {
      if (p.numerator === null) throw new MeasureError(`A ${chart === 'p' ? 'p-chart' : "Laney p'-chart"} needs counts: the series for ${group} has values only; use an XmR chart.`);
      x.push(p.numerator);
      n.push(p.n);
    }
    result = chart === 'p' ? pChart(x, n, options) : laneyPChart(x, n, options);
  } else if (chart === 'xmr') {
    result = xmrChart(points.map((p) => p.value), { ...options, screenMovingRanges: c.screen });
  } else {
    result = runChart(points.map((p) => p.value), options);
  }
  const out: SpcSeriesPoint[] = result.points.map((pt, i) => {
    const src = points[i];
    const segment = result.segments[pt.segment];
    return {
      period: src.period,
      periodStart: src.periodStart,
      n: src.n,
      numerator: src.numerator,
      value: pt.value,
      mean: pt.centre,
      lpl: finite(pt.lower),
      upl: finite(pt.upper),
      nearLower: finite(pt.nearLower),
      nearUpper: finite(pt.nearUpper),
      rules: pt.rules.map((r) => RULE_NAME[r]),
      pointType: pointTypeOf(pt),
      segment: pt.segment,
      baseline: i < segment.baselineEnd,
      provisional: src.provisional ?? false,
    };
  });
  return {
    group,
    chart,
    trial: result.trialLimits,
    variationIcon: VARIATION_NAME[result.variationIcon],
    assuranceIcon: chart === 'run' || result.assuranceIcon === null ? null : ASSURANCE_NAME[result.assuranceIcon],
    points: out,
    segments: result.segments.map((s) => ({
      from: points[s.start].period,
      to: points[s.end - 1].period,
      mean: s.centre,
      baselinePoints: s.baselineEnd - s.start,
      trial: s.trialLimits,
      flat: s.flat,
    })),
  };
}
