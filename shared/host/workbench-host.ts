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

/** Commands the native menu sends to the renderer. */
export type MenuCommand = 'open-file' | 'print' | 'show-data' | 'show-about';

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
  /** Listen for native menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Product and platform facts for the About box. */
  info(): Promise<HostInfo>;
}

/** IPC channels the preload may use, one per host operation (the allowlist main enforces). */
export const HOST_CHANNELS = {
  openFiles: 'workbench:open-files',
  saveFile: 'workbench:save-file',
  print: 'workbench:print',
  info: 'workbench:info',
  menuCommand: 'workbench:menu-command',
} as const;

export type HostChannel = (typeof HOST_CHANNELS)[keyof typeof HOST_CHANNELS];
