// Special-cause rules and icons of the NHS England "Making Data Count" approach, as
// NHSRplotthedots applies them: outside limits > trend > two of three > shift, by priority.

import { SPC_SHIFT_POINTS, SPC_TREND_POINTS } from './constants';

/** A special-cause rule, listed from highest to lowest priority. */
export type SpcRule = 'outside-limits' | 'trend' | 'two-of-three' | 'shift';

/** Which way of a measure is an improvement. */
export type ImprovementDirection = 'increase' | 'decrease' | 'neither';

/** What a point's variation means: common cause, or special cause that improves, concerns, or neither. */
export type PointVariation = 'common-cause' | 'improvement' | 'concern' | 'neither';

/** Making Data Count variation icon, from the last point's class and the side of its signal. */
export type VariationIcon =
  | 'common-cause'
  | 'improvement-high'
  | 'improvement-low'
  | 'concern-high'
  | 'concern-low'
  | 'neither-high'
  | 'neither-low';

/** Making Data Count assurance icon: will the process meet the target? */
export type AssuranceIcon = 'consistently-passes' | 'consistently-fails' | 'inconsistent';

/** The centre line, process limits and near-limit ("2 sigma") lines at one point. */
export interface PointLimits {
  readonly centre: number;
  readonly lower: number;
  readonly upper: number;
  readonly nearLower: number;
  readonly nearUpper: number;
}

/** Run lengths for the trend and shift rules (7 by default; 6 in the 6-point variant). */
export interface RunLengths {
  readonly trendPoints: number;
  readonly shiftPoints: number;
}

/**
 * 2 of 3 near a limit: 'nhsr' counts only points between the near-limit line and the process limit
 * (NHSRplotthedots); 'mdc2023' counts points beyond the process limits towards the run too (Making
 * Data Count guidance since November 2023). methods.md, "SPC", variant (a).
 */
export type TwoOfThreeVariant = 'nhsr' | 'mdc2023';

/**
 * Ties in a trend: 'break' ends the run on a repeated value (NHSRplotthedots); 'ignore' lets a
 * repeated value neither add to nor break the run (NHS run-chart guide). methods.md, variant (b).
 */
export type TrendTies = 'break' | 'ignore';

/** Run lengths and rule variants for one chart. */
export interface RuleOptions extends RunLengths {
  readonly twoOfThree?: TwoOfThreeVariant;
  readonly trendTies?: TrendTies;
}

/** The rule a point is flagged by (highest priority wins) and the side of the signal (+1 high, -1 low). */
export interface RuleFlag {
  readonly rule: SpcRule | null;
  readonly side: 1 | -1 | 0;
  /** Every rule that flags the point, in priority order (the first is `rule`). */
  readonly rules?: readonly SpcRule[];
}

/** Default run lengths: 7-point trend and 7-point shift (Making Data Count). */
export const DEFAULT_RUN_LENGTHS: RunLengths = Object.freeze({ trendPoints: SPC_TREND_POINTS, shiftPoints: SPC_SHIFT_POINTS });

/** Sign of a number as -1, 0 or +1. */
function sign(value: number): 1 | -1 | 0 {
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/** Points strictly above the upper or below the lower process limit. */
export function outsideLimits(values: readonly number[], limits: readonly PointLimits[]): boolean[] {
  return values.map((y, i) => y > limits[i].upper || y < limits[i].lower);
}

/**
 * Points in a run of at least `points` values each strictly above (or each strictly below) the
 * previous one; a tie breaks the run ('break'), or neither adds to nor breaks it ('ignore': the
 * run counts distinct steps and the tied points inside it are part of it). Returns the run
 * direction per point (0 when not in one).
 */
export function trendRuns(values: readonly number[], points: number, ties: TrendTies = 'break'): Array<1 | -1 | 0> {
  if (ties === 'ignore') return trendRunsIgnoringTies(values, points);
  const flags: Array<1 | -1 | 0> = values.map(() => 0);
  // steps[i] is the direction from point i-1 to point i; m equal steps in a row span m+1 points.
  const steps = values.map((y, i) => (i === 0 ? 0 : sign(y - values[i - 1])));
  let i = 1;
  while (i < values.length) {
    if (steps[i] === 0) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < values.length && steps[j + 1] === steps[i]) j++;
    if (j - i + 2 >= points) for (let k = i - 1; k <= j; k++) flags[k] = steps[i];
    i = j + 1;
  }
  return flags;
}

/** Trend runs where a tie neither adds to nor breaks the run (NHS run-chart guide). */
function trendRunsIgnoringTies(values: readonly number[], points: number): Array<1 | -1 | 0> {
  const flags: Array<1 | -1 | 0> = values.map(() => 0);
  // Indices i >= 1 whose step from i-1 is not a tie, with that step's direction.
  const moves: number[] = [];
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) moves.push(i);
  let a = 0;
  while (a < moves.length) {
    const direction = sign(values[moves[a]] - values[moves[a] - 1]);
    let b = a;
    while (b + 1 < moves.length && sign(values[moves[b + 1]] - values[moves[b + 1] - 1]) === direction) b++;
    // b - a + 1 distinct steps span b - a + 2 distinct values.
    if (b - a + 2 >= points) for (let k = moves[a] - 1; k <= moves[b]; k++) flags[k] = direction;
    a = b + 1;
  }
  return flags;
}

/**
 * Points in a run of at least `points` consecutive values on the same side of the centre line;
 * a point on the line breaks the run ('break', XmR and p-charts), or is skipped ('ignore', run charts). Returns the side per point (0 when not in one).
 */
export function shiftRuns(
  values: readonly number[],
  limits: readonly Pick<PointLimits, 'centre'>[],
  points: number,
  onCentre: 'break' | 'ignore' = 'break',
): Array<1 | -1 | 0> {
  const sides = values.map((y, i) => sign(y - limits[i].centre));
  const flags: Array<1 | -1 | 0> = values.map(() => 0);
  if (onCentre === 'ignore') {
    // Run chart (NHS run-chart guide): a point on the median neither adds to nor breaks a shift.
    const off = sides.flatMap((side, i) => (side === 0 ? [] : [i]));
    let a = 0;
    while (a < off.length) {
      let b = a;
      while (b + 1 < off.length && sides[off[b + 1]] === sides[off[a]]) b++;
      if (b - a + 1 >= points) for (let k = a; k <= b; k++) flags[off[k]] = sides[off[a]];
      a = b + 1;
    }
    return flags;
  }
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && sides[i] === sides[start]) continue;
    if (sides[start] !== 0 && i - start >= points) for (let k = start; k < i; k++) flags[k] = sides[start];
    start = i;
  }
  return flags;
}

/**
 * Two of three consecutive points beyond a near-limit line, all three on the same side of the
 * centre line; only the near points are flagged. 'nhsr': a point beyond the process limit is not
 * near (NHSRplotthedots); 'mdc2023': it counts towards the run too (Making Data Count, Nov 2023).
 */
export function twoOfThree(values: readonly number[], limits: readonly PointLimits[], variant: TwoOfThreeVariant = 'nhsr'): Array<1 | -1 | 0> {
  const outside = outsideLimits(values, limits);
  const sides = values.map((y, i) => sign(y - limits[i].centre));
  const beyondNear = (y: number, i: number): boolean => y > limits[i].nearUpper || y < limits[i].nearLower;
  const near = values.map((y, i) => (variant === 'mdc2023' || !outside[i]) && beyondNear(y, i));
  const flags: Array<1 | -1 | 0> = values.map(() => 0);
  for (let j = 0; j + 2 < values.length; j++) {
    const side = sides[j];
    if (side === 0 || sides[j + 1] !== side || sides[j + 2] !== side) continue;
    const nearCount = Number(near[j]) + Number(near[j + 1]) + Number(near[j + 2]);
    if (nearCount < 2) continue;
    for (let k = j; k <= j + 2; k++) if (near[k]) flags[k] = side;
  }
  return flags;
}

/**
 * The rule each point is flagged by, by priority outside limits > trend > two of three > shift,
 * with the side of the signal (a trend's side is its direction). Call once per rebased segment.
 */
export function evaluateRules(
  values: readonly number[],
  limits: readonly PointLimits[],
  runs: RuleOptions = DEFAULT_RUN_LENGTHS,
): RuleFlag[] {
  const outside = outsideLimits(values, limits);
  const trend = trendRuns(values, runs.trendPoints, runs.trendTies ?? 'break');
  const near = twoOfThree(values, limits, runs.twoOfThree ?? 'nhsr');
  const shift = shiftRuns(values, limits, runs.shiftPoints);
  return values.map((y, i) => {
    const rules: SpcRule[] = [];
    let side: 1 | -1 | 0 = 0;
    const add = (rule: SpcRule, s: 1 | -1 | 0): void => {
      if (rules.length === 0) side = s;
      rules.push(rule);
    };
    if (outside[i]) add('outside-limits', sign(y - limits[i].centre));
    if (trend[i] !== 0) add('trend', trend[i]);
    if (near[i] !== 0) add('two-of-three', near[i]);
    if (shift[i] !== 0) add('shift', shift[i]);
    return { rule: rules.length ? rules[0] : null, side, rules };
  });
}

/** Improvement, concern or neither for a flagged point given the improvement direction. */
export function pointVariation(flag: RuleFlag, direction: ImprovementDirection): PointVariation {
  if (flag.rule === null || flag.side === 0) return 'common-cause';
  if (direction === 'neither') return 'neither';
  const good = direction === 'increase' ? 1 : -1;
  return flag.side === good ? 'improvement' : 'concern';
}

/** Variation icon from the last point's class and the side of its signal (Making Data Count). */
export function variationIcon(last: RuleFlag | undefined, direction: ImprovementDirection): VariationIcon {
  if (last === undefined) return 'common-cause';
  const variation = pointVariation(last, direction);
  if (variation === 'common-cause') return 'common-cause';
  return `${variation}-${last.side > 0 ? 'high' : 'low'}`;
}

/**
 * Assurance icon (Making Data Count), strict comparisons with the latest process limits: for
 * "increase is better", target above the upper limit consistently fails, target below the lower limit
 * consistently passes, otherwise inconsistent; reversed for "decrease is better". Null without a
 * target or a direction.
 */
export function assuranceIcon(
  target: number | null | undefined,
  direction: ImprovementDirection,
  limits: Pick<PointLimits, 'lower' | 'upper'> | undefined,
): AssuranceIcon | null {
  if (target === null || target === undefined || !Number.isFinite(target) || direction === 'neither') return null;
  if (limits === undefined || Number.isNaN(limits.lower) || Number.isNaN(limits.upper)) return null;
  const aboveUpper = target > limits.upper;
  const belowLower = target < limits.lower;
  if (!aboveUpper && !belowLower) return 'inconsistent';
  const passes = direction === 'increase' ? belowLower : aboveUpper;
  return passes ? 'consistently-passes' : 'consistently-fails';
}
