// Distribution functions and quantiles the funnel, interval and SPC methods stand on: normal,
// binomial, beta, gamma / chi-square and Poisson. Own code, accurate to ~1e-13 or better,
// including chi-square with df of several thousand (methods.md, "Chi-square quantiles for large df").

import { DISCRETE_QUANTILE_FUZZ } from './constants';
import { regularizedBeta, betaDensity } from './incomplete-beta';
import { regularizedGamma, gammaDensity } from './incomplete-gamma';
import { invertCdf } from './invert';
import { normalQuantile } from './normal';
import { binomialDensityRaw, logGamma } from './saddle-point';

export { normalQuantile, normalCdf, normalDensity } from './normal';
export { regularizedBeta, betaDensity } from './incomplete-beta';
export { regularizedGamma, gammaDensity, type Tails } from './incomplete-gamma';
export { logGamma } from './saddle-point';

/** Regularized lower incomplete beta I_x(a, b), the beta(a, b) distribution function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  return regularizedBeta(x, a, b).lower;
}

/** Regularized lower incomplete gamma P(a, x), the gamma(a) distribution function. */
export function incompleteGammaP(a: number, x: number): number {
  return regularizedGamma(a, x).lower;
}

/** Regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), computed without cancellation. */
export function incompleteGammaQ(a: number, x: number): number {
  return regularizedGamma(a, x).upper;
}

/** Probability of exactly r events among n with event probability p (binomial mass). */
export function binomialPmf(r: number, n: number, p: number): number {
  if (!Number.isInteger(r) || r < 0 || r > n) return 0;
  return binomialDensityRaw(r, n, p, 1 - p);
}

/** Probability of at most r events among n with event probability p: F(r) = I_(1-p)(n-r, r+1). */
export function binomialCdf(r: number, n: number, p: number): number {
  const k = Math.floor(r);
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  return regularizedBeta(1 - p, n - k, k + 1, p).lower;
}

/**
 * Smallest r with F(r) >= prob for Binomial(n, theta), as R `qbinom`: a Cornish-Fisher start, then
 * re-checked so that F(r) >= prob' and F(r-1) < prob' hold as computed, where prob' is prob less R's
 * relative fuzz of 64 ulps, so an F(r) equal to prob but computed an ulp low still gives r (methods.md).
 */
export function binomialQuantile(prob: number, n: number, theta: number): number {
  if (Number.isNaN(prob) || prob < 0 || prob > 1) return Number.NaN;
  if (theta <= 0 || prob === 0) return 0;
  if (theta >= 1) return n;
  const mean = n * theta;
  const sd = Math.sqrt(n * theta * (1 - theta));
  const z = normalQuantile(prob);
  const skew = (1 - 2 * theta) / sd;
  const start = Number.isFinite(z) ? Math.floor(mean + sd * (z + (skew * (z * z - 1)) / 6) + 0.5) : n;
  const target = prob * (1 - DISCRETE_QUANTILE_FUZZ);
  let r = Math.min(n, Math.max(0, start));
  if (binomialCdf(r, n, theta) >= target) {
    while (r > 0 && binomialCdf(r - 1, n, theta) >= target) r--;
  } else {
    while (r < n && binomialCdf(r, n, theta) < target) r++;
  }
  return r;
}

/** Quantile of the beta(a, b) distribution: x with I_x(a, b) = p. */
export function betaInv(p: number, a: number, b: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a > 0) || !(b > 0)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  return invertCdf(
    { cdf: (x) => regularizedBeta(x, a, b).lower, density: (x) => betaDensity(x, a, b) },
    p,
    0,
    1,
    a / (a + b),
  );
}

/** Quantile of the gamma distribution with shape a and unit scale: x with P(a, x) = p. */
export function gammaInv(p: number, a: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(a >= 0)) return Number.NaN;
  if (p === 0 || a === 0) return 0;
  if (p === 1) return Infinity;
  const guess = gammaQuantileGuess(p, a);
  const cdf = (x: number): number => regularizedGamma(a, x).lower;
  let hi = Math.max(2 * guess, 1);
  while (cdf(hi) < p) hi *= 2;
  return invertCdf({ cdf, density: (x) => gammaDensity(a, x) }, p, 0, hi, guess);
}

/**
 * Starting value for gammaInv: Wilson-Hilferty (chi-square cube-root normal approximation), or the
 * small-x expansion P(a, x) ~ x^a / Gamma(a+1) where that approximation goes non-positive.
 */
function gammaQuantileGuess(p: number, a: number): number {
  const df = 2 * a;
  const c = 2 / (9 * df);
  const cube = 1 - c + normalQuantile(p) * Math.sqrt(c);
  if (cube > 0) return (df * cube * cube * cube) / 2;
  return Math.pow(p * Math.exp(logGamma(a + 1)), 1 / a);
}

/** Chi-square distribution function with df degrees of freedom: P(df/2, x/2). */
export function chiSquareCdf(x: number, df: number): number {
  if (df === 0) return x >= 0 ? 1 : 0;
  return regularizedGamma(df / 2, x / 2).lower;
}

/** Chi-square quantile with df degrees of freedom (df = 0 is the point mass at 0, as R `qchisq`). */
export function chiSquareInv(p: number, df: number): number {
  return 2 * gammaInv(p, df / 2);
}

/** Probability of at most k events for a Poisson mean lambda: Q(k+1, lambda). */
export function poissonCdf(k: number, lambda: number): number {
  const r = Math.floor(k);
  if (r < 0) return 0;
  if (lambda <= 0) return 1;
  return regularizedGamma(r + 1, lambda).upper;
}
