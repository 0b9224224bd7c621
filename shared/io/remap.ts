/**
 * Re-mapping a stored dataset without reading its file again: a kept column is given a canonical
 * field afterwards (so a measure can use it), and typed as that field requires from the values
 * already stored. Text becomes dates or numbers through the same parsers as an import; numbers and
 * dates become text as they are shown. A mapped column can also be unmapped: kept as a plain
 * column under its header's name, so the measures that needed the field cannot be worked out
 * again, with the NHS numbers and titled names inside its text masked as an import masks a plain
 * column's (a mapped field is never masked at import). Pure: the store writes the result back.
 */
import { isoFromDays, type Column, type ColumnarTable } from '../data/table';
import { fieldDefinition, KPI_FIELDS, PATIENT_FIELDS, type ExtractType } from '../schema/fields';
import { maskTextColumn } from './identifiers';
import type { ColumnReport, IdentifierFinding } from './import-result';
import { columnNameFor } from './mapping';
import type { RawColumn } from './raw-table';
import { typeColumn, type DateOrder } from './types';

/** A re-mapping that can't be done, with what to do. */
export class RemapError extends Error {}

/** What re-mapping did: the new table, and how many stored values the new type could not read. */
export interface Remapped {
  table: ColumnarTable;
  /** Non-empty values that did not read as the field's type (now missing). */
  unreadable: number;
  kind: Column['kind'];
}

/** A typed column's values as text with a dictionary (numbers in shortest form, dates as ISO). */
function asRaw(column: Column): RawColumn {
  if (column.kind === 'text') return { header: column.name, codes: column.codes, dictionary: column.dictionary };
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(column.values.length);
  for (let r = 0; r < codes.length; r++) {
    const v = column.values[r];
    if (Number.isNaN(v)) {
      codes[r] = -1;
      continue;
    }
    const text = column.kind === 'date' ? isoFromDays(v) : String(v);
    let k = index.get(text);
    if (k === undefined) {
      k = dictionary.length;
      index.set(text, k);
      dictionary.push(text);
    }
    codes[r] = k;
  }
  return { header: column.name, codes, dictionary };
}

/**
 * The table with column `name` mapped to canonical `field` (renamed, and retyped when the field's
 * kind differs). Throws RemapError when the column is missing, the field unknown, or another
 * column already holds the field.
 */
export function remapColumn(table: ColumnarTable, name: string, field: string, extractType: ExtractType, dateOrder: DateOrder | null = 'dmy'): Remapped {
  const at = table.columns.findIndex((c) => c.name === name);
  if (at < 0) throw new RemapError(`There is no column "${name}" in this dataset. Choose one of: ${table.columns.map((c) => c.name).join(', ')}.`);
  const def = fieldDefinition(extractType, field);
  if (!def) throw new RemapError(`"${field}" is not a field of a ${extractType === 'kpi' ? 'KPI' : 'patient-level'} extract.`);
  const holder = table.columns.find((c, i) => i !== at && c.name === field);
  if (holder) throw new RemapError(`Another column already holds ${def.label} (${field}); it can hold only one.`);
  const column = table.columns[at];
  let out: Column;
  let unreadable = 0;
  if (column.kind === def.kind) out = { ...column, name: field };
  else {
    const typed = typeColumn(asRaw(column), def.kind, { dateOrder });
    unreadable = typed.invalidRows.length;
    out = { ...typed.column, name: field };
  }
  const columns = table.columns.slice();
  columns[at] = out;
  return { table: { rowCount: table.rowCount, columns }, unreadable, kind: out.kind };
}

/** The name a column report's column is stored under (ColumnReport.stored, else columnNameFor). */
export function storedColumnName(report: Pick<ColumnReport, 'source' | 'field' | 'stored'>): string {
  return report.stored ?? columnNameFor(report.source, report.field ?? null);
}

/** Every canonical field's name: a plain column never takes one, or measures would read it as that field. */
const FIELD_NAMES: ReadonlySet<string> = new Set([...PATIENT_FIELDS, ...KPI_FIELDS].map((f) => f.name));

/**
 * The name a plain (unmapped) column is stored under: its header cleaned as an import names it
 * (columnNameFor), with "_source" (then "_source_2", ...) added, as an import does, when that is a
 * field's name or another column's.
 */
export function plainColumnName(header: string, taken: Iterable<string>): string {
  const used = new Set([...FIELD_NAMES, ...taken]);
  const name = columnNameFor(header, null);
  if (!used.has(name)) return name;
  let candidate = `${name}_source`;
  for (let k = 2; used.has(candidate); k++) candidate = `${name}_source_${k}`;
  return candidate;
}

/** What unmapping did: Remapped, the plain column's name, and how many distinct values had identifiers masked. */
export interface Unmapped extends Remapped {
  name: string;
  /** Distinct text values with an NHS number or a titled name masked (as the import's free_text finding counts them). */
  masked: number;
}

/**
 * The table with column `name` (mapped to a field) kept as a plain column instead, as an import of
 * the file with the column left unmapped would store it: renamed to plainColumnName(header), its
 * type unchanged, and, for text, the NHS numbers and titled names inside its values masked
 * (maskTextColumn, the import's own; a mapped field was never masked). `maskIdentifiers: false`
 * for a column the person chose at import to keep or pseudonymise, which the import never masks.
 * Throws RemapError when the column is missing or already plain.
 */
export function unmapColumn(table: ColumnarTable, name: string, header: string, options: { maskIdentifiers?: boolean } = {}): Unmapped {
  const at = table.columns.findIndex((c) => c.name === name);
  if (at < 0) throw new RemapError(`There is no column "${name}" in this dataset. Choose one of: ${table.columns.map((c) => c.name).join(', ')}.`);
  if (!FIELD_NAMES.has(name)) throw new RemapError(`Column "${header}" is not mapped to a field; it is already kept as a plain column ("${name}").`);
  const plain = plainColumnName(header, table.columns.filter((_c, i) => i !== at).map((c) => c.name));
  const column = table.columns[at];
  let out: Column = { ...column, name: plain };
  let masked = 0;
  if (column.kind === 'text' && options.maskIdentifiers !== false) {
    const m = maskTextColumn({ header, codes: column.codes, dictionary: column.dictionary });
    masked = m.values;
    if (masked > 0) out = { kind: 'text', name: plain, codes: m.column.codes, dictionary: m.column.dictionary };
  }
  const columns = table.columns.slice();
  columns[at] = out;
  return { table: { rowCount: table.rowCount, columns }, unreadable: 0, kind: out.kind, name: plain, masked };
}

/**
 * The dataset's identifier findings after unmapping `header` masked `masked` values: the import's
 * free_text "masked" finding for it, added (or its count increased); unchanged when nothing was masked.
 */
export function withMaskedFinding(identifiers: IdentifierFinding[], header: string, masked: number): IdentifierFinding[] {
  if (masked === 0) return identifiers;
  const at = identifiers.findIndex((f) => f.column === header && f.action === 'masked');
  if (at < 0) return [...identifiers, { column: header, kind: 'free_text', action: 'masked', masked }];
  const out = identifiers.slice();
  out[at] = { ...out[at], masked: (out[at].masked ?? 0) + masked };
  return out;
}

/** Whether the person chose at import to keep or pseudonymise this column: the import masks neither, so unmapping doesn't. */
export function chosenAtImport(identifiers: IdentifierFinding[], header: string): boolean {
  return identifiers.some((f) => f.column === header && (f.action === 'kept' || f.action === 'pseudonymised'));
}
