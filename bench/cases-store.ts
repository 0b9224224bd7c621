/**
 * Storing and reopening cases: ColumnarTable -> Arrow IPC chunks (what saving adds on top of the
 * import) and chunks -> ColumnarTable (what reopening a stored dataset costs before IndexedDB).
 * Targets (issue): storing adds under 0.5 s, reopening 1M rows under 1 s.
 *
 * IndexedDB itself is not measured here: the cases marked "fake-indexeddb" run Dexie over the
 * in-memory fake-indexeddb in Node, which is far slower than a browser's IndexedDB and says
 * nothing about it; the real write/read is measured in the browser suite.
 *
 * Registered in bench/cases.ts for `npm run bench`; also runs on its own:
 *   tsx bench/cases-store.ts [--rows N] [--runs N] [--file audit.csv] [--idb]
 * (without --file it builds a synthetic table shaped like the patient audit extract: 28 columns,
 * one unique patient id per row).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFromArrowChunks, tableToArrowChunks } from '../shared/data/arrow';
import type { Column, ColumnarTable } from '../shared/data/table';
import type { ImportResult } from '../shared/io/import-result';
import { readDelimited } from '../shared/io/read/delimited';
import { typeTable } from '../shared/io/types/infer';
import { registerCase, type BenchContext } from './cases';

/** The benchmark extract as the import would type it. */
function tableFromFile(file: string): ColumnarTable {
  return typeTable(readDelimited(readFileSync(file), path.basename(file)));
}

/** Deterministic pseudo-random numbers in [0, 1) (LCG, Numerical Recipes constants). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A synthetic table shaped like the patient audit extract: 10 text (one unique id per row), 5 number, 13 date columns. */
export function syntheticAuditTable(rows: number, seed = 1): ColumnarTable {
  const r = random(seed);
  const columns: Column[] = [];
  const ids = new Array<string>(rows);
  for (let i = 0; i < rows; i++) ids[i] = `P${(Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0')}`;
  columns.push({ kind: 'text', name: 'patient_id', codes: Int32Array.from({ length: rows }, (_, i) => i), dictionary: ids });
  const categories: [string, number, number][] = [
    ['centre_code', 120, 0],
    ['centre_name', 120, 0],
    ['region', 9, 0],
    ['sex', 3, 0.01],
    ['age_band', 7, 0.01],
    ['ethnicity', 6, 0.08],
    ['ms_type', 5, 0.03],
    ['dmt_name', 14, 0.45],
    ['smoking_status', 4, 0.2],
  ];
  for (const [name, size, missing] of categories) {
    const dictionary = Array.from({ length: size }, (_, k) => `${name} ${k}${k % 11 === 3 ? ' – £' : ''}`);
    columns.push({ kind: 'text', name, codes: Int32Array.from({ length: rows }, () => (r() < missing ? -1 : Math.floor(r() * size))), dictionary });
  }
  const numbers: [string, (x: number) => number, number][] = [
    ['imd_decile', (x) => 1 + Math.floor(x * 10), 0.02],
    ['edss', (x) => Math.round(x * 19) / 2, 0.15],
    ['relapses_12m', (x) => Math.floor(x * x * 4), 0.05],
    ['bmi', (x) => Math.round((17 + x * 20) * 10) / 10, 0.3],
  ];
  for (const [name, f, missing] of numbers) {
    columns.push({ kind: 'number', name, values: Float64Array.from({ length: rows }, () => (r() < missing ? Number.NaN : f(r()))) });
  }
  for (let d = 0; d < 13; d++) {
    const missing = 0.1 + (d % 5) * 0.12;
    columns.push({ kind: 'date', name: `date_${d + 1}`, values: Float64Array.from({ length: rows }, () => (r() < missing ? Number.NaN : 17_500 + Math.floor(r() * 3_000))) });
  }
  columns.push({ kind: 'number', name: 'emergency_admissions_12m', values: Float64Array.from({ length: rows }, () => (r() < 0.05 ? Number.NaN : Math.floor(r() * 3))) });
  return { rowCount: rows, columns };
}

/** Bytes in the chunks. */
function totalBytes(chunks: Uint8Array[]): number {
  return chunks.reduce((sum, c) => sum + c.byteLength, 0);
}

/** An import result around a table, for the store cases. */
function importResultFor(table: ColumnarTable, fileName: string): ImportResult {
  return {
    fileName,
    format: 'csv',
    extractType: 'patient',
    table,
    mapping: {},
    columns: table.columns.map((c) => ({ source: c.name, field: null, type: c.kind, missing: 0, invalid: 0 })),
    identifiers: [],
    accounting: { rowsRead: table.rowCount, rowsImported: table.rowCount, rowsWithWarnings: 0, rowsExcluded: {} },
    problems: [],
    problemsTruncated: false,
  };
}

registerCase({
  id: 'store-encode',
  label: 'tableToArrowChunks: typed extract -> Arrow IPC chunks (what saving adds, before IndexedDB)',
  runs: 5,
  setup: async (ctx: BenchContext) => tableFromFile(ctx.file),
  run: async (_ctx, state) => {
    const chunks = tableToArrowChunks(state as ColumnarTable);
    return { chunks: chunks.length, megabytes: Math.round(totalBytes(chunks) / 1e6) };
  },
});

registerCase({
  id: 'store-decode',
  label: 'tableFromArrowChunks: Arrow IPC chunks -> typed extract (reopening, after IndexedDB)',
  runs: 5,
  setup: async (ctx: BenchContext) => tableToArrowChunks(tableFromFile(ctx.file)),
  run: async (_ctx, state) => {
    const table = tableFromArrowChunks(state as Uint8Array[]);
    return { rows: table.rowCount, columns: table.columns.length };
  },
});

/** Dexie over fake-indexeddb, opened in a fresh database. */
async function fakeStore() {
  const fakeIndexedDb: string = 'fake-indexeddb/auto'; // side effect only: installs indexedDB globals
  await import(fakeIndexedDb);
  const store = await import('../renderer/src/store/datasets');
  const { WorkbenchDatabase } = await import('../renderer/src/store/database');
  store.setActiveDatabase(new WorkbenchDatabase(`bench-${process.pid}-${Date.now()}`));
  return store;
}

registerCase({
  id: 'store-save-fakeidb',
  label: 'saveDataset into fake-indexeddb (NOT representative of browser IndexedDB)',
  optional: true,
  setup: async (ctx: BenchContext) => ({ store: await fakeStore(), result: importResultFor(tableFromFile(ctx.file), path.basename(ctx.file)) }),
  run: async (ctx, state) => {
    const { store, result } = state as { store: Awaited<ReturnType<typeof fakeStore>>; result: ImportResult };
    const meta = await store.saveDataset(result, { fileName: result.fileName, fileSize: ctx.fileBytes, sha256: '0'.repeat(64) });
    return { chunks: meta.chunkCount, megabytes: Math.round(meta.storedBytes / 1e6) };
  },
});

registerCase({
  id: 'store-load-fakeidb',
  label: 'loadDataset from fake-indexeddb (NOT representative of browser IndexedDB)',
  optional: true,
  setup: async (ctx: BenchContext) => {
    const store = await fakeStore();
    const meta = await store.saveDataset(importResultFor(tableFromFile(ctx.file), 'audit.csv'), { fileName: 'audit.csv', fileSize: ctx.fileBytes, sha256: '0'.repeat(64) });
    return { store, id: meta.id };
  },
  run: async (_ctx, state) => {
    const { store, id } = state as { store: Awaited<ReturnType<typeof fakeStore>>; id: string };
    const { table } = await store.loadDataset(id);
    return { rows: table.rowCount };
  },
});

// ---------------------------------------------------------------------------------------------
// Standalone: tsx bench/cases-store.ts

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Time `f` `runs` times after one warm-up: wall and CPU milliseconds (CPU time is steadier on a shared machine). */
function timeRuns<T>(runs: number, f: () => T): { min: number; median: number; cpu: number; result: T } {
  let result = f();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { min: Math.min(...times), median: median(times), cpu: median(cpu), result };
}

async function standalone(argv: string[]): Promise<void> {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const rows = Number(flag('--rows') ?? 1_000_000);
  const runs = Number(flag('--runs') ?? 5);
  const file = flag('--file');
  const t0 = performance.now();
  const table = file ? tableFromFile(path.resolve(file)) : syntheticAuditTable(rows);
  const source = file ? path.basename(file) : 'synthetic audit-shaped table';
  const kinds = table.columns.reduce<Record<string, number>>((k, c) => ({ ...k, [c.kind]: (k[c.kind] ?? 0) + 1 }), {});
  console.log(`${source}: ${table.rowCount} rows x ${table.columns.length} columns ${JSON.stringify(kinds)} (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const encode = timeRuns(runs, () => tableToArrowChunks(table));
  const chunks = encode.result;
  const decode = timeRuns(runs, () => tableFromArrowChunks(chunks));
  const load = os.loadavg()[0].toFixed(1);
  console.log(`encode: median ${encode.median.toFixed(0)} ms, min ${encode.min.toFixed(0)} ms, CPU ${encode.cpu.toFixed(0)} ms -> ${chunks.length} chunks, ${(totalBytes(chunks) / 1e6).toFixed(1)} MB`);
  console.log(`decode: median ${decode.median.toFixed(0)} ms, min ${decode.min.toFixed(0)} ms, CPU ${decode.cpu.toFixed(0)} ms -> ${decode.result.rowCount} rows`);
  console.log(`(${os.cpus().length} cores, load average ${load}, Node ${process.version})`);

  if (argv.includes('--idb')) {
    const store = await fakeStore();
    const result = importResultFor(table, source);
    let t = performance.now();
    const meta = await store.saveDataset(result, { fileName: source, fileSize: 0, sha256: '0'.repeat(64) });
    const save = performance.now() - t;
    t = performance.now();
    await store.loadDataset(meta.id);
    const load = performance.now() - t;
    console.log(`fake-indexeddb (not representative of a browser): save ${save.toFixed(0)} ms, load ${load.toFixed(0)} ms`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  standalone(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
