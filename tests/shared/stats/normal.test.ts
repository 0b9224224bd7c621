import { describe, expect, it } from 'vitest';
import { normalCdf, normalDensity, normalQuantile } from '../../../shared/stats/normal';
import { expectNear } from './near';

describe('normal distribution', () => {
  it('density is exp(-x^2/2)/sqrt(2 pi)', () => {
    expectNear(normalDensity(0), 1 / Math.sqrt(2 * Math.PI), 1e-16);
    expectNear(normalDensity(1.5), Math.exp(-1.125) / Math.sqrt(2 * Math.PI), 1e-16);
  });

  it('quantile covers all three AS 241 regions and round-trips through the distribution function', () => {
    for (const p of [1e-13, 1e-5, 0.05, 0.074, 0.076, 0.5, 0.924, 0.926, 0.99999]) {
      const z = normalQuantile(p);
      expect(Math.abs(normalCdf(z) - p)).toBeLessThanOrEqual(1e-13 * p);
    }
    // Far tail (z ~ -30): the distribution function itself is good to ~1e-12 relative there.
    expect(Math.abs(normalCdf(normalQuantile(1e-200)) - 1e-200)).toBeLessThanOrEqual(1e-12 * 1e-200);
  });

  it('distribution function is NaN for NaN', () => {
    expect(normalCdf(Number.NaN)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});
