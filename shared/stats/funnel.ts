// Funnel-plot control limits for a proportion against a target theta, as FunnelPlotR and
// Spiegelhalter (2005) draw them: exact binomial (default), normal, or arcsine.

import type { TailProbabilities } from './constants';
import { binomialCdf, binomialPmf, binomialQuantile } from './distributions';
import type { Interval } from './interval';
import { compensatedSum } from './mean';

/** How funnel limits are computed: exact binomial with interpolation, normal, or arcsine. */
export type FunnelMethod = 'exact' | 'normal' | 'arcsine';

/** The discrete quantile r_p and interpolation fraction alpha behind one exact limit. */
export interface ExactLimitParts {
  readonly r: number;
  readonly alpha: number;
}

/** Where a centre sits against its funnel: strictly above, strictly below, or inside. */
export type FunnelPosition = 'above' | 'below' | 'inside';

/** Throws a RangeError unless theta is a proportion and n a positive denominator. */
function assertFunnelInputs(theta: number, n: number): void {
  if (!(theta >= 0 && theta <= 1)) {
    throw new RangeError(`A funnel target must be a proportion between 0 and 1, but it was ${theta}.`);
  }
  if (!(n > 0) || !Number.isFinite(n)) {
    throw new RangeError(`A funnel needs a denominator above 0, but it was ${n}.`);
  }
}

/** Keeps a limit inside [0, 1]. */
function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * r_p = smallest r with F(r) >= p and alpha = (F(r) - p) / (F(r) - F(r-1)) for Binomial(n, theta)
 * (Spiegelhalter 2005, appendix A.1.1); F(r) - F(r-1) is taken as the binomial mass at r.
 */
export function exactLimitParts(theta: number, n: number, p: number): ExactLimitParts {
  assertFunnelInputs(theta, n);
  const r = binomialQuantile(p, n, theta);
  const cdf = binomialCdf(r, n, theta);
  const mass = r === 0 ? cdf : binomialPmf(r, n, theta);
  const alpha = mass > 0 ? (cdf - p) / mass : 0;
  return { r, alpha };
}

/** One exact interpolated limit (r - alpha)/n, clamped to [0, 1] (Spiegelhalter 2005, A.1.1). */
export function exactLimit(theta: number, n: number, p: number): number {
  const { r, alpha } = exactLimitParts(theta, n, p);
  return clampUnit((r - alpha) / n);
}

/** Normal-approximation limits theta -/+ z sqrt(theta(1-theta)/n), deliberately unclamped. */
export function normalLimits(theta: number, n: number, z: number): Interval {
  assertFunnelInputs(theta, n);
  const half = z * Math.sqrt((theta * (1 - theta)) / n);
  return { lower: theta - half, upper: theta + half };
}

/**
 * Arcsine limits sin^2(A), A = asin(sqrt(theta)) -/+ z sqrt(1/(4n) + tau2), with the angle A clamped
 * to [0, pi/2] before squaring so a limit past the end is 0 or 1, not folded back (FunnelPlotR).
 */
export function arcsineLimits(theta: number, n: number, z: number, tau2 = 0): Interval {
  assertFunnelInputs(theta, n);
  const target = Math.asin(Math.sqrt(theta));
  const half = z * Math.sqrt(1 / (4 * n) + tau2);
  const angle = (a: number): number => Math.min(Math.PI / 2, Math.max(0, a));
  return { lower: Math.sin(angle(target - half)) ** 2, upper: Math.sin(angle(target + half)) ** 2 };
}

/**
 * Funnel limits for denominator n around target theta. Exact uses the tail probabilities p; normal
 * and arcsine use the deviate z; tau2 (additive overdispersion) applies to the arcsine method only.
 */
export function funnelLimits(
  theta: number,
  n: number,
  p: TailProbabilities,
  z: number,
  method: FunnelMethod,
  tau2 = 0,
): Interval {
  if (tau2 !== 0 && method !== 'arcsine') {
    throw new RangeError(`Additive overdispersion (tau2) applies to arcsine funnel limits, not to '${method}'.`);
  }
  switch (method) {
    case 'exact':
      return { lower: exactLimit(theta, n, p.lower), upper: exactLimit(theta, n, p.upper) };
    case 'normal':
      return normalLimits(theta, n, z);
    case 'arcsine':
      return arcsineLimits(theta, n, z, tau2);
  }
}

/** Pooled target sum(x) / sum(n) across centres (FunnelPlotR's default target). */
export function pooledTarget(x: readonly number[], n: readonly number[]): number {
  if (x.length !== n.length) {
    throw new RangeError(`Numerators and denominators differ in length (${x.length} and ${n.length}).`);
  }
  const events = compensatedSum(x);
  const total = compensatedSum(n);
  if (!(total > 0)) throw new RangeError('A pooled target needs denominators that add up to more than 0.');
  return events / total;
}

/** A centre is an outlier only when strictly outside its limits (methods.md, "Outlier"). */
export function funnelPosition(value: number, limits: Interval): FunnelPosition {
  if (value > limits.upper) return 'above';
  if (value < limits.lower) return 'below';
  return 'inside';
}
