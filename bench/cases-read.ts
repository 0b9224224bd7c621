/**
 * Reading cases: our byte-level reader plus typing of every column, against DuckDB read_csv on
 * the same file (stack-notes.md, "Speed, measured here"), and Arquero as a slow reference.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createDelimitedReader, readDelimited } from '../shared/io/read/delimited';
import { inferColumnKind, typeColumn } from '../shared/io/types/infer';
import type { Column, ColumnarTable } from '../shared/data/table';
import type { RawColumn, RawTable } from '../shared/io/raw-table';
import { registerCase } from './cases';
import { ensureDuckDb } from './duckdb';

/** Chunk size for the streamed reader. */
const STREAM_CHUNK = 4 << 20;

/** Summary of a typed table, recorded with the timing (and a check that the work was done). */
function summary(raw: RawTable, table: ColumnarTable): Record<string, unknown> {
  const kinds: Record<string, number> = {};
  for (const c of table.columns) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
  return { rows: table.rowCount, rowsRead: raw.rowsRead, readerErrors: raw.readerErrors.length, columns: table.columns.length, kinds, encoding: raw.encoding };
}

/** Type every column by its inferred kind, letting go of each raw column once typed (as an import would). */
function typeAll(raw: RawTable): ColumnarTable {
  const columns: Column[] = [];
  const rawColumns = raw.columns as (RawColumn | null)[];
  for (let k = 0; k < rawColumns.length; k++) {
    const c = rawColumns[k] as RawColumn;
    columns.push(typeColumn(c, inferColumnKind(c)).column);
    rawColumns[k] = null;
  }
  return { rowCount: raw.rowCount, columns };
}

registerCase({
  id: 'ours',
  label: 'readDelimited + typing (whole file in memory)',
  compareTo: 'duckdb',
  run: async (ctx) => {
    const raw = readDelimited(readFileSync(ctx.file), ctx.file);
    return summary(raw, typeAll(raw));
  },
});

registerCase({
  id: 'ours-stream',
  label: 'streamed reader (4 MB chunks) + typing',
  compareTo: 'duckdb',
  run: async (ctx) => {
    const reader = createDelimitedReader(ctx.file, {}, ctx.fileBytes);
    const fd = openSync(ctx.file, 'r');
    // One read buffer, reused: the reader keeps no reference to a chunk once push() returns.
    const chunk = new Uint8Array(STREAM_CHUNK);
    try {
      for (;;) {
        const n = readSync(fd, chunk, 0, STREAM_CHUNK, null);
        if (n === 0) break;
        reader.push(chunk.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
    const raw = reader.finish();
    return summary(raw, typeAll(raw));
  },
});

registerCase({
  id: 'duckdb',
  label: "DuckDB CREATE TABLE t AS SELECT * FROM read_csv('file')",
  setup: async () => {
    const { DuckDBInstance } = await ensureDuckDb();
    const instance = await DuckDBInstance.create(':memory:');
    return instance.connect();
  },
  run: async (ctx, state) => {
    const con = state as { run: (sql: string) => Promise<unknown>; runAndReadAll: (sql: string) => Promise<{ getRows: () => unknown[][] }> };
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${ctx.file.replace(/'/g, "''")}')`);
    const rows = (await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0];
    return { rows: Number(rows) };
  },
});

registerCase({
  id: 'arquero',
  label: 'Arquero loadCSV (reference, one run)',
  runs: 1,
  optional: true,
  run: async (ctx) => {
    const { loadCSV } = await import('arquero');
    const t = await loadCSV(ctx.file);
    return { rows: t.numRows() };
  },
});
