/**
 * The Electron shell's security, checked in the real app: no Node in the page, exactly the host
 * API on window.workbench, every network request refused, no eval, no new windows, no
 * navigation away. Needs the Electron binary (not downloadable here) and `npm run build`; it
 * skips itself, saying why, when either is missing. Self-contained: uses no playwright.config
 * options, so any project that matches tests/e2e-electron can run it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY as PAGE_CSP } from '../../shared/host/content-security';

const repo = path.resolve(import.meta.dirname, '../..');
const mainEntry = path.join(repo, 'out/main/index.js');

/**
 * The Electron executable, or null when it was never downloaded. Deliberately not
 * `require('electron')`: that tries to download the binary when it is missing.
 */
function electronBinary(): string | null {
  const override = process.env.ELECTRON_EXECUTABLE_PATH;
  if (override !== undefined && override !== '') return existsSync(override) ? override : null;
  const pathFile = path.join(repo, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(repo, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string };

test.describe('Electron shell security (real app)', () => {
  test.skip(
    binary === null,
    'No Electron binary: node_modules/electron/path.txt or node_modules/electron/dist is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline). Install Electron 45 with its binary, or set ELECTRON_EXECUTABLE_PATH, to run this suite.',
  );
  test.skip(!existsSync(mainEntry), 'The Electron build is missing (out/main/index.js): run `npm run build` (electron-vite build) first.');

  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    // Chromium refuses to start as root with its OS sandbox on; only then is it switched off
    // (the page is still a sandboxed, context-isolated renderer, which is what these tests check).
    const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    app = await electron.launch({ executablePath: binary!, args: [...rootOnly, repo], cwd: repo, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('loads the workbench from app://workbench', async () => {
    expect(page.url()).toBe('app://workbench/index.html');
    await expect(page).toHaveTitle(/MS Variation Workbench/);
  });

  test('the page has no Node.js: require, process, module and Buffer are undefined', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      Buffer: typeof (globalThis as Record<string, unknown>).Buffer,
      electron: typeof (globalThis as Record<string, unknown>).electron,
      ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', electron: 'undefined', ipcRenderer: 'undefined' });
  });

  test('window.workbench has exactly the host API, and it reports Electron', async () => {
    const keys = await page.evaluate(() => Object.keys(window.workbench ?? {}).sort());
    expect(keys).toEqual(['info', 'kind', 'onMenuCommand', 'openFiles', 'print', 'readFileChunk', 'saveFile', 'savePdf']);
    const info = await page.evaluate(() => window.workbench!.info());
    expect(info).toEqual({ kind: 'electron', appVersion: version, platform: process.platform });
  });

  test('the host refuses invalid requests with a plain message', async () => {
    const refusal = await page.evaluate(() =>
      window.workbench!.saveFile({ suggestedName: 'payload.exe', mimeType: 'application/octet-stream', data: 'x' }).then(
        () => 'saved',
        (error: Error) => error.message,
      ),
    );
    expect(refusal).toMatch(/file type is not one the workbench exports/);
    expect(refusal).not.toMatch(/Error invoking remote method|\n\s+at /);

    const badOpen = await page.evaluate(() =>
      window.workbench!.openFiles({ title: 'Open', extensions: ['../x'], multiple: false }).then(
        () => 'opened',
        (error: Error) => error.message,
      ),
    );
    expect(badOpen).toMatch(/extensions/);

    // A file token this window was never given reads nothing.
    const badChunk = await page.evaluate(() =>
      window.workbench!.readFileChunk({ token: '0'.repeat(32), offset: 0, length: 16 }).then(
        () => 'read',
        (error: Error) => error.message,
      ),
    );
    expect(badChunk).toMatch(/^The workbench can only read a file you chose in this window/);
  });

  test('every network request fails: https, http to localhost, and WebSocket', async () => {
    const results = await page.evaluate(async () => {
      const attempt = (url: string) => fetch(url).then(() => 'loaded', () => 'refused');
      const socket = await new Promise<string>((resolve) => {
        try {
          const ws = new WebSocket('ws://127.0.0.1:9/');
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        } catch {
          resolve('refused');
        }
      });
      return { https: await attempt('https://example.org/'), localhost: await attempt('http://127.0.0.1:9/'), socket };
    });
    expect(results).toEqual({ https: 'refused', localhost: 'refused', socket: 'refused' });
  });

  test('app:// responses carry the strict CSP and nosniff, and eval is blocked in the page', async () => {
    const headers = await page.evaluate(async () => {
      const response = await fetch('/index.html');
      return { csp: response.headers.get('content-security-policy'), nosniff: response.headers.get('x-content-type-options') };
    });
    expect(headers).toEqual({ csp: PAGE_CSP, nosniff: 'nosniff' });
    const evalResult = await page.evaluate(() => {
      try {
        return String(new Function('return 1')());
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(evalResult).toBe('EvalError');
  });

  test('window.open is denied', async () => {
    const opened = await page.evaluate(() => window.open('https://example.org/') === null);
    expect(opened).toBe(true);
    await page.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
  });

  test('navigation away from app://workbench is blocked', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/workbench\//);
  });
});
