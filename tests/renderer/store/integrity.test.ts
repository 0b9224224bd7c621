/**
 * Store integrity: every chunk carries a checksum verified when the dataset is reopened (damage
 * gives a clear message, never changed cells); a database written by a newer version is refused
 * with a message and left alone; a database of the previous schema (1, no checksums) is upgraded
 * in place and its datasets still open.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { tableToArrowChunks } from '../../../shared/data/arrow';
import { cellValue, type ColumnarTable } from '../../../shared/data/table';
import type { ImportResult } from '../../../shared/io/import-result';
import { crc32Hex } from '../../../shared/io/checksum';
import { DATABASE_SCHEMA_VERSION, WorkbenchDatabase, type ChunkRecord, type DatasetMeta } from '../../../renderer/src/store/database';
import { DatasetUnavailableError, activeDatabase, getSetting, listDatasets, loadDataset, saveDataset, setActiveDatabase, setSetting } from '../../../renderer/src/store/datasets';
import { listAllAnnotations } from '../../../renderer/src/store/annotations';
import { listScenarios } from '../../../renderer/src/store/scenarios';

let n = 0;
const names: string[] = [];
function freshName(): string {
  const name = `integrity-test-${++n}`;
  names.push(name);
  return name;
}
afterEach(async () => {
  activeDatabase().close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const table: ColumnarTable = {
  rowCount: 30,
  columns: [
    { kind: 'text', name: 'centre_code', codes: Int32Array.from({ length: 30 }, (_v, i) => i % 3), dictionary: ['RTH', 'RGT', 'RHQ'] },
    { kind: 'number', name: 'edss', values: Float64Array.from({ length: 30 }, (_v, i) => (i % 10) / 2) },
  ],
};
const result: ImportResult = {
  fileName: 'audit.csv', format: 'csv', extractType: 'patient', table,
  mapping: { centre_code: 'centre_code', edss: 'edss' },
  columns: [{ source: 'centre_code', field: 'centre_code', type: 'text', missing: 0, invalid: 0 }, { source: 'edss', field: 'edss', type: 'number', missing: 0, invalid: 0 }],
  identifiers: [], accounting: { rowsRead: 30, rowsImported: 30, rowsWithWarnings: 0, rowsExcluded: {} }, problems: [], problemsTruncated: false,
};
const provenance = { fileName: 'audit.csv', fileSize: 100, sha256: 'cd'.repeat(32) };

describe('CRC-32', () => {
  it('matches the standard check value', () => {
    expect(crc32Hex(new TextEncoder().encode('123456789'))).toBe('cbf43926');
    expect(crc32Hex(new Uint8Array(0))).toBe('00000000');
  });
});

describe('store integrity', () => {
  it('writes a checksum with each chunk and refuses a damaged chunk with a clear message', async () => {
    setActiveDatabase(new WorkbenchDatabase(freshName()));
    const meta = await saveDataset(result, provenance, { rowsPerChunk: 10 });
    const db = activeDatabase();
    const chunks = await db.chunks.toArray();
    expect(chunks).toHaveLength(3);
    for (const c of chunks) expect(c.checksum).toBe(crc32Hex(c.bytes));
    expect((await loadDataset(meta.id)).table.rowCount).toBe(30);
    // One byte changed on disk: the dataset is refused, not shown with a changed cell.
    const victim = chunks[1];
    const bytes = victim.bytes.slice();
    bytes[bytes.length - 9] ^= 0x01;
    await db.chunks.put({ ...victim, bytes });
    const error = await loadDataset(meta.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetUnavailableError);
    expect((error as Error).message).toBe(`"${meta.name}" is damaged on this computer: part 2 of 3 no longer matches the checksum written with it, so it is not shown. Delete it and import audit.csv again.`);
  });

  it('refuses a database written by a newer version, and leaves it unchanged', async () => {
    const name = freshName();
    const newer = new Dexie(name);
    newer.version(DATABASE_SCHEMA_VERSION + 5).stores({ datasets: 'id', chunks: '[datasetId+index]', future: 'id' });
    await newer.open();
    await newer.table('future').add({ id: 'kept' });
    newer.close();
    setActiveDatabase(new WorkbenchDatabase(name));
    const error = await listDatasets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetUnavailableError);
    expect((error as Error).message).toMatch(/^The data on this computer was saved by a newer version of the workbench .* Update the workbench to open it; this version leaves it unchanged\.$/);
    activeDatabase().close();
    // Any other way in is refused too (the check runs when the database opens).
    setActiveDatabase(new WorkbenchDatabase(name));
    await expect(activeDatabase().settings.get('anything')).rejects.toThrow(/saved by a newer version of the workbench/);
    activeDatabase().close();
    const again = new Dexie(name);
    await again.open();
    expect(again.verno).toBeGreaterThanOrEqual(DATABASE_SCHEMA_VERSION + 5);
    expect(await again.table('future').get('kept')).toEqual({ id: 'kept' });
    again.close();
  });

  it('refuses a newer database before Dexie opens it, whichever call comes first: its object stores and version are untouched', async () => {
    // The raw IndexedDB view of a database: its version and object stores (nothing Dexie adds or patches).
    const raw = (name: string): Promise<{ version: number; stores: string[] }> => new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => {
        const db = request.result;
        const out = { version: db.version, stores: [...db.objectStoreNames].sort() };
        db.close();
        resolve(out);
      };
      request.onerror = () => reject(request.error);
    });
    const name = freshName();
    const newer = new Dexie(name);
    // A newer workbench: some of this version's tables, one of its own, and none of mappings, recentFiles, settings, annotations.
    newer.version(DATABASE_SCHEMA_VERSION + 5).stores({ datasets: 'id', chunks: '[datasetId+index]', future: 'id' });
    await newer.open();
    await newer.table('future').add({ id: 'kept' });
    newer.close();
    const before = await raw(name);
    expect(before).toEqual({ version: (DATABASE_SCHEMA_VERSION + 5) * 10, stores: ['chunks', 'datasets', 'future'] });

    // Dexie hands a table call the failed open's error inside its DatabaseClosed ("NewerDatabaseError The data ...").
    const sentence = `The data on this computer was saved by a newer version of the workbench (database version ${DATABASE_SCHEMA_VERSION + 5}; this version reads up to ${DATABASE_SCHEMA_VERSION}). Update the workbench to open it; this version leaves it unchanged.`;
    const message = new RegExp(`(?:^|Error )${sentence.replace(/[.()]/g, '\\$&')}$`);
    // Ways in that do not go through listDatasets / loadDataset: a setting (read at start), notes, scenarios, an explicit open.
    const calls: [string, () => Promise<unknown>][] = [
      ['getSetting', () => getSetting('suppression', null)],
      ['setSetting', () => setSetting('suppression', '1-5')],
      ['listAllAnnotations', () => listAllAnnotations()],
      ['listScenarios', () => listScenarios()],
      ['a table read', () => activeDatabase().settings.get('anything')],
      ['open', () => activeDatabase().open()],
      ['listDatasets', () => listDatasets()],
    ];
    for (const [what, call] of calls) {
      setActiveDatabase(new WorkbenchDatabase(name));
      const error = await call().then(() => null, (e: unknown) => e);
      expect(error, what).toBeInstanceOf(Error);
      expect((error as Error).message, what).toMatch(message);
      activeDatabase().close();
      expect(await raw(name), what).toEqual(before);
    }
    // The store's own calls say it in its own words, with nothing around them.
    setActiveDatabase(new WorkbenchDatabase(name));
    const error = await listDatasets().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetUnavailableError);
    expect((error as Error).message).toBe(sentence);
    activeDatabase().close();
    const again = new Dexie(name);
    await again.open();
    expect(await again.table('future').get('kept')).toEqual({ id: 'kept' });
    again.close();
  });

  it('upgrades a database of the previous schema (no checksums): its datasets open and are checked from then on', async () => {
    const name = freshName();
    const old = new Dexie(name);
    old.version(1).stores({ datasets: 'id, importedAt, status, sha256', chunks: '[datasetId+index]', mappings: 'signature, updatedAt', recentFiles: '[name+size], openedAt', settings: 'key' });
    const chunks = tableToArrowChunks(table, 10);
    const meta: DatasetMeta = {
      id: 'old-1', name: 'audit.csv', fileName: 'audit.csv', fileSize: 100, sha256: 'cd'.repeat(32), importedAt: '2026-01-01T00:00:00.000Z', format: 'csv', sheet: null,
      extractType: 'patient', rowCount: 30, columns: result.columns, mapping: result.mapping, accounting: result.accounting, identifiers: [],
      validation: { warnings: {}, problems: [], truncated: false, asOf: null, asOfRule: 'latest' } as unknown as DatasetMeta['validation'],
      payloadFormat: 1, chunkCount: chunks.length, storedBytes: chunks.reduce((s, c) => s + c.byteLength, 0), status: 'complete',
    };
    await old.open();
    await old.table('datasets').add(meta);
    for (let i = 0; i < chunks.length; i++) await old.table('chunks').add({ datasetId: 'old-1', index: i, bytes: chunks[i] });
    old.close();

    setActiveDatabase(new WorkbenchDatabase(name));
    const { table: reopened } = await loadDataset('old-1');
    expect(Array.from({ length: 30 }, (_v, r) => cellValue(reopened.columns[0], r))).toEqual(Array.from({ length: 30 }, (_v, r) => ['RTH', 'RGT', 'RHQ'][r % 3]));
    const db = activeDatabase();
    expect(db.verno).toBe(DATABASE_SCHEMA_VERSION);
    const upgraded: ChunkRecord[] = await db.chunks.toArray();
    for (const c of upgraded) expect(c.checksum).toBe(crc32Hex(c.bytes));
  });
});

describe('re-mapping a stored dataset without reading the file again', () => {
  it('maps a kept text column to a date field, retyping the stored values, and refuses a second holder', async () => {
    setActiveDatabase(new WorkbenchDatabase(freshName()));
    const withKept: ImportResult = {
      ...result,
      table: { rowCount: 30, columns: [...table.columns, { kind: 'text', name: 'date_1st_neuro_appt_v2', codes: Int32Array.from({ length: 30 }, (_v, i) => (i % 10 === 9 ? -1 : i % 4)), dictionary: ['01/02/2024', '15/03/2024', 'not known', '30/04/2024'] }] },
      mapping: { ...result.mapping, 'Date 1st Neuro Appt v2': null },
      columns: [...result.columns, { source: 'Date 1st Neuro Appt v2', field: null, type: 'text', missing: 3, invalid: 0 }],
    };
    const saved = await saveDataset(withKept, provenance, { rowsPerChunk: 7 });
    const { remapStoredColumn } = await import('../../../renderer/src/store/datasets');
    const { meta, unreadable } = await remapStoredColumn(saved.id, 'date_1st_neuro_appt_v2', 'first_seen_date');
    expect(unreadable).toBe(7); // the "not known" cells: i % 4 === 2 on rows whose i % 10 !== 9
    expect(meta.mapping['Date 1st Neuro Appt v2']).toBe('first_seen_date');
    expect(meta.columns.find((c) => c.source === 'Date 1st Neuro Appt v2')).toMatchObject({ field: 'first_seen_date', type: 'date', invalid: 7 });
    const { table: reopened } = await loadDataset(saved.id);
    const seen = reopened.columns.find((c) => c.name === 'first_seen_date');
    expect(seen?.kind).toBe('date');
    expect(cellValue(seen!, 0)).toBe('2024-02-01');
    expect(cellValue(seen!, 1)).toBe('2024-03-15');
    expect(cellValue(seen!, 2)).toBeNull();
    for (const c of await activeDatabase().chunks.toArray()) expect(c.checksum).toBe(crc32Hex(c.bytes));
    await expect(remapStoredColumn(saved.id, 'edss', 'first_seen_date')).rejects.toThrow(/Another column already holds First seen by MS specialist/);
  });
});
