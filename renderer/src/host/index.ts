/** The host, picked once at start: the Electron preload's window.workbench, or the browser host. */
import type { HostFile, WorkbenchHost } from '../../../shared/host/workbench-host';
import { browserHost } from './browser-host';
import { hostFileStream, readHostFileBytes } from './file-stream';

declare global {
  interface Window {
    workbench?: WorkbenchHost;
  }
  const __APP_VERSION__: string;
}

export const host: WorkbenchHost = window.workbench ?? browserHost();

/** A chosen file's bytes as a stream from its start (see file-stream.ts). */
export function openFileStream(file: HostFile): ReadableStream<Uint8Array> {
  return hostFileStream(file, host);
}

/** A small chosen file (standards, scenario JSON) whole, refused by size over `maxBytes`. */
export function readWholeFile(file: HostFile, maxBytes?: number): Promise<Uint8Array> {
  return readHostFileBytes(file, host, maxBytes);
}
