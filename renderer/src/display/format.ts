/**
 * How values are shown to people, the same whatever the browser's locale: dates as dd/mm/yyyy
 * (the UK NHS convention), numbers with the precision their field is recorded at.
 */

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const UK_MONTH = /^(\d{1,2})\/(\d{4})$/;

/** An ISO date (yyyy-mm-dd) as dd/mm/yyyy: the one formatter the exports and the CLI use too. */
export { formatUkDate as ukDate } from '../../../shared/output/words';

/** A timestamp (ISO 8601) as dd/mm/yyyy hh:mm in local time. */
export function ukDateTime(timestamp: string): string {
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) return timestamp;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** A date typed as dd/mm/yyyy (or d/m/yyyy) as ISO yyyy-mm-dd, or null when it is not a real date. */
export function isoFromUkDate(text: string): string | null {
  const m = UK_DATE.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date-column filter as typed (dd/mm/yyyy, mm/yyyy, with or without a comparison such as
 * "< 31/03/2024") in the ISO form the dataset worker reads; other text unchanged.
 */
export function dateQueryToIso(query: string): string {
  const m = /^\s*(<=|>=|!=|<|>|=)?\s*(.+?)\s*$/.exec(query);
  if (!m) return query;
  const op = m[1] ?? '';
  const iso = isoFromUkDate(m[2]);
  if (iso) return `${op}${iso}`;
  const month = UK_MONTH.exec(m[2]);
  if (month && !op) return `${month[2]}-${month[1].padStart(2, '0')}`;
  return query;
}

/**
 * Decimal places each numeric field is recorded at (EDSS moves in steps of 0.5, BMI is quoted to
 * one decimal); other numbers show up to MAX_DECIMALS with trailing zeros dropped.
 */
export const FIELD_DECIMALS: Readonly<Record<string, number>> = Object.freeze({
  edss: 1,
  bmi: 1,
  imd_decile: 0,
  relapses_12m: 0,
  emergency_admissions_12m: 0,
  numerator: 0,
  denominator: 0,
});
const MAX_DECIMALS = 2;

/** A number as shown in the column of the given field: 3.5 for EDSS, 27.4 for BMI, 12 for counts. */
export function formatFieldNumber(field: string, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const decimals = FIELD_DECIMALS[field];
  if (decimals !== undefined) return value.toFixed(decimals);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(MAX_DECIMALS)));
}
