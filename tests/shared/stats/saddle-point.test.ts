import { describe, expect, it } from 'vitest';
import {
  binomialDensityRaw,
  devianceTerm,
  logGamma,
  poissonDensityRaw,
  stirlingError,
} from '../../../shared/stats/saddle-point';
import { expectNear, expectRelative } from './near';

describe('saddle-point building blocks (Loader 2000)', () => {
  it('logGamma matches known values', () => {
    expectNear(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-15);
    expectNear(logGamma(1), 0, 1e-15);
    expectNear(logGamma(10), Math.log(362880), 1e-13);
    expectRelative(logGamma(100.5), 361.4355404677776, 1e-14);
    expectNear(logGamma(0.1), 2.252712651734206, 1e-14);
  });

  it('stirlingError agrees between the table, the log-gamma formula and the series', () => {
    for (const n of [0.5, 1, 3.5, 7, 15]) {
      expectNear(stirlingError(n), logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI), 1e-13);
    }
    for (const n of [15.5, 20, 40, 100, 600]) {
      expectNear(stirlingError(n), logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI), 1e-12);
    }
  });

  it('devianceTerm is x ln(x/m) + m - x, accurately near x = m', () => {
    expectNear(devianceTerm(10, 4), 10 * Math.log(10 / 4) + 4 - 10, 1e-14);
    // Near x = m the value is ~ (x-m)^2 / (2m): 1e-8 / 2000 = 5e-12.
    expectRelative(devianceTerm(1000.0001, 1000) / 5e-12, 1, 1e-6);
    expect(devianceTerm(7, 7)).toBe(0);
  });

  it('densities match the direct formulas for moderate arguments', () => {
    expectRelative(poissonDensityRaw(3, 2.5), (Math.exp(-2.5) * 2.5 ** 3) / 6, 1e-14);
    expect(poissonDensityRaw(0, 2)).toBe(Math.exp(-2));
    expectRelative(binomialDensityRaw(3, 10, 0.3, 0.7), 120 * 0.3 ** 3 * 0.7 ** 7, 1e-14);
    expectRelative(binomialDensityRaw(0, 10, 0.3, 0.7), 0.7 ** 10, 1e-14);
    expectRelative(binomialDensityRaw(10, 10, 0.3, 0.7), 0.3 ** 10, 1e-14);
    expect(binomialDensityRaw(11, 10, 0.3, 0.7)).toBe(0);
  });
});
