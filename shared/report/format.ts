/** How the report writes numbers and text: pounds, percentages, counts, and HTML-escaped words. */
import { SUPPRESSION_MARKER } from '../privacy/suppression';

/** Escape text for HTML element content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A published value that may be the suppression marker. */
export type Shown = number | string | null | undefined;

/** True when the value is hidden by suppression. */
export function isHidden(value: Shown): boolean {
  return value === SUPPRESSION_MARKER;
}

/** Pounds to the nearest pound, "£1,234" or "−£1,234"; the marker stays as it is. */
export function money(value: Shown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? 'n/a' : String(value);
  const rounded = Math.round(value);
  const text = `£${Math.abs(rounded).toLocaleString('en-GB')}`;
  return rounded < 0 ? `\u2212${text}` : text;
}

/** A whole or rounded count, "1,234"; the marker stays. */
export function count(value: Shown, decimals = 0): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? 'n/a' : String(value);
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A proportion as a percentage, "23.0%". */
export function pct(value: Shown, decimals = 1): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? 'n/a' : String(value);
  return `${(value * 100).toFixed(decimals)}%`;
}

/** An input's value in its unit, readable: proportions as %, money as £, others with up to 3 decimals. */
export function inputValue(value: Shown, unit: string): string {
  if (typeof value !== 'number') return value === null || value === undefined ? 'n/a' : String(value);
  if (unit === 'proportion' || unit.startsWith('share')) return pct(value);
  if (unit.startsWith('GBP')) return money(value);
  if (unit === 'per year' && value < 1) return pct(value);
  return Number.isInteger(value) ? count(value) : value.toLocaleString('en-GB', { maximumFractionDigits: 3 });
}
