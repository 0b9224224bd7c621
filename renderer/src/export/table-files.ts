/**
 * A published table and its footnote lines as files: CSV (formula-safe cells, UTF-8 BOM for
 * Excel, then a blank line and the footnote) and XLSX (the table, then a "Notes" sheet). The
 * rows and footnote come from the one output path in shared/output; this only writes them out.
 */
import { escapeCsvCell, toCsv, type CsvValue } from '../../../shared/privacy/csv-safety';
import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/universal';
import { excelSheetName, NOTES_SHEET } from '../../../shared/export/table-export';
import type { TableValue } from '../../../shared/privacy/suppression';

export interface PublishedTable {
  columns: readonly string[];
  rows: readonly Record<string, TableValue>[];
  /** Footnote lines, in order. */
  footnote: readonly string[];
}

/** The table as CSV text: header, rows, a blank line, then one line per footnote line. */
export function tableCsv(table: PublishedTable): string {
  const body = toCsv(table.rows as readonly Record<string, CsvValue>[], table.columns);
  const notes = table.footnote.map((line) => `${escapeCsvCell(line)}\r\n`).join('');
  return `\uFEFF${body}\r\n${notes}`;
}

/** Widest column in the workbook, in characters. */
const MAX_COLUMN_CHARS = 40;

/** One spreadsheet cell: numbers as numbers, everything else as text (never a formula). */
function cell(value: TableValue): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? { value, type: Number } : null;
  return { value: String(value), type: String };
}

/** The table as an Excel workbook (header frozen); the footnote lines go on the "Notes" sheet, one per row. */
export async function tableXlsx(table: PublishedTable, sheetName: string): Promise<Uint8Array> {
  const header: Row = table.columns.map((c) => ({ value: c, type: String, fontWeight: 'bold' }));
  const body: Row[] = table.rows.map((row) => table.columns.map((c) => cell(row[c])));
  const widths = table.columns.map((c) => ({ width: Math.min(MAX_COLUMN_CHARS, Math.max(8, c.length + 2, ...table.rows.map((r) => String(r[c] ?? '').length + 2))) }));
  const sheets: Sheet<Blob>[] = [
    { sheet: excelSheetName(sheetName), data: [header, ...body], columns: widths, stickyRowsCount: 1 },
    { sheet: NOTES_SHEET, data: table.footnote.map((line) => [{ value: line, type: String }]), columns: [{ width: 120 }] },
  ];
  const blob = await writeXlsxFile(sheets).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}
