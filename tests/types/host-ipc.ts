/**
 * Type-level test of the Electron IPC contract (compiled by `tsc`, never run): main's handlers
 * are typed against WorkbenchHost through the one contract table (HOST_IPC), so each
 * `@ts-expect-error` below marks a mistake the typecheck must reject. If one of them stops being
 * an error, tsc fails with "Unused '@ts-expect-error' directive".
 */
import { MAIN_HANDLERS, type MainHandlers } from '../../electron/main/host-handlers';
import type { WorkbenchHost } from '../../shared/host/workbench-host';
import type { InvokeArguments } from '../../electron/main/policy/ipc-schemas';

// The real table type-checks (the positive case).
export const real: MainHandlers = MAIN_HANDLERS;

export const wrongInfo: MainHandlers = {
  ...MAIN_HANDLERS,
  // @ts-expect-error an Electron handler for info that resolves 42 instead of HostInfo
  info: async () => 42,
};

export const wrongPdf: MainHandlers = {
  ...MAIN_HANDLERS,
  // @ts-expect-error savePdf must resolve the saved name (or null), not the PDF bytes
  savePdf: async () => new Uint8Array(0),
};

export const wrongChunk: MainHandlers = {
  ...MAIN_HANDLERS,
  // @ts-expect-error readFileChunk must resolve bytes, not text
  readFileChunk: async () => 'centre,n\n',
};

export const wholeFiles: MainHandlers = {
  ...MAIN_HANDLERS,
  // @ts-expect-error openFiles hands out handles (name, size, date, source), never the bytes whole
  openFiles: async () => [{ name: 'a.csv', size: 1, lastModified: 0, bytes: new Uint8Array(1) }],
};

const { readFileChunk: _readFileChunk, ...withoutChunks } = MAIN_HANDLERS;
// @ts-expect-error the chunk reader is part of the contract, so main must handle it
export const noChunks: MainHandlers = withoutChunks;

/** readFileChunk's validated arguments are { token, offset, length }, all checked by its schema. */
export function chunkArgumentsAreTyped(args: InvokeArguments<'readFileChunk'>): number {
  // @ts-expect-error the renderer never sends a path, only a token
  void args[0].path;
  return args[0].offset + args[0].length + args[0].token.length;
}

const { savePdf: _savePdf, ...withoutPdf } = MAIN_HANDLERS;
// @ts-expect-error every operation of WorkbenchHost needs a handler in main
export const incomplete: MainHandlers = withoutPdf;

/** Validated arguments are the contract's, e.g. savePdf gets { suggestedName }. */
export function argumentsAreTyped(args: InvokeArguments<'savePdf'>): string {
  // @ts-expect-error savePdf's request has no data field
  void args[0].data;
  return args[0].suggestedName;
}

declare const browser: Omit<WorkbenchHost, 'savePdf'>;
// @ts-expect-error a host without savePdf is not a WorkbenchHost
export const host: WorkbenchHost = browser;
