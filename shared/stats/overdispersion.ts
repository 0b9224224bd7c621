// Overdispersion of centres around a funnel target (Spiegelhalter 2005, 2012; FunnelPlotR):
// additive random effects on the arcsine scale, or a multiplicative factor on the raw scale.

import { WINSORISE_FRACTION, type TailProbabilities } from './constants';
import { arcsineLimits, funnelLimits, normalLimits } from './funnel';
import type { Interval } from './interval';
import { compensatedSum, quantileType7 } from './mean';

/**
 * How limits are widened for overdispersion: automatically (FunnelPlotR's default `draw_adjusted`:
 * additive when tau2 > 0, else none), not at all, additive tau2, or multiplicative phi.
 */
export type OverdispersionMethod = 'auto' | 'none' | 'additive' | 'multiplicative';

/** What an overdispersion estimate actually does to the limits (never 'auto'). */
export type AppliedOverdispersion = Exclude<OverdispersionMethod, 'auto'>;

/** The default: as FunnelPlotR, adjust whenever the centres are overdispersed (methods.md, step 7). */
export const DEFAULT_OVERDISPERSION: OverdispersionMethod = 'auto';

/** The overdispersion estimate for a set of centres and whether it widens their limits. */
export interface Overdispersion {
  /** The adjustment in effect: for 'auto', 'additive' when tau2 > 0, else 'none'. */
  readonly method: AppliedOverdispersion;
  /** What was asked for (may be 'auto'). */
  readonly requested: OverdispersionMethod;
  /** Dispersion ratio: mean squared winsorised z (arcsine scale, or raw scale for multiplicative). */
  readonly phi: number;
  /** Between-centre variance on the arcsine scale (DerSimonian-Laird); 0 unless additive is applied. */
  readonly tau2: number;
  /** True when the limits are widened. */
  readonly applied: boolean;
  /** True when an adjustment was asked for but phi <= 1, so unadjusted limits are shown. */
  readonly fallback: boolean;
  /** z-score of each centre, adjusted when the adjustment is applied. */
  readonly z: number[];
  /** What to tell people about the adjustment (e.g. why it fell back), or null. */
  readonly message: string | null;
}

/** Winsorised values with the bounds they were clipped to. */
export interface Winsorised {
  readonly values: number[];
  readonly lower: number;
  readonly upper: number;
}

/** Throws a RangeError naming the first centre whose counts cannot form a proportion. */
function assertCentres(x: readonly number[], n: readonly number[]): void {
  if (x.length !== n.length) {
    throw new RangeError(`Numerators and denominators differ in length (${x.length} and ${n.length}).`);
  }
  if (x.length === 0) throw new RangeError('Overdispersion needs at least one centre.');
  for (let i = 0; i < x.length; i++) {
    if (!(n[i] > 0) || !Number.isFinite(n[i]) || !(x[i] >= 0) || x[i] > n[i]) {
      throw new RangeError(
        `Centre ${i + 1} has ${x[i]} out of ${n[i]}: the denominator must be above 0 and the numerator between 0 and it.`,
      );
    }
  }
}

/** Arcsine-scale z-scores (asin(sqrt(x/n)) - asin(sqrt(theta))) * 2 sqrt(n) (FunnelPlotR, Spiegelhalter 2005). */
export function arcsineZ(x: readonly number[], n: readonly number[], theta: number): number[] {
  assertCentres(x, n);
  const target = Math.asin(Math.sqrt(theta));
  return x.map((xi, i) => (Math.asin(Math.sqrt(xi / n[i])) - target) * 2 * Math.sqrt(n[i]));
}

/** Raw-scale z-scores (x/n - theta) / sqrt(theta(1-theta)/n) (Spiegelhalter 2005, multiplicative model). */
export function proportionZ(x: readonly number[], n: readonly number[], theta: number): number[] {
  assertCentres(x, n);
  return x.map((xi, i) => (xi / n[i] - theta) / Math.sqrt((theta * (1 - theta)) / n[i]));
}

/** Clips values to [Q7(fraction), Q7(1 - fraction)], keeping every value (Spiegelhalter 2005 winsorising). */
export function winsorise(values: readonly number[], fraction: number = WINSORISE_FRACTION): Winsorised {
  const lower = quantileType7(values, fraction);
  const upper = quantileType7(values, 1 - fraction);
  return { values: values.map((v) => Math.min(upper, Math.max(lower, v))), lower, upper };
}

/** Dispersion ratio phi = mean of squared winsorised z-scores (Spiegelhalter 2005, section 4). */
export function dispersionRatio(z: readonly number[], fraction: number = WINSORISE_FRACTION): number {
  const clipped = winsorise(z, fraction).values;
  return compensatedSum(clipped.map((v) => v * v)) / clipped.length;
}

/**
 * DerSimonian-Laird between-centre variance on the arcsine scale, w = 1/s^2 = 4n:
 * tau2 = (N phi - (N-1)) / (sum w - sum w^2 / sum w), 0 when N phi < N - 1 (FunnelPlotR `tau_func`).
 */
export function dersimonianLairdTau2(phi: number, n: readonly number[]): number {
  const count = n.length;
  const excess = count * phi - (count - 1);
  if (!(excess > 0)) return 0;
  const weights = n.map((ni) => 4 * ni);
  const sumW = compensatedSum(weights);
  const denominator = sumW - compensatedSum(weights.map((w) => w * w)) / sumW;
  return denominator > 0 ? excess / denominator : 0;
}

/** The note shown when an adjustment was asked for but the centres are not overdispersed. */
function fallbackMessage(phi: number): string {
  return (
    `No overdispersion found (phi = ${phi.toFixed(3)}, not above 1), ` +
    'so the funnel shows unadjusted limits.'
  );
}

/**
 * Estimates overdispersion of centres (x out of n) around theta and, when phi > 1, the adjusted
 * z-scores: additive (arcsine z, 10% winsorised phi, DerSimonian-Laird tau2; FunnelPlotR) or
 * multiplicative (raw-scale z / sqrt(phi); Spiegelhalter 2005). 'none' reports the arcsine phi only;
 * 'auto' is additive when DerSimonian-Laird tau2 > 0 (and phi > 1), otherwise none (FunnelPlotR default).
 */
export function overdispersion(
  x: readonly number[],
  n: readonly number[],
  theta: number,
  method: OverdispersionMethod,
): Overdispersion {
  const requested = method;
  if (method === 'multiplicative') {
    const z = proportionZ(x, n, theta);
    const phi = dispersionRatio(z);
    if (!(phi > 1)) {
      return { method, requested, phi, tau2: 0, applied: false, fallback: true, z, message: fallbackMessage(phi) };
    }
    const scale = Math.sqrt(phi);
    return { method, requested, phi, tau2: 0, applied: true, fallback: false, z: z.map((v) => v / scale), message: null };
  }
  const z = arcsineZ(x, n, theta);
  const phi = dispersionRatio(z);
  if (method === 'none') {
    return { method, requested, phi, tau2: 0, applied: false, fallback: false, z, message: null };
  }
  // Additive, or automatic: phi <= 1 falls back to unadjusted limits (methods.md, step 6); 'auto'
  // then draws exact binomial limits (step 7).
  const tau2 = phi > 1 ? dersimonianLairdTau2(phi, n) : 0;
  if (!(tau2 > 0)) {
    const effective = method === 'auto' ? 'none' : method;
    return { method: effective, requested, phi, tau2: 0, applied: false, fallback: method !== 'auto', z, message: fallbackMessage(phi) };
  }
  const target = Math.asin(Math.sqrt(theta));
  const adjusted = x.map((xi, i) => (Math.asin(Math.sqrt(xi / n[i])) - target) / Math.sqrt(1 / (4 * n[i]) + tau2));
  return { method: 'additive', requested, phi, tau2, applied: true, fallback: false, z: adjusted, message: null };
}

/**
 * Funnel limits for denominator n under an overdispersion estimate: additive gives arcsine limits
 * with tau2, multiplicative theta -/+ z sqrt(phi theta(1-theta)/n) (unclamped, like the normal
 * method); a fallback gives that method's unadjusted limits, and 'none' the exact binomial limits.
 */
export function adjustedFunnelLimits(
  theta: number,
  n: number,
  p: TailProbabilities,
  z: number,
  od: Overdispersion,
): Interval {
  switch (od.method) {
    case 'none':
      return funnelLimits(theta, n, p, z, 'exact');
    case 'additive':
      return arcsineLimits(theta, n, z, od.applied ? od.tau2 : 0);
    case 'multiplicative':
      return normalLimits(theta, n, z * Math.sqrt(od.applied ? od.phi : 1));
  }
}
