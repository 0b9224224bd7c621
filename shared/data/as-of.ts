/**
 * The extract's default as-of date, the one rule every path uses (domain.md, "Open clocks":
 * "default: latest date in the extract"): the latest date in any date column that is not after
 * the run date (today), counting only plausible dates (on or after EARLIEST_PLAUSIBLE_DATE).
 *
 * Why "not after the run date": a date after today cannot be a real event (a mistyped 2042), and
 * taking it would push every open clock into breach; the latest real date is when the extract was
 * taken. Why the 1900 floor: the import clears earlier dates as typing errors (shared/io/validate.ts),
 * so an imported table never holds one; a streamed reader that sees raw values applies it here.
 *
 * Used by the import validation (shared/io/validate.ts), the measures (shared/analysis/measure.ts,
 * which caches it per table) and the streamed headless import (shared/analysis/stream/extract.ts).
 */
import { daysFromYmd, type ColumnarTable } from './table';

/** Dates before this are typing errors (nobody in an MS extract was seen before 1900). */
export const EARLIEST_PLAUSIBLE_DATE = daysFromYmd(1900, 1, 1);

/** Milliseconds in a day: day numbers count whole UTC days from 1970-01-01. */
const MS_PER_DAY = 86_400_000;

/** Today as a day number (UTC): the default run date. */
export function todayDays(): number {
  return Math.floor(Date.now() / MS_PER_DAY);
}

/**
 * The as-of rule over lists of day numbers (NaN = no date): the latest one that is plausible and
 * not after `runDate`, or null when there is none.
 */
export function latestDateNotAfter(dateLists: Iterable<ArrayLike<number>>, runDate: number): number | null {
  let best = Number.NEGATIVE_INFINITY;
  for (const values of dateLists) {
    for (let i = 0; i < values.length; i++) {
      const d = values[i];
      if (d > best && d <= runDate && d >= EARLIEST_PLAUSIBLE_DATE) best = d;
    }
  }
  return Number.isFinite(best) ? best : null;
}

/** The default as-of date of a table: the rule over every date column; null when it has no dates. */
export function extractAsOf(table: ColumnarTable, runDate: number = todayDays()): number | null {
  const dates: ArrayLike<number>[] = [];
  for (const c of table.columns) if (c.kind === 'date') dates.push(c.values);
  return latestDateNotAfter(dates, runDate);
}
