/**
 * Reading dates as extracts write them (domain.md, "What extracts look like": ISO, UK dd/mm/yyyy,
 * d-MMM-yy, Excel serial numbers) into day numbers (days since 1970-01-01, shared/data/table.ts).
 * Works on distinct values; a day-first/month-first choice is never made silently: see
 * inferDateOrder, which reports when every value reads both ways so the caller can ask.
 */
import { daysFromYmd } from '../../data/table';

/** Order of day, month and year in numeric dates such as 03/04/2021. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** Excel's 1900 date system: serial 1 is 1900-01-01; day number of its day 0 (1899-12-30 after the bug). */
const EXCEL_EPOCH_DAYS = daysFromYmd(1899, 12, 30);
/**
 * Excel treats 1900 as a leap year (a Lotus 1-2-3 compatibility bug, Microsoft KB 214326):
 * serial 60 is the non-existent 1900-02-29 and serials 1-59 are one day "early".
 */
const EXCEL_FAKE_LEAP_SERIAL = 60;
/** Accepted Excel serials: 1900-01-01 (serial 1) to 2100-12-31 (a plausible range for health records). */
export const EXCEL_SERIAL_MIN = 1;
export const EXCEL_SERIAL_MAX = daysFromYmd(2100, 12, 31) - EXCEL_EPOCH_DAYS;
/** Integers in this range look like Excel serials even without a date-like header (1954-10-03 to 2064-04-09). */
export const SERIAL_LIKE_MIN = 20_000;
export const SERIAL_LIKE_MAX = 60_000;
/** Years accepted in yyyymmdd numbers. */
const COMPACT_YEAR_MIN = 1900;
const COMPACT_YEAR_MAX = 2100;

/**
 * Two-digit years: 20yy, unless that is after the pivot year, then 19yy. The default pivot is
 * next year, so an onset date "15-Mar-68" is 1968 and a referral "02-Jan-24" is 2024: MS extracts
 * hold dates of birth, onset and care, none of them after next year.
 */
export function defaultPivotYear(): number {
  return new Date().getUTCFullYear() + 1;
}

/** Options for reading a date. */
export interface DateParseOptions {
  /** Order for numeric day/month values such as 03/04/2021; default 'dmy' (UK). */
  order?: DateOrder | null;
  /** Accept Excel serial numbers (1900 system) in 1900-2100. */
  allowSerial?: boolean;
  /** Latest year a two-digit year may mean (default: next year). */
  pivotYear?: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

/** Optional time of day after a date (ignored: day numbers have no time). */
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const DAY_MONTH_NAME = new RegExp(String.raw`^(\d{1,2})[-\s/]+([A-Za-z]{3,9})\.?[-\s/,]+(\d{4}|\d{2})${TIME}$`);
const MONTH_NAME_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d+(?:\.\d+)?$/;

/** A four-digit year for a one- to four-digit year text (two digits pivot; see defaultPivotYear). */
export function expandYear(text: string, pivotYear = defaultPivotYear()): number {
  const y = Number(text);
  if (text.length > 2) return y;
  const modern = 2000 + y;
  return modern > pivotYear ? modern - 100 : modern;
}

/** Day number for an Excel serial date (1900 system, with its leap-year bug); NaN outside 1900-2100 or for serial 60. */
export function daysFromExcelSerial(serial: number): number {
  const whole = Math.floor(serial);
  if (!(whole >= EXCEL_SERIAL_MIN && whole <= EXCEL_SERIAL_MAX)) return Number.NaN;
  if (whole === EXCEL_FAKE_LEAP_SERIAL) return Number.NaN; // 1900-02-29 never existed
  return whole < EXCEL_FAKE_LEAP_SERIAL ? EXCEL_EPOCH_DAYS + whole + 1 : EXCEL_EPOCH_DAYS + whole;
}

/** Day number of a date written in any supported way, or NaN when it is not a valid date. */
export function parseDate(text: string, options: DateParseOptions = {}): number {
  const s = text.trim();
  const pivot = options.pivotYear ?? defaultPivotYear();
  let m = ISO.exec(s);
  if (m) return daysFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = expandYear(m[4], pivot);
    return options.order === 'mdy' ? daysFromYmd(y, a, b) : daysFromYmd(y, b, a);
  }
  m = DAY_MONTH_NAME.exec(s);
  if (m) {
    const month = MONTHS[m[2].toLowerCase()];
    return month ? daysFromYmd(expandYear(m[3], pivot), month, Number(m[1])) : Number.NaN;
  }
  m = MONTH_NAME_DAY.exec(s);
  if (m) {
    const month = MONTHS[m[1].toLowerCase()];
    return month ? daysFromYmd(Number(m[3]), month, Number(m[2])) : Number.NaN;
  }
  m = COMPACT.exec(s);
  if (m) {
    const y = Number(m[1]);
    if (y >= COMPACT_YEAR_MIN && y <= COMPACT_YEAR_MAX) return daysFromYmd(y, Number(m[2]), Number(m[3]));
  }
  if (options.allowSerial && SERIAL.test(s)) return daysFromExcelSerial(Number(s));
  return Number.NaN;
}

/** Result of looking at a column's numeric day/month values. */
export interface DateOrderGuess {
  /** Order to use: the one the values prove, else the UK default 'dmy'; 'ymd' when only ISO-like values; null when no numeric dates. */
  order: DateOrder | null;
  /** True when the values do not settle the order (every one reads both ways, or they contradict): ask the person. */
  ambiguous: boolean;
  /** A value that reads both ways, to show when asking (e.g. "03/04/2021"). */
  example: string | null;
}

/**
 * Which order a column's numeric dates use (dd/mm/yyyy or mm/dd/yyyy), from its distinct values:
 * a day part above 12 proves the order. When no value proves it, the UK default (dmy) is returned
 * with ambiguous = true so the caller asks rather than guesses.
 */
export function inferDateOrder(dictionary: readonly string[]): DateOrderGuess {
  let dmy = 0;
  let mdy = 0;
  let either = 0;
  let isoLike = 0;
  let example: string | null = null;
  for (const raw of dictionary) {
    const s = raw.trim();
    const m = NUMERIC.exec(s);
    if (!m) {
      if (ISO.test(s) || COMPACT.test(s)) isoLike++;
      continue;
    }
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a < 1 || b < 1 || a > 31 || b > 31) continue;
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
    else if (a <= 12 && b <= 12) {
      either++;
      if (example === null && a !== b) example = s;
    }
  }
  if (dmy + mdy + either === 0) return { order: isoLike > 0 ? 'ymd' : null, ambiguous: false, example: null };
  if (dmy > 0 && mdy === 0) return { order: 'dmy', ambiguous: false, example: null };
  if (mdy > 0 && dmy === 0) return { order: 'mdy', ambiguous: false, example: null };
  if (dmy === 0 && mdy === 0) {
    // Every value reads both ways; when day equals month in all of them, the order does not matter.
    return { order: 'dmy', ambiguous: example !== null, example };
  }
  return { order: mdy > dmy ? 'mdy' : 'dmy', ambiguous: true, example };
}
