/**
 * One import at a time, driven from the Data view: a fresh import worker per file, reached
 * through its typed RPC (workers/import-protocol.ts), so Cancel can stop it instantly (terminate)
 * and nothing half-written survives (the store writes in one transaction). The view sees a
 * stream of ImportEvents.
 */
import { importRpc, type ImportApi, type ImportChoices, type ImportPrepared, type ImportProgress, type ImportStored } from '../workers/import-protocol';
import { RpcError, type RpcClient } from '../workers/rpc';
import type { HostFile } from '../../../shared/host/workbench-host';

/** What the Data view hears about the import in progress. */
export type ImportEvent =
  | ({ type: 'progress' } & ImportProgress)
  | ({ type: 'prepared' } & ImportPrepared)
  | ({ type: 'stored' } & ImportStored)
  | { type: 'failed'; message: string; code: string }
  | { type: 'cancelled' };

/** The mapping screen's event for a file read. */
const prepared = (result: ImportPrepared): ImportEvent => ({ type: 'prepared', ...result });

/** Why the worker's calls stop when the person cancels (never shown: cancelling reports itself). */
const CANCELLED = new RpcError('The import was cancelled.', 'cancelled');

export class ImportSession {
  private client: RpcClient<ImportApi> | null = null;

  constructor(private readonly onEvent: (event: ImportEvent) => void) {}

  /** Read a file and propose a mapping. The bytes move to the worker (no copy on the UI thread). */
  read(file: HostFile, sheet?: string): void {
    this.stop();
    const client = importRpc.connect(new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' }));
    this.client = client;
    // Transferred, not copied: copying a large extract would block the UI for hundreds of ms.
    // The worker keeps the bytes, so another sheet is read from there (readSheet).
    this.follow(client, client.call('read', { fileName: file.name, fileSize: file.size, bytes: file.bytes, sheet }, { transfer: [file.bytes.buffer], onProgress: this.progress }), prepared);
  }

  /** Read another sheet of the workbook the worker holds, or the same file with the header on another row. */
  readSheet(sheet?: string, headerRow?: number): void {
    const client = this.client;
    if (client) this.follow(client, client.call('readSheet', { sheet, headerRow }, { onProgress: this.progress }), prepared);
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
  }
}
