/**
 * The main-process side of WorkbenchHost: one handler per operation of the IPC contract
 * (HOST_IPC), each typed against WorkbenchHost (a handler resolving the wrong type fails the
 * typecheck). Every call is checked twice before anything happens: the sender must be the top
 * frame of a workbench page (app://workbench), and its arguments must pass the operation's schema.
 */
import { open, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { HostFile, HostInfo, HostOperation, WorkbenchHost } from '../../shared/host/workbench-host';
import { checkInvokeArguments, HOST_IPC, type InvokeArguments } from './policy/ipc-schemas';
import { openSizeProblem } from './policy/ipc-limits';
import { FileTokens, UNKNOWN_TOKEN } from './policy/file-tokens';
import { isTrustedSender } from './policy/sender';

/** Refusal shown when a call does not come from the workbench page itself. */
const UNTRUSTED_SENDER = 'The workbench only accepts this request from its own window.';

/** True when the call comes from the top frame of a workbench page. */
function fromTrustedFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedSender(frame.url);
}

/** Main's implementation of one operation: validated arguments in, what WorkbenchHost promises out. */
export type MainHandler<K extends HostOperation> = (event: IpcMainInvokeEvent, args: InvokeArguments<K>) => ReturnType<WorkbenchHost[K]>;

/** One implementation per operation of the contract. */
export type MainHandlers = { [K in HostOperation]: MainHandler<K> };

/** Register one operation on its channel: check the sender, validate the arguments, then run it. */
function handleTrusted<K extends HostOperation>(name: K, operation: MainHandler<K>): void {
  const { channel } = HOST_IPC[name];
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    if (!fromTrustedFrame(event)) throw new Error(UNTRUSTED_SENDER);
    const checked = checkInvokeArguments(name, args);
    if (!checked.ok) throw new Error(checked.message);
    return operation(event, checked.args);
  });
}

/** The window a request came from, to parent its dialogs. */
function windowOf(event: IpcMainInvokeEvent): BrowserWindow | null {
  return BrowserWindow.fromWebContents(event.sender);
}

/** The files each window may read: tokens issued by openFiles, resolved by readFileChunk. */
export const FILE_TOKENS = new FileTokens();

/** Issue tokens to the window that asked, and forget them when it goes. */
function tokensFor(event: IpcMainInvokeEvent): number {
  const owner = event.sender.id;
  if (!FILE_TOKENS.has(owner)) event.sender.once('destroyed', () => FILE_TOKENS.forget(owner));
  return owner;
}

/**
 * Open dialog, then check the chosen files' sizes against the one import limit and hand the
 * window a token per file (name, size and date travel with it; the path stays in main). Nothing is
 * read here: the window streams a file through readFileChunk.
 */
async function openFiles(event: IpcMainInvokeEvent, [request]: InvokeArguments<'openFiles'>): Promise<HostFile[]> {
  const options: OpenDialogOptions = {
    title: request.title,
    properties: request.multiple ? ['openFile', 'multiSelections', 'dontAddToRecent'] : ['openFile', 'dontAddToRecent'],
    filters: [{ name: request.extensions.map((e) => e.toUpperCase()).join(', '), extensions: request.extensions }],
  };
  const parent = windowOf(event);
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  if (result.canceled || result.filePaths.length === 0) return [];

  const chosen = await Promise.all(
    result.filePaths.map(async (filePath) => {
      const name = path.basename(filePath);
      try {
        return { filePath, name, info: await stat(filePath) };
      } catch {
        throw new Error(`"${name}" could not be read. Check that it still exists and that you may open it, then try again.`);
      }
    }),
  );
  // A device or pipe (e.g. /dev/zero, a FIFO) has no size to check and may never end: regular files only, as msvw.
  const notFile = chosen.find(({ info }) => !info.isFile());
  if (notFile !== undefined) throw new Error(`"${notFile.name}" is not a regular file. Choose an extract saved on disk.`);
  const problem = openSizeProblem(chosen.map(({ name, info }) => ({ name, size: info.size })));
  if (problem !== null) throw new Error(problem);

  const owner = tokensFor(event);
  return chosen.map(({ filePath, name, info }) => ({
    name,
    size: info.size,
    lastModified: Math.round(info.mtimeMs),
    source: { kind: 'token', token: FILE_TOKENS.issue(owner, { path: filePath, name, size: info.size, mtimeMs: info.mtimeMs }) },
  }));
}

/** Refusal for a file that is no longer the one the person chose (edited, replaced or truncated since). */
const changedSince = (name: string): string =>
  `"${name}" changed after you chose it, so the workbench stopped reading it. Open the file again.`;

/**
 * Up to `length` bytes of a file this window was given a token for, from `offset`: the token must
 * be this window's, the offset within the file as chosen, and the file unchanged since (same size
 * and modification time); an empty array at the end.
 */
async function readFileChunk(event: IpcMainInvokeEvent, [request]: InvokeArguments<'readFileChunk'>): Promise<Uint8Array> {
  const file = FILE_TOKENS.resolve(event.sender.id, request.token);
  if (file === null) throw new Error(UNKNOWN_TOKEN);
  if (request.offset > file.size) {
    throw new Error(`The workbench refused to read "${file.name}" from byte ${request.offset}: the file has only ${file.size} bytes.`);
  }
  const length = Math.min(request.length, file.size - request.offset);
  let handle;
  try {
    handle = await open(file.path, 'r');
  } catch {
    throw new Error(`"${file.name}" could not be read. Check that it still exists and that you may open it, then try again.`);
  }
  try {
    const now = await handle.stat();
    if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) throw new Error(changedSince(file.name));
    const bytes = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(bytes, filled, length - filled, request.offset + filled);
      if (bytesRead === 0) throw new Error(changedSince(file.name));
      filled += bytesRead;
    }
    return bytes;
  } catch (error) {
    // Our own refusals pass as they are; a system error (which would name the path) becomes a sentence.
    if (error instanceof Error && error.message === changedSince(file.name)) throw error;
    throw new Error(`"${file.name}" could not be read. Check that it still exists and that you may open it, then try again.`, { cause: error });
  } finally {
    await handle.close();
  }
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
async function saveFile(event: IpcMainInvokeEvent, [request]: InvokeArguments<'saveFile'>): Promise<string | null> {
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

/** Page size of a saved PDF: the UK and NHS standard paper size. */
const PDF_PAGE_SIZE = 'A4';

/**
 * Save the page as an A4 PDF (webContents.printToPDF) where the person chooses; the saved
 * file's name, or null when they cancel. The dialog comes first, so cancelling costs nothing.
 */
async function savePdf(event: IpcMainInvokeEvent, [request]: InvokeArguments<'savePdf'>): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Save as PDF',
    defaultPath: defaultSavePath(request.suggestedName),
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  };
  const parent = windowOf(event);
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  const name = path.basename(result.filePath);
  let pdf: Buffer;
  try {
    pdf = await event.sender.printToPDF({ pageSize: PDF_PAGE_SIZE, printBackground: true, preferCSSPageSize: false });
  } catch {
    throw new Error(`The page could not be turned into a PDF for "${name}". Try again, or print it and choose "Save as PDF".`);
  }
  try {
    await writeFile(result.filePath, pdf);
  } catch {
    throw new Error(`"${name}" could not be saved there. Choose a folder you can write to, or free some disk space, and save again.`);
  }
  return name;
}

/** Product and platform facts for the About box. */
async function info(): Promise<HostInfo> {
  return { kind: 'electron', appVersion: app.getVersion(), platform: process.platform };
}

/** Main's side of the contract, one entry per operation (checked against WorkbenchHost). */
export const MAIN_HANDLERS: MainHandlers = {
  openFiles,
  readFileChunk,
  saveFile,
  savePdf,
  print: (event) => print(event),
  info: () => info(),
};

/** Register every host operation on ipcMain (call once, after app ready). */
export function registerHostHandlers(): void {
  const register = <K extends HostOperation>(name: K): void => handleTrusted(name, MAIN_HANDLERS[name]);
  for (const name of Object.keys(HOST_IPC) as HostOperation[]) register(name);
}
