// Regularized incomplete gamma function, both tails, accurate to ~1e-14 relative also for shapes
// in the thousands (chi-square with df of several thousand, Poisson with large means).

import { DOUBLE_EPSILON } from './constants';
import { poissonDensityRaw } from './saddle-point';

/** Lower and upper tail of a distribution function at one point; lower + upper = 1. */
export interface Tails {
  readonly lower: number;
  readonly upper: number;
}

/** Smallest magnitude allowed in Lentz's algorithm before a denominator is nudged off zero. */
const LENTZ_TINY = 1e-300;
/** Iteration cap: both expansions need O(sqrt(a)) terms, so this covers a up to ~1e8. */
const MAX_ITERATIONS = 100_000;

/**
 * Regularized incomplete gamma P(a, x) and Q(a, x) = 1 - P(a, x) for shape a > 0, x >= 0.
 * Series for x < a + 1, Legendre continued fraction (modified Lentz) otherwise
 * (Press et al., Numerical Recipes 3rd ed. 6.2), with the prefactor x^a e^-x / Gamma(a+1)
 * from Loader's saddle-point form.
 */
export function regularizedGamma(a: number, x: number): Tails {
  if (Number.isNaN(a) || Number.isNaN(x) || a < 0) return { lower: Number.NaN, upper: Number.NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (a === 0) return { lower: 1, upper: 0 };
  if (x === Infinity) return { lower: 1, upper: 0 };
  if (x < a + 1) {
    const lower = gammaSeries(a, x);
    return { lower, upper: 1 - lower };
  }
  const upper = gammaContinuedFraction(a, x);
  return { lower: 1 - upper, upper };
}

/** P(a, x) = x^a e^-x / Gamma(a+1) * sum_k x^k / ((a+1)...(a+k)) (Numerical Recipes 6.2.5). */
function gammaSeries(a: number, x: number): number {
  const prefactor = poissonDensityRaw(a, x);
  if (prefactor === 0) return 0;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < MAX_ITERATIONS; k++) {
    term *= x / (a + k);
    sum += term;
    if (term < sum * DOUBLE_EPSILON) break;
  }
  return Math.min(1, prefactor * sum);
}

/** Q(a, x) = e^-x x^a / Gamma(a) * 1/(x+1-a- 1(1-a)/(x+3-a- ...)) (Numerical Recipes 6.2.7). */
function gammaContinuedFraction(a: number, x: number): number {
  const prefactor = a * poissonDensityRaw(a, x);
  if (prefactor === 0) return 0;
  let b = x + 1 - a;
  let c = 1 / LENTZ_TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = b + an / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < DOUBLE_EPSILON) break;
  }
  return Math.min(1, prefactor * h);
}

/** Density of the gamma distribution with shape a and unit scale at x. */
export function gammaDensity(a: number, x: number): number {
  if (x < 0) return 0;
  if (x === 0) return a < 1 ? Infinity : a === 1 ? 1 : 0;
  // x^(a-1) e^-x / Gamma(a) = a/x * x^a e^-x / Gamma(a+1).
  return (a * poissonDensityRaw(a, x)) / x;
}
