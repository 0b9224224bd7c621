/**
 * Size limits for what crosses the host IPC boundary. Electron serialises each IPC message into
 * one V8 buffer; messages past about 512 MiB fail or crash the process (electron/electron#53961),
 * so a request stays well under that.
 */

import { MAX_IMPORT_BYTES } from '../../../shared/io/limits';

const MiB = 1024 * 1024;

/** Largest single file the Open dialog hands to the renderer: the workbench's one import limit. */
export const MAX_OPEN_FILE_BYTES = MAX_IMPORT_BYTES;

/** Largest total of one Open request (all chosen files together). */
export const MAX_OPEN_TOTAL_BYTES = 400 * MiB;

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

/** Bytes as "123.4 MB" for messages people read. */
function megabytes(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MB`;
}

/**
 * Why the chosen files cannot be opened in one go (too many, one too big, all together too
 * big), in words that say what to do; null when they can.
 */
export function openSizeProblem(files: readonly ChosenFile[]): string | null {
  if (files.length > MAX_OPEN_FILES) {
    return `${files.length} files were chosen; open at most ${MAX_OPEN_FILES} at a time.`;
  }
  const tooBig = files.find((file) => file.size > MAX_OPEN_FILE_BYTES);
  if (tooBig !== undefined) {
    return `"${tooBig.name}" is ${megabytes(tooBig.size)}; the workbench opens files up to ${megabytes(MAX_OPEN_FILE_BYTES)}. Filter the extract to fewer rows or split it, then open the parts.`;
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > MAX_OPEN_TOTAL_BYTES) {
    return `The chosen files add up to ${megabytes(total)}; open up to ${megabytes(MAX_OPEN_TOTAL_BYTES)} at a time by choosing fewer files.`;
  }
  return null;
}
