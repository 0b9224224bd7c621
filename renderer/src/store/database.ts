/**
 * The workbench's local database (IndexedDB through Dexie). A dataset is one metadata record plus
 * its data as Arrow IPC chunks (stack-notes, "Dexie for big datasets"): never one record per row,
 * and the chunk bytes are never indexed. Works in the page and in Web Workers alike.
 *
 * Two versions move independently: DATABASE_SCHEMA_VERSION (the tables and indexes below) and
 * the chunk payload format (ARROW_PAYLOAD_FORMAT in shared/data/arrow.ts, stored per dataset).
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
export const DATABASE_SCHEMA_VERSION = 2;

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
  /** CRC-32 of bytes (shared/io/checksum.ts), checked when the dataset is reopened (schema 2 on). */
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

/** Tables and indexes (primary key first). Chunk bytes and dataset reports are not indexed. */
const SCHEMA_1 = {
  datasets: 'id, importedAt, status, sha256',
  chunks: '[datasetId+index]',
  mappings: 'signature, updatedAt',
  recentFiles: '[name+size], openedAt',
  settings: 'key',
};

/** The workbench's tables. */
export class WorkbenchDatabase extends Dexie {
  datasets!: EntityTable<DatasetMeta, 'id'>;
  chunks!: Table<ChunkRecord, [string, number]>;
  mappings!: EntityTable<RememberedMapping, 'signature'>;
  recentFiles!: Table<RecentFile, [string, number]>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    // Schema 1: the tables. Schema 2: every chunk carries a checksum (added to old chunks here).
    this.version(1).stores(SCHEMA_1);
    this.version(DATABASE_SCHEMA_VERSION).stores(SCHEMA_1).upgrade(async (tx) => {
      await tx.table<ChunkRecord, [string, number]>('chunks').toCollection().modify((chunk) => {
        chunk.checksum = crc32Hex(chunk.bytes);
      });
    });
  }
}
