import { describe, expect, it } from 'vitest';
import { P95, P998, Z95, Z998 } from '../../../shared/stats/constants';
import { arcsineLimits, funnelLimits, funnelPosition, pooledTarget } from '../../../shared/stats/funnel';
import {
  adjustedFunnelLimits,
  arcsineZ,
  dersimonianLairdTau2,
  dispersionRatio,
  overdispersion,
  proportionZ,
  winsorise,
} from '../../../shared/stats/overdispersion';
import { expectNear } from './near';

// methods.md, "Overdispersion: 12 centres".
const n = [25, 40, 60, 80, 100, 120, 150, 180, 220, 260, 320, 400];
const x = [17, 35, 46, 66, 71, 99, 118, 147, 140, 214, 262, 318];
const theta = pooledTarget(x, n);
const Z_EXPECTED = [
  -1.18077, 1.540916, -0.324444, 0.922714, -1.709765, 1.13009, 0.075281, 1.092513, -4.867922, 1.582014, 1.553212,
  0.53274,
];

describe('12-centre overdispersion example', () => {
  it('pooled target is 1533/1955 = 0.78414322', () => {
    expectNear(theta, 0.78414322, 1e-8);
  });

  it('arcsine z-scores', () => {
    arcsineZ(x, n, theta).forEach((z, i) => expectNear(z, Z_EXPECTED[i], 1e-6, `centre ${i + 1}`));
  });

  it('winsorised bounds (-1.656866, 1.551982) keep all 12 centres', () => {
    const w = winsorise(arcsineZ(x, n, theta));
    expectNear(w.lower, -1.656866);
    expectNear(w.upper, 1.551982);
    expect(w.values).toHaveLength(12);
    expect(w.values[8]).toBe(w.lower);
    expect(Math.max(...w.values)).toBe(w.upper);
  });

  it('phi = 1.482765 and tau2 = 0.00099047', () => {
    const od = overdispersion(x, n, theta, 'additive');
    expectNear(od.phi, 1.482765);
    expectNear(od.tau2, 0.00099047, 1e-8);
    expect(od.applied).toBe(true);
    expect(od.fallback).toBe(false);
    expect(od.message).toBeNull();
    expectNear(dispersionRatio(arcsineZ(x, n, theta)), 1.482765);
    expectNear(dersimonianLairdTau2(od.phi, n), 0.00099047, 1e-8);
  });

  it('adjusted limits at n = 100: L95 0.682127, U95 0.870988, L99.8 0.618501, U99.8 0.912320', () => {
    const od = overdispersion(x, n, theta, 'additive');
    const l95 = adjustedFunnelLimits(theta, 100, P95, Z95, od);
    const l998 = adjustedFunnelLimits(theta, 100, P998, Z998, od);
    expectNear(l95.lower, 0.682127);
    expectNear(l95.upper, 0.870988);
    expectNear(l998.lower, 0.618501);
    expectNear(l998.upper, 0.91232);
    expect(l95).toEqual(arcsineLimits(theta, 100, Z95, od.tau2));
  });

  it('adjusted z is (Y - T)/sqrt(s^2 + tau2), smaller in size than the unadjusted z', () => {
    const od = overdispersion(x, n, theta, 'additive');
    const raw = arcsineZ(x, n, theta);
    od.z.forEach((z, i) => {
      expect(Math.abs(z)).toBeLessThan(Math.abs(raw[i]));
      expect(Math.sign(z)).toBe(Math.sign(raw[i]));
      const expected = (Math.asin(Math.sqrt(x[i] / n[i])) - Math.asin(Math.sqrt(theta))) / Math.sqrt(1 / (4 * n[i]) + od.tau2);
      expectNear(z, expected, 1e-12);
    });
  });

  it('only the 9th centre (x = 140, n = 220) is an outlier at 99.8%, unadjusted and adjusted', () => {
    const od = overdispersion(x, n, theta, 'additive');
    const byZ = (zs: number[]): number[] => zs.flatMap((z, i) => (Math.abs(z) > Z998 ? [i + 1] : []));
    expect(byZ(arcsineZ(x, n, theta))).toEqual([9]);
    expect(byZ(od.z)).toEqual([9]);
    const outside = (limitsFor: (ni: number) => { lower: number; upper: number }): number[] =>
      x.flatMap((xi, i) => (funnelPosition(xi / n[i], limitsFor(n[i])) === 'inside' ? [] : [i + 1]));
    expect(outside((ni) => funnelLimits(theta, ni, P998, Z998, 'arcsine'))).toEqual([9]);
    expect(outside((ni) => funnelLimits(theta, ni, P998, Z998, 'exact'))).toEqual([9]);
    expect(outside((ni) => adjustedFunnelLimits(theta, ni, P998, Z998, od))).toEqual([9]);
  });

  it('multiplicative phi = 1.468381 on the raw scale, and z divided by sqrt(phi)', () => {
    const od = overdispersion(x, n, theta, 'multiplicative');
    expectNear(od.phi, 1.468381);
    expect(od.applied).toBe(true);
    expect(od.tau2).toBe(0);
    const raw = proportionZ(x, n, theta);
    od.z.forEach((z, i) => expectNear(z, raw[i] / Math.sqrt(od.phi), 1e-12));
    const limits = adjustedFunnelLimits(theta, 100, P95, Z95, od);
    expectNear(limits.upper - theta, Z95 * Math.sqrt((od.phi * theta * (1 - theta)) / 100), 1e-12);
    expectNear(theta - limits.lower, Z95 * Math.sqrt((od.phi * theta * (1 - theta)) / 100), 1e-12);
  });

  it("'none' reports phi but widens nothing, and gives the exact limits", () => {
    const od = overdispersion(x, n, theta, 'none');
    expectNear(od.phi, 1.482765);
    expect(od.applied).toBe(false);
    expect(od.fallback).toBe(false);
    expect(od.tau2).toBe(0);
    expect(od.z).toEqual(arcsineZ(x, n, theta));
    expect(adjustedFunnelLimits(theta, 100, P95, Z95, od)).toEqual(funnelLimits(theta, 100, P95, Z95, 'exact'));
  });
});

describe('fallback when there is no overdispersion', () => {
  // Every centre exactly on target: all z are 0, phi = 0.
  const nn = [20, 40, 80, 100];
  const xx = [10, 20, 40, 50];

  it('additive falls back to unadjusted arcsine limits and says so', () => {
    const od = overdispersion(xx, nn, 0.5, 'additive');
    expect(od.phi).toBe(0);
    expect(od.applied).toBe(false);
    expect(od.fallback).toBe(true);
    expect(od.tau2).toBe(0);
    expect(od.message).toMatch(/No overdispersion.*unadjusted limits/);
    expect(adjustedFunnelLimits(0.5, 100, P95, Z95, od)).toEqual(arcsineLimits(0.5, 100, Z95));
  });

  it('multiplicative guards phi = 0: no division, unadjusted normal limits', () => {
    const od = overdispersion(xx, nn, 0.5, 'multiplicative');
    expect(od.phi).toBe(0);
    expect(od.fallback).toBe(true);
    expect(od.z.every((z) => Number.isFinite(z))).toBe(true);
    expect(adjustedFunnelLimits(0.5, 100, P95, Z95, od)).toEqual(funnelLimits(0.5, 100, P95, Z95, 'normal'));
  });

  it('falls back at phi exactly 1, and applies just above it', () => {
    // 1 or 3 out of 4 around 0.5: raw z = -1 or +1 exactly, so phi = 1.
    const edge = overdispersion([1, 1, 3, 3], [4, 4, 4, 4], 0.5, 'multiplicative');
    expect(edge.phi).toBe(1);
    expect(edge.fallback).toBe(true);
    expect(edge.message).toMatch(/phi = 1\.000/);
    const spread = overdispersion([0, 1, 3, 4], [4, 4, 4, 4], 0.5, 'multiplicative');
    expect(spread.phi).toBeGreaterThan(1);
    expect(spread.applied).toBe(true);
  });

  it('names the centre whose counts are impossible', () => {
    expect(() => overdispersion([1, 5], [4, 4], 0.5, 'additive')).toThrow(/Centre 2 has 5 out of 4/);
    expect(() => overdispersion([1], [4, 4], 0.5, 'additive')).toThrow(/length/);
  });
});
