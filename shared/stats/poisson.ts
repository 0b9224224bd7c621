// Intervals for counts and standardised ratios, as PHEindicatormethods (Fingertips) computes them:
// exact chi-square intervals below 10 events, Byar's approximation from 10 up.

import { BYAR_MIN_COUNT, type TailProbabilities } from './constants';
import { chiSquareInv } from './distributions';
import type { Interval } from './interval';

/** Which Poisson interval was used for a count. */
export type PoissonIntervalMethod = 'exact' | 'byar';

/** A Poisson interval with the method that produced it. */
export interface PoissonInterval extends Interval {
  readonly method: PoissonIntervalMethod;
}

/** Throws a RangeError unless the observed count is a finite number >= 0. */
function assertCount(o: number): void {
  if (!Number.isFinite(o) || o < 0) {
    throw new RangeError(`An observed count must be 0 or more, but it was ${o}.`);
  }
}

/** Exact Poisson interval ChiInv(p_lower; 2O)/2 to ChiInv(p_upper; 2O+2)/2 (Garwood 1936; PHEindicatormethods). */
export function exactPoissonInterval(o: number, p: TailProbabilities): Interval {
  assertCount(o);
  return { lower: chiSquareInv(p.lower, 2 * o) / 2, upper: chiSquareInv(p.upper, 2 * o + 2) / 2 };
}

/**
 * Byar's approximation: L = O(1 - 1/(9O) - z/(3 sqrt O))^3, U = (O+1)(1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3
 * (Breslow & Day 1987; PHEindicatormethods `byars_lower` / `byars_upper`); L = 0 at O = 0.
 */
export function byarInterval(o: number, z: number): Interval {
  assertCount(o);
  const lower = o === 0 ? 0 : o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3;
  const o1 = o + 1;
  const upper = o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
  return { lower, upper };
}

/** Interval for an observed count: exact below 10, Byar from 10 up (PHEindicatormethods `phe_dsr`/`phe_isr`). */
export function poissonInterval(o: number, z: number, p: TailProbabilities): PoissonInterval {
  if (o < BYAR_MIN_COUNT) return { ...exactPoissonInterval(o, p), method: 'exact' };
  return { ...byarInterval(o, z), method: 'byar' };
}

/**
 * Funnel limits for a standardised ratio O/E with E expected (no overdispersion):
 * L = ChiInv(p_lower; 2E)/(2E), U = ChiInv(p_upper; 2(E+1))/(2E) (chi-square method, PHE funnel tool).
 */
export function standardisedRatioLimits(e: number, p: TailProbabilities): Interval {
  if (!(e > 0) || !Number.isFinite(e)) {
    throw new RangeError(`A standardised ratio needs an expected count above 0, but it was ${e}.`);
  }
  return { lower: chiSquareInv(p.lower, 2 * e) / (2 * e), upper: chiSquareInv(p.upper, 2 * (e + 1)) / (2 * e) };
}
