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

/**
 * Where the worker reads a file's bytes from, each time it reads it: the browser's File (a Blob
 * the worker streams itself, cloned without copying its bytes), or a stream the page built and
 * transferred (an Electron file pulled chunk by chunk through the host, or the bundled sample's
 * response body). Never the bytes themselves. See host/file-stream.ts.
 */
export type ImportSource = { kind: 'blob'; blob: Blob } | { kind: 'stream'; stream: ReadableStream<Uint8Array> };

/** The facts of the file being imported, as the person chose it. */
export interface ImportFile {
  name: string;
  size: number;
}

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
  /**
   * Read a file as it streams in (refused up front when over the size limit), fingerprint it on
   * the way, and propose a mapping. Progress events count the bytes read so far.
   */
  read(params: { file: ImportFile; source: ImportSource; sheet?: string }, context: RpcContext<ImportProgress>): Promise<ImportPrepared>;
  /** Read the same file again from a fresh source: another sheet of a workbook, or the header on another row. */
  readSheet(params: { source: ImportSource; sheet?: string; headerRow?: number }, context: RpcContext<ImportProgress>): Promise<ImportPrepared>;
  /** Type, validate, guard identifiers and store the file read last, with these choices. */
  import(params: { choices: ImportChoices }, context: RpcContext<ImportProgress>): Promise<ImportStored>;
}

/** The import worker's RPC, for both sides. */
export const importRpc = defineRpc<ImportApi>();
