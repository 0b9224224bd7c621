// Median with a distribution-free confidence interval from order statistics (e.g. waiting times,
// which are skewed): no assumption about the shape of the distribution.

import { binomialCdf, binomialQuantile } from './distributions';
import { assertConfidence } from './interval';
import { quantileType7 } from './mean';

/** A median and its order-statistic confidence interval. */
export interface MedianWithCI {
  readonly n: number;
  readonly median: number;
  /** Lower limit X(l), or null when too few values for the requested confidence. */
  readonly lower: number | null;
  /** Upper limit X(n+1-l), or null when too few values for the requested confidence. */
  readonly upper: number | null;
  /** 1-based ranks l and n+1-l of the order statistics used, or null. */
  readonly lowerRank: number | null;
  readonly upperRank: number | null;
  /** Actual coverage 1 - 2 F(l-1) of the interval (>= confidence), or null. */
  readonly coverage: number | null;
}

/**
 * Median (R type 7, the usual midpoint rule) with the distribution-free interval [X(l), X(n+1-l)]:
 * l = smallest r with F(r) >= (1-confidence)/2 for Binomial(n, 1/2), i.e. the largest l with
 * P(B <= l-1) < (1-confidence)/2, so coverage 1 - 2 P(B <= l-1) is at least the confidence
 * (Conover, Practical Nonparametric Statistics, 3rd ed., section 3.2; Hahn & Meeker 1991).
 */
export function medianWithCI(values: readonly number[], confidence: number): MedianWithCI {
  assertConfidence(confidence);
  if (values.length === 0) throw new RangeError('A median needs at least one value.');
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`Value ${bad + 1} is not a number (${values[bad]}); remove it or fix it.`);
  const n = values.length;
  const median = quantileType7(values, 0.5);
  const l = binomialQuantile((1 - confidence) / 2, n, 0.5);
  if (l < 1) {
    return { n, median, lower: null, upper: null, lowerRank: null, upperRank: null, coverage: null };
  }
  const sorted = [...values].sort((a, b) => a - b);
  const upperRank = n + 1 - l;
  const coverage = 1 - 2 * binomialCdf(l - 1, n, 0.5);
  return { n, median, lower: sorted[l - 1], upper: sorted[upperRank - 1], lowerRank: l, upperRank, coverage };
}
