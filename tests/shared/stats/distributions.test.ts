import { describe, expect, it } from 'vitest';
import {
  betaInv,
  binomialCdf,
  binomialPmf,
  binomialQuantile,
  chiSquareCdf,
  chiSquareInv,
  gammaInv,
  incompleteBeta,
  incompleteGammaP,
  incompleteGammaQ,
  normalCdf,
  normalQuantile,
  poissonCdf,
} from '../../../shared/stats/distributions';
import { DISCRETE_QUANTILE_FUZZ } from '../../../shared/stats/constants';
import { expectNear, expectRelative } from './near';

// Reference values from scipy 1.17 (chi2.ppf, beta.ppf) and mpmath at 30 digits (normal, binomial sums).

/** Poisson(lambda) probability of at most k, summed term by term and normalised by the full sum. */
function poissonCdfBySummation(k: number, lambda: number): number {
  // Terms relative to the one at the mode, by the recurrence t(j+1) = t(j) lambda / (j+1): no log-gamma.
  const mode = Math.floor(lambda);
  const top = Math.ceil(lambda + 60 * Math.sqrt(lambda) + 60);
  const terms = new Float64Array(top + 1);
  terms[mode] = 1;
  for (let j = mode; j < top; j++) terms[j + 1] = (terms[j] * lambda) / (j + 1);
  for (let j = mode; j > 0; j--) terms[j - 1] = (terms[j] * j) / lambda;
  let below = 0;
  let total = 0;
  for (let j = 0; j <= top; j++) {
    total += terms[j];
    if (j <= k) below += terms[j];
  }
  return below / total;
}

/** Binomial(n, p) probability of at most r, summed term by term and normalised by the full sum. */
function binomialCdfBySummation(r: number, n: number, p: number): number {
  const mode = Math.floor((n + 1) * p);
  const terms = new Float64Array(n + 1);
  terms[mode] = 1;
  const odds = p / (1 - p);
  for (let j = mode; j < n; j++) terms[j + 1] = (terms[j] * (n - j) * odds) / (j + 1);
  for (let j = mode; j > 0; j--) terms[j - 1] = (terms[j] * j) / ((n - j + 1) * odds);
  let below = 0;
  let total = 0;
  for (let j = 0; j <= n; j++) {
    total += terms[j];
    if (j <= r) below += terms[j];
  }
  return below / total;
}

describe('normalQuantile (AS 241)', () => {
  const cases: Array<[number, number]> = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798409],
    [1e-10, -6.361340902404057],
    [0.001, -3.0902323061678136],
    [0.025, -1.9599639845400543],
    [0.07, -1.4757910281791706],
    [0.075, -1.439531470938456],
    [0.3, -0.5244005127080408],
    [0.5, 0],
    [0.8, 0.8416212335729144],
    [0.925, 1.4395314709384561],
    [0.93, 1.475791028179171],
    [0.975, 1.9599639845400538],
    [0.999, 3.090232306167813],
    [0.999999999999, 7.0344869100478356],
  ];
  it.each(cases)('quantile of %s is %s to ~1e-15 relative', (p, expected) => {
    expectRelative(normalQuantile(p), expected, 2e-15);
  });

  it('is symmetric and infinite at the ends', () => {
    // Probabilities whose complement is exact in binary, so the symmetry is exact too.
    for (const p of [2 ** -30, 2 ** -7, 0.125, 0.375]) expect(normalQuantile(p)).toBe(-normalQuantile(1 - p));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.2)).toBeNaN();
  });
});

describe('normalCdf', () => {
  const cases: Array<[number, number]> = [
    [-30, 4.906713927148187e-198],
    [-8, 6.220960574271784e-16],
    [-3, 0.0013498980316300946],
    [-1.959963984540054, 0.025000000000000012],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889527],
    [1, 0.8413447460685429],
    [2.5, 0.9937903346742238],
    [6, 0.9999999990134123],
  ];
  it.each(cases)('Phi(%s) = %s to 1e-12 relative', (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThanOrEqual(1e-12 * expected);
  });

  it('inverts normalQuantile', () => {
    for (const p of [1e-12, 0.001, 0.025, 0.3, 0.5, 0.77, 0.975, 0.999]) expectRelative(normalCdf(normalQuantile(p)), p, 1e-14);
  });
});

describe('binomial distribution', () => {
  const cases: Array<[number, number, number, number]> = [
    [72, 100, 0.8, 0.03415162963907481],
    [87, 100, 0.8, 0.974671246778603],
    [400, 1000, 0.4, 0.5137298582871435],
    [4900, 10000, 0.5, 0.023292763852473693],
    [0, 10, 0.8, 1.0239999999999978e-7],
    [3, 10, 0.01, 0.9999979987238431],
  ];
  it.each(cases)('F(%s; n=%s, p=%s) = %s to 1e-13 relative', (r, n, p, expected) => {
    expect(Math.abs(binomialCdf(r, n, p) - expected)).toBeLessThanOrEqual(1e-13 * expected);
  });

  it('agrees with term-by-term summation for large n', () => {
    for (const [r, n, p] of [
      [2400, 5000, 0.5],
      [8110, 10000, 0.8],
      [30, 2000, 0.02],
    ]) {
      expectNear(binomialCdf(r, n, p), binomialCdfBySummation(r, n, p), 1e-12, `F(${r}; ${n}, ${p})`);
    }
  });

  it('is 0 below 0, 1 from n up, and steps by the mass', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    for (let r = 1; r <= 10; r++) {
      expectNear(binomialCdf(r, 10, 0.3) - binomialCdf(r - 1, 10, 0.3), binomialPmf(r, 10, 0.3), 1e-15);
    }
    expectNear(binomialPmf(3, 10, 0.3), 120 * 0.3 ** 3 * 0.7 ** 7, 1e-15);
  });

  it('quantile is the smallest r with F(r) >= p, re-checked against F', () => {
    expect(binomialQuantile(0.025, 100, 0.8)).toBe(72);
    expect(binomialQuantile(0.975, 100, 0.8)).toBe(88);
    expect(binomialQuantile(0.001, 100, 0.8)).toBe(67);
    expect(binomialQuantile(0.999, 100, 0.8)).toBe(91);
    for (const n of [1, 5, 10, 37, 100, 1000, 20000]) {
      for (const theta of [0.01, 0.2, 0.5, 0.8, 0.99]) {
        for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) {
          const r = binomialQuantile(p, n, theta);
          const fuzzed = p * (1 - DISCRETE_QUANTILE_FUZZ);
          expect(binomialCdf(r, n, theta)).toBeGreaterThanOrEqual(fuzzed);
          if (r > 0) expect(binomialCdf(r - 1, n, theta)).toBeLessThan(fuzzed);
        }
      }
    }
  });

  it('quantile is exact when p equals F(r) (discrete boundary)', () => {
    // F(0) = 0.5 for Binomial(1, 0.5): R qbinom(0.5, 1, 0.5) = 0.
    expect(binomialQuantile(0.5, 1, 0.5)).toBe(0);
    expect(binomialQuantile(0.25, 2, 0.5)).toBe(0);
    expect(binomialQuantile(0.75, 2, 0.5)).toBe(1);
  });
});

describe('incomplete beta and its inverse', () => {
  const cases: Array<[number, number, number, number]> = [
    [0.025, 3, 8, 0.06673951117773447],
    [0.975, 4, 7, 0.6524528500599973],
    [0.025, 180, 71, 0.6599495136998608],
    [0.975, 181, 70, 0.774749844690404],
    [0.5, 0.5, 0.5, 0.5],
    [0.01, 2000, 3000, 0.38394498728308024],
    [0.9, 0.3, 4, 0.2143738140841478],
  ];
  it.each(cases)('BetaInv(%s; %s, %s) = %s', (p, a, b, expected) => {
    expectRelative(betaInv(p, a, b), expected, 1e-13);
    expectRelative(incompleteBeta(expected, a, b), p, 1e-13);
  });

  it('has closed forms at a = 1 or b = 1', () => {
    for (const x of [0.01, 0.3, 0.9]) {
      expectNear(incompleteBeta(x, 1, 5), 1 - (1 - x) ** 5, 1e-15);
      expectNear(incompleteBeta(x, 4, 1), x ** 4, 1e-15);
    }
    expect(betaInv(0, 2, 3)).toBe(0);
    expect(betaInv(1, 2, 3)).toBe(1);
  });
});

describe('incomplete gamma, chi-square and Poisson', () => {
  const cases: Array<[number, number, number]> = [
    [0.975, 5000, 5197.883771923797],
    [0.025, 5000, 4805.904730862248],
    [0.001, 5000, 4696.667381735799],
    [0.999, 5000, 5314.731358301196],
    [0.5, 1, 0.454936423119572],
    [0.025, 20, 9.590777392264867],
    [0.975, 22, 36.78071208403556],
    [0.025, 2, 0.05063561596857975],
    [0.975, 4, 11.143286781877796],
    [0.3, 0.5, 0.010982604948550948],
    [1e-10, 3, 5.20939762143448e-7],
  ];
  it.each(cases)('ChiInv(%s; df %s) = %s to 1e-12 relative', (p, df, expected) => {
    expect(Math.abs(chiSquareInv(p, df) - expected)).toBeLessThanOrEqual(1e-12 * expected);
  });

  it('at df 5000 lies within the Wilson-Hilferty approximation and satisfies the Poisson identity', () => {
    const df = 5000;
    for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) {
      const x = chiSquareInv(p, df);
      // Wilson-Hilferty: x ~ df (1 - 2/(9 df) + z sqrt(2/(9 df)))^3, within ~0.01 at this df.
      const c = 2 / (9 * df);
      const wilsonHilferty = df * (1 - c + normalQuantile(p) * Math.sqrt(c)) ** 3;
      expect(Math.abs(x - wilsonHilferty)).toBeLessThan(0.05);
      // P(chi2_{2k} <= x) = P(Poisson(x/2) >= k), k = df/2: a sum of Poisson terms, no incomplete gamma.
      const viaPoisson = 1 - poissonCdfBySummation(df / 2 - 1, x / 2);
      expectNear(viaPoisson, p, 1e-12, `p = ${p}`);
    }
  });

  it('chi-square distribution function inverts the quantile, and df 0 is a point mass at 0', () => {
    for (const df of [1, 2, 7.5, 300, 8000]) {
      for (const p of [0.001, 0.3, 0.999]) expectNear(chiSquareCdf(chiSquareInv(p, df), df), p, 1e-13);
    }
    expect(chiSquareInv(0.025, 0)).toBe(0);
    expect(chiSquareInv(0, 4)).toBe(0);
    expect(chiSquareInv(1, 4)).toBe(Infinity);
  });

  it('Poisson distribution function matches term-by-term sums, small and large means', () => {
    for (const [k, lambda] of [
      [0, 0.5],
      [3, 2.5],
      [9, 10],
      [2499, 2500],
      [120, 100],
    ]) {
      expectNear(poissonCdf(k, lambda), poissonCdfBySummation(k, lambda), 1e-13, `F(${k}; ${lambda})`);
    }
    expect(poissonCdf(-1, 3)).toBe(0);
    expectNear(poissonCdf(0, 2), Math.exp(-2), 1e-16);
  });

  it('P and Q add to 1 and Q keeps precision far in the upper tail', () => {
    for (const [a, x] of [
      [0.5, 0.1],
      [3, 2],
      [100, 130],
      [2500, 2400],
    ]) {
      expectNear(incompleteGammaP(a, x) + incompleteGammaQ(a, x), 1, 1e-15);
    }
    // Q(1, x) = exp(-x) exactly.
    expectRelative(incompleteGammaQ(1, 50), Math.exp(-50), 1e-14);
    expect(gammaInv(0.5, 0)).toBe(0);
  });
});
