/**
 * The import pipeline over the readers' RawTable: map headers to canonical fields, guard
 * identifiers, type each column, normalise categories, validate, and account for every row.
 * prepareImport() gives the mapping screen what it needs before the person confirms;
 * importExtract() does the import with their choices. The app's worker and `msvw inspect` both
 * call these, so the CLI reports exactly what the app would store.
 */
import { recodeDictionary, type Column, type ColumnarTable, type ColumnKind, type TextColumn } from '../data/table';
import { fieldDefinition, type ExtractType } from '../schema/fields';
import { BLANK_ROW, type RawColumn, type RawTable } from './raw-table';
import type { ColumnReport, FileFormat, IdentifierFinding, ImportResult, RowAccounting, RowProblem } from './import-result';
import {
  applyMapping, columnNameFor, extractTypeOfMapping, headerSignature, suggestFromValues, suggestMapping, uniqueHeaders, type MappingSuggestion,
} from './mapping';
import {
  findIdentifiers, identifierFinding, maskTextColumn, maskTextIdentifiers, pseudonymiseColumn, type IdentifierCandidate, type IdentifierChoice,
} from './identifiers';
import { PROBLEM_CAP, ROW_EXCLUDED, ROW_WARNING, validateTable, type AsOfRule } from './validate';
import { inferColumnKind, inferDateOrder, normaliseCentreCode, normaliseTextColumn, typeColumn, type DateOrder } from './types';

/** Rows shown in the mapping screen's preview. */
export const PREVIEW_ROWS = 20;
/** Characters of an identifier shown in the preview before it is masked. */
export const PREVIEW_IDENTIFIER_CHARS = 2;
/** Order used for day/month dates nobody has chosen (UK). */
export const DEFAULT_DATE_ORDER: DateOrder = 'dmy';
/** Reason for rows the reader counted but neither returned nor reported (should not happen; kept so totals always add up). */
export const UNACCOUNTED_READER_ROW = 'unreadable_row';

/** A date column whose day/month order the values don't settle: the mapping screen asks. */
export interface AmbiguousDateColumn {
  column: string;
  field: string | null;
  /** A value that reads both ways, e.g. "03/04/2021". */
  example: string | null;
  /** The order used unless the person chooses: dd/mm/yyyy. */
  defaultOrder: DateOrder;
  /** Some values prove day-first and others month-first: the column is inconsistent. */
  contradictory: boolean;
}

/** Everything the mapping screen needs before the person confirms. */
export interface ImportPreparation {
  format: FileFormat;
  sheet?: string;
  sheets?: string[];
  encoding?: string;
  /** 1-based row of the file or sheet the header was read from. */
  headerRow?: number;
  rowsRead: number;
  /** Rows the reader could not use (they will be excluded with their reasons). */
  readerErrors: number;
  /** Blank rows read (they will be excluded as blank rows). */
  blankRows: number;
  /** Source headers, unique, in file order: the keys of every mapping. */
  headers: string[];
  /** Stable key of the header set, to remember a confirmed mapping. */
  signature: string;
  extractType: ExtractType;
  suggestion: MappingSuggestion;
  ambiguousDates: AmbiguousDateColumn[];
  /** Identifier columns with the default action for each. */
  identifiers: IdentifierCandidate[];
  /** The first rows as text (null = empty); identifier columns masked. */
  preview: { headers: string[]; rows: (string | null)[][]; masked: string[] };
  /** Notes from the reader (repeated headers renamed, formula cells without results...). */
  notes: string[];
}

/** The person's choices (all optional: defaults are the suggestion, dmy, and the identifier defaults). */
export interface ImportOptions {
  mapping?: Record<string, string | null>;
  /** Day/month order per date column header. */
  dateOrders?: Record<string, DateOrder>;
  identifierActions?: Record<string, IdentifierChoice>;
  /** Secret for pseudonymising (kept on this machine). Required when any column is pseudonymised. */
  pseudonymKey?: Uint8Array;
  /** The extract's as-of date (day number); default: the latest date in the extract not after today. */
  asOf?: number;
  /** Today as a day number (tests fix it). */
  runDate?: number;
  problemCap?: number;
}

/** An ImportResult plus how validation chose its as-of date and what it warned about. */
export interface PipelineResult extends ImportResult {
  asOf: number | null;
  asOfRule: AsOfRule;
  /** Warnings by reason (per cell or date pair). */
  warnings: Record<string, number>;
  notes: string[];
  /** Text encoding the reader detected (text files only). */
  encoding?: string;
}

/** Source headers of a raw table made unique, paired with their columns. */
function namedColumns(raw: RawTable): { header: string; column: RawColumn }[] {
  const headers = uniqueHeaders(raw.columns.map((c) => c.header));
  return raw.columns.map((column, i) => ({ header: headers[i], column }));
}

/** Reader notes carried on the raw table (workbooks add them; other readers may). */
function readerNotes(raw: RawTable): string[] {
  const notes = (raw as RawTable & { notes?: unknown }).notes;
  return Array.isArray(notes) ? notes.filter((n): n is string => typeof n === 'string') : [];
}

/** The kind a source column is typed as: its canonical field's kind, else inferred from its values. */
function kindFor(column: RawColumn, field: string | null, extractType: ExtractType): ColumnKind {
  const def = field ? fieldDefinition(extractType, field) : undefined;
  return def ? def.kind : inferColumnKind(column);
}

/** Date columns (canonical date fields, or unmapped columns that read as dates) whose day/month order is ambiguous. */
export function findAmbiguousDateColumns(raw: RawTable, mapping: Record<string, string | null>): AmbiguousDateColumn[] {
  const extractType = extractTypeOfMapping(mapping);
  const out: AmbiguousDateColumn[] = [];
  for (const { header, column } of namedColumns(raw)) {
    const field = mapping[header] ?? null;
    if (kindFor(column, field, extractType) !== 'date') continue;
    const guess = inferDateOrder(column.dictionary);
    if (!guess.ambiguous) continue;
    out.push({ column: header, field, example: guess.example, defaultOrder: DEFAULT_DATE_ORDER, contradictory: hasBothProofs(column.dictionary) });
  }
  return out;
}

/** Whether some values can only be day-first and others only month-first. */
function hasBothProofs(dictionary: readonly string[]): boolean {
  let dmy = false;
  let mdy = false;
  for (const v of dictionary) {
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}/.exec(v);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy = true;
    if (b > 12 && a <= 12) mdy = true;
    if (dmy && mdy) return true;
  }
  return false;
}

/** Mask an identifier for the preview: its first characters, then dots. */
function mask(value: string): string {
  return value.length <= PREVIEW_IDENTIFIER_CHARS ? '••' : value.slice(0, PREVIEW_IDENTIFIER_CHARS) + '•'.repeat(Math.min(8, value.length - PREVIEW_IDENTIFIER_CHARS));
}

/** What the mapping screen shows before the person confirms: suggested mapping, ambiguous dates, identifiers, a preview. */
export function prepareImport(raw: RawTable, options: { asOf?: number } = {}): ImportPreparation {
  const named = namedColumns(raw);
  const headers = named.map((c) => c.header);
  const suggestion = suggestFromValues(suggestMapping(headers), named.map(({ header, column }) => ({ header, dictionary: column.dictionary, codes: column.codes })));
  const identifiers = findIdentifiers(named, suggestion.mapping, { asOf: options.asOf });
  const masked = new Set(identifiers.map((f) => f.column));
  const rows: (string | null)[][] = [];
  for (let r = 0; r < Math.min(PREVIEW_ROWS, raw.rowCount); r++) {
    rows.push(named.map(({ header, column }) => {
      const code = column.codes[r];
      if (code < 0) return null;
      const v = column.dictionary[code];
      if (masked.has(header)) return mask(v);
      // NHS numbers and titled names inside text are masked in the preview as they will be when stored.
      return v.length >= 10 && /[A-Za-z]/.test(v) ? maskTextIdentifiers(v).text : v;
    }));
  }
  return {
    format: raw.format,
    sheet: raw.sheet,
    sheets: raw.sheets,
    encoding: raw.encoding,
    ...(raw.headerRow !== undefined ? { headerRow: raw.headerRow } : {}),
    rowsRead: raw.rowsRead,
    readerErrors: raw.readerErrors.length + Object.entries(raw.readerExcluded ?? {}).reduce((n, [reason, k]) => (reason === BLANK_ROW ? n : n + k), 0),
    blankRows: raw.readerExcluded?.[BLANK_ROW] ?? 0,
    headers,
    signature: headerSignature(headers),
    extractType: suggestion.extractType,
    suggestion,
    // A date of birth is an identifier: its example value is masked like the preview.
    ambiguousDates: findAmbiguousDateColumns(raw, suggestion.mapping).map((d) => (masked.has(d.column) && d.example ? { ...d, example: mask(d.example) } : d)),
    identifiers,
    preview: { headers, rows, masked: [...masked] },
    notes: readerNotes(raw),
  };
}

/** Trim and upper-case centre codes ("rth " -> "RTH"), recording each change. */
function normaliseCentreCodes(column: TextColumn, normalised: Record<string, string>): TextColumn {
  let changed = false;
  const values = column.dictionary.map((v) => {
    const out = normaliseCentreCode(v);
    if (out !== v) {
      normalised[v] = out;
      changed = true;
    }
    return out;
  });
  if (!changed) return column;
  return { ...column, ...recodeDictionary(column.codes, values) };
}

/**
 * Copy the kept rows' cells into `out` (or shift them down in place when out === src): the runs
 * between excluded rows (ascending) move as blocks, so a few exclusions cost a few block copies.
 */
function keepRuns<T extends Float64Array | Int32Array>(src: T, out: T, excluded: Int32Array): T {
  const n = src.length;
  let write = 0;
  let start = 0;
  for (let e = 0; e <= excluded.length; e++) {
    const end = e < excluded.length ? excluded[e] : n;
    if (end > start) {
      if (out === src) {
        if (write !== start) src.copyWithin(write, start, end);
      } else out.set(src.subarray(start, end), write);
      write += end - start;
    }
    start = end + 1;
  }
  return out.subarray(0, write) as T;
}

/**
 * The table without the excluded rows (ascending indices). Arrays the pipeline made are
 * compacted in place; arrays shared with the raw table are copied, so the raw table is never
 * changed. Text dictionaries lose the values that only excluded rows used.
 */
function dropRows(table: ColumnarTable, excluded: Int32Array, shared: Set<Int32Array>): ColumnarTable {
  const n = table.rowCount - excluded.length;
  const columns = table.columns.map((c): Column => {
    if (c.kind !== 'text') return { ...c, values: keepRuns(c.values, c.values, excluded) };
    const src = c.codes;
    // Values seen on excluded rows, to check below whether any kept row still uses them.
    const mark = new Uint8Array(c.dictionary.length);
    let candidates = 0;
    for (let e = 0; e < excluded.length; e++) {
      const code = src[excluded[e]];
      if (code >= 0 && mark[code] === 0) {
        mark[code] = 1;
        candidates++;
      }
    }
    const codes = keepRuns(src, shared.has(src) ? new Int32Array(n) : src, excluded);
    if (candidates === 0) return { ...c, codes };
    for (let k = 0; k < n; k++) {
      const code = codes[k];
      if (code >= 0 && mark[code] === 1) mark[code] = 2;
    }
    let orphans = 0;
    for (let d = 0; d < mark.length; d++) if (mark[d] === 1) orphans++;
    if (orphans === 0) return { ...c, codes };
    const remap = new Int32Array(c.dictionary.length);
    const dictionary: string[] = [];
    for (let d = 0; d < c.dictionary.length; d++) {
      if (mark[d] === 1) remap[d] = -1;
      else {
        remap[d] = dictionary.length;
        dictionary.push(c.dictionary[d]);
      }
    }
    for (let k = 0; k < n; k++) if (codes[k] >= 0) codes[k] = remap[codes[k]];
    return { ...c, codes, dictionary };
  });
  return { rowCount: n, columns };
}

/** A column name not yet used: the name itself, else name_source, name_source_2... */
function freeName(name: string, used: Set<string>): string {
  if (!used.has(name)) return name;
  let candidate = `${name}_source`;
  for (let k = 2; used.has(candidate); k++) candidate = `${name}_source_${k}`;
  return candidate;
}

/**
 * Import a read file with the person's choices: every row ends up imported, imported with
 * warnings, or excluded with a reason, and rowsImported + sum(rowsExcluded) == rowsRead.
 * Throws ImportError when the mapping can't be used or a pseudonym key is missing.
 */
export async function importExtract(raw: RawTable, fileName: string, options: ImportOptions = {}): Promise<PipelineResult> {
  const named = namedColumns(raw);
  const headers = named.map((c) => c.header);
  const proposed = options.mapping ?? suggestFromValues(suggestMapping(headers), named.map(({ header, column }) => ({ header, dictionary: column.dictionary, codes: column.codes }))).mapping;
  const extractType = extractTypeOfMapping(proposed);
  const mapping = applyMapping(fileName, headers, proposed, extractType);

  // Identifier guard first: nothing identifying reaches typing, validation or the table unless kept.
  const candidates = findIdentifiers(named, mapping, { asOf: options.asOf });
  const identifiers: IdentifierFinding[] = [];
  const choiceOf = new Map<string, IdentifierChoice>();
  for (const c of candidates) {
    const choice = options.identifierActions?.[c.column] ?? c.defaultAction;
    choiceOf.set(c.column, choice);
    identifiers.push(identifierFinding(c, choice));
  }
  // A column the person asked to pseudonymise or drop that the guard didn't flag is still honoured.
  for (const [header, choice] of Object.entries(options.identifierActions ?? {})) {
    if (!choiceOf.has(header) && headers.includes(header) && choice !== 'keep') choiceOf.set(header, choice);
  }

  const columns: Column[] = [];
  const maskNotes: string[] = [];
  const reports: ColumnReport[] = [];
  const sources: Record<string, string> = {};
  const unreadable: Record<string, Int32Array> = {};
  const usedNames = new Set<string>(Object.values(mapping).filter((f): f is string => f !== null));
  for (const { header, column: rawColumn } of named) {
    const choice = choiceOf.get(header);
    if (choice === 'drop') continue;
    const field = mapping[header] ?? null;
    let source = choice === 'pseudonymise' ? pseudonymiseColumn(rawColumn, options.pseudonymKey, fileName) : rawColumn;
    if (field === null && choice === undefined) {
      // NHS numbers and titled names inside kept text are masked, and the masking reported.
      const masked = maskTextColumn(source);
      if (masked.values > 0) {
        source = masked.column;
        identifiers.push({ column: header, kind: 'free_text', action: 'masked', masked: masked.values });
        maskNotes.push(`Column "${header}": ${masked.values} ${masked.values === 1 ? 'value held' : 'values held'} an NHS number or a name after a title (such as "Mr Smith") inside the text; ${masked.values === 1 ? 'it was' : 'they were'} masked before storing.`);
      }
    }
    const kind = choice === 'pseudonymise' ? 'text' : kindFor(source, field, extractType);
    const typed = typeColumn(source, kind, { dateOrder: options.dateOrders?.[header] ?? null });
    const name = field ?? freeName(columnNameFor(header, null), usedNames);
    usedNames.add(name);
    let column: Column = { ...typed.column, name };
    const report: ColumnReport = { source: header, field, type: column.kind, missing: 0, invalid: 0 };
    if (typed.dateOrder && column.kind === 'date') report.dateOrder = typed.dateOrder;
    if (column.kind === 'text' && field) {
      const n = normaliseTextColumn(column, field);
      const normalised = { ...n.normalised };
      column = field === 'centre_code' ? normaliseCentreCodes(n.column, normalised) : n.column;
      if (Object.keys(normalised).length > 0) report.normalised = normalised;
    }
    columns.push(column);
    reports.push(report);
    sources[name] = header;
    if (typed.invalidRows.length > 0) unreadable[name] = typed.invalidRows;
  }

  const typedTable: ColumnarTable = { rowCount: raw.rowCount, columns };
  const cap = options.problemCap ?? PROBLEM_CAP;
  const validation = validateTable(typedTable, {
    extractType, sourceRows: raw.sourceRows, sources, unreadable, asOf: options.asOf, runDate: options.runDate, problemCap: cap,
  });
  reports.forEach((r, i) => {
    const name = columns[i].name;
    r.missing = validation.missing[name] ?? 0;
    r.invalid = validation.invalid[name] ?? 0;
  });

  // Keep the rows that were not excluded; drop dictionary values only excluded rows used.
  const status = validation.rowStatus;
  let keptCount = 0;
  let withWarnings = 0;
  for (let i = 0; i < status.length; i++) {
    if (status[i] !== ROW_EXCLUDED) keptCount++;
    if (status[i] === ROW_WARNING) withWarnings++;
  }
  let table = typedTable;
  if (keptCount < raw.rowCount) {
    const excluded = new Int32Array(raw.rowCount - keptCount);
    for (let i = 0, e = 0; i < status.length; i++) if (status[i] === ROW_EXCLUDED) excluded[e++] = i;
    table = dropRows(typedTable, excluded, new Set(raw.columns.map((c) => c.codes)));
  }

  const accounting = accountFor(raw, keptCount, withWarnings, validation.excluded);
  const { problems, truncated } = mergeProblems(raw, validation.problems, cap);
  return {
    fileName,
    format: raw.format,
    ...(raw.sheet !== undefined ? { sheet: raw.sheet } : {}),
    extractType,
    table,
    mapping,
    columns: reports,
    identifiers,
    accounting,
    problems,
    problemsTruncated: truncated || validation.problemsTruncated,
    asOf: validation.asOf,
    asOfRule: validation.asOfRule,
    warnings: validation.warnings,
    notes: [...readerNotes(raw), ...maskNotes],
    ...(raw.encoding !== undefined ? { encoding: raw.encoding } : {}),
  };
}

/** Row accounting: reader rejections and validation exclusions by reason; the totals always add up. */
function accountFor(raw: RawTable, imported: number, withWarnings: number, excludedByValidation: Record<string, number>): RowAccounting {
  const rowsExcluded: Record<string, number> = {};
  for (const e of raw.readerErrors) rowsExcluded[e.reason] = (rowsExcluded[e.reason] ?? 0) + 1;
  let counted = 0;
  for (const [reason, n] of Object.entries(raw.readerExcluded ?? {})) {
    if (n <= 0) continue;
    rowsExcluded[reason] = (rowsExcluded[reason] ?? 0) + n;
    counted += n;
  }
  for (const [reason, n] of Object.entries(excludedByValidation)) rowsExcluded[reason] = (rowsExcluded[reason] ?? 0) + n;
  const seen = raw.rowCount + raw.readerErrors.length + counted;
  const gap = raw.rowsRead - seen;
  if (gap > 0) rowsExcluded[UNACCOUNTED_READER_ROW] = (rowsExcluded[UNACCOUNTED_READER_ROW] ?? 0) + gap;
  return { rowsRead: Math.max(raw.rowsRead, seen), rowsImported: imported, rowsWithWarnings: withWarnings, rowsExcluded };
}

/** Reader rejections and validation problems in one list by row, capped. */
function mergeProblems(raw: RawTable, validationProblems: RowProblem[], cap: number): { problems: RowProblem[]; truncated: boolean } {
  const problems: RowProblem[] = raw.readerErrors.slice(0, cap).map((e) => ({ row: e.row, column: null, severity: 'excluded', reason: e.reason, message: e.message }));
  for (const p of validationProblems) {
    if (problems.length >= cap) break;
    problems.push(p);
  }
  problems.sort((a, b) => a.row - b.row);
  return { problems, truncated: raw.readerErrors.length + validationProblems.length > problems.length };
}
