/**
 * Wiring guard: the policy functions are unit-tested elsewhere; this reads the Electron entry
 * points' source to check they are actually applied (Electron itself cannot run here).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_IPC } from '../../electron/main/policy/ipc-schemas';

const repo = path.resolve(import.meta.dirname, '../..');
const source = (file: string) => readFileSync(path.join(repo, file), 'utf8');
/** Source without comments, so a commented-out call does not count. */
const code = (file: string) => source(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

const main = code('electron/main/index.ts');
const security = code('electron/main/security.ts');
const handlers = code('electron/main/host-handlers.ts');
const preload = code('electron/preload/index.ts');

describe('main process wiring', () => {
  it('enables the sandbox for every renderer before the app is ready', () => {
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    expect(main.indexOf('app.enableSandbox()')).toBeLessThan(main.indexOf('app.whenReady()'));
  });

  it('registers app: as a standard, secure, fetch-capable scheme before ready', () => {
    const registration = /protocol\.registerSchemesAsPrivileged\(\[\s*\{\s*scheme:\s*APP_SCHEME,\s*privileges:\s*\{([^}]*)\}/.exec(main);
    expect(registration).not.toBeNull();
    const privileges = registration![1];
    expect(privileges).toMatch(/standard:\s*true/);
    expect(privileges).toMatch(/secure:\s*true/);
    expect(privileges).toMatch(/supportFetchAPI:\s*true/);
    expect(privileges).not.toMatch(/bypassCSP:\s*true/);
    expect(privileges).not.toMatch(/corsEnabled:\s*true/);
    expect(main.indexOf('registerSchemesAsPrivileged')).toBeLessThan(main.indexOf('app.whenReady()'));
  });

  it('serves the UI through the app protocol handler and loads only app://workbench', () => {
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME,\s*\(request\)\s*=>\s*serveAppRequest\(RENDERER_ROOT,\s*request\)\)/);
    expect(main).toMatch(/loadURL\(APP_ENTRY_URL\)/);
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
  });

  it('installs the session guards on the default session and guards every web contents', () => {
    expect(main).toMatch(/installSessionGuards\(session\.defaultSession\)/);
    expect(main).toMatch(/app\.on\('web-contents-created',\s*\(_event,\s*contents\)\s*=>\s*guardWebContents\(contents\)\)/);
  });

  it('creates the window with the tested webPreferences policy', () => {
    expect(main).toMatch(/webPreferences:\s*webPreferencesPolicy\(/);
    expect(main).toMatch(/title:\s*'MS Variation Workbench'/);
  });

  it('checks for debugging switches in packaged builds', () => {
    expect(main).toMatch(/app\.isPackaged \? forbiddenDebugSwitches\(process\.argv\)/);
  });
});

describe('session and web-contents guards', () => {
  it('cancels every request the allowlist refuses', () => {
    expect(security).toMatch(/webRequest\.onBeforeRequest\(\(details,\s*callback\)\s*=>\s*\{\s*callback\(\{\s*cancel:\s*!isAllowedRequest\(details\.url\)\s*\}\)/);
  });

  it('denies every permission request and check', () => {
    expect(security).toMatch(/setPermissionRequestHandler\(\(_webContents,\s*_permission,\s*callback\)\s*=>\s*callback\(false\)\)/);
    expect(security).toMatch(/setPermissionCheckHandler\(\(\)\s*=>\s*false\)/);
    expect(security).toMatch(/setDevicePermissionHandler\(\(\)\s*=>\s*false\)/);
  });

  it('denies window.open, foreign navigation and redirects, and webviews', () => {
    expect(security).toMatch(/setWindowOpenHandler\(\(\)\s*=>\s*\(\{\s*action:\s*'deny'\s*\}\)\)/);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(security).toMatch(new RegExp(`on\\('${event}',\\s*\\(event\\)\\s*=>\\s*\\{\\s*if \\(!isAppNavigation\\(event\\.url\\)\\) event\\.preventDefault\\(\\)`));
    }
    expect(security).toMatch(/on\('will-attach-webview',\s*\(event\)\s*=>\s*\{\s*event\.preventDefault\(\)/);
  });
});

describe('host IPC handlers', () => {
  it('registers ipcMain.handle in exactly one place, which checks the sender and then the payload', () => {
    expect(handlers.match(/ipcMain\.handle\(/g)).toHaveLength(1);
    const wrapper = /ipcMain\.handle\(channel,[\s\S]*?\n {2}\}\);/.exec(handlers)?.[0] ?? '';
    const senderCheck = wrapper.indexOf('if (!fromTrustedFrame(event)) throw');
    const payloadCheck = wrapper.indexOf('checkInvokeArguments(name, args)');
    const operation = wrapper.indexOf('return operation(event, checked.args)');
    expect(senderCheck).toBeGreaterThan(-1);
    expect(payloadCheck).toBeGreaterThan(senderCheck);
    expect(wrapper).toContain('if (!checked.ok) throw new Error(checked.message)');
    expect(operation).toBeGreaterThan(payloadCheck);
  });

  it('trusts only the top frame of a workbench page', () => {
    expect(handlers).toMatch(/frame !== null && frame\.parent === null && isTrustedSender\(frame\.url\)/);
  });

  it('registers every operation of the contract through the checked wrapper, from one typed table', () => {
    expect(handlers).toMatch(/for \(const name of Object\.keys\(HOST_IPC\) as HostOperation\[\]\) register\(name\)/);
    expect(handlers).toMatch(/handleTrusted\(name, MAIN_HANDLERS\[name\]\)/);
    const table = /export const MAIN_HANDLERS: MainHandlers = \{([\s\S]*?)\n\};/.exec(handlers)?.[1] ?? '';
    const implemented = [...table.matchAll(/^\s{2}(\w+)/gm)].map((m) => m[1]).sort();
    expect(implemented).toEqual(Object.keys(HOST_IPC).sort());
  });
});

describe('no network, no updater, no crash upload anywhere in the Electron shell', () => {
  const files = (dir: string): string[] =>
    readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : [],
    );
  const shell = [...files('electron/main'), ...files('electron/preload')];

  it.each(shell)('%s makes no network calls', (file) => {
    const text = code(file);
    expect(text).not.toMatch(/autoUpdater|crashReporter|\bnet\.|\bfetch\(|from 'node:(http|https|net|dgram|tls)'|from '(http|https|net)'|shell\.openExternal/);
  });
});

describe('preload', () => {
  it('exposes one object, window.workbench, built to satisfy WorkbenchHost', () => {
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('workbench',\s*host\)/);
    expect(preload).toMatch(/\}\s*satisfies WorkbenchHost;/);
  });

  it('uses only ipcRenderer.invoke (on the contract channels), on and removeListener (on the menu channel)', () => {
    const uses = [...preload.matchAll(/ipcRenderer\.(\w+)\(([^,)]*)/g)].map(([, method, channel]) => `${method}(${channel}`);
    expect(uses.sort()).toEqual(['invoke(HOST_IPC[operation].channel', 'on(MENU_COMMAND_CHANNEL', 'removeListener(MENU_COMMAND_CHANNEL']);
    expect(preload).toMatch(/openFiles: \(request\) => invoke\('openFiles', \{ title: request\.title/);
  });

  it('never hands the IPC event to the page', () => {
    expect(preload).toMatch(/const relay = \(_event: IpcRendererEvent, command: unknown\): void => \{\s*if \(isMenuCommand\(command\)\) listener\(command\);/);
    expect(preload).toMatch(/return \(\) => \{\s*ipcRenderer\.removeListener\(MENU_COMMAND_CHANNEL, relay\)/);
  });

  it('imports nothing that a sandboxed preload cannot bundle', () => {
    const imports = [...preload.matchAll(/from '([^']+)'/g)].map((m) => m[1]).sort();
    expect(imports).toEqual(['../../shared/host/workbench-host', '../main/policy/ipc-schemas', './ipc-errors', 'electron']);
    // The contract table pulls in only zod, the limits and the shared host types: all bundleable.
    const contractImports = [...code('electron/main/policy/ipc-schemas.ts').matchAll(/from '([^']+)'/g)].map((m) => m[1]).sort();
    expect(contractImports).toEqual(['../../../shared/host/workbench-host', './ipc-limits', 'zod']);
  });
});
