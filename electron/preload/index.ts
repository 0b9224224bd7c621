/**
 * Sandboxed preload (bundled as CommonJS): exposes exactly one object, window.workbench, that
 * implements WorkbenchHost over the IPC contract (HOST_IPC: one invoke channel per operation).
 * Nothing from Electron or Node (no ipcRenderer, no event objects) reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMenuCommand, MENU_COMMAND_CHANNEL, type HostOperation, type WorkbenchHost } from '../../shared/host/workbench-host';
import { HOST_IPC } from '../main/policy/ipc-schemas';
import { plainIpcMessage } from './ipc-errors';

/** Invoke one operation on its channel; a refusal reaches the page as a plain Error with main's message. */
async function invoke<K extends HostOperation>(operation: K, ...args: Parameters<WorkbenchHost[K]>): Promise<Awaited<ReturnType<WorkbenchHost[K]>>> {
  try {
    // Main validates and answers with the operation's result type (host-handlers.ts, MainHandlers).
    return (await ipcRenderer.invoke(HOST_IPC[operation].channel, ...args)) as Awaited<ReturnType<WorkbenchHost[K]>>;
  } catch (error) {
    // Deliberately no `cause`: the page gets main's message for people, not Electron's wrapper.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(plainIpcMessage(error));
  }
}

const host = {
  kind: 'electron',
  // Only the contract's fields are forwarded; main validates them again.
  openFiles: (request) => invoke('openFiles', { title: request.title, extensions: request.extensions, multiple: request.multiple }),
  readFileChunk: (request) => invoke('readFileChunk', { token: request.token, offset: request.offset, length: request.length }),
  saveFile: (request) => invoke('saveFile', { suggestedName: request.suggestedName, mimeType: request.mimeType, data: request.data }),
  savePdf: (request) => invoke('savePdf', { suggestedName: request.suggestedName }),
  print: () => invoke('print'),
  info: () => invoke('info'),
  onMenuCommand: (listener) => {
    const relay = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, relay);
    };
  },
} satisfies WorkbenchHost;

contextBridge.exposeInMainWorld('workbench', host);
