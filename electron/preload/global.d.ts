/**
 * What the preload puts on the page: `window.workbench` in Electron, absent in a plain browser.
 * The renderer takes `window.workbench ?? browserHost()`.
 */
import type { WorkbenchHost } from '../../shared/host/workbench-host';

declare global {
  interface Window {
    /** The Electron host (see electron/preload/index.ts); undefined in the web build. */
    workbench?: WorkbenchHost;
  }
}

export {};
