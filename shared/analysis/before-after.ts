/**
 * Before / after comparison at a date (a PDSA note's date): the proportion met in the periods
 * before the date and in those from it on, each with its Wilson 95% interval, and the change
 * (after - before) with Newcombe's hybrid score interval (Newcombe 1998, method 10). A period
 * belongs to "after" when it starts on or after the date, as a rebase at that date would split it.
 */
import { daysFromIso } from '../data/table';
import { Z95 } from '../stats/constants';
import { newcombeDifference } from '../stats/newcombe';
import { MeasureError } from './filter';
import type { TrendPoint } from './trends';

/** One side of the comparison. */
export interface ComparisonSide {
  /** First and last period on this side. */
  readonly from: string;
  readonly to: string;
  readonly periods: number;
  readonly numerator: number;
  readonly n: number;
  readonly proportion: number;
  /** Wilson 95% interval. */
  readonly ci95: [number, number];
}

export interface BeforeAfter {
  readonly date: string;
  readonly before: ComparisonSide;
  readonly after: ComparisonSide;
  /** after - before. */
  readonly difference: number;
  /** Newcombe hybrid score 95% interval of the difference. */
  readonly differenceCi95: [number, number];
  /** How the intervals were computed, for footnotes. */
  readonly method: string;
}

/** Footnote text of the comparison method. */
export const BEFORE_AFTER_METHOD =
  'Proportions with Wilson 95% intervals; difference (after - before) with the Newcombe hybrid score 95% interval (Newcombe 1998, method 10).';

/** Sum of the counts of a run of points. */
function side(points: readonly TrendPoint[]): ComparisonSide {
  let x = 0;
  let n = 0;
  for (const p of points) {
    if (p.numerator === null) throw new MeasureError('A before / after comparison needs counts (numerators and denominators); this series has values only.');
    x += p.numerator;
    n += p.n;
  }
  return { from: points[0].period, to: points[points.length - 1].period, periods: points.length, numerator: x, n, proportion: x / n, ci95: [0, 0] };
}

/** Compare the periods before a date with those from it on. */
export function beforeAfter(points: readonly TrendPoint[], date: string): BeforeAfter {
  const day = daysFromIso(date);
  if (Number.isNaN(day)) throw new MeasureError(`The comparison date "${date}" is not a date: write it as yyyy-mm-dd, e.g. 2024-04-01.`);
  const before = points.filter((p) => daysFromIso(p.periodStart) < day);
  const after = points.filter((p) => daysFromIso(p.periodStart) >= day);
  if (before.length === 0 || after.length === 0) {
    throw new MeasureError(`No periods ${before.length === 0 ? 'before' : 'from'} ${date}: choose a date inside the series (${points[0]?.period ?? 'no data'} to ${points[points.length - 1]?.period ?? 'no data'}).`);
  }
  const b = side(before);
  const a = side(after);
  const d = newcombeDifference(b.numerator, b.n, a.numerator, a.n, Z95);
  return {
    date,
    before: { ...b, ci95: [d.first.lower, d.first.upper] },
    after: { ...a, ci95: [d.second.lower, d.second.upper] },
    difference: d.difference,
    differenceCi95: [d.lower, d.upper],
    method: BEFORE_AFTER_METHOD,
  };
}
