// Rule variants and edge cases of methods.md, "SPC": 2 of 3 (NHSRplotthedots vs Making Data Count 2023),
// trend ties (break vs neither add nor break), 6-point runs, flat baselines, run charts, and the
// properties "limits and rules never cross a rebase" and "adding a point never changes earlier baseline limits".
import { describe, expect, it } from 'vitest';
import { evaluateRules, shiftRuns, trendRuns, twoOfThree, type PointLimits } from '../../../shared/stats/spc-rules';
import { pChart, runChart, xmrChart } from '../../../shared/stats/spc';
import { seeded } from '../../helpers/seeded';
import { expectNear } from './near';

/** Constant limits around 0: process limits -/+3, near lines -/+2. */
function flat(length: number): PointLimits[] {
  return Array.from({ length }, () => ({ centre: 0, lower: -3, upper: 3, nearLower: -2, nearUpper: 2 }));
}

const B = [
  0.72, 0.75, 0.7, 0.74, 0.71, 0.73, 0.69, 0.74, 0.72, 0.7, 0.73, 0.71, 0.74, 0.76, 0.75, 0.77, 0.76, 0.78, 0.79, 0.8,
  0.81, 0.82, 0.83, 0.95,
];

describe('2 of 3 near a limit: variants (a)', () => {
  it('NHSRplotthedots: a point beyond the process limit does not count towards the run', () => {
    expect(twoOfThree([3.5, 2.5, 1], flat(3), 'nhsr')).toEqual([0, 0, 0]);
  });

  it('Making Data Count (2023): a point beyond the process limit counts; both beyond-near points are flagged', () => {
    expect(twoOfThree([3.5, 2.5, 1], flat(3), 'mdc2023')).toEqual([1, 1, 0]);
    expect(twoOfThree([-1, -3.5, -2.5], flat(3), 'mdc2023')).toEqual([0, -1, -1]);
    // Still all three on one side of the mean.
    expect(twoOfThree([3.5, -1, 2.5], flat(3), 'mdc2023')).toEqual([0, 0, 0]);
  });

  it('in evaluateRules the outside point keeps its priority rule and also lists 2 of 3 under mdc2023', () => {
    const nhsr = evaluateRules([3.5, 2.5, 1], flat(3), { trendPoints: 7, shiftPoints: 7, twoOfThree: 'nhsr' });
    const mdc = evaluateRules([3.5, 2.5, 1], flat(3), { trendPoints: 7, shiftPoints: 7, twoOfThree: 'mdc2023' });
    expect(nhsr.map((f) => f.rule)).toEqual(['outside-limits', null, null]);
    expect(mdc.map((f) => f.rule)).toEqual(['outside-limits', 'two-of-three', null]);
    expect(mdc[0].rules).toEqual(['outside-limits', 'two-of-three']);
  });
});

describe('trend ties: variant (b)', () => {
  const tied = [1, 2, 3, 3, 4, 5, 6, 8];
  it("'break': a repeated value ends the run (methods.md rule)", () => {
    expect(trendRuns(tied, 7, 'break')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("'ignore': a repeated value neither adds to nor breaks the run (NHS run-chart guide)", () => {
    // Distinct values 1,2,3,4,5,6,8: seven points rising once the tie is ignored; the tied point is inside the run.
    expect(trendRuns(tied, 7, 'ignore')).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // The tie does not add: 1,2,2,3,4,5,6 has only six distinct rising values.
    expect(trendRuns([1, 2, 2, 3, 4, 5, 6], 7, 'ignore')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(trendRuns([1, 2, 2, 3, 4, 5, 6], 6, 'ignore')).toEqual([1, 1, 1, 1, 1, 1, 1]);
    // A fall still breaks it.
    expect(trendRuns([1, 2, 3, 2, 3, 4, 5, 6], 7, 'ignore')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    // Falling runs too.
    expect(trendRuns([9, 8, 8, 7, 6, 5, 4, 3], 7, 'ignore')).toEqual([-1, -1, -1, -1, -1, -1, -1, -1]);
  });

  it('the chart passes the choice through', () => {
    const values = [5, 5, 5, 5, 5, 1, 2, 3, 3, 4, 5, 6, 8, 5, 5, 5];
    const broken = xmrChart(values, { trendTies: 'break' });
    const ignored = xmrChart(values, { trendTies: 'ignore' });
    expect(broken.points.slice(5, 13).some((p) => p.rules.includes('trend'))).toBe(false);
    expect(ignored.points.slice(5, 13).every((p) => p.rules.includes('trend'))).toBe(true);
  });
});

describe('6-point runs: variant (c)', () => {
  it('a 6-point shift and a 6-point trend flag only in the 6-point variant', () => {
    expect(shiftRuns([1, 1, 1, 1, 1, 1], flat(6), 7)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(shiftRuns([1, 1, 1, 1, 1, 1], flat(6), 6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(trendRuns([1, 2, 3, 4, 5, 6], 7)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trendRuns([1, 2, 3, 4, 5, 6], 6)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe('flat baseline', () => {
  it('every baseline value equal: no limits and no signals anywhere in the segment (NHSRplotthedots)', () => {
    const values = [...Array(12).fill(0.5), 0.9, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
    const chart = xmrChart(values, { baseline: 12 });
    expect(chart.segments[0].flat).toBe(true);
    expect(chart.points.every((p) => Number.isNaN(p.upper) && Number.isNaN(p.lower))).toBe(true);
    expect(chart.points.every((p) => p.rule === null && p.rules.length === 0)).toBe(true);
    expect(chart.assuranceIcon).toBeNull();
    expect(chart.variationIcon).toBe('common-cause');
  });

  it('a later rebased segment with spread gets its limits back', () => {
    const values = [...Array(12).fill(3), 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
    const chart = xmrChart(values, { rebaseAt: [12] });
    expect(chart.segments.map((s) => s.flat)).toEqual([true, false]);
    expect(Number.isFinite(chart.points[20].upper)).toBe(true);
  });
});

describe('compensated mean', () => {
  it('twelve copies of 0.72 average to exactly 0.72, so a point at 0.72 is on the mean', () => {
    const chart = xmrChart(B, { baseline: 12 });
    expect(chart.segments[0].centre).toBe(0.72);
    expectNear(chart.segments[0].upper, 0.804636);
  });
});

describe('run chart', () => {
  it('centre is the median; no limits; shifts ignore points on the median; trends as chosen', () => {
    const chart = runChart([1, 3, 3, 3, 3, 2, 3, 3, 3, 2, 1]);
    expect(chart.points[0].centre).toBe(3);
    expect(chart.points.every((p) => Number.isNaN(p.upper))).toBe(true);
    // Values below the median: 1, 2, 2, 1 (four points) is no shift.
    expect(chart.points.every((p) => p.rule === null)).toBe(true);
    const values = [5, 5, 5, 1, 1, 1, 1, 3, 1, 1, 1, 5, 5, 5, 3];
    const shifted = runChart(values);
    expect(shifted.points[0].centre).toBe(3);
    // Median 3: the seven 1s, with the 3 on the median between them skipped, form a 7-point shift below.
    expect(shifted.points.filter((p) => p.rule === 'shift').map((p) => p.index)).toEqual([3, 4, 5, 6, 8, 9, 10]);
    // On an XmR chart a point on the mean breaks the run instead (methods.md).
    expect(shiftRuns(values, values.map(() => ({ centre: 3 })), 7)).toEqual(values.map(() => 0));
  });
});

describe('properties', () => {
  const random = seeded(20261201);
  const series = (length: number): number[] => Array.from({ length }, () => Math.round(random() * 1000) / 100);

  it('limits and rules never cross a rebase: each segment charted alone gives the same limits and flags', () => {
    for (let trial = 0; trial < 60; trial++) {
      const length = 14 + Math.floor(random() * 40);
      const values = series(length);
      const cut = 2 + Math.floor(random() * (length - 4));
      const options = { screenMovingRanges: random() < 0.5, twoOfThree: random() < 0.5 ? 'nhsr' : 'mdc2023', trendTies: random() < 0.5 ? 'break' : 'ignore' } as const;
      const whole = xmrChart(values, { ...options, rebaseAt: [cut] });
      const before = xmrChart(values.slice(0, cut), options);
      const after = xmrChart(values.slice(cut), options);
      const parts = [...before.points, ...after.points];
      whole.points.forEach((p, i) => {
        expect(p.upper, `trial ${trial} point ${i}`).toBe(parts[i].upper);
        expect(p.lower).toBe(parts[i].lower);
        expect(p.rules).toEqual(parts[i].rules);
        expect(p.movingRange === null).toBe(i === 0 || i === cut);
      });
    }
  });

  it('p-chart too: limits and rules never cross a rebase', () => {
    for (let trial = 0; trial < 30; trial++) {
      const length = 14 + Math.floor(random() * 30);
      const n = Array.from({ length }, () => 20 + Math.floor(random() * 200));
      const x = n.map((ni) => Math.floor(random() * (ni + 1)));
      const cut = 2 + Math.floor(random() * (length - 4));
      const whole = pChart(x, n, { rebaseAt: [cut] });
      const parts = [...pChart(x.slice(0, cut), n.slice(0, cut)).points, ...pChart(x.slice(cut), n.slice(cut)).points];
      whole.points.forEach((p, i) => {
        expect(p.upper).toBe(parts[i].upper);
        expect(p.rules).toEqual(parts[i].rules);
      });
    }
  });

  it('adding a point never changes earlier baseline limits (fixed baseline k, and earlier rebased segments)', () => {
    for (let trial = 0; trial < 60; trial++) {
      const k = 12 + Math.floor(random() * 6);
      const values = series(k + 1 + Math.floor(random() * 20));
      const screen = random() < 0.5;
      const shorter = xmrChart(values.slice(0, -1), { baseline: k, screenMovingRanges: screen });
      const longer = xmrChart(values, { baseline: k, screenMovingRanges: screen });
      expect(longer.segments[0].upper).toBe(shorter.segments[0].upper);
      expect(longer.segments[0].lower).toBe(shorter.segments[0].lower);
      expect(longer.segments[0].centre).toBe(shorter.segments[0].centre);
      // With all points as baseline, a later segment's new point leaves the earlier segment alone.
      const cut = 12;
      const a = xmrChart(values.slice(0, -1), { rebaseAt: [cut] });
      const b = xmrChart(values, { rebaseAt: [cut] });
      expect(b.segments[0]).toEqual(a.segments[0]);
    }
  });
});

describe('methods.md XmR vectors under every rule variant (limits to 1e-6)', () => {
  const A = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
  const variants = (['nhsr', 'mdc2023'] as const).flatMap((twoOfThree) =>
    (['break', 'ignore'] as const).flatMap((trendTies) => [7, 6].map((run) => ({ twoOfThree, trendTies, trendPoints: run, shiftPoints: run }))));

  it.each(variants)('A and B limits are the reference values: %j', (variant) => {
    const a = xmrChart(A, variant).segments[0];
    expectNear(a.centre, 1.944444);
    expectNear(a.lower, -0.715556);
    expectNear(a.upper, 4.604444);
    const aUnscreened = xmrChart(A, { ...variant, screenMovingRanges: false }).segments[0];
    expectNear(aUnscreened.lower, -3.062614);
    expectNear(aUnscreened.upper, 6.951503);
    const b = xmrChart(B, variant).segments[0];
    expectNear(b.centre, 0.758333);
    expectNear(b.averageMovingRange, 0.023182);
    expectNear(b.lower, 0.69667);
    expectNear(b.upper, 0.819997);
    const bUnscreened = xmrChart(B, { ...variant, screenMovingRanges: false }).segments[0];
    expectNear(bUnscreened.lower, 0.685472);
    expectNear(bUnscreened.upper, 0.831194);
    const b12 = xmrChart(B, { ...variant, baseline: 12 }).segments[0];
    expect(b12.centre).toBe(0.72);
    expectNear(b12.averageMovingRange, 0.031818);
    expectNear(b12.lower, 0.635364);
    expectNear(b12.upper, 0.804636);
    // Vector A: point 5 above the upper limit, all others common cause, whatever the variant.
    const chart = xmrChart(A, { ...variant, direction: 'decrease' });
    expect(chart.points.map((p) => p.variation !== 'common-cause')).toEqual(A.map((_, i) => i === 4));
  });
});
