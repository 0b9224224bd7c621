/**
 * One import at a time, driven from the Data view: a fresh worker per import, so Cancel can stop
 * it instantly (terminate) and nothing half-written survives (the store writes in one transaction).
 */
import type { FromImportWorker, ImportChoices } from '../workers/import-protocol';
import type { HostFile } from '../../../shared/host/workbench-host';

export type ImportEvent = FromImportWorker;

export class ImportSession {
  private worker: Worker | null = null;

  constructor(private readonly onEvent: (event: ImportEvent) => void) {}

  /** Read a file and propose a mapping. The bytes move to the worker (no copy on the UI thread). */
  read(file: HostFile, sheet?: string): void {
    this.stop();
    const worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
    worker.addEventListener('message', (e: MessageEvent<FromImportWorker>) => this.onEvent(e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.onEvent({ type: 'failed', code: 'worker', message: `The import stopped unexpectedly (${e.message || 'worker error'}). Nothing was stored.` });
    });
    this.worker = worker;
    // Transferred, not copied: copying a large extract would block the UI for hundreds of ms.
    // The worker keeps the bytes, so another sheet is read from there (readSheet).
    worker.postMessage({ type: 'read', fileName: file.name, fileSize: file.size, bytes: file.bytes, sheet }, [file.bytes.buffer]);
  }

  /** Read another sheet of the workbook the worker holds, or the same file with the header on another row. */
  readSheet(sheet?: string, headerRow?: number): void {
    this.worker?.postMessage({ type: 'read-sheet', sheet, headerRow });
  }

  /** Confirm the mapping and choices: type, validate, guard identifiers, store. */
  confirm(choices: ImportChoices): void {
    this.worker?.postMessage({ type: 'import', choices });
  }

  /** Stop now; nothing is stored. */
  cancel(): void {
    this.stop();
    this.onEvent({ type: 'cancelled' });
  }

  private stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  dispose(): void {
    this.stop();
  }
}
