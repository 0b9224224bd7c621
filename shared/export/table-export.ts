/**
 * The league table as it leaves the app: rows with column names people read, small numbers
 * suppressed, and a footnote block (measure, method, as-of date, the dataset it came from,
 * suppression rule) in CSV or Excel. Excel files are written with write-excel-file's universal
 * entry, which runs in the browser, in workers and in Node.
 */
import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/universal';
import type { VariationResult } from '../analysis/variation';
import { limitMethodText, overdispersionText, PERCENT_DECIMALS, targetText } from '../charts/describe';
import { BAND_STYLES, TIER_STYLES } from '../charts/palette';
import { escapeCsvCell, toCsv, type CsvValue } from '../privacy/csv-safety';
import { suppressTable, type SuppressionOptions, type SuppressionResult, type TableValue } from '../privacy/suppression';

/** League-table columns, in order. */
export const VARIATION_COLUMNS = ['Centre', 'n', 'Numerator', '%', '95% CI lower', '95% CI upper', 'Band', 'Tier', 'Median days'] as const;

/** One league-table column name. */
export type VariationColumn = (typeof VARIATION_COLUMNS)[number];

/** One centre's league-table row: numbers as numbers (percentages 0-100), words for band and tier. */
export type VariationTableRow = Record<VariationColumn, string | number | null>;

/** A row of any exported table. */
export type ExportRow = Readonly<Record<string, TableValue>>;

export interface VariationTableOptions {
  /** Decimal places of percentages (default 1). */
  decimals?: number;
}

/** Where the numbers came from: the imported file, its SHA-256 and when it was imported. */
export interface DatasetProvenance {
  fileName: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** ISO date-time of the import. */
  importedAt: string;
}

/** The footnote block printed under an exported table. */
export interface ExportFootnote {
  measure: { title: string; definition?: string };
  /** How the figures were computed, in words. */
  method: string;
  asOf: string | null;
  dataset?: DatasetProvenance;
  /** The suppression rule applied (suppressTable's note). */
  suppressionNote?: string;
  /** Further lines, printed last. */
  notes?: readonly string[];
  /** The whole footnote as lines from the output path (shared/output): printed as given, instead of the fields above. */
  lines?: readonly string[];
}

/** An export footnote holding the output path's lines verbatim (publishVariation, tierSummaryTable, profileTable). */
export function footnoteFromLines(lines: readonly string[]): ExportFootnote {
  return { measure: { title: '' }, method: '', asOf: null, lines };
}

/** Hex characters of the SHA-256 shown in a footnote: enough to match a file, short enough to read. */
export const SHA256_PREFIX_LENGTH = 12;

/** Excel's limit on a sheet name's length. */
const EXCEL_SHEET_NAME_MAX = 31;

/** Name of the footnote sheet in an Excel export. */
export const NOTES_SHEET = 'Notes';

/** Column used only while suppressing: patients not meeting the standard (n - Numerator), never published. */
const NOT_MEETING = 'Not meeting';

/** A proportion as a percentage number rounded to `decimals` places (0.78412 -> 78.4). */
function percent(proportion: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(proportion * 100 * factor) / factor;
}

/**
 * League-table rows of a variation result: one per centre, in the result's order, with human column names.
 * @deprecated Exports go through shared/output/publish.ts (publishVariation, publishedTableRows); kept for the attacker test's "old export".
 */
export function variationTableRows(result: Pick<VariationResult, 'groups'>, options: VariationTableOptions = {}): VariationTableRow[] {
  const decimals = options.decimals ?? PERCENT_DECIMALS;
  return result.groups.map((g) => ({
    Centre: g.group,
    n: g.n,
    Numerator: g.numerator,
    '%': percent(g.proportion, decimals),
    '95% CI lower': percent(g.ci95[0], decimals),
    '95% CI upper': percent(g.ci95[1], decimals),
    Band: BAND_STYLES[g.band].label,
    Tier: g.tier === null ? null : TIER_STYLES[g.tier].label,
    'Median days': g.medianDays,
  }));
}

/** Suppression settings for a league table: the threshold and rules; the table's own structure is fixed. */
export type LeagueSuppressionOptions = Pick<SuppressionOptions, 'threshold' | 'suppressZero' | 'secondary' | 'marker'> & {
  /**
   * Whether national totals are known to readers (default true: a pooled target times the published
   * denominators gives the national numerator). Ignored for a single-centre table, whose totals are
   * its own row.
   */
  totalsPublished?: boolean;
};

/**
 * @deprecated Use publishVariation (shared/output/publish.ts): this table's footnote statistics came
 * from every centre and could give a hidden count away (tests/shared/privacy/suppression.test.ts).
 * Suppresses a league table for publication: counts of people meeting and not meeting (n minus
 * numerator, so a small shortfall is protected too) and n; %, the interval and the median wait
 * follow their counts. Band and tier are shown: they state a range, not a count.
 */
export function suppressVariationTable(rows: readonly VariationTableRow[], options: LeagueSuppressionOptions = {}): SuppressionResult<VariationTableRow> {
  const working = rows.map((row) => ({
    ...row,
    [NOT_MEETING]: typeof row.n === 'number' && typeof row.Numerator === 'number' ? row.n - row.Numerator : null,
  }));
  const totalsPublished = (options.totalsPublished ?? true) && rows.length > 1;
  const result = suppressTable(working, {
    ...options,
    countColumns: ['Numerator', NOT_MEETING],
    totalColumn: 'n',
    groupBy: totalsPublished ? [] : undefined,
    derived: {
      '%': ['Numerator', 'n'],
      '95% CI lower': ['Numerator', 'n'],
      '95% CI upper': ['Numerator', 'n'],
      'Median days': ['n'],
    },
  });
  return {
    rows: result.rows.map((row) => {
      const copy: Record<string, TableValue> = { ...row };
      delete copy[NOT_MEETING];
      return copy as VariationTableRow;
    }),
    suppressedCells: result.suppressedCells.filter((c) => c.column !== NOT_MEETING),
    note: result.note,
  };
}

/** How a variation result's figures were computed, in words, for a footnote. */
export function variationMethodText(result: Pick<VariationResult, 'limits' | 'overdispersion' | 'target' | 'targetSource'>): string {
  return `Funnel ${limitMethodText(result.limits)}, ${targetText(result.target, result.targetSource)}; Wilson 95% confidence intervals. ${overdispersionText(result.overdispersion)}`;
}

/**
 * The footnote of a variation result's export: measure, method and as-of date, plus provenance and suppression when given.
 * @deprecated Use publishVariation(...).footnote: this footnote prints the target and phi of every centre, hidden ones included.
 */
export function variationFootnote(
  result: Pick<VariationResult, 'measure' | 'asOf' | 'limits' | 'overdispersion' | 'target' | 'targetSource'>,
  extra: { definition?: string; dataset?: DatasetProvenance; suppressionNote?: string; notes?: readonly string[] } = {},
): ExportFootnote {
  return {
    measure: { title: result.measure.title, definition: extra.definition },
    method: variationMethodText(result),
    asOf: result.asOf,
    dataset: extra.dataset,
    suppressionNote: extra.suppressionNote,
    notes: extra.notes,
  };
}

/** The footnote as lines of text, in a fixed order. */
export function footnoteLines(footnote: ExportFootnote): string[] {
  if (footnote.lines) return [...footnote.lines];
  const lines = [
    `Measure: ${footnote.measure.title}${footnote.measure.definition ? ` (${footnote.measure.definition})` : ''}`,
    `Method: ${footnote.method}`,
    `As of: ${footnote.asOf ?? 'not dated (no dates in the extract)'}`,
  ];
  if (footnote.dataset) {
    const d = footnote.dataset;
    lines.push(`Dataset: ${d.fileName}, SHA-256 starting ${d.sha256.slice(0, SHA256_PREFIX_LENGTH).toLowerCase()}, imported ${d.importedAt}`);
  }
  if (footnote.suppressionNote) lines.push(`Suppression: ${footnote.suppressionNote}`);
  return [...lines, ...(footnote.notes ?? [])];
}

/** Column order of an export: as given, else the first row's keys. */
function columnsOf(rows: readonly ExportRow[], columns: readonly string[] | undefined): string[] {
  return [...(columns ?? (rows.length > 0 ? Object.keys(rows[0]) : VARIATION_COLUMNS))];
}

export interface CsvExportOptions {
  footnote: ExportFootnote;
  columns?: readonly string[];
  /**
   * Start with a UTF-8 byte-order mark (default true): Excel, which most NHS analysts open CSV
   * files with, otherwise misreads non-ASCII text such as "tau²".
   */
  bom?: boolean;
}

/** A table as CSV (formula-safe cells), then a blank line and the footnote block, one line per row. */
export function exportCsv(rows: readonly ExportRow[], options: CsvExportOptions): string {
  const columns = columnsOf(rows, options.columns);
  const table = toCsv(rows as readonly Record<string, CsvValue>[], columns);
  const notes = footnoteLines(options.footnote).map((line) => `${escapeCsvCell(line)}\r\n`).join('');
  return `${options.bom ?? true ? '\uFEFF' : ''}${table}\r\n${notes}`;
}

/** A valid Excel sheet name: no []:*?/\ characters, at most 31 characters, not "Notes". */
export function excelSheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, EXCEL_SHEET_NAME_MAX).trim();
  if (cleaned === '' || cleaned.toLowerCase() === NOTES_SHEET.toLowerCase()) return 'Table';
  return cleaned;
}

/** One spreadsheet cell: numbers as numbers, everything else as text (never a formula). */
function xlsxCell(value: TableValue): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { value, type: Number } : null;
  return { value: String(value), type: String };
}

export interface XlsxExportOptions {
  footnote: ExportFootnote;
  /** Name of the table's sheet (made valid for Excel). */
  sheetName: string;
  columns?: readonly string[];
}

/** A table as an Excel workbook: the table on the first sheet (header frozen), the footnote on a "Notes" sheet. */
export async function exportXlsx(rows: readonly ExportRow[], options: XlsxExportOptions): Promise<Uint8Array> {
  const columns = columnsOf(rows, options.columns);
  const header: Row = columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' }));
  const body: Row[] = rows.map((row) => columns.map((c) => xlsxCell(row[c])));
  const widths = columns.map((c) => ({ width: Math.min(40, Math.max(8, c.length + 2, ...rows.map((r) => String(r[c] ?? '').length + 2))) }));
  const sheets: Sheet<Blob>[] = [
    { sheet: excelSheetName(options.sheetName), data: [header, ...body], columns: widths, stickyRowsCount: 1 },
    { sheet: NOTES_SHEET, data: footnoteLines(options.footnote).map((line) => [{ value: line, type: String }]), columns: [{ width: 120 }] },
  ];
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** File name of an export, e.g. "msvw-four-plus-four-referral-league-table-2024-03-31.csv". */
export function exportFileName(measureId: string, kind: string, ext: string, asOf?: string | null): string {
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/g, '');
  const parts = ['msvw', slug(measureId) || 'measure', slug(kind) || 'export'];
  if (asOf) parts.push(slug(asOf));
  const extension = slug(ext.replace(/^\.+/, '')) || 'txt';
  return `${parts.join('-')}.${extension}`;
}
