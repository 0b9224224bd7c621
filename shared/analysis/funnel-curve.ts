/**
 * The funnel's control-limit curves as data: 95% and 99.8% limits at log-spaced denominators, so
 * the chart draws smooth lines without computing any statistics itself (conventions.md). Lives in
 * analysis (issue 12): charts read analysis results and never reach into the stats core.
 */
import type { VariationResult } from './variation';
import { P95, P998, Z95, Z998 } from '../stats/constants';
import { funnelLimits, normalLimits, type FunnelMethod } from '../stats/funnel';
import type { Interval } from '../stats/interval';

/** Denominators sampled along a funnel curve unless told otherwise (smooth at chart sizes). */
export const DEFAULT_CURVE_STEPS = 120;

/** 95% and 99.8% limits at one denominator. */
export interface FunnelCurvePoint {
  n: number;
  l95: number;
  u95: number;
  l998: number;
  u998: number;
}

/** How a result's limits were computed: method, additive tau² (arcsine only), multiplicative phi (normal only). */
export interface CurveSettings {
  method: FunnelMethod;
  tau2: number;
  phi: number;
}

/** Options of a funnel curve beyond its range: multiplicative phi, and denominators that must be sampled. */
export interface FunnelCurveOptions {
  /** Multiplicative overdispersion factor, normal limits only: theta -/+ z sqrt(phi theta(1-theta)/n) (Spiegelhalter 2005). */
  phi?: number;
  /** Denominators to include exactly (e.g. each centre's n, so a point on a limit sits on the line). */
  include?: readonly number[];
}

/** The curve settings that reproduce a variation result's own limits (see analysis/variation.ts, limitsAt). */
export function curveSettings(result: Pick<VariationResult, 'limits' | 'overdispersion'>): CurveSettings {
  const od = result.overdispersion;
  if (od.applied && od.drawn === 'additive') return { method: 'arcsine', tau2: od.tau2, phi: 1 };
  if (od.applied && od.drawn === 'multiplicative' && od.phi !== null) return { method: 'normal', tau2: 0, phi: od.phi };
  return { method: result.limits, tau2: 0, phi: 1 };
}

/**
 * `steps` denominators spaced evenly on a log scale from nMin to nMax inclusive; whole numbers
 * (deduplicated) when `integer`, as exact binomial limits need.
 */
export function logSpacedN(nMin: number, nMax: number, steps: number, integer: boolean): number[] {
  if (!(nMin > 0) || !(nMax >= nMin) || !Number.isFinite(nMax)) {
    throw new RangeError(`A funnel curve needs 0 < nMin <= nMax, but got nMin = ${nMin} and nMax = ${nMax}.`);
  }
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`A funnel curve needs at least 2 steps, but got ${steps}.`);
  const lo = Math.log(nMin);
  const span = Math.log(nMax) - lo;
  const values: number[] = [];
  for (let i = 0; i < steps; i++) {
    // Ends are set exactly so that exp(log(x)) rounding never drops nMin or nMax.
    const n = i === 0 ? nMin : i === steps - 1 ? nMax : Math.exp(lo + (span * i) / (steps - 1));
    values.push(integer ? Math.max(1, Math.round(n)) : n);
  }
  return [...new Set(values)];
}

/** 95% and 99.8% limits at denominator n under the given settings (FunnelPlotR / Spiegelhalter 2005). */
export function funnelCurvePoint(target: number, n: number, settings: CurveSettings): FunnelCurvePoint {
  const { method, tau2, phi } = settings;
  if (phi !== 1 && method !== 'normal') {
    throw new RangeError(`A multiplicative overdispersion factor applies to normal funnel limits, not to '${method}'.`);
  }
  const at = (p: typeof P95, z: number): Interval =>
    phi !== 1 ? normalLimits(target, n, z * Math.sqrt(phi)) : funnelLimits(target, n, p, z, method, tau2);
  const i95 = at(P95, Z95);
  const i998 = at(P998, Z998);
  return { n, l95: i95.lower, u95: i95.upper, l998: i998.lower, u998: i998.upper };
}

/**
 * Funnel limit curves around `target` from nMin to nMax at log-spaced denominators (whole numbers
 * for exact limits), plus any denominators in `options.include`, sorted by n.
 */
export function funnelCurve(
  target: number,
  nMin: number,
  nMax: number,
  method: FunnelMethod,
  tau2 = 0,
  steps: number = DEFAULT_CURVE_STEPS,
  options: FunnelCurveOptions = {},
): FunnelCurvePoint[] {
  const integer = method === 'exact';
  const grid = new Set(logSpacedN(nMin, nMax, steps, integer));
  for (const n of options.include ?? []) if (n > 0 && Number.isFinite(n)) grid.add(n);
  const settings: CurveSettings = { method, tau2, phi: options.phi ?? 1 };
  return [...grid].sort((a, b) => a - b).map((n) => funnelCurvePoint(target, n, settings));
}
