/**
 * Building raw columns one value at a time, for readers whose library hands over values rather
 * than bytes (xlsx, parquet, arrow). Values are dictionary-encoded as they arrive.
 */
import { ImportError } from '../import-result';
import { MAX_CELLS, MAX_COLUMNS } from '../limits';
import type { RawColumn, ReadOptions } from '../raw-table';
import type { ReaderTable } from './notes';
import { dedupeHeaders, PROGRESS_ROW_INTERVAL } from './delimited';
import type { FileFormat } from '../import-result';

/** A raw column growing one cell at a time. */
export class ValueColumnBuilder {
  private codes: Int32Array;
  private readonly index = new Map<string, number>();
  readonly dictionary: string[] = [];
  private length = 0;

  constructor(capacity = 1024) {
    this.codes = new Int32Array(Math.max(16, capacity));
  }

  /** Append a cell; null, undefined and blank text are missing. */
  add(value: string | null | undefined): void {
    if (this.length >= this.codes.length) {
      const codes = new Int32Array(this.codes.length * 2);
      codes.set(this.codes);
      this.codes = codes;
    }
    let code = -1;
    if (value != null) {
      const v = value.trim();
      if (v !== '') {
        const known = this.index.get(v);
        if (known === undefined) {
          code = this.dictionary.length;
          this.index.set(v, code);
          this.dictionary.push(v);
        } else code = known;
      }
    }
    this.codes[this.length++] = code;
  }

  /** The finished column under a header. */
  build(header: string): RawColumn {
    return { header, codes: this.codes.slice(0, this.length), dictionary: this.dictionary };
  }
}

/** ISO text for a timestamp in milliseconds: yyyy-mm-dd at midnight UTC, else yyyy-mm-ddThh:mm:ss. */
export function isoFromMillis(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Plain text for a value from a typed file format (numbers, bigints, booleans, dates, bytes). */
export function textOfValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoFromMillis(value.getTime());
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  } catch {
    return String(value);
  }
}

/** Report progress and honour cancellation every PROGRESS_ROW_INTERVAL rows. */
export function checkpoint(options: ReadOptions, fileName: string, rows: number, bytesTotal: number, force = false): void {
  if (!force && rows % PROGRESS_ROW_INTERVAL !== 0) return;
  options.onProgress?.({ bytesRead: force ? bytesTotal : Math.round(bytesTotal / 2), bytesTotal, rows });
  if (options.isCancelled?.()) throw new ImportError(`Reading "${fileName}" was cancelled.`, fileName, 'cancelled');
}

/** Refuse a whole-table read (Parquet, Arrow) beyond the column or cell limits, before reading cells. */
export function checkTableSize(format: string, fileName: string, columns: number, rows: number): void {
  if (columns > MAX_COLUMNS) {
    throw new ImportError(`"${fileName}" has ${columns.toLocaleString('en-GB')} columns, more than the ${MAX_COLUMNS.toLocaleString('en-GB')} the workbench reads. Write the ${format} file again with only the columns you need.`, fileName, 'too_many_columns');
  }
  if (!Number.isFinite(rows) || rows < 0 || rows * Math.max(1, columns) > MAX_CELLS) {
    throw new ImportError(`"${fileName}" says it holds ${Number(rows).toLocaleString('en-GB')} rows of ${columns.toLocaleString('en-GB')} columns, more than the ${MAX_CELLS.toLocaleString('en-GB')} cells the workbench reads from a ${format} file. Filter or split the extract (or export CSV, which is read as it streams) and import that.`, fileName, 'too_many_cells');
  }
}

/**
 * A RawTable from column-major values: `valueAt(column, row)` gives each cell as text or null.
 * Rows whose cells are all missing are kept (typed formats have no blank lines to skip).
 */
export function tableFromColumns(
  format: FileFormat,
  headers: string[],
  rowCount: number,
  valueAt: (column: number, row: number) => string | null,
  fileName: string,
  options: ReadOptions,
  bytesTotal: number,
): ReaderTable {
  const { headers: names, duplicates } = dedupeHeaders(headers);
  const columns: RawColumn[] = names.map((name, c) => {
    const b = new ValueColumnBuilder(rowCount);
    for (let r = 0; r < rowCount; r++) {
      b.add(valueAt(c, r));
      if (r > 0 && r % PROGRESS_ROW_INTERVAL === 0) checkpoint(options, fileName, r, bytesTotal);
    }
    return b.build(name);
  });
  const sourceRows = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) sourceRows[r] = r + 1;
  checkpoint(options, fileName, rowCount, bytesTotal, true);
  return { format, rowsRead: rowCount, rowCount, columns, sourceRows, readerErrors: [], notes: duplicates };
}
