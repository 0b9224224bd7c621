/**
 * Calendar periods for trend charts: day numbers (days since 1970-01-01, UTC) to month or calendar
 * quarter indices and back, without Date objects so a million rows bucket in a few milliseconds.
 */

/** Trend granularity: calendar months, or calendar quarters (Jan-Mar = Q1). */
export type TrendGranularity = 'month' | 'quarter';

/** Months in a quarter. */
const MONTHS_PER_QUARTER = 3;

/** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar (Hinnant, "chrono-compatible low-level date algorithms"). */
const EPOCH_SHIFT = 719468;
/** Days in a 400-year Gregorian era. */
const DAYS_PER_ERA = 146097;

/** Year and month (1-12) of a day number (Hinnant's civil_from_days, exact for every integer day). */
export function yearMonthFromDays(days: number): { year: number; month: number } {
  const z = Math.floor(days) + EPOCH_SHIFT;
  const era = Math.floor(z / DAYS_PER_ERA);
  const doe = z - era * DAYS_PER_ERA;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month };
}

/** Day number of the first day of a month (Hinnant's days_from_civil). */
export function daysFromYearMonth(year: number, month: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

/** Period index of a day: months since year 0 (year * 12 + month - 1), or quarters since year 0. NaN for a missing day. */
export function periodIndexOfDay(days: number, granularity: TrendGranularity): number {
  if (!Number.isFinite(days)) return Number.NaN;
  const { year, month } = yearMonthFromDays(days);
  const monthIndex = year * 12 + month - 1;
  return granularity === 'month' ? monthIndex : Math.floor(monthIndex / MONTHS_PER_QUARTER);
}

/** First month index (year * 12 + month - 1) of a period index. */
function firstMonth(index: number, granularity: TrendGranularity): number {
  return granularity === 'month' ? index : index * MONTHS_PER_QUARTER;
}

/** Day number of the first day of a period. */
export function periodStartDays(index: number, granularity: TrendGranularity): number {
  const m = firstMonth(index, granularity);
  return daysFromYearMonth(Math.floor(m / 12), (m % 12) + 1);
}

/** Day number of the last day of a period. */
export function periodEndDays(index: number, granularity: TrendGranularity): number {
  return periodStartDays(index + 1, granularity) - 1;
}

/** Label of a period: "2024-03" for a month, "2024-Q1" for a calendar quarter. */
export function periodLabel(index: number, granularity: TrendGranularity): string {
  const m = firstMonth(index, granularity);
  const year = Math.floor(m / 12);
  if (granularity === 'month') return `${year}-${String((m % 12) + 1).padStart(2, '0')}`;
  return `${year}-Q${Math.floor((m % 12) / MONTHS_PER_QUARTER) + 1}`;
}
