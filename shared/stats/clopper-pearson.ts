// Clopper-Pearson "exact" interval for a proportion (Clopper & Pearson 1934), from beta quantiles.

import { betaInv } from './distributions';
import { assertConfidence, assertProportionCounts, type Interval } from './interval';

/**
 * Exact interval for x events out of n: L = BetaInv(a/2; x, n-x+1), U = BetaInv(1-a/2; x+1, n-x)
 * with a = 1 - confidence; L = 0 at x = 0 and U = 1 at x = n.
 */
export function clopperPearsonInterval(x: number, n: number, confidence: number): Interval {
  assertProportionCounts(x, n);
  assertConfidence(confidence);
  const alpha = 1 - confidence;
  const lower = x === 0 ? 0 : betaInv(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaInv(1 - alpha / 2, x + 1, n - x);
  return { lower, upper };
}
