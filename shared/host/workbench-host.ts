/**
 * The platform seam. The renderer talks only to a WorkbenchHost: the Electron preload implements
 * it (`satisfies WorkbenchHost`) over typed IPC, and the browser host implements it with a file
 * input, Blob downloads and window.print(). Everything crossing it is structured-cloneable.
 */

/** A file the person chose to open, read whole. */
export interface HostFile {
  name: string;
  size: number;
  lastModified: number;
  bytes: Uint8Array;
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
  /** Ask the person for files to open; resolves [] when they cancel. */
  openFiles(request: OpenFilesRequest): Promise<HostFile[]>;
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
