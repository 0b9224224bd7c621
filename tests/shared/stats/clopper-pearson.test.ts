import { describe, expect, it } from 'vitest';
import { clopperPearsonInterval } from '../../../shared/stats/clopper-pearson';
import { binomialCdf } from '../../../shared/stats/distributions';
import { expectNear } from './near';

describe('clopperPearsonInterval', () => {
  it('reproduces methods.md: 3/10 (0.066740, 0.652453) and 180/250 (0.659950, 0.774750) at 95%', () => {
    const small = clopperPearsonInterval(3, 10, 0.95);
    expectNear(small.lower, 0.06674);
    expectNear(small.upper, 0.652453);
    const large = clopperPearsonInterval(180, 250, 0.95);
    expectNear(large.lower, 0.65995);
    expectNear(large.upper, 0.77475);
  });

  it('puts 2.5% of binomial probability beyond each end', () => {
    const { lower, upper } = clopperPearsonInterval(3, 10, 0.95);
    // P(X >= 3 | lower) = 0.025 and P(X <= 3 | upper) = 0.025.
    expectNear(1 - binomialCdf(2, 10, lower), 0.025, 1e-12);
    expectNear(binomialCdf(3, 10, upper), 0.025, 1e-12);
  });

  it('is 0 at x = 0, 1 at x = n, and wider than at a lower confidence', () => {
    expect(clopperPearsonInterval(0, 10, 0.95).lower).toBe(0);
    expect(clopperPearsonInterval(10, 10, 0.95).upper).toBe(1);
    expectNear(clopperPearsonInterval(0, 10, 0.95).upper, 1 - 0.025 ** (1 / 10), 1e-12);
    const wide = clopperPearsonInterval(5, 20, 0.998);
    const narrow = clopperPearsonInterval(5, 20, 0.95);
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it('rejects a confidence level outside (0, 1)', () => {
    expect(() => clopperPearsonInterval(3, 10, 95)).toThrow(/confidence/);
  });
});
