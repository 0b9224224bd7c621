import { describe, expect, it } from 'vitest';
import { Z95, Z998 } from '../../../shared/stats/constants';
import { wilsonInterval } from '../../../shared/stats/wilson';
import { expectNear } from './near';

describe('wilsonInterval (methods.md reference vectors)', () => {
  const cases: Array<[number, number, number, number, number]> = [
    [0, 10, Z95, 0, 0.277533],
    [0, 10, Z998, 0, 0.488479],
    [3, 10, Z95, 0.107791, 0.603222],
    [45, 50, Z95, 0.786398, 0.956524],
    [180, 250, Z95, 0.661336, 0.772006],
    [180, 250, Z998, 0.625402, 0.79841],
  ];
  it.each(cases)('%s/%s at z=%s is (%s, %s)', (x, n, z, lower, upper) => {
    const interval = wilsonInterval(x, n, z);
    expectNear(interval.lower, lower);
    expectNear(interval.upper, upper);
  });

  it('is exactly 0 at x = 0 and exactly 1 at x = n, and contains x/n', () => {
    expect(wilsonInterval(0, 7, Z95).lower).toBe(0);
    expect(wilsonInterval(7, 7, Z95).upper).toBe(1);
    for (let x = 0; x <= 20; x++) {
      const { lower, upper } = wilsonInterval(x, 20, Z95);
      expect(lower).toBeLessThanOrEqual(x / 20);
      expect(upper).toBeGreaterThanOrEqual(x / 20);
      expect(lower).toBeGreaterThanOrEqual(0);
      expect(upper).toBeLessThanOrEqual(1);
    }
  });

  it('mirrors for x and n - x', () => {
    const a = wilsonInterval(3, 10, Z95);
    const b = wilsonInterval(7, 10, Z95);
    expectNear(a.lower, 1 - b.upper, 1e-15);
    expectNear(a.upper, 1 - b.lower, 1e-15);
  });

  it('rejects counts that cannot be a proportion', () => {
    expect(() => wilsonInterval(11, 10, Z95)).toThrow(/numerator/);
    expect(() => wilsonInterval(1, 0, Z95)).toThrow(/denominator/);
  });
});
