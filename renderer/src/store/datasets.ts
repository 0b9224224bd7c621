/**
 * Keeping datasets on this computer: save an import as metadata plus Arrow chunks in one
 * transaction, list, reopen without re-parsing, delete; plus remembered mappings, recent files,
 * settings and the pseudonym key. Runs in the page or in a worker.
 */
import Dexie from 'dexie';
import { crc32Hex } from '../../../shared/io/checksum';
import { chosenAtImport, remapColumn, RemapError, storedColumnName, unmapColumn, withMaskedFinding, type Remapped } from '../../../shared/io/remap';
import { columnNameFor } from '../../../shared/io/mapping';
import { ARROW_PAYLOAD_FORMAT, ArrowPayloadError, tableFromArrowChunks, tableToArrowChunks } from '../../../shared/data/arrow';
import type { ColumnarTable } from '../../../shared/data/table';
import type { ColumnReport, ImportResult } from '../../../shared/io/import-result';
import {
  NewerDatabaseError,
  RECENT_FILES_LIMIT,
  STORED_PROBLEMS_LIMIT,
  WorkbenchDatabase,
  type ChunkRecord,
  type DatasetMeta,
  type RecentFile,
} from './database';

/** Bytes in a megabyte as storage estimates count them (decimal). */
const BYTES_PER_MB = 1_000_000;

/** Settings key holding the pseudonym key bytes. */
export const PSEUDONYM_KEY_SETTING = 'pseudonymKey';

/** Length of the pseudonym key in bytes (256-bit HMAC key). */
const PSEUDONYM_KEY_LENGTH = 32;

/** Where the source file of a dataset came from. */
export interface Provenance {
  fileName: string;
  fileSize: number;
  sha256: string;
}

/** Options for saving a dataset. */
export interface SaveOptions {
  /** Called after each chunk is written, inside the transaction; throwing here abandons the save. */
  onChunkWritten?: (written: number, total: number) => void;
  /** Rows per Arrow chunk (default from shared/data/arrow). */
  rowsPerChunk?: number;
}

/** Whether a dataset of this size fits in the browser's storage quota. */
export interface QuotaCheck {
  ok: boolean;
  /** Bytes free, or null when the browser does not say. */
  available: number | null;
  needed: number;
  /** Plain words for people when it does not fit; null when it does. */
  message: string | null;
}

/** The dataset could not be kept because local storage is full. */
export class StorageFullError extends Error {
  constructor(
    message: string,
    readonly needed: number,
    readonly available: number | null,
  ) {
    super(message);
    this.name = 'StorageFullError';
  }
}

/** A stored dataset could not be found or read back. */
export class DatasetUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetUnavailableError';
  }
}

// ---------------------------------------------------------------------------------------------
// The database in use

let active: WorkbenchDatabase | null = null;

/** The workbench database, opened on first use; leftovers of interrupted saves are removed on open. */
export function activeDatabase(): WorkbenchDatabase {
  if (!active) setActiveDatabase(new WorkbenchDatabase());
  return active as WorkbenchDatabase;
}

/** Use this database from now on (tests pass a fresh one with its own name). */
export function setActiveDatabase(db: WorkbenchDatabase): void {
  // A database from a newer version never gets this far: WorkbenchDatabase refuses to open it, for every way in.
  db.on('ready', async (vip) => {
    await cleanIncomplete(vip);
  });
  active = db;
}

/** All chunk keys of one dataset, as a key range on [datasetId+index]. */
function chunkRange(db: Dexie, datasetId: string) {
  return db.table<ChunkRecord, [string, number]>('chunks').where('[datasetId+index]').between([datasetId, Dexie.minKey], [datasetId, Dexie.maxKey], true, true);
}

/** Remove datasets left in 'writing' state and chunks whose dataset is gone; returns how many datasets were removed. */
export async function cleanIncomplete(db: Dexie = activeDatabase()): Promise<number> {
  const datasets = db.table<DatasetMeta, string>('datasets');
  const chunks = db.table<ChunkRecord, [string, number]>('chunks');
  return db.transaction('rw', datasets, chunks, async () => {
    const leftovers = (await datasets.where('status').equals('writing').primaryKeys()) as string[];
    for (const id of leftovers) await chunkRange(db, id).delete();
    await datasets.bulkDelete(leftovers);
    const known = new Set((await datasets.toCollection().primaryKeys()) as string[]);
    const orphans = ((await chunks.toCollection().primaryKeys()) as [string, number][]).filter(([id]) => !known.has(id));
    if (orphans.length) await chunks.bulkDelete(orphans);
    return leftovers.length;
  });
}

// ---------------------------------------------------------------------------------------------
// Quota

/** "12.3" style megabytes for messages. */
function megabytes(bytes: number, round: (x: number) => number): string {
  const mb = round((bytes / BYTES_PER_MB) * 10) / 10;
  return mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1);
}

/** The message people see when a dataset does not fit. */
export function storageFullMessage(needed: number, available: number | null): string {
  const free = available === null ? '' : `, ${megabytes(Math.max(0, available), Math.floor)} MB free`;
  return `Not enough local storage to keep this dataset (needs about ${megabytes(needed, Math.ceil)} MB${free}). Delete datasets you no longer need, then try again.`;
}

/** The browser's storage manager, when this environment has one. */
function storageManager(): StorageManager | null {
  const nav = (globalThis as { navigator?: { storage?: StorageManager } }).navigator;
  return nav?.storage ?? null;
}

/** Check before an import whether `bytesNeeded` more bytes fit (navigator.storage.estimate when available). */
export async function checkQuota(bytesNeeded: number): Promise<QuotaCheck> {
  const storage = storageManager();
  if (!storage?.estimate) return { ok: true, available: null, needed: bytesNeeded, message: null };
  try {
    const { quota, usage } = await storage.estimate();
    if (quota === undefined) return { ok: true, available: null, needed: bytesNeeded, message: null };
    const available = Math.max(0, quota - (usage ?? 0));
    const ok = available >= bytesNeeded;
    return { ok, available, needed: bytesNeeded, message: ok ? null : storageFullMessage(bytesNeeded, available) };
  } catch {
    return { ok: true, available: null, needed: bytesNeeded, message: null };
  }
}

/** Ask the browser to keep this site's data when space runs low; true when it will. */
export async function requestPersistence(): Promise<boolean> {
  const storage = storageManager();
  if (!storage?.persist) return false;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

/** True when an error (or one it wraps, as Dexie's AbortError does in `inner`) means storage is full. */
export function isQuotaExceeded(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown };
    if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    if (e.code === 22 && typeof DOMException !== 'undefined' && current instanceof DOMException) return true;
    current = e.inner ?? e.cause;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Datasets

/** A random UUID (v4), also where crypto.randomUUID is missing. */
function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Bytes that own exactly their buffer, so IndexedDB does not copy a larger one. */
function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** The metadata record for an import, before its chunks are written. */
function datasetMeta(result: ImportResult, provenance: Provenance, chunkCount: number, storedBytes: number): DatasetMeta {
  const problems = result.problems.slice(0, STORED_PROBLEMS_LIMIT);
  return {
    id: newId(),
    name: result.sheet ? `${provenance.fileName} (${result.sheet})` : provenance.fileName,
    fileName: provenance.fileName,
    fileSize: provenance.fileSize,
    sha256: provenance.sha256,
    importedAt: new Date().toISOString(),
    format: result.format,
    sheet: result.sheet ?? null,
    extractType: result.extractType,
    rowCount: result.table.rowCount,
    columns: result.columns,
    mapping: result.mapping,
    accounting: result.accounting,
    identifiers: result.identifiers,
    validation: {
      problems,
      problemsListed: result.problems.length,
      truncated: result.problemsTruncated || result.problems.length > problems.length,
    },
    payloadFormat: ARROW_PAYLOAD_FORMAT,
    chunkCount,
    storedBytes,
    status: 'writing',
  };
}

/**
 * Keep an import on this computer: metadata plus Arrow chunks, written in one transaction so a
 * failed or cancelled save leaves nothing behind. Throws StorageFullError when space runs out.
 */
export async function saveDataset(result: ImportResult, provenance: Provenance, options: SaveOptions = {}): Promise<DatasetMeta> {
  const db = activeDatabase();
  const chunks = tableToArrowChunks(result.table, options.rowsPerChunk).map(ownBytes);
  const storedBytes = chunks.reduce((sum, c) => sum + c.byteLength, 0);
  const quota = await checkQuota(storedBytes);
  if (!quota.ok) throw new StorageFullError(quota.message ?? storageFullMessage(storedBytes, quota.available), storedBytes, quota.available);

  const meta = datasetMeta(result, provenance, chunks.length, storedBytes);
  try {
    await db.transaction('rw', db.datasets, db.chunks, async () => {
      await db.datasets.add(meta);
      for (let index = 0; index < chunks.length; index++) {
        await db.chunks.add({ datasetId: meta.id, index, bytes: chunks[index], checksum: crc32Hex(chunks[index]) });
        options.onChunkWritten?.(index + 1, chunks.length);
      }
      await db.datasets.update(meta.id, { status: 'complete' });
    });
  } catch (error) {
    if (isQuotaExceeded(error)) {
      const after = await checkQuota(storedBytes);
      throw new StorageFullError(storageFullMessage(storedBytes, after.available), storedBytes, after.available);
    }
    throw error;
  }
  return { ...meta, status: 'complete' };
}

/** Every complete dataset, newest first. */
export async function listDatasets(): Promise<DatasetMeta[]> {
  const all = await opened(() => activeDatabase().datasets.orderBy('importedAt').reverse().toArray());
  return all.filter((d) => d.status === 'complete');
}

/**
 * Run a database call, turning "this database was written by a newer version" (refused before
 * anything was written: database.ts refusingNewerFactory) into the store's error, with the
 * message people can act on: the data is left untouched, and an update of the workbench opens it.
 */
async function opened<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const newer = newerDatabase(error);
    if (newer) throw new DatasetUnavailableError(newer.message);
    throw error;
  }
}

/** What to tell people about a store error: the refusal of a newer database in its own words, else the error's message. */
export function storeErrorMessage(error: unknown): string {
  return newerDatabase(error)?.message ?? (error instanceof Error ? error.message : String(error));
}

/** The refusal of a newer database in an error, whether Dexie passes it on as it is or inside its DatabaseClosed. */
function newerDatabase(error: unknown): NewerDatabaseError | null {
  if (error instanceof NewerDatabaseError) return error;
  const inner = (error as { inner?: unknown } | null)?.inner;
  return inner instanceof NewerDatabaseError ? inner : null;
}

/** One dataset's metadata, or undefined. */
export async function getDataset(id: string): Promise<DatasetMeta | undefined> {
  const meta = await activeDatabase().datasets.get(id);
  return meta?.status === 'complete' ? meta : undefined;
}

/** Reopen a stored dataset: its metadata and its table, decoded from the chunks (no re-parsing). */
export async function loadDataset(id: string): Promise<{ meta: DatasetMeta; table: ColumnarTable }> {
  const db = activeDatabase();
  const { meta, chunks } = await opened(() => db.transaction('r', db.datasets, db.chunks, async () => {
    const found = await db.datasets.get(id);
    return { meta: found, chunks: found ? await chunkRange(db, id).toArray() : [] };
  }));
  if (!meta || meta.status !== 'complete') {
    throw new DatasetUnavailableError('This dataset is no longer stored on this computer. Import the file again.');
  }
  if (meta.payloadFormat > ARROW_PAYLOAD_FORMAT) {
    throw new DatasetUnavailableError(`"${meta.name}" was stored by a newer version of the workbench. Update the workbench, or import the file again.`);
  }
  if (chunks.length !== meta.chunkCount) {
    throw new DatasetUnavailableError(`"${meta.name}" is incomplete on this computer (${chunks.length} of ${meta.chunkCount} parts). Delete it and import ${meta.fileName} again.`);
  }
  // Every chunk is checked against the checksum written with it: damage is reported, never shown as data.
  const damaged = chunks.find((c) => c.checksum !== undefined && crc32Hex(c.bytes) !== c.checksum);
  if (damaged) {
    throw new DatasetUnavailableError(`"${meta.name}" is damaged on this computer: part ${damaged.index + 1} of ${meta.chunkCount} no longer matches the checksum written with it, so it is not shown. Delete it and import ${meta.fileName} again.`);
  }
  try {
    const table = tableFromArrowChunks(chunks.map((c) => c.bytes));
    if (table.rowCount !== meta.rowCount) throw new ArrowPayloadError(`it holds ${table.rowCount} rows, not ${meta.rowCount}`);
    return { meta, table };
  } catch (error) {
    if (!(error instanceof ArrowPayloadError)) throw error;
    throw new DatasetUnavailableError(`"${meta.name}" could not be read back (${error.message}). Delete it and import ${meta.fileName} again.`);
  }
}

/** Delete one dataset and its chunks. */
export async function deleteDataset(id: string): Promise<void> {
  const db = activeDatabase();
  await db.transaction('rw', db.datasets, db.chunks, async () => {
    await chunkRange(db, id).delete();
    await db.datasets.delete(id);
  });
}

/**
 * "Delete all local data" means everything this workbench keeps on this computer: datasets,
 * remembered mappings, recent files and settings, including the pseudonym key. Pseudonyms made
 * afterwards use a new key, so they cannot be linked to pseudonyms made before.
 */
export async function deleteAllLocalData(): Promise<void> {
  const db = activeDatabase();
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}

// ---------------------------------------------------------------------------------------------
// Mappings, recent files, settings

/** Remember the column mapping chosen for files with this header signature. */
export async function rememberMapping(signature: string, mapping: Record<string, string | null>): Promise<void> {
  await activeDatabase().mappings.put({ signature, mapping, updatedAt: new Date().toISOString() });
}

/** The mapping last chosen for this header signature, or null. */
export async function recallMapping(signature: string): Promise<Record<string, string | null> | null> {
  return (await activeDatabase().mappings.get(signature))?.mapping ?? null;
}

let lastOpenedAt = 0;

/** Now as ISO 8601, strictly later than the previous call so recent files keep their order. */
function openedNow(): string {
  lastOpenedAt = Math.max(Date.now(), lastOpenedAt + 1);
  return new Date(lastOpenedAt).toISOString();
}

/** Note that a file was opened; keeps the RECENT_FILES_LIMIT most recent (same name and size counts once). */
export async function addRecentFile(file: { name: string; size: number }): Promise<void> {
  const db = activeDatabase();
  await db.transaction('rw', db.recentFiles, async () => {
    await db.recentFiles.put({ name: file.name, size: file.size, openedAt: openedNow() });
    const keys = await db.recentFiles.orderBy('openedAt').reverse().primaryKeys();
    if (keys.length > RECENT_FILES_LIMIT) await db.recentFiles.bulkDelete(keys.slice(RECENT_FILES_LIMIT));
  });
}

/** Recently opened files, newest first. */
export async function listRecentFiles(): Promise<RecentFile[]> {
  return activeDatabase().recentFiles.orderBy('openedAt').reverse().toArray();
}

/** A stored setting, or `fallback` when it was never set. */
export async function getSetting<T>(key: string, fallback: T): Promise<T> {
  const record = await activeDatabase().settings.get(key);
  return record === undefined ? fallback : (record.value as T);
}

/** Store a setting (structured-cloneable value). */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await activeDatabase().settings.put({ key, value });
}

/**
 * The key for pseudonymising identifiers on this computer: 32 random bytes made on first use and
 * kept in settings. It never leaves the machine: exports and bundles must not include it.
 */
export async function getOrCreatePseudonymKey(): Promise<Uint8Array> {
  const db = activeDatabase();
  return db.transaction('rw', db.settings, async () => {
    const existing = await db.settings.get(PSEUDONYM_KEY_SETTING);
    if (existing?.value instanceof Uint8Array && existing.value.length === PSEUDONYM_KEY_LENGTH) return existing.value;
    const key = crypto.getRandomValues(new Uint8Array(PSEUDONYM_KEY_LENGTH));
    await db.settings.put({ key: PSEUDONYM_KEY_SETTING, value: key });
    return key;
  });
}

/**
 * Map a kept column of a stored dataset to a canonical field without reading the file again:
 * the column is renamed (and retyped from its stored values when the field's kind differs), its
 * chunks rewritten with fresh checksums, and the mapping and column report updated, in one
 * transaction. With `field` null the column is unmapped instead: kept as a plain column under its
 * header's name (shared/io/remap.ts unmapColumn), so measures that need the field say it is
 * missing again, with the NHS numbers and titled names in its text masked as an import masks a
 * plain column's, and the masking recorded in the identifier findings as the import records it.
 * Returns the updated metadata, how many values the new type could not read, and how many had
 * identifiers masked.
 */
export async function remapStoredColumn(id: string, column: string, field: string | null): Promise<{ meta: DatasetMeta; unreadable: number; masked: number }> {
  const { meta, table } = await loadDataset(id);
  const source = (meta.columns.find((c) => (c.field ?? null) === null && storedColumnName(c) === column) ?? meta.columns.find((c) => storedColumnName(c) === column))?.source ?? column;
  let remapped: Remapped & { name?: string; masked?: number };
  try {
    remapped = field === null
      ? unmapColumn(table, column, source, { maskIdentifiers: !chosenAtImport(meta.identifiers, source) })
      : remapColumn(table, column, field, meta.extractType);
  } catch (error) {
    if (error instanceof RemapError) throw new DatasetUnavailableError(error.message);
    throw error;
  }
  const masked = remapped.masked ?? 0;
  const chunks = tableToArrowChunks(remapped.table).map(ownBytes);
  const report = (c: ColumnReport): ColumnReport => {
    const updated: ColumnReport = { ...c, field, type: remapped.kind, invalid: c.invalid + remapped.unreadable };
    delete updated.stored;
    // A plain column not stored under columnNameFor(source, null) records its name.
    if (field === null && remapped.name !== undefined && remapped.name !== columnNameFor(c.source, null)) updated.stored = remapped.name;
    return updated;
  };
  const updated: DatasetMeta = {
    ...meta,
    mapping: { ...meta.mapping, [source]: field },
    columns: meta.columns.map((c) => (c.source === source ? report(c) : c)),
    identifiers: withMaskedFinding(meta.identifiers, source, masked),
    chunkCount: chunks.length,
    storedBytes: chunks.reduce((sum, c) => sum + c.byteLength, 0),
  };
  const db = activeDatabase();
  await db.transaction('rw', db.datasets, db.chunks, async () => {
    await chunkRange(db, id).delete();
    for (let index = 0; index < chunks.length; index++) await db.chunks.add({ datasetId: id, index, bytes: chunks[index], checksum: crc32Hex(chunks[index]) });
    await db.datasets.put(updated);
  });
  return { meta: updated, unreadable: remapped.unreadable, masked };
}
