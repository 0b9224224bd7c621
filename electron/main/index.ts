/**
 * Electron main process: a thin shell. The UI is served from app://workbench (out/renderer) in a
 * sandboxed, context-isolated window; every network request is cancelled; the renderer reaches
 * the machine only through the validated host handlers. No auto-update, no crash upload, no
 * network calls from here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, protocol, session } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../shared/host/workbench-host';
import { registerHostHandlers } from './host-handlers';
import { menuTemplate } from './menu';
import { APP_ENTRY_URL, APP_SCHEME } from './policy/app-origin';
import { forbiddenDebugSwitches } from './policy/debug-switches';
import { webPreferencesPolicy } from './policy/web-preferences';
import { guardWebContents, installSessionGuards } from './security';
import { serveAppRequest } from './serve-app';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Built renderer (out/renderer), served as app://workbench. */
const RENDERER_ROOT = path.join(here, '..', 'renderer');
/** Built sandboxed preload (CommonJS). */
const PRELOAD_PATH = path.join(here, '..', 'preload', 'index.cjs');
/** Developer tools and their menu items exist only in unpackaged (development) runs. */
const DEV_TOOLS = !app.isPackaged;

/** Wire up the app: sandbox, protocol, guards, host handlers, menu, window. */
function start(): void {
  // Every renderer is sandboxed, whatever its webPreferences say.
  app.enableSandbox();

  // Must happen before ready: a standard, secure scheme gets an origin, IndexedDB and fetch.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);

  // A second copy would share (and race on) the same IndexedDB: hand over to the first one.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

  let mainWindow: BrowserWindow | null = null;

  /** Send a native menu command to the workbench window (the only window there is). */
  function sendMenuCommand(command: MenuCommand): void {
    mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command);
  }

  /** The one workbench window. */
  function createMainWindow(): BrowserWindow {
    const window = new BrowserWindow({
      width: 1280,
      height: 800,
      // Smaller than the default so it still fits a 1366x768 laptop screen.
      minWidth: 1024,
      minHeight: 640,
      title: 'MS Variation Workbench',
      show: false,
      webPreferences: webPreferencesPolicy({ preload: PRELOAD_PATH, devTools: DEV_TOOLS }),
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(APP_ENTRY_URL);
    return window;
  }

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    installSessionGuards(session.defaultSession);
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(RENDERER_ROOT, request));
    registerHostHandlers();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ send: sendMenuCommand, isMac: process.platform === 'darwin', devTools: DEV_TOOLS })));
    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}

// Packaged builds refuse remote-debugging and inspector switches (the fuses cover Node's own).
const forbidden = app.isPackaged ? forbiddenDebugSwitches(process.argv) : [];
if (forbidden.length > 0) {
  dialog.showErrorBox('MS Variation Workbench', `The workbench does not start with debugging switches (${forbidden.join(', ')}). Start it without them.`);
  app.exit(1);
} else {
  start();
}
