/**
 * Reading numbers and recognising missing-value markers in extracts. Works on distinct values.
 */

/**
 * Cell texts that mean "no value" in extracts, compared case-insensitively after trimming:
 * R/SPSS/Excel/SQL exports write NA, N/A, #N/A, NULL, NaN; people type "-" or ".".
 */
export const MISSING_TOKENS: readonly string[] = ['na', 'n/a', '#n/a', 'null', 'nan', '-', '.', '--'];

const missing = new Set(MISSING_TOKENS);
/** Length of the longest missing marker. */
const MISSING_MAX_LENGTH = Math.max(...MISSING_TOKENS.map((t) => t.length));

/** True when a cell text means "no value" (empty, or one of MISSING_TOKENS). */
export function isMissingToken(text: string): boolean {
  // Fast exit for the common case: a value that is longer than any marker and has no spaces around it.
  if (text.length > MISSING_MAX_LENGTH && text.charCodeAt(0) > 0x20 && text.charCodeAt(text.length - 1) > 0x20) return false;
  const s = text.trim();
  return s === '' || (s.length <= MISSING_MAX_LENGTH && missing.has(s.toLowerCase()));
}

/** Options for reading numbers. */
export interface NumberParseOptions {
  /** Decimal comma ("1.234,5"): the comma is the decimal mark and dots group thousands. */
  decimalComma?: boolean;
}

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const GROUPED_DECIMAL_COMMA = /^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d*)?$/;
const PLAIN_DECIMAL_COMMA = /^[+-]?(?:\d+,?\d*|,\d+)$/;

/**
 * The number a cell text holds, or NaN: surrounding spaces ignored, a sign allowed, thousands
 * separators in groups of three ("1,234.5"), exponents ("1e3"). Percent signs and currency are not numbers here.
 */
export function parseNumber(text: string, options: NumberParseOptions = {}): number {
  const s = text.trim();
  if (s === '') return Number.NaN;
  if (options.decimalComma) {
    if (PLAIN_DECIMAL_COMMA.test(s)) return Number(s.replace(',', '.'));
    if (GROUPED_DECIMAL_COMMA.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
    return Number.NaN;
  }
  if (PLAIN.test(s)) return Number(s);
  if (GROUPED.test(s)) return Number(s.replace(/,/g, ''));
  return Number.NaN;
}
