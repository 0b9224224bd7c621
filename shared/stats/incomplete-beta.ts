// Regularized incomplete beta function, both tails, accurate to ~1e-14 relative also for
// parameters in the thousands (binomial distribution functions of large centres).

import { DOUBLE_EPSILON } from './constants';
import type { Tails } from './incomplete-gamma';
import { binomialDensityRaw } from './saddle-point';

/** Smallest magnitude allowed in Lentz's algorithm before a denominator is nudged off zero. */
const LENTZ_TINY = 1e-300;
/** Iteration cap: the fraction needs O(sqrt(max(a, b))) terms. */
const MAX_ITERATIONS = 100_000;

/**
 * Regularized incomplete beta I_x(a, b) (lower) and 1 - I_x(a, b) (upper) for a, b > 0.
 * Continued fraction with modified Lentz (Press et al., Numerical Recipes 3rd ed. 6.4), evaluated
 * on whichever side converges fast; y = 1 - x may be passed to keep its precision.
 */
export function regularizedBeta(x: number, a: number, b: number, y: number = 1 - x): Tails {
  if ([x, a, b, y].some(Number.isNaN) || a <= 0 || b <= 0) return { lower: Number.NaN, upper: Number.NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  if (x < (a + 1) / (a + b + 2)) {
    const lower = Math.min(1, betaPrefactor(x, y, a, b) * betaContinuedFraction(x, a, b));
    return { lower, upper: 1 - lower };
  }
  const upper = Math.min(1, betaPrefactor(y, x, b, a) * betaContinuedFraction(y, b, a));
  return { lower: 1 - upper, upper };
}

/** x^a y^b / (a B(a, b)), via the binomial density of a successes in a + b trials (Loader 2000). */
function betaPrefactor(x: number, y: number, a: number, b: number): number {
  return (binomialDensityRaw(a, a + b, x, y) * b) / (a + b);
}

/** Continued fraction of I_x(a, b) (Numerical Recipes 6.4.5), modified Lentz. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < DOUBLE_EPSILON) break;
  }
  return h;
}

/** Density of the beta(a, b) distribution at x in (0, 1). */
export function betaDensity(x: number, a: number, b: number): number {
  if (x < 0 || x > 1) return 0;
  const y = 1 - x;
  if (x === 0 || y === 0) {
    const shape = x === 0 ? a : b;
    return shape < 1 ? Infinity : shape === 1 ? (x === 0 ? b : a) : 0;
  }
  // x^(a-1) y^(b-1) / B(a, b) = [x^a y^b / (a B(a, b))] * a / (x y).
  return (betaPrefactor(x, y, a, b) * a) / (x * y);
}
