/**
 * Typing raw columns: decide a column's kind from its distinct values, then read every distinct
 * value once and map row codes to values in one typed-array pass (no per-cell parsing).
 */
import type { Column, ColumnarTable, ColumnKind } from '../../data/table';
import type { RawColumn, RawTable } from '../raw-table';
import { inferDateOrder, parseDate, SERIAL_LIKE_MAX, SERIAL_LIKE_MIN, type DateOrder } from './dates';
import { isMissingToken, parseNumber } from './numbers';

/** Share of non-missing distinct values that must read as a kind for the column to take it. */
export const KIND_SHARE = 0.95;
/** Distinct values examined when inferring a kind (spread evenly over the dictionary). */
export const INFER_SAMPLE_LIMIT = 5000;

/** True when a header names a date (e.g. "Referral date", "DOB", "onset_dt"). */
export function headerSuggestsDate(header: string): boolean {
  return /date|\bdob\b|(^|[_\s.-])dt($|[_\s.-])/i.test(header);
}

/** Up to `limit` non-missing distinct values, evenly spread over the dictionary. */
function sampleValues(dictionary: readonly string[], limit: number): string[] {
  const present = (s: string) => !isMissingToken(s);
  if (dictionary.length <= limit) return dictionary.filter(present);
  const out: string[] = [];
  const step = dictionary.length / limit;
  for (let k = 0; k < limit; k++) {
    const v = dictionary[Math.floor(k * step)];
    if (present(v)) out.push(v);
  }
  return out;
}

/** Kind of a column ('date' | 'number' | 'text') from the share of its distinct values that parse. */
export function inferColumnKind(raw: RawColumn, sampleLimit = INFER_SAMPLE_LIMIT): ColumnKind {
  const values = sampleValues(raw.dictionary, sampleLimit);
  if (values.length === 0) return 'text';
  const n = values.length;
  const dateHeader = headerSuggestsDate(raw.header);
  const numbers = values.map((v) => parseNumber(v));
  const numeric = numbers.filter((x) => !Number.isNaN(x));
  if (numeric.length / n >= KIND_SHARE) {
    // Numbers that are dates: Excel serials under a date header or in the serial-like range, or yyyymmdd.
    if (dateHeader && values.filter((v) => !Number.isNaN(parseDate(v, { allowSerial: true }))).length / n >= KIND_SHARE) return 'date';
    if (numeric.every((x) => Number.isInteger(x) && x >= SERIAL_LIKE_MIN && x <= SERIAL_LIKE_MAX)) return 'date';
    if (values.every((v) => /^\d{8}$/.test(v.trim()) && !Number.isNaN(parseDate(v)))) return 'date';
    return 'number';
  }
  let dates = 0;
  for (const v of values) {
    if (!Number.isNaN(parseDate(v, { order: 'dmy', allowSerial: dateHeader })) || !Number.isNaN(parseDate(v, { order: 'mdy' }))) dates++;
  }
  return dates / n >= KIND_SHARE ? 'date' : 'text';
}

/** Options for typing a column. */
export interface TypeOptions {
  /** Order for numeric dates; default: what inferDateOrder finds (dmy when undecided). */
  dateOrder?: DateOrder | null;
  /** Accept Excel serial numbers in a date column (default true: the column is known to hold dates). */
  allowSerial?: boolean;
  /** Latest year a two-digit year may mean (default next year). */
  pivotYear?: number;
  /** Numbers use a decimal comma ("1.234,5"). */
  decimalComma?: boolean;
}

/** A typed column with the rows whose value did not read as that kind. */
export interface TypedColumn {
  column: Column;
  /** Row indices (into the raw column) whose non-empty value did not parse. */
  invalidRows: Int32Array;
  /** Rows with no value (empty or a missing marker such as NA). */
  missing: number;
  /** For dates: the order used for numeric day/month values. */
  dateOrder?: DateOrder;
}

/** A growable list of row indices. */
class RowList {
  private rows = new Int32Array(64);
  length = 0;
  push(r: number): void {
    if (this.length === this.rows.length) {
      const next = new Int32Array(this.rows.length * 2);
      next.set(this.rows);
      this.rows = next;
    }
    this.rows[this.length++] = r;
  }
  done(): Int32Array {
    return this.rows.slice(0, this.length);
  }
}

/** Map codes to values through a per-code table (NaN = not parseable; missingCode = a missing marker). */
function mapValues(raw: RawColumn, byCode: Float64Array, missingCode: Uint8Array): { values: Float64Array; invalid: Int32Array; missing: number } {
  const codes = raw.codes;
  const n = codes.length;
  const values = new Float64Array(n);
  const invalid = new RowList();
  let missing = 0;
  for (let r = 0; r < n; r++) {
    const code = codes[r];
    if (code < 0) {
      values[r] = Number.NaN;
      missing++;
      continue;
    }
    const v = byCode[code];
    values[r] = v;
    // Not a number: either a missing marker (NA...) or a value that did not parse.
    if (v !== v) {
      if (missingCode[code] === 1) missing++;
      else invalid.push(r);
    }
  }
  return { values, invalid: invalid.done(), missing };
}

/** Type a raw column as the given kind (the canonical field's kind wins over inference when mapped). */
export function typeColumn(raw: RawColumn, kind: ColumnKind, options: TypeOptions = {}): TypedColumn {
  const dict = raw.dictionary;
  const missingCode = new Uint8Array(dict.length);
  let anyMissingToken = false;
  for (let k = 0; k < dict.length; k++) {
    if (isMissingToken(dict[k])) {
      missingCode[k] = 1;
      anyMissingToken = true;
    }
  }
  if (kind === 'text') {
    let codes = raw.codes;
    let dictionary = dict;
    if (anyMissingToken) {
      // Drop missing markers from the dictionary and renumber the codes.
      const remap = new Int32Array(dict.length);
      dictionary = [];
      for (let k = 0; k < dict.length; k++) {
        if (missingCode[k]) remap[k] = -1;
        else {
          remap[k] = dictionary.length;
          dictionary.push(dict[k]);
        }
      }
      codes = new Int32Array(raw.codes.length);
      for (let r = 0; r < codes.length; r++) {
        const c = raw.codes[r];
        codes[r] = c < 0 ? -1 : remap[c];
      }
    }
    let missing = 0;
    for (let r = 0; r < codes.length; r++) if (codes[r] < 0) missing++;
    return { column: { kind: 'text', name: raw.header, codes, dictionary }, invalidRows: new Int32Array(0), missing };
  }
  const byCode = new Float64Array(dict.length);
  if (kind === 'number') {
    for (let k = 0; k < dict.length; k++) byCode[k] = missingCode[k] ? Number.NaN : parseNumber(dict[k], { decimalComma: options.decimalComma });
    const { values, invalid, missing } = mapValues(raw, byCode, missingCode);
    return { column: { kind: 'number', name: raw.header, values }, invalidRows: invalid, missing };
  }
  const order: DateOrder = options.dateOrder ?? inferDateOrder(dict).order ?? 'dmy';
  const parseOptions = { order, allowSerial: options.allowSerial ?? true, pivotYear: options.pivotYear };
  for (let k = 0; k < dict.length; k++) byCode[k] = missingCode[k] ? Number.NaN : parseDate(dict[k], parseOptions);
  const { values, invalid, missing } = mapValues(raw, byCode, missingCode);
  return { column: { kind: 'date', name: raw.header, values }, invalidRows: invalid, missing, dateOrder: order };
}

/** Every column typed by its inferred kind (or the kind given for its header): the whole table at once. */
export function typeTable(raw: RawTable, kinds: Record<string, ColumnKind> = {}, options: TypeOptions = {}): ColumnarTable {
  return {
    rowCount: raw.rowCount,
    columns: raw.columns.map((c) => typeColumn(c, kinds[c.header] ?? inferColumnKind(c), options).column),
  };
}
