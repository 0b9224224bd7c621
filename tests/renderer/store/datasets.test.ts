import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ARROW_PAYLOAD_FORMAT } from '../../../shared/data/arrow';
import { cellValue, type ColumnarTable } from '../../../shared/data/table';
import type { ImportResult, RowProblem } from '../../../shared/io/import-result';
import { RECENT_FILES_LIMIT, STORED_PROBLEMS_LIMIT, WorkbenchDatabase, type DatasetMeta } from '../../../renderer/src/store/database';
import {
  DatasetUnavailableError,
  StorageFullError,
  activeDatabase,
  addRecentFile,
  checkQuota,
  cleanIncomplete,
  deleteAllLocalData,
  deleteDataset,
  getOrCreatePseudonymKey,
  getSetting,
  isQuotaExceeded,
  listDatasets,
  listRecentFiles,
  loadDataset,
  recallMapping,
  rememberMapping,
  requestPersistence,
  saveDataset,
  setActiveDatabase,
  setSetting,
  storageFullMessage,
} from '../../../renderer/src/store/datasets';

const PLAIN_QUOTA_MESSAGE = /^Not enough local storage to keep this dataset \(needs about [\d.]+ MB(, [\d.]+ MB free)?\)\. Delete datasets you no longer need, then try again\.$/;

let databaseNumber = 0;

beforeEach(() => {
  setActiveDatabase(new WorkbenchDatabase(`workbench-test-${++databaseNumber}`));
});

afterEach(async () => {
  vi.unstubAllGlobals();
  const db = activeDatabase();
  db.close();
  await Dexie.delete(db.name);
});

function sampleTable(rows: number): ColumnarTable {
  const centres = ['Leeds', 'Cardiff', 'Bristol £'];
  return {
    rowCount: rows,
    columns: [
      { kind: 'text', name: 'centre', codes: Int32Array.from({ length: rows }, (_, i) => (i % 7 === 6 ? -1 : i % 3)), dictionary: centres },
      { kind: 'number', name: 'edss', values: Float64Array.from({ length: rows }, (_, i) => (i % 5 === 4 ? Number.NaN : (i % 20) / 2)) },
      { kind: 'date', name: 'visit_date', values: Float64Array.from({ length: rows }, (_, i) => (i % 9 === 8 ? Number.NaN : 19_000 + i)) },
    ],
  };
}

function sampleResult(rows = 20, problemCount = 3): ImportResult {
  const problems: RowProblem[] = Array.from({ length: problemCount }, (_, i) => ({
    row: i + 2,
    column: 'edss',
    severity: 'warning',
    reason: 'edss_out_of_range',
    message: `Row ${i + 2}, column edss: not a valid EDSS score.`,
  }));
  return {
    fileName: 'audit.csv',
    format: 'csv',
    extractType: 'patient',
    table: sampleTable(rows),
    mapping: { Centre: 'centre', EDSS: 'edss', 'Visit date': 'visit_date' },
    columns: [
      { source: 'Centre', field: 'centre', type: 'text', missing: 0, invalid: 0 },
      { source: 'EDSS', field: 'edss', type: 'number', missing: 1, invalid: 0 },
      { source: 'Visit date', field: 'visit_date', type: 'date', missing: 0, invalid: 0, dateOrder: 'dmy' },
    ],
    identifiers: [{ column: 'NHS number', kind: 'nhs_number', action: 'dropped' }],
    accounting: { rowsRead: rows, rowsImported: rows, rowsWithWarnings: problemCount, rowsExcluded: {} },
    problems,
    problemsTruncated: false,
  };
}

const provenance = { fileName: 'audit.csv', fileSize: 1234, sha256: 'ab'.repeat(32) };

function cells(t: ColumnarTable): (string | number | null)[][] {
  return t.columns.map((c) => Array.from({ length: t.rowCount }, (_, row) => cellValue(c, row)));
}

async function storedCounts(): Promise<{ datasets: number; chunks: number }> {
  const db = activeDatabase();
  return { datasets: await db.datasets.count(), chunks: await db.chunks.count() };
}

describe('saving and reopening datasets', () => {
  it('saves an import as metadata plus chunks and reopens it without re-parsing', async () => {
    const result = sampleResult();
    const meta = await saveDataset(result, provenance);
    expect(meta).toMatchObject({
      name: 'audit.csv',
      fileName: 'audit.csv',
      fileSize: 1234,
      sha256: provenance.sha256,
      format: 'csv',
      sheet: null,
      extractType: 'patient',
      rowCount: 20,
      payloadFormat: ARROW_PAYLOAD_FORMAT,
      chunkCount: 1,
      status: 'complete',
      mapping: result.mapping,
      identifiers: result.identifiers,
    });
    expect(meta.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.isNaN(Date.parse(meta.importedAt))).toBe(false);

    expect(await listDatasets()).toEqual([meta]);
    const loaded = await loadDataset(meta.id);
    expect(loaded.meta).toEqual(meta);
    expect(cells(loaded.table)).toEqual(cells(result.table));
    expect(loaded.table.columns.map((c) => c.kind)).toEqual(['text', 'number', 'date']);
  });

  it('splits big tables into several chunks and puts them back in order', async () => {
    const result = sampleResult(1_000);
    const progress: number[] = [];
    const meta = await saveDataset(result, provenance, { rowsPerChunk: 300, onChunkWritten: (written) => progress.push(written) });
    expect(meta.chunkCount).toBe(4);
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(await storedCounts()).toEqual({ datasets: 1, chunks: 4 });
    expect(cells((await loadDataset(meta.id)).table)).toEqual(cells(result.table));
  });

  it('keeps at most the first 1,000 problems, and says the list was cut', async () => {
    const meta = await saveDataset(sampleResult(20, 1_500), provenance);
    expect(meta.validation.problems).toHaveLength(STORED_PROBLEMS_LIMIT);
    expect(meta.validation.problems[0].row).toBe(2);
    expect(meta.validation).toMatchObject({ problemsListed: 1_500, truncated: true });
    const small = await saveDataset(sampleResult(20, 3), provenance);
    expect(small.validation).toMatchObject({ problemsListed: 3, truncated: false });
  });

  it('names a workbook dataset after its file and sheet', async () => {
    const meta = await saveDataset({ ...sampleResult(), format: 'xlsx', sheet: 'Visits', fileName: 'audit.xlsx' }, { ...provenance, fileName: 'audit.xlsx' });
    expect(meta).toMatchObject({ name: 'audit.xlsx (Visits)', sheet: 'Visits', format: 'xlsx' });
  });

  it('lists datasets newest first', async () => {
    const first = await saveDataset(sampleResult(), provenance);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await saveDataset(sampleResult(), { ...provenance, fileName: 'later.csv' });
    expect((await listDatasets()).map((d) => d.id)).toEqual([second.id, first.id]);
  });

  it('deletes one dataset with all its chunks and leaves the others', async () => {
    const keep = await saveDataset(sampleResult(100), provenance, { rowsPerChunk: 40 });
    const drop = await saveDataset(sampleResult(100), provenance, { rowsPerChunk: 40 });
    expect(await storedCounts()).toEqual({ datasets: 2, chunks: 6 });
    await deleteDataset(drop.id);
    expect(await storedCounts()).toEqual({ datasets: 1, chunks: 3 });
    expect((await listDatasets()).map((d) => d.id)).toEqual([keep.id]);
    await expect(loadDataset(drop.id)).rejects.toThrow(DatasetUnavailableError);
    expect(cells((await loadDataset(keep.id)).table)).toEqual(cells(sampleTable(100)));
  });

  it('says plainly when a dataset is no longer stored', async () => {
    await expect(loadDataset('no-such-id')).rejects.toThrow('This dataset is no longer stored on this computer. Import the file again.');
  });

  it('reports a dataset with missing chunks instead of showing partial data', async () => {
    const meta = await saveDataset(sampleResult(100), provenance, { rowsPerChunk: 40 });
    await activeDatabase().chunks.delete([meta.id, 1]);
    await expect(loadDataset(meta.id)).rejects.toThrow(/incomplete on this computer \(2 of 3 parts\)\. Delete it and import audit\.csv again\./);
  });
});

describe('a save that fails leaves nothing behind', () => {
  it('writes nothing when the save is abandoned part-way through the chunks', async () => {
    const failing = saveDataset(sampleResult(1_000), provenance, {
      rowsPerChunk: 200,
      onChunkWritten: (written) => {
        if (written === 3) throw new Error('cancelled');
      },
    });
    await expect(failing).rejects.toThrow('cancelled');
    expect(await storedCounts()).toEqual({ datasets: 0, chunks: 0 });
    expect(await listDatasets()).toEqual([]);
  });

  it('turns running out of space mid-write into the plain message, and writes nothing', async () => {
    const failing = saveDataset(sampleResult(1_000), provenance, {
      rowsPerChunk: 200,
      onChunkWritten: (written) => {
        if (written === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    await expect(failing).rejects.toThrow(StorageFullError);
    await expect(failing).rejects.toThrow(PLAIN_QUOTA_MESSAGE);
    expect(await storedCounts()).toEqual({ datasets: 0, chunks: 0 });
  });

  it('recognises QuotaExceededError however it is wrapped', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaExceeded(quota)).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', quota))).toBe(true);
    expect(isQuotaExceeded(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaExceeded({ name: 'AbortError', inner: { name: 'AbortError', inner: quota } })).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', new Error('other')))).toBe(false);
    expect(isQuotaExceeded(new Error('QuotaExceededError'))).toBe(false);
  });

  it('removes datasets left half-written, and orphaned chunks', async () => {
    const db = activeDatabase();
    const good = await saveDataset(sampleResult(), provenance);
    const leftover: DatasetMeta = { ...good, id: 'leftover', status: 'writing' };
    await db.datasets.add(leftover);
    await db.chunks.bulkAdd([
      { datasetId: 'leftover', index: 0, bytes: new Uint8Array([1, 2, 3]) },
      { datasetId: 'orphan', index: 0, bytes: new Uint8Array([4]) },
    ]);
    expect(await listDatasets()).toEqual([good]);
    expect(await cleanIncomplete()).toBe(1);
    expect(await storedCounts()).toEqual({ datasets: 1, chunks: 1 });
    expect(cells((await loadDataset(good.id)).table)).toEqual(cells(sampleTable(20)));
  });

  it('cleans half-written leftovers when the database is opened', async () => {
    const db = activeDatabase();
    await db.datasets.add({ ...(await saveDataset(sampleResult(), provenance)), id: 'leftover', status: 'writing' });
    await db.chunks.add({ datasetId: 'leftover', index: 0, bytes: new Uint8Array([1]) });
    db.close();
    setActiveDatabase(new WorkbenchDatabase(db.name));
    expect((await listDatasets()).map((d) => d.id)).not.toContain('leftover');
    expect(await storedCounts()).toEqual({ datasets: 1, chunks: 1 });
  });
});

describe('storage quota', () => {
  function stubStorage(quota: number, usage: number, persist = vi.fn(async () => true)) {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ quota, usage }), persist, persisted: async () => false } });
    return persist;
  }

  it('says whether a dataset fits, in megabytes people can act on', async () => {
    stubStorage(100e6, 95e6);
    expect(await checkQuota(12e6)).toEqual({
      ok: false,
      available: 5e6,
      needed: 12e6,
      message: 'Not enough local storage to keep this dataset (needs about 12 MB, 5.0 MB free). Delete datasets you no longer need, then try again.',
    });
    expect(await checkQuota(4e6)).toEqual({ ok: true, available: 5e6, needed: 4e6, message: null });
  });

  it('assumes it fits where the browser cannot estimate storage', async () => {
    vi.stubGlobal('navigator', {});
    expect(await checkQuota(1e9)).toEqual({ ok: true, available: null, needed: 1e9, message: null });
    expect(await requestPersistence()).toBe(false);
  });

  it('refuses to start a save that cannot fit, and writes nothing', async () => {
    stubStorage(1_000, 900);
    const failing = saveDataset(sampleResult(), provenance);
    await expect(failing).rejects.toThrow(StorageFullError);
    await expect(failing).rejects.toThrow(PLAIN_QUOTA_MESSAGE);
    expect(await storedCounts()).toEqual({ datasets: 0, chunks: 0 });
  });

  it('asks the browser to keep the data', async () => {
    const persist = stubStorage(1e9, 0);
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('words the message without free space when that is unknown', () => {
    expect(storageFullMessage(250e6, null)).toBe(
      'Not enough local storage to keep this dataset (needs about 250 MB). Delete datasets you no longer need, then try again.',
    );
  });
});

describe('remembered mappings, recent files, settings', () => {
  it('remembers the mapping chosen for a header signature', async () => {
    expect(await recallMapping('centre|edss')).toBeNull();
    await rememberMapping('centre|edss', { Centre: 'centre', EDSS: 'edss' });
    await rememberMapping('other', { X: null });
    expect(await recallMapping('centre|edss')).toEqual({ Centre: 'centre', EDSS: 'edss' });
    await rememberMapping('centre|edss', { Centre: 'centre', EDSS: null });
    expect(await recallMapping('centre|edss')).toEqual({ Centre: 'centre', EDSS: null });
  });

  it('keeps the 10 most recent files, newest first, each file once', async () => {
    for (let i = 1; i <= 12; i++) await addRecentFile({ name: `extract-${i}.csv`, size: i * 100 });
    await addRecentFile({ name: 'extract-5.csv', size: 500 });
    const recent = await listRecentFiles();
    expect(recent).toHaveLength(RECENT_FILES_LIMIT);
    expect(recent.map((f) => f.name)).toEqual([
      'extract-5.csv',
      'extract-12.csv',
      'extract-11.csv',
      'extract-10.csv',
      'extract-9.csv',
      'extract-8.csv',
      'extract-7.csv',
      'extract-6.csv',
      'extract-4.csv',
      'extract-3.csv',
    ]);
    expect(recent[0]).toMatchObject({ size: 500 });
  });

  it('stores settings by key', async () => {
    expect(await getSetting('suppressionThreshold', 5)).toBe(5);
    await setSetting('suppressionThreshold', 10);
    expect(await getSetting('suppressionThreshold', 5)).toBe(10);
  });

  it('makes one 32-byte pseudonym key and keeps it', async () => {
    const [a, b] = await Promise.all([getOrCreatePseudonymKey(), getOrCreatePseudonymKey()]);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a).toHaveLength(32);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(await getOrCreatePseudonymKey())).toEqual(Array.from(a));
    expect(a.some((x) => x !== 0)).toBe(true);
  });
});

describe('delete all local data', () => {
  it('removes datasets, chunks, mappings, recent files and settings, including the pseudonym key', async () => {
    await saveDataset(sampleResult(100), provenance, { rowsPerChunk: 30 });
    await rememberMapping('sig', { A: 'centre' });
    await addRecentFile({ name: 'audit.csv', size: 1234 });
    await setSetting('suppressionThreshold', 10);
    const key = await getOrCreatePseudonymKey();

    await deleteAllLocalData();

    const db = activeDatabase();
    const counts = await Promise.all(db.tables.map((t) => t.count()));
    expect(counts.every((n) => n === 0)).toBe(true);
    expect(await listDatasets()).toEqual([]);
    expect(await recallMapping('sig')).toBeNull();
    expect(await listRecentFiles()).toEqual([]);
    expect(await getSetting('suppressionThreshold', 5)).toBe(5);
    expect(Array.from(await getOrCreatePseudonymKey())).not.toEqual(Array.from(key));
  });
});
