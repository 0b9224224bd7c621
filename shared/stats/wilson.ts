// Wilson score interval for a proportion (Wilson 1927; Fingertips / PHEindicatormethods `phe_proportion`).

import { assertProportionCounts, type Interval } from './interval';

/**
 * Wilson score interval for x events out of n at normal deviate z:
 * (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)); exactly 0 at x = 0 and 1 at x = n.
 */
export function wilsonInterval(x: number, n: number, z: number): Interval {
  assertProportionCounts(x, n);
  const z2 = z * z;
  const centre = 2 * x + z2;
  const spread = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  const denominator = 2 * (n + z2);
  const lower = x === 0 ? 0 : Math.max(0, (centre - spread) / denominator);
  const upper = x === n ? 1 : Math.min(1, (centre + spread) / denominator);
  return { lower, upper };
}
