/** The host, picked once at start: the Electron preload's window.workbench, or the browser host. */
import type { WorkbenchHost } from '../../../shared/host/workbench-host';
import { browserHost } from './browser-host';

declare global {
  interface Window {
    workbench?: WorkbenchHost;
  }
  const __APP_VERSION__: string;
}

export const host: WorkbenchHost = window.workbench ?? browserHost();
