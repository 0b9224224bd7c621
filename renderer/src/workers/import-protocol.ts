/**
 * What the import worker offers the Data view, as one typed RPC (rpc.ts, the same as the dataset
 * worker's): read a file (or another sheet of it) and propose a mapping, then import it with the
 * person's choices. Long steps report typed progress events. The worker (import.worker.ts) serves
 * `importRpc`; the page connects to it (state/import-session.ts).
 */
import type { ImportResult } from '../../../shared/io/import-result';
import type { ReadProgress } from '../../../shared/io/raw-table';
import type { ImportPreparation } from '../../../shared/io/pipeline';
import type { DatasetMeta } from '../store/database';
import { defineRpc, type RpcContext } from './rpc';

/** The person's choices on the mapping screen. */
export interface ImportChoices {
  mapping: Record<string, string | null>;
  dateOrders: Record<string, 'dmy' | 'mdy' | 'ymd'>;
  identifierActions: Record<string, 'drop' | 'pseudonymise' | 'keep'>;
}

/** How far an import has got: the stage, and bytes and rows so far. */
export interface ImportProgress {
  stage: 'reading' | 'typing' | 'storing';
  progress: ReadProgress;
}

/** A file read and a mapping proposed, for the mapping screen. */
export interface ImportPrepared {
  preparation: ImportPreparation;
  sheets: string[];
  sheet?: string;
  format: string;
}

/** A dataset stored: its metadata and the accounting of every row. */
export interface ImportStored {
  meta: DatasetMeta;
  result: Omit<ImportResult, 'table'>;
}

/** The import worker's operations. A failure rejects with the ImportError's message and code. */
export interface ImportApi {
  /** Read a file (moved, not copied, into the worker, which keeps it for another sheet). */
  read(params: { fileName: string; fileSize: number; bytes: Uint8Array; sheet?: string }, context: RpcContext<ImportProgress>): Promise<ImportPrepared>;
  /** Read another sheet of the workbook the worker holds, or the same file with the header on another row. */
  readSheet(params: { sheet?: string; headerRow?: number }, context: RpcContext<ImportProgress>): Promise<ImportPrepared>;
  /** Type, validate, guard identifiers and store the file read last, with these choices. */
  import(params: { choices: ImportChoices }, context: RpcContext<ImportProgress>): Promise<ImportStored>;
}

/** The import worker's RPC, for both sides. */
export const importRpc = defineRpc<ImportApi>();
