/**
 * One import at a time, driven from the Data view: a fresh import worker per file, reached
 * through its typed RPC (workers/import-protocol.ts), so Cancel can stop it instantly (terminate)
 * and nothing half-written survives (the store writes in one transaction). The view sees a
 * stream of ImportEvents.
 */
import { importRpc, type ImportApi, type ImportChoices, type ImportPrepared, type ImportProgress, type ImportSource, type ImportStored } from '../workers/import-protocol';
import { RpcError, type RpcClient } from '../workers/rpc';
import type { HostFile } from '../../../shared/host/workbench-host';
import { openFileStream } from '../host';

/** What the Data view hears about the import in progress. */
export type ImportEvent =
  | ({ type: 'progress' } & ImportProgress)
  | ({ type: 'prepared' } & ImportPrepared)
  | ({ type: 'stored' } & ImportStored)
  | { type: 'failed'; message: string; code: string }
  | { type: 'cancelled' };

/** The mapping screen's event for a file read. */
const prepared = (result: ImportPrepared): ImportEvent => ({ type: 'prepared', ...result });

/**
 * How the worker gets a file's bytes for one read (host/file-stream.ts): a browser File is handed
 * over as it is and streams itself in the worker; any other file is streamed here (Electron's
 * chunks through the host, the sample's response body) and the stream transferred.
 */
export function importSourceOf(file: HostFile, openStream: (file: HostFile) => ReadableStream<Uint8Array> = openFileStream): { source: ImportSource; transfer: Transferable[] } {
  if (file.source.kind === 'blob') return { source: { kind: 'blob', blob: file.source.blob }, transfer: [] };
  const stream = openStream(file);
  return { source: { kind: 'stream', stream }, transfer: [stream as unknown as Transferable] };
}

/** Why the worker's calls stop when the person cancels (never shown: cancelling reports itself). */
const CANCELLED = new RpcError('The import was cancelled.', 'cancelled');

export class ImportSession {
  private client: RpcClient<ImportApi> | null = null;
  /** The file being imported, streamed again for another sheet or header row. */
  private file: HostFile | null = null;

  constructor(private readonly onEvent: (event: ImportEvent) => void) {}

  /** Read a file and propose a mapping. The file streams to the worker; the UI thread never holds it whole. */
  read(file: HostFile, sheet?: string): void {
    this.stop();
    const client = importRpc.connect(new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' }));
    this.client = client;
    this.file = file;
    const { source, transfer } = importSourceOf(file);
    this.follow(client, client.call('read', { file: { name: file.name, size: file.size }, source, sheet }, { transfer, onProgress: this.progress }), prepared);
  }

  /** Read another sheet of the workbook, or the same file with the header on another row (streamed again). */
  readSheet(sheet?: string, headerRow?: number): void {
    const client = this.client;
    const file = this.file;
    if (!client || !file) return;
    const { source, transfer } = importSourceOf(file);
    this.follow(client, client.call('readSheet', { source, sheet, headerRow }, { transfer, onProgress: this.progress }), prepared);
  }

  /** Confirm the mapping and choices: type, validate, guard identifiers, store. */
  confirm(choices: ImportChoices): void {
    const client = this.client;
    if (client) this.follow(client, client.call('import', { choices }, { onProgress: this.progress }), (result) => ({ type: 'stored', ...result }));
  }

  /** Stop now; nothing is stored. */
  cancel(): void {
    this.stop();
    this.onEvent({ type: 'cancelled' });
  }

  dispose(): void {
    this.stop();
  }

  private readonly progress = (event: ImportProgress): void => this.onEvent({ type: 'progress', ...event });

  /** Report a call's outcome, unless its worker has been replaced or stopped meanwhile. */
  private follow<T>(client: RpcClient<ImportApi>, call: Promise<T>, toEvent: (result: T) => ImportEvent): void {
    call.then(
      (result) => {
        if (this.client === client) this.onEvent(toEvent(result));
      },
      (error: unknown) => {
        if (this.client !== client) return;
        const code = error instanceof RpcError ? error.code : 'unexpected';
        const message = error instanceof Error ? error.message : String(error);
        this.onEvent({
          type: 'failed',
          code,
          message: code === 'worker' ? `The import stopped unexpectedly (${message || 'worker error'}). Nothing was stored.` : message,
        });
      },
    );
  }

  private stop(): void {
    this.client?.terminate(CANCELLED);
    this.client = null;
    this.file = null;
  }
}
