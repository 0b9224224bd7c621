/**
 * Size limits for what crosses the host IPC boundary. Electron serialises each IPC message into
 * one V8 buffer; messages past about 512 MiB fail or crash the process (electron/electron#53961),
 * so every message stays far under that: a chosen file crosses as a token and then in chunks of
 * at most MAX_FILE_CHUNK_BYTES (4 MiB), an export as one message of at most MAX_SAVE_BYTES.
 */

import { MAX_FILE_CHUNK_BYTES, MAX_IMPORT_BYTES, tooLargeMessage } from '../../../shared/io/limits';

const MiB = 1024 * 1024;

/** Largest single file the Open dialog accepts: the workbench's one import limit. */
export const MAX_OPEN_FILE_BYTES = MAX_IMPORT_BYTES;

/** Most bytes one readFileChunk call returns (shared with the renderer's stream adapter). */
export const MAX_CHUNK_BYTES = MAX_FILE_CHUNK_BYTES;

/** A file token as openFiles issues them (file-tokens.ts): 128 random bits as 32 lowercase hex characters. */
export const FILE_TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/** Most files one Open request may return. */
export const MAX_OPEN_FILES = 50;

/** Largest export the renderer may ask main to write, in bytes (binary) or UTF-16 units (text). */
export const MAX_SAVE_BYTES = 400 * MiB;

/** Longest suggested file name accepted from the renderer before sanitising. */
export const MAX_SUGGESTED_NAME_INPUT = 1024;

/** Longest file name offered in the Save dialog (well under every file system's 255). */
export const MAX_SAVED_NAME_LENGTH = 120;

/** Longest dialog title. */
export const MAX_DIALOG_TITLE = 200;

/** Most file-type filters in one Open request. */
export const MAX_OPEN_EXTENSIONS = 32;

/** Name and size of a file the person chose, before it is read. */
export interface ChosenFile {
  name: string;
  size: number;
}

/**
 * Why the chosen files cannot be opened (too many, or one over the import limit, in the same
 * sentence as the web build and the CLI), in words that say what to do; null when they can.
 * Nothing is read whole, so there is no limit on the files' total.
 */
export function openSizeProblem(files: readonly ChosenFile[]): string | null {
  if (files.length > MAX_OPEN_FILES) {
    return `${files.length} files were chosen; open at most ${MAX_OPEN_FILES} at a time.`;
  }
  const tooBig = files.find((file) => file.size > MAX_OPEN_FILE_BYTES);
  return tooBig === undefined ? null : tooLargeMessage(tooBig.name, tooBig.size, MAX_OPEN_FILE_BYTES);
}
