// The shape every interval and pair of limits takes, and the checks on counts they share.

/** A two-sided interval or pair of control / funnel limits. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Throws a RangeError unless 0 <= x <= n and n > 0, both finite (a count out of a denominator). */
export function assertProportionCounts(x: number, n: number, what = 'proportion'): void {
  if (!Number.isFinite(n) || n <= 0) {
    throw new RangeError(`The ${what} needs a denominator above 0, but it was ${n}.`);
  }
  if (!Number.isFinite(x) || x < 0 || x > n) {
    throw new RangeError(`The ${what} needs a numerator between 0 and the denominator ${n}, but it was ${x}.`);
  }
}

/** Throws a RangeError unless the confidence level is strictly between 0 and 1. */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`A confidence level must lie between 0 and 1 (0.95 for 95%), but it was ${confidence}.`);
  }
}
