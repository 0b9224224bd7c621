import { describe, expect, it } from 'vitest';
import { P95, P998, Z95, Z998 } from '../../../shared/stats/constants';
import { poissonCdf } from '../../../shared/stats/distributions';
import {
  byarInterval,
  exactPoissonInterval,
  poissonInterval,
  standardisedRatioLimits,
} from '../../../shared/stats/poisson';
import { expectNear } from './near';

describe('counts at 95% (methods.md)', () => {
  it('O = 1: Byar (0.01307, 5.56376), exact (0.02532, 5.57164)', () => {
    const byar = byarInterval(1, Z95);
    expectNear(byar.lower, 0.01307, 5e-6);
    expectNear(byar.upper, 5.56376, 5e-6);
    const exact = exactPoissonInterval(1, P95);
    expectNear(exact.lower, 0.02532, 5e-6);
    expectNear(exact.upper, 5.57164, 5e-6);
  });

  it('O = 10 Byar (4.78745, 18.39146), O = 100 Byar (81.36211, 121.62794), O = 0 exact (0, 3.68888)', () => {
    const ten = byarInterval(10, Z95);
    expectNear(ten.lower, 4.78745, 5e-6);
    expectNear(ten.upper, 18.39146, 5e-6);
    const hundred = byarInterval(100, Z95);
    expectNear(hundred.lower, 81.36211, 5e-6);
    expectNear(hundred.upper, 121.62794, 5e-6);
    const zero = exactPoissonInterval(0, P95);
    expect(zero.lower).toBe(0);
    expectNear(zero.upper, 3.68888, 5e-6);
    // The exact upper limit at O = 0 is -ln(0.025).
    expectNear(zero.upper, -Math.log(0.025), 1e-12);
  });

  it('chooses exact below 10 and Byar from 10 up (PHEindicatormethods)', () => {
    expect(poissonInterval(9, Z95, P95)).toEqual({ ...exactPoissonInterval(9, P95), method: 'exact' });
    expect(poissonInterval(10, Z95, P95)).toEqual({ ...byarInterval(10, Z95), method: 'byar' });
    expect(poissonInterval(0, Z998, P998).method).toBe('exact');
  });

  it('exact limits put the tail probabilities beyond each end', () => {
    for (const o of [1, 3, 9]) {
      const { lower, upper } = exactPoissonInterval(o, P95);
      expectNear(1 - poissonCdf(o - 1, lower), 0.025, 1e-12);
      expectNear(poissonCdf(o, upper), 0.025, 1e-12);
    }
  });

  it('rejects a negative count', () => {
    expect(() => poissonInterval(-1, Z95, P95)).toThrow(/0 or more/);
  });
});

describe('standardised ratio funnel, chi-square method', () => {
  it('E = 10: L95 0.479539, U95 1.839036, L99.8 0.296052, U99.8 2.413397', () => {
    const l95 = standardisedRatioLimits(10, P95);
    const l998 = standardisedRatioLimits(10, P998);
    expectNear(l95.lower, 0.479539);
    expectNear(l95.upper, 1.839036);
    expectNear(l998.lower, 0.296052);
    expectNear(l998.upper, 2.413397);
  });

  it('narrows towards 1 as the expected count grows, including non-integer and large E', () => {
    let previous = standardisedRatioLimits(1.5, P95);
    for (const e of [2.7, 10, 55.5, 300, 2500]) {
      const limits = standardisedRatioLimits(e, P95);
      expect(limits.lower).toBeGreaterThan(previous.lower);
      expect(limits.upper).toBeLessThan(previous.upper);
      expect(limits.lower).toBeLessThan(1);
      expect(limits.upper).toBeGreaterThan(1);
      previous = limits;
    }
  });

  it('rejects an expected count of 0', () => {
    expect(() => standardisedRatioLimits(0, P95)).toThrow(/expected count/);
  });
});
