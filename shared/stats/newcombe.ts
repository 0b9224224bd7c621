// Difference between two independent proportions with its confidence interval: Newcombe's hybrid
// score interval (Newcombe RG, "Interval estimation for the difference between independent
// proportions: comparison of eleven methods", Stat Med 1998;17:873-890, method 10), built from
// the two Wilson score intervals.

import { wilsonInterval } from './wilson';
import type { Interval } from './interval';

/** One proportion with its Wilson interval. */
export interface ProportionEstimate {
  readonly x: number;
  readonly n: number;
  readonly p: number;
  readonly lower: number;
  readonly upper: number;
}

/** Difference p2 - p1 (second minus first) with Newcombe's hybrid score interval. */
export interface ProportionDifference {
  readonly first: ProportionEstimate;
  readonly second: ProportionEstimate;
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
}

/** A proportion with its Wilson interval at normal deviate z. */
export function proportionEstimate(x: number, n: number, z: number): ProportionEstimate {
  const ci: Interval = wilsonInterval(x, n, z);
  return { x, n, p: x / n, lower: ci.lower, upper: ci.upper };
}

/**
 * Newcombe (1998) method 10 for d = p2 - p1, with (l_i, u_i) the Wilson limits of p_i:
 * L = d - sqrt((p2 - l2)^2 + (u1 - p1)^2), U = d + sqrt((u2 - p2)^2 + (p1 - l1)^2).
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, z: number): ProportionDifference {
  const first = proportionEstimate(x1, n1, z);
  const second = proportionEstimate(x2, n2, z);
  const difference = second.p - first.p;
  const lower = difference - Math.sqrt((second.p - second.lower) ** 2 + (first.upper - first.p) ** 2);
  const upper = difference + Math.sqrt((second.upper - second.p) ** 2 + (first.p - first.lower) ** 2);
  return { first, second, difference, lower, upper };
}
