/**
 * Runs the real main-process entry (electron/main/index.ts) against a recording stand-in for the
 * electron module, since the Electron binary cannot run here: checks what is wired, in what
 * order, and how the installed handlers behave.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MENU_COMMAND_CHANNEL } from '../../../shared/host/workbench-host';
import { HOST_IPC } from '../../../electron/main/policy/ipc-schemas';
import { MAX_FILE_CHUNK_BYTES } from '../../../shared/io/limits';
import type { HostFile } from '../../../shared/host/workbench-host';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const order: string[] = [];
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, Listener>();
  const session = {
    beforeRequest: null as Listener | null,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    devicePermission: null as Listener | null,
    spellChecker: true,
    webRequest: {
      onBeforeRequest(listener: Listener) {
        order.push('onBeforeRequest');
        session.beforeRequest = listener;
      },
    },
    setPermissionRequestHandler(handler: Listener) {
      session.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      session.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler: Listener) {
      session.devicePermission = handler;
    },
    setSpellCheckerEnabled(enabled: boolean) {
      session.spellChecker = enabled;
    },
  };
  const windows: Array<{ options: Record<string, unknown>; url: string | null; sent: unknown[][] }> = [];
  class BrowserWindow {
    options: Record<string, unknown>;
    url: string | null = null;
    sent: unknown[][] = [];
    webContents = { send: (...args: unknown[]) => this.sent.push(args) };
    constructor(options: Record<string, unknown>) {
      order.push('BrowserWindow');
      this.options = options;
      windows.push(this);
    }
    static getAllWindows = () => windows;
    static getFocusedWindow = () => null;
    static fromWebContents = () => null;
    once() {}
    on() {}
    isMinimized = () => false;
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  const dialog = {
    showOpenDialog: vi.fn(),
    showSaveDialog: vi.fn(),
    showErrorBox: vi.fn(),
  };
  const electron = {
    app: {
      isPackaged: false,
      enableSandbox: () => order.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => appListeners.set(event, listener),
      whenReady: () => {
        order.push('whenReady');
        return ready;
      },
      quit: vi.fn(),
      exit: vi.fn(),
      getVersion: () => '9.9.9',
      getPath: () => tmpdir(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemesAsPrivileged')),
      handle: (scheme: string, handler: Listener) => protocolHandlers.set(scheme, handler),
    },
    session: { defaultSession: session },
    ipcMain: { handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: vi.fn() },
    BrowserWindow,
    dialog,
  };
  return { order, markReady, appListeners, ipcHandlers, protocolHandlers, session, windows, electron, dialog };
});

vi.mock('electron', () => fake.electron);

/** Teardown listeners of each stand-in web contents, by id (to play a window closing). */
const destroyedListeners = new Map<number, Array<() => void>>();

/** An IPC event as Electron would build it, from a frame at `url` in the window with web contents `id`. */
function ipcEvent(url: string, parent: unknown = null, id = 1) {
  const once = vi.fn((name: string, listener: () => void) => {
    if (name === 'destroyed') destroyedListeners.set(id, [...(destroyedListeners.get(id) ?? []), listener]);
  });
  return { senderFrame: { url, parent }, sender: { id, once, print: vi.fn(), printToPDF: vi.fn() } };
}

const invoke = (channel: string, event: unknown, ...args: unknown[]) => fake.ipcHandlers.get(channel)!(event, ...args) as Promise<unknown>;

let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'msvw-main-'));
  await import('../../../electron/main/index');
  expect(fake.order).not.toContain('onBeforeRequest'); // nothing session-level before ready
  fake.markReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('start-up order', () => {
  it('enables the sandbox and registers the scheme before waiting for ready', () => {
    expect(fake.order.indexOf('enableSandbox')).toBeLessThan(fake.order.indexOf('whenReady'));
    expect(fake.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(fake.order.indexOf('whenReady'));
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
  });

  it('installs the request filter before the window exists', () => {
    expect(fake.order.indexOf('onBeforeRequest')).toBeLessThan(fake.order.indexOf('BrowserWindow'));
  });

  it('opens one sandboxed window on app://workbench/index.html', () => {
    const [window] = fake.windows;
    expect(window.url).toBe('app://workbench/index.html');
    expect(window.options.title).toBe('MS Variation Workbench');
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true, // unpackaged run
    });
    expect(String((window.options.webPreferences as { preload: string }).preload)).toMatch(/[/\\]preload[/\\]index\.cjs$/);
  });
});

describe('session guards as installed', () => {
  const decide = (url: string) => {
    let decision: unknown;
    fake.session.beforeRequest!({ url }, (response: unknown) => (decision = response));
    return decision;
  };

  it('cancels network requests and lets app:, blob:, data: through', () => {
    expect(decide('https://example.org/')).toEqual({ cancel: true });
    expect(decide('http://localhost:5173/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('app://workbench/index.html')).toEqual({ cancel: false });
    expect(decide('data:text/plain,x')).toEqual({ cancel: false });
  });

  it('denies permission requests and checks, and turns the spellchecker off', () => {
    const callback = vi.fn();
    fake.session.permissionRequest!({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.session.permissionCheck!({}, 'clipboard-read', 'app://workbench', {})).toBe(false);
    expect(fake.session.devicePermission!({})).toBe(false);
    expect(fake.session.spellChecker).toBe(false);
  });
});

describe('web contents guards as installed', () => {
  const listeners = new Map<string, Listener>();
  let openHandler: Listener | null = null;
  beforeAll(() => {
    const contents = {
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
      on: (event: string, listener: Listener) => listeners.set(event, listener),
    };
    fake.appListeners.get('web-contents-created')!({}, contents);
  });

  it('denies window.open', () => {
    expect(openHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from app://workbench, and every webview', () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = { url: 'https://example.org/', preventDefault: vi.fn() };
      listeners.get(event)!(away);
      expect(away.preventDefault, event).toHaveBeenCalled();
      const home = { url: 'app://workbench/index.html#/data', preventDefault: vi.fn() };
      listeners.get(event)!(home);
      expect(home.preventDefault, event).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('app protocol as installed', () => {
  it('answers 404 for traversal attempts', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    const response = (await handler(new Request('app://workbench/%2e%2e%2f%2e%2e%2fpackage.json'))) as Response;
    expect(response.status).toBe(404);
  });
});

describe('host IPC handlers as installed', () => {
  const trusted = () => ipcEvent('app://workbench/index.html');

  it('registers one invoke channel per operation of the contract', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(
      ['workbench:info', 'workbench:open-files', 'workbench:print', 'workbench:read-file-chunk', 'workbench:save-file', 'workbench:save-pdf'],
    );
  });

  it('refuses callers that are not the top frame of a workbench page', async () => {
    for (const event of [
      ipcEvent('https://example.org/'),
      ipcEvent('file:///tmp/x.html'),
      ipcEvent('app://workbench/index.html', { url: 'app://workbench/index.html' }),
      { senderFrame: null, sender: {} },
    ]) {
      await expect(invoke(HOST_IPC.info.channel, event)).rejects.toThrow('only accepts this request from its own window');
    }
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses invalid payloads before any dialog opens', async () => {
    await expect(invoke(HOST_IPC.openFiles.channel, trusted(), { title: 'x', extensions: ['*'], multiple: false })).rejects.toThrow(/extensions/);
    await expect(invoke(HOST_IPC.saveFile.channel, trusted(), { suggestedName: 'x.exe', mimeType: 'text/plain', data: 'x' })).rejects.toThrow(/file type/);
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('answers info', async () => {
    await expect(invoke(HOST_IPC.info.channel, trusted())).resolves.toEqual({ kind: 'electron', appVersion: '9.9.9', platform: process.platform });
  });

  it('opens the chosen files as tokens: name, size and date, but neither bytes nor path', async () => {
    const file = path.join(scratch, 'audit.csv');
    writeFileSync(file, 'centre,n\nA,3\n');
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const files = (await invoke(HOST_IPC.openFiles.channel, trusted(), { title: 'Open an extract', extensions: ['csv'], multiple: false })) as HostFile[];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ name: 'audit.csv', size: 13, source: { kind: 'token' } });
    expect(Object.keys(files[0]).sort()).toEqual(['lastModified', 'name', 'size', 'source']);
    expect(JSON.stringify(files)).not.toContain(scratch);
    expect(fake.dialog.showOpenDialog.mock.calls[0][0]).toMatchObject({ title: 'Open an extract', filters: [{ extensions: ['csv'] }] });
  });

  it('refuses anything but a regular file (a folder here; a device or pipe has no size and may never end), as msvw does', async () => {
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [scratch] });
    await expect(invoke(HOST_IPC.openFiles.channel, trusted(), { title: 'Open', extensions: ['csv'], multiple: false })).rejects.toThrow(
      `"${path.basename(scratch)}" is not a regular file. Choose an extract saved on disk.`,
    );
  });

  it('refuses a file over the one import limit before issuing a token, in the sentence the web build and CLI use', async () => {
    const file = path.join(scratch, 'national.csv');
    writeFileSync(file, 'x');
    const { truncateSync } = await import('node:fs');
    truncateSync(file, 400 * 1024 * 1024 + 1); // sparse: no disk space used
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    await expect(invoke(HOST_IPC.openFiles.channel, trusted(), { title: 'Open', extensions: ['csv'], multiple: false })).rejects.toThrow(
      /^"national\.csv" is 400 MB, larger than the 400 MB the workbench can read\. Split the extract/,
    );
  });

  it('returns [] when the person cancels the Open dialog', async () => {
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(invoke(HOST_IPC.openFiles.channel, trusted(), { title: 'Open', extensions: ['csv'], multiple: true })).resolves.toEqual([]);
  });

  it('saves under the sanitised name the person confirms', async () => {
    const target = path.join(scratch, 'league.csv');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saved = await invoke(HOST_IPC.saveFile.channel, trusted(), { suggestedName: '../../league.csv', mimeType: 'text/csv', data: 'a,b\n' });
    expect(saved).toBe('league.csv');
    expect(readFileSync(target, 'utf8')).toBe('a,b\n');
    const options = fake.dialog.showSaveDialog.mock.calls[0][0] as { defaultPath: string; filters: unknown };
    expect(path.basename(options.defaultPath)).toBe('league.csv');
    expect(options.filters).toEqual([{ name: 'CSV file', extensions: ['csv'] }]);
  });

  it('returns null when the person cancels the Save dialog', async () => {
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(invoke(HOST_IPC.saveFile.channel, trusted(), { suggestedName: 'a.svg', mimeType: 'image/svg+xml', data: '<svg/>' })).resolves.toBeNull();
  });

  it('prints through the system dialog; cancelling is not an error', async () => {
    const event = trusted();
    event.sender.print.mockImplementation((_options: unknown, done: (ok: boolean, reason: string) => void) => done(false, 'cancelled'));
    await expect(invoke(HOST_IPC.print.channel, event)).resolves.toBeUndefined();
    event.sender.print.mockImplementation((_options: unknown, done: (ok: boolean, reason: string) => void) => done(false, 'failed'));
    await expect(invoke(HOST_IPC.print.channel, event)).rejects.toThrow(/Save as PDF/);
  });
});

describe('readFileChunk as installed: a window reads only the files its person chose, a bounded chunk at a time', () => {
  const WINDOW = 1;
  const OTHER_WINDOW = 2;
  const from = (id: number) => ipcEvent('app://workbench/index.html', null, id);
  const content = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);
  let token = '';

  /** Choose `name` (holding `bytes`) in the Open dialog of window `id`; its token. */
  async function choose(name: string, bytes: Uint8Array, id = WINDOW): Promise<string> {
    const file = path.join(scratch, name);
    writeFileSync(file, bytes);
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const [chosen] = (await invoke(HOST_IPC.openFiles.channel, from(id), { title: 'Open', extensions: ['csv'], multiple: false })) as HostFile[];
    if (chosen.source.kind !== 'token') throw new Error('expected a token');
    expect(chosen.source.token).toMatch(/^[0-9a-f]{32}$/);
    return chosen.source.token;
  }

  const read = (id: number, request: Record<string, unknown>) => invoke(HOST_IPC.readFileChunk.channel, from(id), request) as Promise<Uint8Array>;

  beforeAll(async () => {
    token = await choose('chunks.csv', content);
  });

  it('reads the file back exactly, chunk by chunk, with an empty chunk at the end', async () => {
    const parts: number[] = [];
    for (let offset = 0; offset < content.length; offset += 3000) {
      const chunk = await read(WINDOW, { token, offset, length: 3000 });
      expect(chunk).toBeInstanceOf(Uint8Array);
      expect(chunk.byteLength).toBe(Math.min(3000, content.length - offset));
      parts.push(...chunk);
    }
    expect(Uint8Array.from(parts)).toEqual(content);
    expect((await read(WINDOW, { token, offset: content.length, length: 10 })).byteLength).toBe(0);
  });

  it('refuses an offset past the end of the file, naming the file and its size', async () => {
    await expect(read(WINDOW, { token, offset: content.length + 1, length: 1 })).rejects.toThrow('refused to read "chunks.csv" from byte 10001: the file has only 10000 bytes');
  });

  it('refuses a chunk over the 4 MiB cap, and malformed offsets, lengths and tokens, before touching the file', async () => {
    await expect(read(WINDOW, { token, offset: 0, length: MAX_FILE_CHUNK_BYTES + 1 })).rejects.toThrow(/refused a workbench:read-file-chunk request: length: at most 4194304 bytes are read at a time/);
    await expect(read(WINDOW, { token, offset: -1, length: 1 })).rejects.toThrow(/offset: the offset must not be negative/);
    await expect(read(WINDOW, { token, offset: 0.5, length: 1 })).rejects.toThrow(/offset: the offset must be a whole number/);
    await expect(read(WINDOW, { token, offset: 0, length: 0 })).rejects.toThrow(/length: the length must be at least 1 byte/);
    await expect(read(WINDOW, { token: '../../etc/passwd', offset: 0, length: 1 })).rejects.toThrow(/not one the workbench issued/);
    await expect(read(WINDOW, { token, offset: 0, length: 1, path: '/etc/passwd' })).rejects.toThrow(/refused a workbench:read-file-chunk request/);
    await expect(invoke(HOST_IPC.readFileChunk.channel, from(WINDOW))).rejects.toThrow(/refused a workbench:read-file-chunk request/);
    expect(MAX_FILE_CHUNK_BYTES).toBe(4 * 1024 * 1024);
  });

  it('serves a full 4 MiB chunk', async () => {
    const big = new Uint8Array(MAX_FILE_CHUNK_BYTES + 5).fill(65);
    const bigToken = await choose('big.csv', big);
    expect((await read(WINDOW, { token: bigToken, offset: 0, length: MAX_FILE_CHUNK_BYTES })).byteLength).toBe(MAX_FILE_CHUNK_BYTES);
    expect((await read(WINDOW, { token: bigToken, offset: MAX_FILE_CHUNK_BYTES, length: MAX_FILE_CHUNK_BYTES })).byteLength).toBe(5);
  });

  it('refuses a token from another window, and a token never issued, with one clear sentence', async () => {
    await expect(read(OTHER_WINDOW, { token, offset: 0, length: 10 })).rejects.toThrow(/^The workbench can only read a file you chose in this window/);
    await expect(read(WINDOW, { token: '0'.repeat(32), offset: 0, length: 10 })).rejects.toThrow(/^The workbench can only read a file you chose in this window/);
    // The other window's own choice is its own.
    const theirs = await choose('theirs.csv', Uint8Array.of(1, 2, 3), OTHER_WINDOW);
    await expect(read(OTHER_WINDOW, { token: theirs, offset: 0, length: 3 })).resolves.toEqual(Uint8Array.of(1, 2, 3));
    await expect(read(WINDOW, { token: theirs, offset: 0, length: 3 })).rejects.toThrow(/only read a file you chose in this window/);
  });

  it('refuses callers that are not the top frame of a workbench page, token or not', async () => {
    const framed = ipcEvent('app://workbench/index.html', { url: 'app://workbench/index.html' }, WINDOW);
    await expect(invoke(HOST_IPC.readFileChunk.channel, framed, { token, offset: 0, length: 1 })).rejects.toThrow('only accepts this request from its own window');
    await expect(invoke(HOST_IPC.readFileChunk.channel, ipcEvent('https://example.org/', null, WINDOW), { token, offset: 0, length: 1 })).rejects.toThrow('only accepts this request from its own window');
  });

  it('refuses a file that changed after it was chosen', async () => {
    const changing = await choose('changing.csv', Uint8Array.of(1, 2, 3, 4));
    writeFileSync(path.join(scratch, 'changing.csv'), Uint8Array.of(1, 2));
    await expect(read(WINDOW, { token: changing, offset: 0, length: 4 })).rejects.toThrow('"changing.csv" changed after you chose it, so the workbench stopped reading it. Open the file again.');
    const touched = await choose('touched.csv', Uint8Array.of(1, 2, 3, 4));
    utimesSync(path.join(scratch, 'touched.csv'), new Date(2001, 0, 1), new Date(2001, 0, 1));
    await expect(read(WINDOW, { token: touched, offset: 0, length: 4 })).rejects.toThrow(/"touched\.csv" changed after you chose it/);
  });

  it('says a file that was removed could not be read, without its path', async () => {
    const gone = await choose('gone.csv', Uint8Array.of(1));
    rmSync(path.join(scratch, 'gone.csv'));
    const error = (await read(WINDOW, { token: gone, offset: 0, length: 1 }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('"gone.csv" could not be read. Check that it still exists and that you may open it, then try again.');
    expect(error.message).not.toContain(scratch);
  });

  it('forgets a window\'s tokens when it is destroyed', async () => {
    const mine = await choose('closing.csv', Uint8Array.of(9), 3);
    await expect(read(3, { token: mine, offset: 0, length: 1 })).resolves.toEqual(Uint8Array.of(9));
    for (const listener of destroyedListeners.get(3) ?? []) listener();
    await expect(read(3, { token: mine, offset: 0, length: 1 })).rejects.toThrow(/only read a file you chose in this window/);
  });
});

describe('savePdf as installed', () => {
  const trusted = () => ipcEvent('app://workbench/index.html');

  it('asks where, then writes the page as an A4 PDF there', async () => {
    const target = path.join(scratch, 'report.pdf');
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const event = trusted();
    event.sender.printToPDF.mockResolvedValueOnce(Buffer.from('%PDF-1.7 test'));
    await expect(invoke(HOST_IPC.savePdf.channel, event, { suggestedName: 'report' })).resolves.toBe('report.pdf');
    expect(event.sender.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4', printBackground: true }));
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 test');
    const options = fake.dialog.showSaveDialog.mock.lastCall![0] as { defaultPath: string; filters: unknown };
    expect(path.basename(options.defaultPath)).toBe('report.pdf');
    expect(options.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }]);
  });

  it('makes no PDF when the person cancels, and explains a failed one', async () => {
    const event = trusted();
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(invoke(HOST_IPC.savePdf.channel, event, { suggestedName: 'report.pdf' })).resolves.toBeNull();
    expect(event.sender.printToPDF).not.toHaveBeenCalled();
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(scratch, 'x.pdf') });
    event.sender.printToPDF.mockRejectedValueOnce(new Error('renderer gone'));
    await expect(invoke(HOST_IPC.savePdf.channel, event, { suggestedName: 'x.pdf' })).rejects.toThrow(/could not be turned into a PDF for "x\.pdf"/);
  });

  it('refuses a name that is not a PDF before any dialog opens', async () => {
    const before = fake.dialog.showSaveDialog.mock.calls.length;
    await expect(invoke(HOST_IPC.savePdf.channel, trusted(), { suggestedName: 'x.exe' })).rejects.toThrow(/\.pdf extension/);
    expect(fake.dialog.showSaveDialog.mock.calls.length).toBe(before);
  });
});

describe('native menu as installed', () => {
  it('sends menu commands to the workbench window', () => {
    const template = fake.electron.Menu.setApplicationMenu.mock.calls[0][0] as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    const open = template.find((item) => item.label === '&File')!.submenu!.find((item) => item.label === 'Open extract…')!;
    open.click!();
    expect(fake.windows[0].sent).toEqual([[MENU_COMMAND_CHANNEL, 'open-file']]);
  });
});
