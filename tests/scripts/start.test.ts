/**
 * npm start: the pure decisions, then the real launcher against a stand-in Electron binary
 * (ELECTRON_OVERRIDE_DIST_PATH) and against downloads that fail (a mirror that refuses, a host
 * that does not exist).
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyPortMessage, DEFAULT_WEB_PORT, downloadFailureReason, electronDownloadHost, parseStartArgs } from '../../scripts/launch/decision';
import { installedElectron, launchElectron, obtainElectron } from '../../scripts/launch/electron-runtime';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const quiet = { isTTY: false, write: () => undefined };

/** A folder holding an executable called `electron` that records its arguments and exits 0. */
function standInElectron(): { dir: string; record: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'msvw-standin-'));
  const record = path.join(dir, 'launched.json');
  const binary = path.join(dir, 'electron');
  writeFileSync(binary, `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`);
  chmodSync(binary, 0o755);
  return { dir, record };
}

/** Environment for a download that must not touch a real cache or a real stand-in. */
function downloadEnv(mirror: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: mirror, electron_config_cache: mkdtempSync(path.join(tmpdir(), 'msvw-electron-cache-')) };
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  return env;
}

describe('npm start arguments', () => {
  it('takes --port and --web for itself and passes everything else to the app', () => {
    expect(parseStartArgs(['--port', '5191', '--lang=en-GB'])).toEqual({ port: 5191, web: false, appArgs: ['--lang=en-GB'] });
    expect(parseStartArgs(['--port=5200', '--web'])).toEqual({ port: 5200, web: true, appArgs: [] });
    expect(parseStartArgs([])).toEqual({ port: DEFAULT_WEB_PORT, web: false, appArgs: [] });
    expect(parseStartArgs([], { PORT: '6000' })).toMatchObject({ port: 6000 });
  });
  it('refuses a port that is not a number, in one line with a command that works', () => {
    expect(parseStartArgs(['--port'])).toMatch(/^npm start: --port needs a number, e\.g\. npm start -- --port 5191$/);
    expect(parseStartArgs(['--port', 'abc'])).toMatch(/--port needs a number/);
    expect(parseStartArgs(['--port', '70000'])).toMatch(/not between 1 and 65535/);
  });
  it('suggests a free port for a busy one as a runnable command', () => {
    expect(busyPortMessage(5178, 5180, 'npm start')).toBe('Port 5178 is already in use (is the workbench already running?); start on another port with: npm start -- --port 5180');
    expect(busyPortMessage(5178, null, 'npm run web')).toMatch(/npm run web -- --port 5179$/);
  });
});

describe('why Electron could not be downloaded, in one sentence', () => {
  const base = { host: 'github.com', hostResolves: true, stalledSeconds: null };
  const oneSentence = (s: string) => expect(s.split(/(?<=\.) /).length, s).toBe(1);
  it('tells no network from a blocked connection by whether the host resolves', () => {
    const noNetwork = downloadFailureReason({ ...base, output: 'TypeError: fetch failed\n    at node:internal', hostResolves: false });
    expect(noNetwork).toBe('The Electron runtime could not be downloaded: this machine has no network connection (github.com could not be found).');
    const blocked = downloadFailureReason({ ...base, output: 'TypeError: fetch failed' });
    expect(blocked).toMatch(/connection to github\.com failed, so a firewall or proxy is probably blocking it\.$/);
    oneSentence(noNetwork);
    oneSentence(blocked);
  });
  it('names HTTP refusals, proxies, stalls and checksum failures', () => {
    expect(downloadFailureReason({ ...base, output: 'HTTPError: Response code 403 (Forbidden) for https://x' })).toMatch(/github\.com refused it \(HTTP 403 Forbidden\), so this network blocks the download\.$/);
    expect(downloadFailureReason({ ...base, output: 'Response code 407 (Proxy Authentication Required)' })).toMatch(/HTTPS_PROXY/);
    expect(downloadFailureReason({ ...base, output: 'Response code 404 (Not Found)' })).toMatch(/ELECTRON_MIRROR/);
    expect(downloadFailureReason({ ...base, output: '', stalledSeconds: 60 })).toMatch(/stalled \(no data for 60 s\)/);
    expect(downloadFailureReason({ ...base, output: 'Error: Generated checksum for "electron.zip" did not match expected checksum.' })).toMatch(/published checksum/);
    expect(downloadFailureReason({ ...base, output: 'Downloading Electron binary...\nError: something odd.\n  at x' })).toBe('The Electron runtime could not be downloaded (Error: something odd).');
  });
  it('downloads from the configured mirror', () => {
    expect(electronDownloadHost({})).toBe('github.com');
    expect(electronDownloadHost({ ELECTRON_MIRROR: 'https://npmmirror.com/mirrors/electron/' })).toBe('npmmirror.com');
  });
});

describe('obtaining and launching Electron (stand-in binary)', () => {
  it('uses ELECTRON_OVERRIDE_DIST_PATH as require("electron") does, launches it with the app and the passed arguments', async () => {
    const { dir, record } = standInElectron();
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir };
    expect(installedElectron(projectRoot, env)).toBe(path.join(dir, 'electron'));
    const obtained = await obtainElectron(projectRoot, env, quiet);
    expect(obtained).toEqual({ ok: true, binary: path.join(dir, 'electron'), downloaded: false });
    if (!obtained.ok) return;
    expect(await launchElectron(obtained.binary, projectRoot, ['--lang=en-GB'], env)).toEqual({ code: 0 });
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual([projectRoot, '--lang=en-GB']);
  });

  it('npm start builds the app and opens it in the stand-in, passing arguments through', async () => {
    const { dir, record } = standInElectron();
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts', '--lang=en-GB', '--port', '5191'], {
      cwd: projectRoot,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual([projectRoot, '--lang=en-GB']);
    expect(existsSync(path.join(projectRoot, 'out/main/index.js'))).toBe(true);
  }, 60_000);

  it('says so when the override names a folder without a binary', async () => {
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(path.join(tmpdir(), 'msvw-empty-')) };
    const obtained = await obtainElectron(projectRoot, env, quiet);
    expect(obtained).toMatchObject({ ok: false, reason: expect.stringMatching(/holds no Electron binary/) });
  });
});

describe('a failing download (Electron 45 downloads on first use)', () => {
  let refusing: Server;
  let refusingPort = 0;
  beforeAll(async () => {
    refusing = createServer((_req, res) => res.writeHead(403, 'Forbidden').end());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    refusingPort = (refusing.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

  it('reports a mirror that refuses the download as blocked, and leaves node_modules/electron untouched', async () => {
    const obtained = await obtainElectron(projectRoot, downloadEnv(`http://127.0.0.1:${refusingPort}/`), quiet);
    expect(obtained).toEqual({ ok: false, reason: 'The Electron runtime could not be downloaded: 127.0.0.1 refused it (HTTP 403 Forbidden), so this network blocks the download.' });
    expect(existsSync(path.join(projectRoot, 'node_modules/electron/path.txt'))).toBe(false);
  });

  it('reports a download host that cannot be found as no network', async () => {
    const obtained = await obtainElectron(projectRoot, downloadEnv('http://electron-mirror.invalid/'), quiet);
    expect(obtained).toEqual({ ok: false, reason: 'The Electron runtime could not be downloaded: this machine has no network connection (electron-mirror.invalid could not be found).' });
  });

  it('npm start then serves the web app, saying why in one sentence and printing the address', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const child = spawn(process.execPath, [path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts', '--port', String(port)], {
      cwd: projectRoot,
      env: downloadEnv(`http://127.0.0.1:${refusingPort}/`),
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (match) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`npm start exited ${code}: ${stdout}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${port}/`);
      expect(stdout).toContain('The Electron runtime could not be downloaded: 127.0.0.1 refused it (HTTP 403 Forbidden), so this network blocks the download. Opening the workbench as a local web app instead.');
      expect((await fetch(url)).status).toBe(200);
    } finally {
      child.kill();
    }
  }, 60_000);
});

describe('a download that succeeds (a local mirror serving a stand-in Electron zip)', () => {
  /**
   * A throwaway project whose node_modules/electron is a copy of the real package (its index.js
   * and install.js, i.e. require('electron') and install-electron), with @electron/get and the
   * extractor linked from this checkout; so the real download, checksum check, unzip and path.txt
   * happen there and never touch this checkout's node_modules.
   */
  function scratchProject(): string {
    const project = mkdtempSync(path.join(tmpdir(), 'msvw-project-'));
    const modules = path.join(project, 'node_modules');
    mkdirSync(modules);
    cpSync(path.join(projectRoot, 'node_modules/electron'), path.join(modules, 'electron'), { recursive: true, dereference: true });
    for (const scope of ['@electron', '@electron-internal']) symlinkSync(path.join(projectRoot, 'node_modules', scope), path.join(modules, scope), 'dir');
    return project;
  }

  const version = (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
  const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  let mirror: Server;
  let mirrorUrl = '';
  let record = '';

  beforeAll(async () => {
    record = path.join(mkdtempSync(path.join(tmpdir(), 'msvw-record-')), 'launched.json');
    const script = `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)));\n`;
    // A few MB of padding, served slowly, so the progress line sees bytes arrive.
    const padding = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const zip = zipSync({
      electron: [new TextEncoder().encode(script), { level: 0, os: 3, attrs: 0o100755 << 16 }],
      'padding.bin': [padding, { level: 0 }],
    });
    const sha256 = createHash('sha256').update(zip).digest('hex');
    mirror = createServer((req, res) => {
      if (req.url === `/v${version}/SHASUMS256.txt`) return res.writeHead(200).end(`${sha256} *${zipName}\n`);
      if (req.url !== `/v${version}/${zipName}`) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Length': String(zip.byteLength), 'Content-Type': 'application/zip' });
      const chunk = 256 * 1024;
      let offset = 0;
      const timer = setInterval(() => {
        res.write(zip.subarray(offset, offset + chunk));
        offset += chunk;
        if (offset >= zip.byteLength) {
          clearInterval(timer);
          res.end();
        }
      }, 120);
    });
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => mirror.close(() => resolve())));

  it('downloads through install-electron with a progress line, records path.txt, and launches what it got', async () => {
    const project = scratchProject();
    const env = { ...downloadEnv(mirrorUrl), electron_use_remote_checksums: '1' };
    let shown = '';
    const obtained = await obtainElectron(project, env, { isTTY: true, write: (text) => { shown += text; } });
    const binary = path.join(project, 'node_modules/electron/dist/electron');
    expect(obtained).toEqual({ ok: true, binary, downloaded: true });
    expect(readFileSync(path.join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    // The line is rewritten in place (\r) and shows megabytes received along the way.
    const frames = shown.split('\r').filter(Boolean);
    expect(frames.length).toBeGreaterThan(2);
    expect(frames.some((frame) => /^Downloading Electron \d+\.\d+\.\d+ for \w+-\w+ \(first run only\): \d+\.\d MB, \d+ s/.test(frame))).toBe(true);
    expect(shown.endsWith('\n')).toBe(true);
    // Next time it is simply there: no download.
    expect(installedElectron(project, env)).toBe(binary);
    expect(await launchElectron(binary, project, ['--lang=en-GB'], env)).toEqual({ code: 0 });
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual([project, '--lang=en-GB']);
  }, 60_000);
});
