/**
 * The platform seam. The renderer talks only to a WorkbenchHost: the Electron preload implements
 * it (`satisfies WorkbenchHost`) over typed IPC, and the browser host implements it with a file
 * input, Blob downloads and window.print(). Everything crossing it is structured-cloneable.
 */

/**
 * A file the person chose to open: its facts and a handle to stream its bytes, never the bytes
 * themselves, so a large extract is never held whole on the way to the import worker
 * (renderer/src/host/file-stream.ts turns the handle into a stream).
 */
export interface HostFile {
  name: string;
  /** Size in bytes when it was chosen. */
  size: number;
  lastModified: number;
  source: HostFileSource;
}

/**
 * Where a HostFile's bytes come from, each structured-cloneable:
 * - `blob`: the browser's own File (or any Blob), streamed with blob.stream(), as often as needed;
 * - `token`: an opaque token main issued to this window for a path the person chose in the Open
 *   dialog; its bytes come through readFileChunk, a bounded chunk at a time;
 * - `url`: a file the app itself serves (the bundled sample), fetched and streamed (response.body).
 */
export type HostFileSource =
  | { kind: 'blob'; blob: Blob }
  | { kind: 'token'; token: string }
  | { kind: 'url'; url: string };

/** One bounded read of a file opened through the Open dialog (Electron). */
export interface FileChunkRequest {
  /** The token openFiles returned for the file, valid only in the window it was issued to. */
  token: string;
  /** Byte offset to read from, at most the file's size. */
  offset: number;
  /** Bytes wanted, 1 to MAX_FILE_CHUNK_BYTES (shared/io/limits.ts); fewer come back at the end. */
  length: number;
}

export interface OpenFilesRequest {
  /** Dialog title, e.g. "Open an audit or KPI extract". */
  title: string;
  /** Extensions without the dot, e.g. ["csv", "xlsx"]. */
  extensions: string[];
  multiple: boolean;
}

export interface SaveFileRequest {
  /** File name offered to the person, e.g. "funnel-4plus4-part1.svg". */
  suggestedName: string;
  mimeType: string;
  data: Uint8Array | string;
}

/** Save the current page as a PDF. */
export interface SavePdfRequest {
  /** File name offered to the person, e.g. "report-2026-09.pdf". */
  suggestedName: string;
}

/** Commands the native menu sends to the renderer, each once. */
export const MENU_COMMANDS = ['open-file', 'print', 'show-data', 'show-about'] as const;

/** A command from the native menu. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** True when a value received from the host is one of the menu commands. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

export interface HostInfo {
  kind: 'electron' | 'browser';
  appVersion: string;
  platform: string;
}

export interface WorkbenchHost {
  readonly kind: 'electron' | 'browser';
  /** Ask the person for files to open; resolves [] when they cancel. Refuses a file over the size limit before reading it. */
  openFiles(request: OpenFilesRequest): Promise<HostFile[]>;
  /**
   * Up to `length` bytes of a file openFiles returned as a token, from `offset` (an empty array
   * at the end). The browser host issues no tokens, so it refuses every request.
   */
  readFileChunk(request: FileChunkRequest): Promise<Uint8Array>;
  /** Save an export the person asked for; resolves the saved name, or null when cancelled. */
  saveFile(request: SaveFileRequest): Promise<string | null>;
  /** Print the current view (to paper or PDF). */
  print(): Promise<void>;
  /**
   * Save the current page as an A4 PDF where the person chooses; resolves the saved name, or null
   * when they cancel. A browser cannot write a PDF itself: it opens the print dialog (where
   * "Save as PDF" is a destination) and resolves null.
   */
  savePdf(request: SavePdfRequest): Promise<string | null>;
  /** Listen for native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Product and platform facts for the About box. */
  info(): Promise<HostInfo>;
}

/** The operations a host answers asynchronously (in Electron: one IPC invoke channel each). */
export type HostOperation = Exclude<keyof WorkbenchHost, 'kind' | 'onMenuCommand'>;

/** The one main-to-renderer channel: native menu commands. */
export const MENU_COMMAND_CHANNEL = 'workbench:menu-command';
