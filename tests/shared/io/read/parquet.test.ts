import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../shared/io/import-result';
import { readParquet } from '../../../../shared/io/read/parquet';
import { readTabular } from '../../../../shared/io/read/index';
import { headersOf, rowsOf } from './helpers';
import { loadDuckDb } from '../../../../bench/duckdb';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/read/patients.parquet');

const EXPECTED = [
  ['P1', '2021-03-15', '2021-03-15T10:30:00', '3.5', '2', 'TRUE', 'RRMS'],
  ['P2', null, null, null, null, null, 'Relapsing remitting'],
  ['P3', '1999-12-31', '2000-01-01', '6', '0', 'FALSE', null],
];

/** DuckDB, when the benchmark has installed it: used to write Parquet files with other codecs. */
async function duckdb() {
  const loaded = await loadDuckDb();
  return loaded ? (await loaded.DuckDBInstance.create(':memory:')).connect() : null;
}

describe('readParquet', () => {
  it('reads a Snappy fixture (written by DuckDB): dates and timestamps as ISO text, numbers, booleans, nulls', async () => {
    const t = await readParquet(new Uint8Array(readFileSync(FIXTURE)), 'patients.parquet');
    expect(t.format).toBe('parquet');
    expect(headersOf(t)).toEqual(['patient_id', 'referral_date', 'seen_at', 'edss', 'relapses_12m', 'flag', 'ms_type']);
    expect(rowsOf(t)).toEqual(EXPECTED);
    expect(Array.from(t.sourceRows)).toEqual([1, 2, 3]);
  });

  it('is reached through readTabular by its magic bytes', async () => {
    const t = await readTabular(new Uint8Array(readFileSync(FIXTURE)), 'renamed.csv');
    expect(t.format).toBe('parquet');
  });

  it('reads GZIP and explains ZSTD (files written on the fly by DuckDB; skipped without it)', async (ctx) => {
    const con = await duckdb();
    if (!con) return ctx.skip();
    const dir = mkdtempSync(path.join(tmpdir(), 'msvw-parquet-'));
    try {
      const src = FIXTURE.replace(/'/g, "''");
      for (const codec of ['gzip', 'zstd']) {
        await con.run(`COPY (SELECT * FROM read_parquet('${src}')) TO '${path.join(dir, `${codec}.parquet`)}' (FORMAT parquet, COMPRESSION ${codec})`);
      }
      const gz = await readParquet(new Uint8Array(readFileSync(path.join(dir, 'gzip.parquet'))), 'gzip.parquet');
      expect(rowsOf(gz)).toEqual(EXPECTED);
      let err: unknown;
      try {
        await readParquet(new Uint8Array(readFileSync(path.join(dir, 'zstd.parquet'))), 'zstd.parquet');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).code).toBe('unsupported_parquet_codec');
      expect((err as ImportError).message).toMatch(/ZSTD compression/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged file with a plain message', async () => {
    const bytes = new Uint8Array(readFileSync(FIXTURE)).slice(0, 200);
    await expect(readParquet(bytes, 'cut.parquet')).rejects.toMatchObject({ code: 'corrupt_parquet' });
  });
});
