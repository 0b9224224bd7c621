// Inverting a continuous distribution function: Newton steps kept inside a shrinking bracket,
// falling back to bisection whenever a step would leave it (a safeguarded Newton method,
// Press et al., Numerical Recipes 3rd ed. 9.4 "rtsafe").

import { DOUBLE_EPSILON } from './constants';

/** A continuous distribution to invert: its lower-tail distribution function and density. */
export interface ContinuousDistribution {
  readonly cdf: (x: number) => number;
  readonly density: (x: number) => number;
}

/** Bisection and Newton steps together; each halves the bracket or better, so 64 bits need far fewer. */
const MAX_STEPS = 400;

/**
 * Smallest x in [lo, hi] with cdf(x) = p, for a continuous increasing cdf with cdf(lo) <= p <= cdf(hi),
 * starting from the guess x0.
 */
export function invertCdf(
  distribution: ContinuousDistribution,
  p: number,
  lo: number,
  hi: number,
  x0: number,
): number {
  let low = lo;
  let high = hi;
  let x = Number.isFinite(x0) && x0 > low && x0 < high ? x0 : (low + high) / 2;
  for (let step = 0; step < MAX_STEPS; step++) {
    const f = distribution.cdf(x) - p;
    if (f === 0) return x;
    if (f < 0) low = x;
    else high = x;
    const density = distribution.density(x);
    let next = x - f / density;
    if (!Number.isFinite(next) || next <= low || next >= high) next = low + (high - low) / 2;
    if (Math.abs(next - x) <= 2 * DOUBLE_EPSILON * Math.abs(x) || next === low || next === high) return next;
    x = next;
  }
  return x;
}
