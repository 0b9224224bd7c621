/**
 * Writing CSV that is safe to open in a spreadsheet (RFC 4180 quoting; OWASP "CSV Injection").
 *
 * A text cell beginning with = + - @ TAB or CR can run as a formula when the file is opened in
 * Excel or LibreOffice, so such cells get a leading single quote, which the spreadsheet shows as
 * text. Numbers are left alone: a cell holding the number -5 (or the text "-5", "-0.25", "-1e-3",
 * exactly a plain decimal number) is read as a number, not a formula, and prefixing it would turn
 * a value into text. Anything else starting with "-" (e.g. "-2+3", "-A1") is prefixed.
 */

/** A value a CSV cell can hold. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula when they come first (OWASP). */
export const FORMULA_TRIGGERS: readonly string[] = Object.freeze(['=', '+', '-', '@', '\t', '\r']);

/** Exactly a plain decimal number, optionally negative, optionally with an exponent. */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Characters that force a cell into double quotes (RFC 4180), plus edge spaces spreadsheets trim. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export interface CsvOptions {
  /** Field separator (default ","). */
  delimiter?: string;
  /** Line ending (default "\r\n", as RFC 4180). */
  newline?: string;
}

/** Text of a cell value: empty for null, undefined and numbers that are not finite. */
function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value);
}

/** True when a text cell would start a spreadsheet formula and is not a plain number. */
export function isFormulaLike(text: string): boolean {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]) && !PLAIN_NUMBER.test(text);
}

/**
 * One CSV cell: formula-like text prefixed with a single quote (not numbers, see the file note),
 * then double-quoted when it holds a quote, the delimiter, a line break, or leading/trailing space.
 */
export function escapeCsvCell(value: CsvValue, delimiter = ','): string {
  let text = cellText(value);
  if (typeof value === 'string' && isFormulaLike(text)) text = `'${text}`;
  const quote = NEEDS_QUOTES.test(text) || (delimiter !== ',' && text.includes(delimiter));
  return quote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header row of column names, then one line per row in that column order. */
export function toCsv(rows: readonly Readonly<Record<string, CsvValue>>[], columns: readonly string[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const newline = options.newline ?? '\r\n';
  const line = (cells: readonly CsvValue[]): string => cells.map((c) => escapeCsvCell(c, delimiter)).join(delimiter);
  const lines = [line(columns), ...rows.map((row) => line(columns.map((c) => row[c])))];
  return lines.join(newline) + newline;
}
