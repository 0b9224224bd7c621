/**
 * The contract of an import: what the parser, the mapper, the validator and the identifier guard
 * hand to the store, the Data view and `msvw inspect`. Every row read is accounted for.
 */
import type { ColumnarTable, ColumnKind } from '../data/table';
import type { ExtractType } from '../schema/fields';

export type FileFormat = 'csv' | 'tsv' | 'semicolon' | 'xlsx' | 'parquet' | 'arrow';

/** How one source column was read. */
export interface ColumnReport {
  /** Header as it appeared in the file. */
  source: string;
  /** Canonical field it maps to, or null when kept under its own (cleaned) name. */
  field: string | null;
  /**
   * Name in the store when it is not columnNameFor(source, field): a column unmapped after import
   * whose cleaned header is a field's name is kept as "<name>_source" (shared/io/remap.ts).
   */
  stored?: string;
  type: ColumnKind;
  missing: number;
  invalid: number;
  /** For dates: the order used when a value could be read either way. */
  dateOrder?: 'dmy' | 'mdy' | 'ymd';
  /** Category normalisations applied, e.g. { "Relapsing remitting": "RRMS" }. */
  normalised?: Record<string, string>;
}

/** Kinds of direct identifier; free_text is a column of sentences that may name people or give NHS numbers. */
export type IdentifierKind = 'nhs_number' | 'postcode' | 'date_of_birth' | 'name' | 'free_text';
/** What happened to an identifier column; "masked": kept, with NHS numbers and titled names inside its text masked. */
export type IdentifierAction = 'dropped' | 'pseudonymised' | 'kept' | 'masked';

export interface IdentifierFinding {
  column: string;
  kind: IdentifierKind;
  action: IdentifierAction;
  /** For "masked": how many values had something masked. */
  masked?: number;
}

/** One problem on one row (1-based data row numbers; the header is row 1 in a text file). */
export interface RowProblem {
  row: number;
  column: string | null;
  severity: 'warning' | 'excluded';
  reason: string;
  message: string;
}

export interface RowAccounting {
  rowsRead: number;
  rowsImported: number;
  /** Imported rows that carry at least one warning (a subset of rowsImported). */
  rowsWithWarnings: number;
  /** Excluded rows by reason; the values sum with rowsImported to rowsRead. */
  rowsExcluded: Record<string, number>;
}

export interface ImportResult {
  fileName: string;
  format: FileFormat;
  sheet?: string;
  extractType: ExtractType;
  table: ColumnarTable;
  /** Source header -> canonical field (or null for unmapped). */
  mapping: Record<string, string | null>;
  columns: ColumnReport[];
  identifiers: IdentifierFinding[];
  accounting: RowAccounting;
  /** Row problems, capped for memory; counts above are complete. */
  problems: RowProblem[];
  problemsTruncated: boolean;
}

/**
 * A reading library's own words for what it could not read, for a message to quote in brackets,
 * or null when the error came from the JavaScript engine inside the library: a TypeError such as
 * "Cannot destructure property 'version' of 'n' as it is null" (seen on a damaged Arrow file)
 * names the library's variables, not anything in the file, so the message says only that the
 * file is damaged. Trailing full stops are dropped.
 */
export function libraryDetail(err: unknown): string | null {
  if (err instanceof TypeError || err instanceof ReferenceError || err instanceof RangeError || err instanceof SyntaxError || err instanceof EvalError) return null;
  const text = (err instanceof Error ? err.message : typeof err === 'string' ? err : '').trim().replace(/\.+$/, '');
  return text === '' ? null : text.slice(0, 200);
}

/** " (detail)" for a message, or nothing when there is no detail. */
export function bracketed(detail: string | null): string {
  return detail ? ` (${detail})` : '';
}

/** A failure the person can act on: which file, where, and what to do. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly code: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
