// Accurate building blocks for densities with large arguments: Loader's saddle-point form
// (C. Loader, "Fast and accurate computation of binomial probabilities", 2000), which avoids
// the cancellation of exp(a*log(x) - x - lgamma(a)) when a and x are in the thousands.

/** ln(sqrt(2*pi)). */
const LN_SQRT_2PI = 0.9189385332046728;
/** ln(2*pi). */
const LN_2PI = 1.8378770664093453;

/**
 * Lanczos coefficients, g = 7, nine terms (Lanczos 1964; Press et al., Numerical Recipes 3rd ed. 6.1):
 * relative error about 1e-15 for x > 0.
 */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/**
 * stirlingError(n) at n = 0.5, 1, ..., 15: ln Gamma(n+1) - (n+1/2) ln n + n - ln sqrt(2 pi),
 * computed to 40 digits with mpmath for this project.
 */
const STIRLING_ERROR_HALVES = [
  0, 0.15342640972002736, 0.08106146679532726, 0.05481412105191765, 0.0413406959554093,
  0.03316287351993629, 0.02767792568499834, 0.023746163656297496, 0.020790672103765093,
  0.018488450532673187, 0.016644691189821193, 0.015134973221917378, 0.013876128823070748,
  0.012810465242920227, 0.01189670994589177, 0.011104559758206917, 0.010411265261972096,
  0.009799416126158804, 0.009255462182712733, 0.008768700134139386, 0.00833056343336287,
  0.00793411456431402, 0.007573675487951841, 0.007244554301320383, 0.00694284010720953,
  0.006665247032707682, 0.006408994188004207, 0.006171712263039458, 0.0059513701127588475,
  0.0057462165130101155, 0.005554733551962801,
];

/** Largest argument served by the half-integer table above. */
const STIRLING_TABLE_MAX = 15;

/** Stirling-series coefficients B_2k / (2k (2k-1)): 1/12, 1/360, 1/1260, 1/1680, 1/1188. */
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** Natural log of the gamma function for x > 0 (Lanczos approximation, g = 7). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) {
    // Reflection keeps the approximation in its accurate range: Gamma(x) Gamma(1-x) = pi / sin(pi x).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Error of Stirling's formula for ln(n!): ln Gamma(n+1) - (n+1/2) ln n + n - ln sqrt(2 pi) (Loader 2000). */
export function stirlingError(n: number): number {
  if (n <= STIRLING_TABLE_MAX) {
    const twice = 2 * n;
    if (Number.isInteger(twice)) return STIRLING_ERROR_HALVES[twice];
    return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** Deviance term x ln(x/m) + m - x, accurate when x is close to m (Loader 2000, "bd0"). */
export function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    // Series in v = (x-m)/(x+m): x ln(x/m) + m - x = (x-m) v + 2x sum_j v^(2j+1)/(2j+1).
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const next = sum + ej / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / m) + m - x;
}

/** Poisson-type density m^x e^(-m) / Gamma(x+1) for real x >= 0 (Loader 2000, "dpois_raw"). */
export function poissonDensityRaw(x: number, m: number): number {
  if (m === 0) return x === 0 ? 1 : 0;
  if (x === 0) return Math.exp(-m);
  if (x < 0 || !Number.isFinite(m)) return 0;
  return Math.exp(-stirlingError(x) - devianceTerm(x, m)) / Math.sqrt(2 * Math.PI * x);
}

/**
 * Binomial-type density Gamma(n+1)/(Gamma(x+1)Gamma(n-x+1)) p^x q^(n-x) for real 0 <= x <= n,
 * with q = 1 - p passed separately to keep its precision (Loader 2000, "dbinom_raw").
 */
export function binomialDensityRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) {
    return Math.exp(q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * Math.log(p));
  }
  if (x < 0 || x > n) return 0;
  const lc =
    stirlingError(n) - stirlingError(x) - stirlingError(n - x) - devianceTerm(x, n * p) - devianceTerm(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}
