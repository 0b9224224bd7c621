// Kaplan-Meier estimate of "still waiting" over time (e.g. days from referral to being seen),
// counting people not yet seen as censored rather than dropping them, with pointwise confidence
// intervals, quantiles (median) and their intervals as R's survival::survfit reports them, and
// the log-rank test between two groups (methods.md, "Waiting times").

import { SURVFIT_QUANTILE_TOLERANCE, Z95 } from './constants';
import { incompleteGammaQ } from './distributions';

/** Pointwise interval of S(t): log-log (default here) or log (survfit's default). */
export type KmConfType = 'log-log' | 'log';

/** One step of the curve: at `time`, the share still waiting drops to `survival`. */
export interface KaplanMeierStep {
  readonly time: number;
  /** People still waiting just before this time (including those censored at it). */
  readonly atRisk: number;
  /** Events (waits ended) at this time. */
  readonly events: number;
  /** People last known to be still waiting at this time. */
  readonly censored: number;
  /** Estimated share still waiting just after this time. */
  readonly survival: number;
  /** Standard error of log S(t) (Greenwood; survfit's `std.err`): sqrt(sum d_i / (n_i (n_i - d_i))). */
  readonly stdErr: number;
  /** Pointwise interval of S(t); NaN where survfit gives NA (S = 0; S = 1 on the log-log scale is [1, 1]). */
  readonly lower: number;
  readonly upper: number;
}

/** A quantile of the wait (time by which a share p has been seen), with its interval; null where not reached. */
export interface KmQuantile {
  readonly p: number;
  readonly time: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** A Kaplan-Meier curve with its median; the share still waiting is 1 before the first step. */
export interface KaplanMeierCurve {
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  readonly steps: KaplanMeierStep[];
  /** Median as survfit reports it (midpoint of a flat stretch at exactly 0.5); null if never reached. */
  readonly median: number | null;
  /** survfit's interval of the median: where the lower and upper curves cross 0.5 (null where they never do). */
  readonly medianCi: [number | null, number | null];
  readonly conf: KmConfType;
  readonly z: number;
}

export interface KaplanMeierOptions {
  /** Interval scale (default 'log-log'). */
  readonly conf?: KmConfType;
  /** Normal deviate of the interval (default 1.959964, 95%). */
  readonly z?: number;
}

/**
 * Pointwise interval of S at standard error `se` of log S (survival:::survfit_confint):
 * log: S exp(-/+ z se), upper capped at 1; log-log: exp(-exp(log(-log S) +/- z se / |log S|)).
 * NaN at S = 0 (survfit's NA); at S = 1 the log-log interval is [1, 1] (no event yet).
 */
export function kmInterval(survival: number, se: number, conf: KmConfType, z: number): { lower: number; upper: number } {
  if (survival === 0 || !Number.isFinite(se)) return { lower: Number.NaN, upper: Number.NaN };
  if (conf === 'log') {
    return { lower: survival * Math.exp(-z * se), upper: Math.min(1, survival * Math.exp(z * se)) };
  }
  if (survival === 1) return { lower: 1, upper: 1 };
  const logS = Math.log(survival);
  const centre = Math.log(-logS);
  const spread = (z * se) / Math.abs(logS);
  return { lower: Math.exp(-Math.exp(centre + spread)), upper: Math.exp(-Math.exp(centre - spread)) };
}

/**
 * Quantile of a step CDF as survival:::findq (quantile.survfit, survival 3.x): x = (0, times),
 * y = (0, 1 - S); the first x where y reaches p, except that where y equals p within the tolerance
 * over a flat stretch the quantile is the midpoint of the stretch (events at 1, 2, 3, 4: median
 * 2.5), and a flat at p at the end of the curve takes the midpoint to the last time. NaN entries
 * (survfit's NA) are skipped. Null when the curve never reaches p.
 */
export function survfitQuantile(times: readonly number[], cdf: readonly number[], p: number, tol: number = SURVFIT_QUANTILE_TOLERANCE): number | null {
  const x = [0, ...times];
  const y = [0, ...cdf];
  let max = -Infinity;
  for (const v of y) if (v > max) max = v;
  // The curve never reaches p (NAs ignored): findq returns NA.
  if (max < p) return null;
  const xmax = x[x.length - 1];
  // Drop duplicate y values (censoring times), keeping the first of each, as duplicated() does (NA equals NA).
  const xs: number[] = [];
  const ys: number[] = [];
  const seen = new Set<number | string>();
  for (let i = 0; i < y.length; i++) {
    const key = Number.isNaN(y[i]) ? 'NA' : y[i];
    if (seen.has(key)) continue;
    seen.add(key);
    xs.push(x[i]);
    ys.push(y[i]);
  }
  // approx(y + tol, 1:n, p, "constant", f = 1): the first index whose y + tol >= p (NA entries removed);
  // and likewise with y - tol.
  const firstAtLeast = (shift: number): number => {
    for (let j = 0; j < ys.length; j++) if (!Number.isNaN(ys[j]) && ys[j] + shift >= p) return j;
    return -1;
  };
  const i1 = firstAtLeast(tol);
  const i2 = firstAtLeast(-tol);
  const last = ys[ys.length - 1];
  if (!Number.isNaN(last) && Math.abs(p - last) < tol && i1 >= 0) return (xs[i1] + xmax) / 2;
  if (i1 < 0 || i2 < 0) return null;
  return (xs[i1] + xs[i2]) / 2;
}

/**
 * Product-limit estimate S(t) = prod over event times t_i <= t of (1 - d_i / n_i) (Kaplan & Meier 1958),
 * with Greenwood's standard error of log S and pointwise intervals (survfit). events[i] is true when
 * the wait ended at times[i], false when the person is still waiting (censored); people censored at
 * an event time count as at risk at that time.
 */
export function kaplanMeier(times: readonly number[], events: readonly boolean[], options: KaplanMeierOptions = {}): KaplanMeierCurve {
  if (times.length !== events.length) {
    throw new RangeError(`Times and event flags differ in length (${times.length} and ${events.length}).`);
  }
  const bad = times.findIndex((t) => !Number.isFinite(t) || t < 0);
  if (bad >= 0) throw new RangeError(`Time ${bad + 1} must be a number of 0 or more, but it was ${times[bad]}.`);
  const conf = options.conf ?? 'log-log';
  const z = options.z ?? Z95;
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);
  const steps: KaplanMeierStep[] = [];
  let atRisk = times.length;
  let survival = 1;
  let greenwood = 0;
  let totalEvents = 0;
  for (let k = 0; k < order.length; ) {
    const time = times[order[k]];
    let ended = 0;
    let censored = 0;
    while (k < order.length && times[order[k]] === time) {
      if (events[order[k]]) ended++;
      else censored++;
      k++;
    }
    if (ended > 0) {
      survival *= 1 - ended / atRisk;
      // Greenwood: sum d / (n (n - d)); infinite once everyone at risk has the event (S = 0).
      greenwood += atRisk > ended ? ended / (atRisk * (atRisk - ended)) : Infinity;
    }
    const stdErr = Math.sqrt(greenwood);
    const { lower, upper } = kmInterval(survival, stdErr, conf, z);
    steps.push({ time, atRisk, events: ended, censored, survival, stdErr, lower, upper });
    totalEvents += ended;
    atRisk -= ended + censored;
  }
  const q = kmQuantile(steps, 0.5);
  return {
    n: times.length,
    events: totalEvents,
    censored: times.length - totalEvents,
    steps,
    median: q.time,
    medianCi: [q.lower, q.upper],
    conf,
    z,
  };
}

/** Quantile p of the wait (time by which a share p has been seen) and its interval, as quantile.survfit. */
export function kmQuantile(steps: readonly KaplanMeierStep[], p: number): KmQuantile {
  const times = steps.map((s) => s.time);
  return {
    p,
    time: survfitQuantile(times, steps.map((s) => 1 - s.survival), p),
    // The lower curve of S crosses first: it gives the lower limit of the quantile.
    lower: survfitQuantile(times, steps.map((s) => 1 - s.lower), p),
    upper: survfitQuantile(times, steps.map((s) => 1 - s.upper), p),
  };
}

/** S(t) and its interval at time t (the last step at or before t; 1 before the first). */
export function survivalAt(curve: Pick<KaplanMeierCurve, 'steps'>, t: number): { survival: number; lower: number; upper: number } {
  let found: KaplanMeierStep | undefined;
  for (const step of curve.steps) {
    if (step.time > t) break;
    found = step;
  }
  return found ? { survival: found.survival, lower: found.lower, upper: found.upper } : { survival: 1, lower: 1, upper: 1 };
}

/** Log-rank test of two groups (Mantel 1966; R survdiff, rho = 0). */
export interface LogRankResult {
  readonly observed: [number, number];
  readonly expected: [number, number];
  /** Variance of O1 - E1. */
  readonly variance: number;
  readonly chiSquare: number;
  readonly df: 1;
  readonly p: number;
}

/**
 * Log-rank test: at each distinct event time with d events among n at risk (n1 in group 1),
 * E1 += d n1 / n and V += d (n1/n)(1 - n1/n)(n - d)/(n - 1); chi-square = (O1 - E1)^2 / V on 1 df.
 */
export function logRankTest(
  times1: readonly number[], events1: readonly boolean[],
  times2: readonly number[], events2: readonly boolean[],
): LogRankResult {
  if (times1.length !== events1.length || times2.length !== events2.length) throw new RangeError('Times and event flags differ in length.');
  const all = [
    ...times1.map((t, i) => ({ t, e: events1[i], g: 0 })),
    ...times2.map((t, i) => ({ t, e: events2[i], g: 1 })),
  ].sort((a, b) => a.t - b.t);
  let n1 = times1.length;
  let n2 = times2.length;
  let o1 = 0;
  let o2 = 0;
  let e1 = 0;
  let e2 = 0;
  let v = 0;
  for (let k = 0; k < all.length; ) {
    const t = all[k].t;
    let d1 = 0, d2 = 0, c1 = 0, c2 = 0;
    while (k < all.length && all[k].t === t) {
      const r = all[k];
      if (r.e) { if (r.g === 0) d1++; else d2++; } else if (r.g === 0) c1++; else c2++;
      k++;
    }
    const d = d1 + d2;
    const n = n1 + n2;
    if (d > 0) {
      e1 += (d * n1) / n;
      e2 += (d * n2) / n;
      if (n > 1) v += (d * (n1 / n) * (1 - n1 / n) * (n - d)) / (n - 1);
      o1 += d1;
      o2 += d2;
    }
    n1 -= d1 + c1;
    n2 -= d2 + c2;
  }
  const chiSquare = v > 0 ? (o1 - e1) ** 2 / v : 0;
  return { observed: [o1, o2], expected: [e1, e2], variance: v, chiSquare, df: 1, p: v > 0 ? incompleteGammaQ(0.5, chiSquare / 2) : 1 };
}
