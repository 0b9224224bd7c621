import { describe, expect, it } from 'vitest';
import {
  assuranceIcon,
  evaluateRules,
  outsideLimits,
  pointVariation,
  shiftRuns,
  trendRuns,
  twoOfThree,
  variationIcon,
  type PointLimits,
} from '../../../shared/stats/spc-rules';

/** Constant limits around 0: process limits -/+3, near lines -/+2. */
function flat(length: number): PointLimits[] {
  return Array.from({ length }, () => ({ centre: 0, lower: -3, upper: 3, nearLower: -2, nearUpper: 2 }));
}

describe('outside limits', () => {
  it('is strict: a point on the limit is not outside', () => {
    expect(outsideLimits([3, 3.0001, -3, -3.0001], flat(4))).toEqual([false, true, false, true]);
  });
});

describe('trend', () => {
  it('flags 7 points with 6 strictly rising steps, not 6 points', () => {
    expect(trendRuns([1, 2, 3, 4, 5, 6, 7], 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(trendRuns([1, 2, 3, 4, 5, 6], 7)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trendRuns([9, 8, 7, 6, 5, 4, 3, 5], 7)).toEqual([-1, -1, -1, -1, -1, -1, -1, 0]);
  });

  it('the 6-point variant flags 6 points', () => {
    expect(trendRuns([0, 1, 2, 3, 4, 5, 4], 6)).toEqual([1, 1, 1, 1, 1, 1, 0]);
  });

  it('a tie breaks the run', () => {
    expect(trendRuns([1, 2, 3, 3, 4, 5, 6, 7], 7)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(trendRuns([1, 2, 3, 3, 4, 5, 6, 7, 8, 9], 7)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe('shift', () => {
  it('flags 7 consecutive points on one side; a point on the mean breaks it', () => {
    expect(shiftRuns([1, 1, 1, 1, 1, 1, 1], flat(7), 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(shiftRuns([1, 1, 1, 0, 1, 1, 1, 1], flat(8), 7)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(shiftRuns([-1, -1, -1, -1, -1, -1, 1], flat(7), 6)).toEqual([-1, -1, -1, -1, -1, -1, 0]);
  });
});

describe('two of three', () => {
  it('flags only the near points when all three are on one side', () => {
    expect(twoOfThree([2.5, 1, 2.5], flat(3))).toEqual([1, 0, 1]);
    expect(twoOfThree([-2.5, -2.1, -0.5], flat(3))).toEqual([-1, -1, 0]);
  });

  it('needs all three on the same side of the mean', () => {
    expect(twoOfThree([2.5, -1, 2.5], flat(3))).toEqual([0, 0, 0]);
  });

  it('does not count points beyond the process limits, nor points on the near line', () => {
    expect(twoOfThree([3.5, 2.5, 1], flat(3))).toEqual([0, 0, 0]);
    expect(twoOfThree([2, 2.5, 1], flat(3))).toEqual([0, 0, 0]);
  });
});

describe('evaluateRules priority', () => {
  it('outside limits > trend > two of three > shift', () => {
    // Rising 7-point trend whose last point is beyond the upper limit.
    const values = [-2.9, -2, -1, 0.5, 1, 2.5, 3.5];
    const flags = evaluateRules(values, flat(7));
    expect(flags.map((f) => f.rule)).toEqual(['trend', 'trend', 'trend', 'trend', 'trend', 'trend', 'outside-limits']);
    // Seven points above the mean, two of them near the limit: near points are 'two-of-three', the rest 'shift'.
    const shifted = evaluateRules([1, 2.5, 1, 2.5, 1, 0.5, 1], flat(7));
    expect(shifted.map((f) => f.rule)).toEqual(['shift', 'two-of-three', 'shift', 'two-of-three', 'shift', 'shift', 'shift']);
    expect(evaluateRules([1, -1, 1, -1], flat(4)).every((f) => f.rule === null && f.side === 0)).toBe(true);
  });

  it('a trend signals in its direction even on the other side of the mean', () => {
    const flags = evaluateRules([-2.9, -2.8, -2.7, -2.6, -2.5, -2.4, -2.3], flat(7));
    expect(flags.every((f) => f.rule === 'trend' && f.side === 1)).toBe(true);
  });
});

describe('variation and assurance', () => {
  it('classifies a signal as improvement or concern by direction', () => {
    const high = { rule: 'shift' as const, side: 1 as const };
    const low = { rule: 'outside-limits' as const, side: -1 as const };
    expect(pointVariation(high, 'increase')).toBe('improvement');
    expect(pointVariation(high, 'decrease')).toBe('concern');
    expect(pointVariation(low, 'decrease')).toBe('improvement');
    expect(pointVariation(low, 'neither')).toBe('neither');
    expect(pointVariation({ rule: null, side: 0 }, 'increase')).toBe('common-cause');
    expect(variationIcon(high, 'increase')).toBe('improvement-high');
    expect(variationIcon(low, 'increase')).toBe('concern-low');
    expect(variationIcon(low, 'neither')).toBe('neither-low');
    expect(variationIcon(undefined, 'increase')).toBe('common-cause');
  });

  it('assurance: strict comparisons of the target with the process limits', () => {
    const limits = { lower: 0.6, upper: 0.8 };
    expect(assuranceIcon(0.85, 'increase', limits)).toBe('consistently-fails');
    expect(assuranceIcon(0.55, 'increase', limits)).toBe('consistently-passes');
    expect(assuranceIcon(0.8, 'increase', limits)).toBe('inconsistent');
    expect(assuranceIcon(0.6, 'increase', limits)).toBe('inconsistent');
    expect(assuranceIcon(0.85, 'decrease', limits)).toBe('consistently-passes');
    expect(assuranceIcon(0.55, 'decrease', limits)).toBe('consistently-fails');
    expect(assuranceIcon(0.7, 'decrease', limits)).toBe('inconsistent');
    expect(assuranceIcon(0.7, 'neither', limits)).toBeNull();
    expect(assuranceIcon(null, 'increase', limits)).toBeNull();
  });
});
