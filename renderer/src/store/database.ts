/**
 * The workbench's local database (IndexedDB through Dexie). A dataset is one metadata record plus
 * its data as Arrow IPC chunks (stack-notes, "Dexie for big datasets"): never one record per row,
 * and the chunk bytes are never indexed. Works in the page and in Web Workers alike.
 *
 * Two versions move independently: DATABASE_SCHEMA_VERSION (the tables and indexes below) and
 * the chunk payload format (ARROW_PAYLOAD_FORMAT in shared/data/arrow.ts, stored per dataset).
 * A database of a higher schema version (a newer workbench) is refused before Dexie opens it, so
 * nothing is ever written to it (refusingNewerFactory).
 */
import { crc32Hex } from '../../../shared/io/checksum';
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ExtractType } from '../../../shared/schema/fields';
import type {
  ColumnReport,
  FileFormat,
  IdentifierFinding,
  RowAccounting,
  RowProblem,
} from '../../../shared/io/import-result';

/** IndexedDB database name; data is tied to the page origin (app://workbench in the desktop app). */
export const DATABASE_NAME = 'ms-variation-workbench';

/** Version of the tables and indexes below (Dexie schema), separate from the chunk payload format. */
export const DATABASE_SCHEMA_VERSION = 3;

/** Tables and indexes of version 1 (datasets, chunks, mappings, recent files, settings). */
export const SCHEMA_V1 = Object.freeze({
  // Primary key first, then indexes. Chunk bytes and dataset reports are not indexed.
  datasets: 'id, importedAt, status, sha256',
  chunks: '[datasetId+index]',
  mappings: 'signature, updatedAt',
  recentFiles: '[name+size], openedAt',
  settings: 'key',
});

/** Version 2 adds dated notes of changes (PDSA annotations) per group and measure; every v1 table is kept as it is. */
export const SCHEMA_V2_ADDITIONS = Object.freeze({
  annotations: 'id, [measureId+group], date',
});

/** Version 3 changes no table: every chunk gains a checksum (CRC-32 of its bytes), computed for old chunks on upgrade. */
export const CHECKSUM_SCHEMA_VERSION = 3;

/** Validation problems kept with a dataset; the counts in its accounting stay complete. */
export const STORED_PROBLEMS_LIMIT = 1_000;

/** Recent files remembered for the start screen. */
export const RECENT_FILES_LIMIT = 10;

/** What the validation report said, small enough to keep with the dataset. */
export interface ValidationSummary {
  /** The first problems, at most STORED_PROBLEMS_LIMIT. */
  problems: RowProblem[];
  /** How many problems the import listed (the import itself may have capped its list). */
  problemsListed: number;
  /** True when more problems existed than are kept here. */
  truncated: boolean;
}

/** One stored dataset, without its rows. */
export interface DatasetMeta {
  /** Random UUID. */
  id: string;
  /** Name shown to people (file name, plus the sheet for workbooks). */
  name: string;
  fileName: string;
  /** Source file size in bytes. */
  fileSize: number;
  /** SHA-256 of the source file, as 64 hex characters. */
  sha256: string;
  /** When it was imported, ISO 8601. */
  importedAt: string;
  format: FileFormat;
  sheet: string | null;
  extractType: ExtractType;
  rowCount: number;
  columns: ColumnReport[];
  mapping: Record<string, string | null>;
  accounting: RowAccounting;
  identifiers: IdentifierFinding[];
  validation: ValidationSummary;
  /** Payload format of the chunks (ARROW_PAYLOAD_FORMAT when written). */
  payloadFormat: number;
  chunkCount: number;
  /** Total bytes of the stored chunks. */
  storedBytes: number;
  /** 'writing' only ever exists inside the saving transaction; a leftover is removed on open. */
  status: 'complete' | 'writing';
}

/** One Arrow IPC chunk of a dataset's rows. */
export interface ChunkRecord {
  datasetId: string;
  /** 0-based position of the chunk in the dataset. */
  index: number;
  /** A standalone Arrow IPC stream. Never indexed. */
  bytes: Uint8Array;
  /** CRC-32 of bytes (shared/io/checksum.ts), checked when the dataset is reopened (schema 3 on). */
  checksum?: string;
}

/** A column mapping remembered for files whose headers match. */
export interface RememberedMapping {
  /** Header signature of the source file (see shared/io/mapping headerSignature). */
  signature: string;
  mapping: Record<string, string | null>;
  updatedAt: string;
}

/** A file opened recently. */
export interface RecentFile {
  name: string;
  size: number;
  openedAt: string;
}

/** One setting by key (pseudonym key bytes, suppression threshold, edited standards, ...). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/**
 * A dated note of a change ("new triage clinic started") for one centre, region or the nation and
 * one measure; drawn on every trend chart of that group and measure and listed in its exports.
 * Kept apart from datasets, so a note outlives the extract it was made on.
 */
export interface AnnotationRecord {
  /** Random UUID. */
  id: string;
  measureId: string;
  /** Grouping column the note belongs to (centre_code, region, or '' for the nation). */
  by: string;
  /** Group value (centre code, region name, or '' for the nation). */
  group: string;
  /** Date of the change, ISO yyyy-mm-dd. */
  date: string;
  text: string;
  createdAt: string;
}

/** The message for a database saved by a newer version of the workbench (schema `version` on disk). */
export function newerDatabaseMessage(version: number): string {
  return `The data on this computer was saved by a newer version of the workbench (database version ${version}; this version reads up to ${DATABASE_SCHEMA_VERSION}). Update the workbench to open it; this version leaves it unchanged.`;
}

/** The database on disk was written by a newer version of the workbench; it was not opened, and nothing was written to it. */
export class NewerDatabaseError extends Error {
  constructor(readonly version: number) {
    super(newerDatabaseMessage(version));
    this.name = 'NewerDatabaseError';
  }
}

/**
 * The schema version of a database on disk (Dexie's number: IndexedDB's version / 10), 0 when
 * there is none. Opens it once with no version (which never upgrades an existing database) and
 * closes it; a database that does not exist is not created.
 */
export function storedSchemaVersion(factory: IDBFactory, name: string): Promise<number> {
  return new Promise((resolve) => {
    const request = factory.open(name);
    // No database yet: opening without a version would create one at version 1; abort that.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => {
      const version = request.result.version;
      request.result.close();
      resolve(version / 10);
    };
    request.onerror = () => resolve(0);
  });
}

/**
 * An open request that fails with NewerDatabaseError once the stored version has been read: it
 * stands in for IDBOpenDBRequest where Dexie would otherwise open a newer database. Dexie sets
 * its on* handlers and reads `error` from the event's target when it fails.
 */
function refusedOpen(factory: IDBFactory, name: string): IDBOpenDBRequest {
  const request = {
    error: null as Error | null,
    result: undefined,
    transaction: null,
    readyState: 'pending',
    onerror: null as ((event: unknown) => void) | null,
    onsuccess: null,
    onblocked: null,
    onupgradeneeded: null,
  };
  void storedSchemaVersion(factory, name).then((version) => {
    // Dexie only gets here after IndexedDB said the database is newer than ours; if it no longer is (replaced meanwhile), say so.
    request.error = version > DATABASE_SCHEMA_VERSION
      ? new NewerDatabaseError(version)
      : new Error('The workbench database changed while it was being opened (another workbench window?). Reload the workbench.');
    request.readyState = 'done';
    request.onerror?.({ type: 'error', target: request, preventDefault() {}, stopPropagation() {} });
  });
  return request as unknown as IDBOpenDBRequest;
}

/**
 * The IndexedDB the workbench database opens through: IndexedDB itself, except that it never
 * opens a database without a version. Dexie 4 asks for one only after IndexedDB refused our
 * version as older than the database on disk (VersionError): it would then open the newer
 * database at its own version and, finding this version's tables missing, upgrade it to add them
 * ("SchemaDiff") before the workbench could refuse it. Here that open fails instead, with
 * NewerDatabaseError, so nothing is ever written to a newer database, whichever call opens it.
 */
export function refusingNewerFactory(factory: IDBFactory): IDBFactory {
  const guarded: Pick<IDBFactory, 'open' | 'deleteDatabase' | 'cmp'> & Partial<Pick<IDBFactory, 'databases'>> = {
    open: (name: string, version?: number) => (version === undefined ? refusedOpen(factory, name) : factory.open(name, version)),
    deleteDatabase: (name: string) => factory.deleteDatabase(name),
    cmp: (first: unknown, second: unknown) => factory.cmp(first, second),
  };
  // Dexie keeps its own list of database names only where IndexedDB cannot list them.
  if (typeof factory.databases === 'function') guarded.databases = () => factory.databases();
  return guarded as IDBFactory;
}

/** The workbench's tables. */
export class WorkbenchDatabase extends Dexie {
  datasets!: EntityTable<DatasetMeta, 'id'>;
  chunks!: Table<ChunkRecord, [string, number]>;
  mappings!: EntityTable<RememberedMapping, 'signature'>;
  recentFiles!: Table<RecentFile, [string, number]>;
  settings!: EntityTable<SettingRecord, 'key'>;
  annotations!: EntityTable<AnnotationRecord, 'id'>;

  constructor(name: string = DATABASE_NAME) {
    // Without IndexedDB (never in the app) Dexie's own MissingAPI error says so.
    const factory = Dexie.dependencies.indexedDB as IDBFactory | undefined;
    super(name, factory ? { indexedDB: refusingNewerFactory(factory) } : {});
    this.version(1).stores(SCHEMA_V1);
    // Adding a table needs no upgrade function: Dexie creates it and leaves the v1 tables and their rows untouched.
    this.version(2).stores({ ...SCHEMA_V1, ...SCHEMA_V2_ADDITIONS });
    // Version 3: every chunk carries a checksum, added to old chunks here.
    this.version(CHECKSUM_SCHEMA_VERSION).stores({ ...SCHEMA_V1, ...SCHEMA_V2_ADDITIONS }).upgrade(async (tx) => {
      await tx.table<ChunkRecord, [string, number]>('chunks').toCollection().modify((chunk) => {
        chunk.checksum = crc32Hex(chunk.bytes);
      });
    });
  }
}
