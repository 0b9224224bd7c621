import { describe, expect, it } from 'vitest';
import { averageMovingRange, laneyPChart, laneySigmaZ, pChart, rebaseIndices, segmentRanges, xmrChart } from '../../../shared/stats/spc';
import { expectNear } from './near';

// methods.md, "XmR" reference vectors.
const A = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
const B = [
  0.72, 0.75, 0.7, 0.74, 0.71, 0.73, 0.69, 0.74, 0.72, 0.7, 0.73, 0.71, 0.74, 0.76, 0.75, 0.77, 0.76, 0.78, 0.79, 0.8,
  0.81, 0.82, 0.83, 0.95,
];

describe('XmR vector A', () => {
  it('screened: mean 1.944444, AMR 1, LPL -0.715556, UPL 4.604444', () => {
    const chart = xmrChart(A);
    const [segment] = chart.segments;
    expectNear(segment.centre, 1.944444);
    expectNear(segment.averageMovingRange, 1);
    expectNear(segment.lower, -0.715556);
    expectNear(segment.upper, 4.604444);
    expect(segment.screenedMovingRanges).toBe(2);
  });

  it('unscreened: AMR 1.882353, LPL -3.062614, UPL 6.951503', () => {
    const [segment] = xmrChart(A, { screenMovingRanges: false }).segments;
    expectNear(segment.averageMovingRange, 1.882353);
    expectNear(segment.lower, -3.062614);
    expectNear(segment.upper, 6.951503);
    expect(segment.screenedMovingRanges).toBe(0);
  });

  it('point 5 is above the upper limit; all others are common cause (screened and unscreened)', () => {
    for (const screenMovingRanges of [true, false]) {
      const chart = xmrChart(A, { screenMovingRanges, direction: 'decrease' });
      expect(chart.points[4].rule).toBe('outside-limits');
      expect(chart.points[4].side).toBe(1);
      expect(chart.points[4].variation).toBe('concern');
      chart.points.forEach((point, i) => {
        if (i !== 4) expect(point.variation, `point ${i + 1}`).toBe('common-cause');
      });
      expect(chart.variationIcon).toBe('common-cause');
    }
  });

  it('reports moving ranges, none for the first point', () => {
    const chart = xmrChart(A);
    expect(chart.points[0].movingRange).toBeNull();
    expect(chart.points[4].movingRange).toBe(8);
    expect(chart.points[5].movingRange).toBe(9);
  });
});

describe('XmR vector B', () => {
  it('all points as baseline, screened: mean 0.758333, AMR 0.023182, LPL 0.696670, UPL 0.819997', () => {
    const [segment] = xmrChart(B).segments;
    expectNear(segment.centre, 0.758333);
    expectNear(segment.averageMovingRange, 0.023182);
    expectNear(segment.lower, 0.69667);
    expectNear(segment.upper, 0.819997);
  });

  it('unscreened: AMR 0.027391, LPL 0.685472, UPL 0.831194', () => {
    const [segment] = xmrChart(B, { screenMovingRanges: false }).segments;
    expectNear(segment.averageMovingRange, 0.027391);
    expectNear(segment.lower, 0.685472);
    expectNear(segment.upper, 0.831194);
  });

  it('baseline of 12: mean exactly 0.72, AMR 0.031818, LPL 0.635364, UPL 0.804636', () => {
    const chart = xmrChart(B, { baseline: 12 });
    const [segment] = chart.segments;
    expect(segment.centre).toBe(0.72);
    expect(segment.baselineEnd).toBe(12);
    expectNear(segment.averageMovingRange, 0.031818);
    expectNear(segment.lower, 0.635364);
    expectNear(segment.upper, 0.804636);
    // The rise after the baseline is special cause: the last four points are above the upper limit.
    expect(chart.points.slice(20).map((p) => p.rule)).toEqual(['outside-limits', 'outside-limits', 'outside-limits', 'outside-limits']);
    expect(chart.points.slice(0, 12).every((p) => p.rule === null)).toBe(true);
  });

  it('near-limit lines sit at two thirds of the limit distance', () => {
    const [segment] = xmrChart(B, { baseline: 12 }).segments;
    expectNear(segment.nearUpper - segment.centre, (2 / 3) * 2.66 * segment.averageMovingRange, 1e-15);
    expectNear(segment.centre - segment.nearLower, (2 / 3) * 2.66 * segment.averageMovingRange, 1e-15);
  });

  it('icons: the last point is high special cause; the target decides assurance', () => {
    const up = xmrChart(B, { baseline: 12, direction: 'increase', target: 0.9 });
    expect(up.variationIcon).toBe('improvement-high');
    expect(up.assuranceIcon).toBe('consistently-fails');
    const down = xmrChart(B, { baseline: 12, direction: 'decrease', target: 0.6 });
    expect(down.variationIcon).toBe('concern-high');
    expect(down.assuranceIcon).toBe('consistently-fails');
    expect(xmrChart(B, { baseline: 12, direction: 'increase', target: 0.7 }).assuranceIcon).toBe('inconsistent');
    expect(xmrChart(B, { baseline: 12 }).assuranceIcon).toBeNull();
  });
});

describe('the exact mean decides whether a shift run breaks', () => {
  it('a point equal to a mean of 0.72 breaks a run below it (sum/n would give 0.7200000000000001)', () => {
    const baseline = B.slice(0, 12);
    expect(baseline.reduce((a, b) => a + b, 0) / 12).not.toBe(0.72);
    const below = [0.71, 0.7, 0.71, 0.72, 0.71, 0.7, 0.71, 0.7];
    const chart = xmrChart([...baseline, ...below], { baseline: 12 });
    expect(chart.segments[0].centre).toBe(0.72);
    expect(chart.points.slice(12).map((p) => p.rule)).toEqual([null, null, null, null, null, null, null, null]);
    // Without the point on the mean the eight points are one shift.
    const unbroken = xmrChart([...baseline, ...below.map((v) => (v === 0.72 ? 0.71 : v))], { baseline: 12 });
    expect(unbroken.points.slice(12).every((p) => p.rule === 'shift' && p.side === -1)).toBe(true);
  });
});

describe('XmR options', () => {
  it('the 6-point variant flags a 6-point shift that the 7-point rule does not', () => {
    const values = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 7, 7, 7, 7, 7, 7, 5, 6];
    expect(xmrChart(values).points.some((p) => p.rule === 'shift')).toBe(false);
    const variant = xmrChart(values, { shiftPoints: 6, trendPoints: 6 });
    expect(variant.points.filter((p) => p.rule === 'shift').map((p) => p.index)).toEqual([13, 14, 15, 16, 17, 18]);
  });

  it('rebases: limits, moving ranges and rules never cross a rebase', () => {
    const before = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10];
    const after = [20, 21, 20, 21, 20, 21, 20, 21, 20, 21, 20, 21, 20, 21];
    const chart = xmrChart([...before, ...after], { rebaseAt: [13] });
    expect(chart.segments).toHaveLength(2);
    expect(chart.segments[0]).toMatchObject({ start: 0, end: 13 });
    expect(chart.segments[1]).toMatchObject({ start: 13, end: 27 });
    expectNear(chart.segments[1].centre, 20.5, 1e-12);
    expectNear(chart.segments[1].averageMovingRange, 1, 1e-12);
    expect(chart.points[13].movingRange).toBeNull();
    expect(chart.points[13].segment).toBe(1);
    expect(chart.points.every((p) => p.rule === null)).toBe(true);
    // Without the rebase the jump is special cause.
    expect(xmrChart([...before, ...after]).points.some((p) => p.rule !== null)).toBe(true);
  });

  it('flags trial limits when a segment has fewer than 13 points', () => {
    expect(xmrChart(A.slice(0, 12)).trialLimits).toBe(true);
    expect(xmrChart(A.slice(0, 13)).trialLimits).toBe(false);
    const rebased = xmrChart(A, { rebaseAt: [8] });
    expect(rebased.segments.map((s) => s.trialLimits)).toEqual([true, true]);
    expect(rebased.trialLimits).toBe(true);
  });

  it('a fixed baseline needs at least 12 points, and uses the whole segment when it is shorter', () => {
    expect(() => xmrChart(B, { baseline: 8 })).toThrow(/at least 12/);
    expect(xmrChart(A.slice(0, 10), { baseline: 12 }).segments[0].baselineEnd).toBe(10);
  });

  it('rejects a rebase outside the series and values that are not numbers', () => {
    expect(() => xmrChart(A, { rebaseAt: [0] })).toThrow(/rebase/);
    expect(() => xmrChart(A, { rebaseAt: [18] })).toThrow(/rebase/);
    expect(() => xmrChart([1, Number.NaN, 3])).toThrow(/Point 2/);
  });

  it('does not screen away every moving range when all are zero', () => {
    expect(averageMovingRange([4, 4, 4, 4], true)).toEqual({ amr: 0, screened: 0 });
    const flatChart = xmrChart([4, 4, 4, 4, 4]);
    // Flat baseline (methods.md): no limits and no signals, as NHSRplotthedots.
    expect(flatChart.segments[0].flat).toBe(true);
    expect(flatChart.segments[0].upper).toBeNaN();
    expect(flatChart.points.every((p) => p.rule === null)).toBe(true);
  });

  it('an empty series has no segments and no points; one point has no limits yet', () => {
    const empty = xmrChart([]);
    expect(empty.segments).toEqual([]);
    expect(empty.points).toEqual([]);
    expect(empty.variationIcon).toBe('common-cause');
    expect(empty.trialLimits).toBe(false);
    const single = xmrChart([5]);
    expect(single.points[0].centre).toBe(5);
    expect(single.points[0].upper).toBeNaN();
    expect(single.trialLimits).toBe(true);
  });

  it('maps rebase dates to the first point on or after each date', () => {
    expect(rebaseIndices([100, 200, 300, 400], [250, 400, 50])).toEqual([2, 3]);
    expect(segmentRanges(5, [3, 1])).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 3 },
      { start: 3, end: 5 },
    ]);
  });
});

describe('p-chart and Laney p-prime chart', () => {
  const n = [200, 220, 180, 250, 210, 190, 230, 205, 215, 240, 185, 225, 200, 210];
  const x = [40, 46, 33, 55, 42, 36, 51, 40, 45, 50, 35, 48, 70, 41];

  it('p-chart: p-bar -/+ 3 sqrt(p-bar(1 - p-bar)/n_i), near lines at 2 sigma', () => {
    const chart = pChart(x, n);
    const pBar = x.reduce((a, b) => a + b, 0) / n.reduce((a, b) => a + b, 0);
    expectNear(chart.segments[0].centre, pBar, 1e-15);
    chart.points.forEach((point, i) => {
      const sigma = Math.sqrt((pBar * (1 - pBar)) / n[i]);
      expectNear(point.value, x[i] / n[i], 1e-15);
      expectNear(point.upper, pBar + 3 * sigma, 1e-15);
      expectNear(point.lower, pBar - 3 * sigma, 1e-15);
      expectNear(point.nearUpper, pBar + 2 * sigma, 1e-15);
    });
    // 70/200 = 0.35 is far above the limits.
    expect(chart.points[12].rule).toBe('outside-limits');
  });

  it("Laney p': sigma_z = mean |diff z| / 1.128 widens the limits for large denominators", () => {
    const big = n.map((v) => v * 100);
    const bigX = x.map((v) => v * 100);
    const chart = laneyPChart(bigX, big);
    const pBar = bigX.reduce((a, b) => a + b, 0) / big.reduce((a, b) => a + b, 0);
    const z = bigX.map((xi, i) => (xi / big[i] - pBar) / Math.sqrt((pBar * (1 - pBar)) / big[i]));
    const mr = z.slice(1).map((zi, i) => Math.abs(zi - z[i]));
    const sigmaZ = mr.reduce((a, b) => a + b, 0) / mr.length / 1.128;
    expectNear(chart.segments[0].sigmaZ, sigmaZ, 1e-12);
    expectNear(laneySigmaZ(bigX.map((xi, i) => xi / big[i]), big, pBar), sigmaZ, 1e-12);
    expect(sigmaZ).toBeGreaterThan(1);
    chart.points.forEach((point, i) => {
      const sigma = Math.sqrt((pBar * (1 - pBar)) / big[i]);
      expectNear(point.upper, pBar + 3 * sigma * sigmaZ, 1e-12);
      expectNear(point.lower, pBar - 3 * sigma * sigmaZ, 1e-12);
    });
    // The plain p-chart calls almost every point special cause at these denominators; Laney does not.
    const plain = pChart(bigX, big);
    const outsidePlain = plain.points.filter((p) => p.rule === 'outside-limits').length;
    const outsideLaney = chart.points.filter((p) => p.rule === 'outside-limits').length;
    expect(outsideLaney).toBeLessThan(outsidePlain);
  });

  it('limits are clamped to [0, 1]', () => {
    const chart = pChart([1, 0, 2, 1, 0, 1], [10, 10, 10, 10, 10, 10]);
    expect(chart.points.every((p) => p.lower >= 0 && p.upper <= 1)).toBe(true);
    expect(chart.points[0].lower).toBe(0);
    const laney = laneyPChart([9, 10, 8, 10, 9, 10], [10, 10, 10, 10, 10, 10]);
    expect(laney.points.every((p) => p.lower >= 0 && p.upper <= 1)).toBe(true);
  });

  it('p-bar of 0 is a flat baseline: no limits, no signals, no division by zero', () => {
    const chart = laneyPChart([0, 0, 0], [10, 20, 30]);
    expect(chart.segments[0].flat).toBe(true);
    expect(chart.points.every((p) => Number.isNaN(p.upper) && Number.isNaN(p.lower) && p.rule === null)).toBe(true);
  });

  it('names the point with impossible counts', () => {
    expect(() => pChart([1, 12], [10, 10])).toThrow(/Point 2 has 12 out of 10/);
  });
});
