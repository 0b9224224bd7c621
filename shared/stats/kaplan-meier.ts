// Kaplan-Meier estimate of "still waiting" over time (e.g. days from referral to being seen),
// counting people not yet seen as censored rather than dropping them.

import { SURVIVAL_TOLERANCE } from './constants';

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
}

/** A Kaplan-Meier curve with its median; the share still waiting is 1 before the first step. */
export interface KaplanMeierCurve {
  readonly n: number;
  readonly steps: KaplanMeierStep[];
  /** First time at which the share still waiting is 0.5 or less; null if never reached. */
  readonly median: number | null;
}

/**
 * Product-limit estimate S(t) = prod over event times t_i <= t of (1 - d_i / n_i) (Kaplan & Meier 1958).
 * events[i] is true when the wait ended at times[i], false when the person is still waiting (censored);
 * people censored at an event time count as at risk at that time.
 */
export function kaplanMeier(times: readonly number[], events: readonly boolean[]): KaplanMeierCurve {
  if (times.length !== events.length) {
    throw new RangeError(`Times and event flags differ in length (${times.length} and ${events.length}).`);
  }
  const bad = times.findIndex((t) => !Number.isFinite(t) || t < 0);
  if (bad >= 0) throw new RangeError(`Time ${bad + 1} must be a number of 0 or more, but it was ${times[bad]}.`);
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);
  const steps: KaplanMeierStep[] = [];
  let atRisk = times.length;
  let survival = 1;
  let median: number | null = null;
  for (let k = 0; k < order.length; ) {
    const time = times[order[k]];
    let ended = 0;
    let censored = 0;
    while (k < order.length && times[order[k]] === time) {
      if (events[order[k]]) ended++;
      else censored++;
      k++;
    }
    if (ended > 0) survival *= 1 - ended / atRisk;
    steps.push({ time, atRisk, events: ended, censored, survival });
    if (median === null && ended > 0 && survival <= 0.5 * (1 + SURVIVAL_TOLERANCE)) median = time;
    atRisk -= ended + censored;
  }
  return { n: times.length, steps, median };
}
