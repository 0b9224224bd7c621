/**
 * The main-process side of WorkbenchHost: one ipcMain.handle per HOST_CHANNELS operation. Every
 * call is checked twice before anything happens: the sender must be the top frame of a
 * workbench page (app://workbench), and its arguments must pass the channel's zod schema.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { HOST_CHANNELS, type HostFile, type HostInfo } from '../../shared/host/workbench-host';
import { checkInvokeArguments, type InvokeArguments, type InvokeChannel } from './policy/ipc-schemas';
import { openSizeProblem } from './policy/ipc-limits';
import { isTrustedSender } from './policy/sender';

/** Refusal shown when a call does not come from the workbench page itself. */
const UNTRUSTED_SENDER = 'The workbench only accepts this request from its own window.';

/** True when the call comes from the top frame of a workbench page. */
function fromTrustedFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedSender(frame.url);
}

/** Register one channel: check the sender, validate the arguments, then run the operation. */
function handleTrusted<C extends InvokeChannel, R>(
  channel: C,
  operation: (event: IpcMainInvokeEvent, args: InvokeArguments<C>) => Promise<R>,
): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    if (!fromTrustedFrame(event)) throw new Error(UNTRUSTED_SENDER);
    const checked = checkInvokeArguments(channel, args);
    if (!checked.ok) throw new Error(checked.message);
    return operation(event, checked.args);
  });
}

/** The window a request came from, to parent its dialogs. */
function windowOf(event: IpcMainInvokeEvent): BrowserWindow | null {
  return BrowserWindow.fromWebContents(event.sender);
}

/** Open dialog, then read every chosen file whole (after checking sizes). */
async function openFiles(event: IpcMainInvokeEvent, [request]: InvokeArguments<typeof HOST_CHANNELS.openFiles>): Promise<HostFile[]> {
  const options: OpenDialogOptions = {
    title: request.title,
    properties: request.multiple ? ['openFile', 'multiSelections', 'dontAddToRecent'] : ['openFile', 'dontAddToRecent'],
    filters: [{ name: request.extensions.map((e) => e.toUpperCase()).join(', '), extensions: request.extensions }],
  };
  const parent = windowOf(event);
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  if (result.canceled || result.filePaths.length === 0) return [];

  const chosen = await Promise.all(
    result.filePaths.map(async (filePath) => ({ filePath, name: path.basename(filePath), info: await stat(filePath) })),
  );
  const problem = openSizeProblem(chosen.map(({ name, info }) => ({ name, size: info.size })));
  if (problem !== null) throw new Error(problem);

  const files: HostFile[] = [];
  for (const { filePath, name, info } of chosen) {
    let buffer: Buffer;
    try {
      buffer = await readFile(filePath);
    } catch {
      throw new Error(`"${name}" could not be read. Check that it still exists and that you may open it, then try again.`);
    }
    files.push({
      name,
      size: buffer.byteLength,
      lastModified: Math.round(info.mtimeMs),
      bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
    });
  }
  return files;
}

/** Where the Save dialog starts: the Documents folder when the platform has one. */
function defaultSavePath(fileName: string): string {
  try {
    return path.join(app.getPath('documents'), fileName);
  } catch {
    return fileName;
  }
}

/** Save dialog with the sanitised name, then write the export; the saved file's name or null. */
async function saveFile(event: IpcMainInvokeEvent, [request]: InvokeArguments<typeof HOST_CHANNELS.saveFile>): Promise<string | null> {
  const extension = path.extname(request.suggestedName).slice(1);
  const options: SaveDialogOptions = {
    title: 'Save export',
    defaultPath: defaultSavePath(request.suggestedName),
    filters: [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }],
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  };
  const parent = windowOf(event);
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  const name = path.basename(result.filePath);
  try {
    if (typeof request.data === 'string') await writeFile(result.filePath, request.data, 'utf8');
    else await writeFile(result.filePath, request.data);
  } catch {
    throw new Error(`"${name}" could not be saved there. Choose a folder you can write to, or free some disk space, and save again.`);
  }
  return name;
}

/**
 * Print through the system print dialog, which also offers "Save as PDF" (chosen over
 * printToPDF so the person picks printer, pages and destination in the dialog they know).
 */
function print(event: IpcMainInvokeEvent): Promise<void> {
  return new Promise((resolve, reject) => {
    event.sender.print({ silent: false, printBackground: true }, (success, failureReason) => {
      if (success || /cancel/i.test(failureReason)) resolve();
      else reject(new Error(`Printing did not finish (${failureReason}). Check the printer, or choose "Save as PDF" in the print dialog.`));
    });
  });
}

/** Product and platform facts for the About box. */
async function info(): Promise<HostInfo> {
  return { kind: 'electron', appVersion: app.getVersion(), platform: process.platform };
}

/** Register every host operation on ipcMain (call once, after app ready). */
export function registerHostHandlers(): void {
  handleTrusted(HOST_CHANNELS.openFiles, openFiles);
  handleTrusted(HOST_CHANNELS.saveFile, saveFile);
  handleTrusted(HOST_CHANNELS.print, (event) => print(event));
  handleTrusted(HOST_CHANNELS.info, () => info());
}
