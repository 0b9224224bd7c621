// Comparing a centre with a benchmark, and the spine-chart scale, as OHID/PHE Fingertips does.

import type { Interval } from './interval';
import { quantileType7 } from './mean';

/** Which direction of a measure is good. */
export type Polarity = 'high-is-good' | 'low-is-good' | 'none';

/** Fingertips comparison of a centre's interval with a benchmark. */
export type BenchmarkComparison = 'better' | 'similar' | 'worse' | 'higher' | 'lower';

/** Spine-chart scale for one indicator: spread across centres around the benchmark. */
export interface SpineScale {
  readonly q0: number;
  readonly q25: number;
  readonly q75: number;
  readonly q100: number;
  readonly benchmark: number;
  /** max(|benchmark - min|, |max - benchmark|): the benchmark sits in the middle of the axis. */
  readonly halfWidth: number;
}

/**
 * Similar when the benchmark lies inside the interval (ends included); otherwise better / worse by
 * polarity, or higher / lower with no polarity (Fingertips "compared with benchmark").
 */
export function compareToBenchmark(interval: Interval, benchmark: number, polarity: Polarity): BenchmarkComparison {
  if ([interval.lower, interval.upper, benchmark].some(Number.isNaN)) {
    throw new RangeError('A benchmark comparison needs a number for the interval ends and the benchmark.');
  }
  if (interval.lower <= benchmark && benchmark <= interval.upper) return 'similar';
  const higher = interval.lower > benchmark;
  if (polarity === 'none') return higher ? 'higher' : 'lower';
  return higher === (polarity === 'high-is-good') ? 'better' : 'worse';
}

/**
 * Q0/Q25/Q75/Q100 across centres (R type 7 quantiles; values that are not numbers are skipped) and the
 * half-width that puts the benchmark in the middle of the spine (Fingertips spine chart).
 */
export function spineScale(values: readonly number[], benchmark: number): SpineScale {
  const present = values.filter((v) => Number.isFinite(v));
  if (present.length === 0) throw new RangeError('A spine chart needs at least one centre with a value.');
  if (!Number.isFinite(benchmark)) throw new RangeError(`A spine chart needs a benchmark number, but it was ${benchmark}.`);
  const q0 = quantileType7(present, 0);
  const q100 = quantileType7(present, 1);
  return {
    q0,
    q25: quantileType7(present, 0.25),
    q75: quantileType7(present, 0.75),
    q100,
    benchmark,
    halfWidth: Math.max(Math.abs(benchmark - q0), Math.abs(q100 - benchmark)),
  };
}

/**
 * Position of a value on the spine from 0 (left) to 1 (right), benchmark at 0.5; reversed for
 * "low is good" so that worse is always on the left (Fingertips spine chart).
 */
export function spinePosition(value: number, scale: SpineScale, polarity: Polarity): number {
  if (scale.halfWidth === 0) return 0.5;
  const offset = (value - scale.benchmark) / (2 * scale.halfWidth);
  return polarity === 'low-is-good' ? 0.5 - offset : 0.5 + offset;
}
