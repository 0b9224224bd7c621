/**
 * Sandboxed preload (bundled as CommonJS): exposes exactly one object, window.workbench, that
 * implements WorkbenchHost over the allowlisted HOST_CHANNELS. Nothing from Electron or Node
 * (no ipcRenderer, no event objects) reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { HOST_CHANNELS, type HostFile, type HostInfo, type WorkbenchHost } from '../../shared/host/workbench-host';
import { isMenuCommand } from '../main/policy/menu-commands';
import { plainIpcMessage } from './ipc-errors';

/** Invoke one host channel; a refusal reaches the page as a plain Error with main's message. */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as T;
  } catch (error) {
    // Deliberately no `cause`: the page gets main's message for people, not Electron's wrapper.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(plainIpcMessage(error));
  }
}

const host = {
  kind: 'electron',
  // Only the contract's fields are forwarded; main validates them again.
  openFiles: (request) =>
    invoke<HostFile[]>(HOST_CHANNELS.openFiles, { title: request.title, extensions: request.extensions, multiple: request.multiple }),
  saveFile: (request) =>
    invoke<string | null>(HOST_CHANNELS.saveFile, { suggestedName: request.suggestedName, mimeType: request.mimeType, data: request.data }),
  print: () => invoke<void>(HOST_CHANNELS.print),
  info: () => invoke<HostInfo>(HOST_CHANNELS.info),
  onMenuCommand: (listener) => {
    const relay = (_event: IpcRendererEvent, command: unknown): void => {
      if (isMenuCommand(command)) listener(command);
    };
    ipcRenderer.on(HOST_CHANNELS.menuCommand, relay);
    return () => {
      ipcRenderer.removeListener(HOST_CHANNELS.menuCommand, relay);
    };
  },
} satisfies WorkbenchHost;

contextBridge.exposeInMainWorld('workbench', host);
