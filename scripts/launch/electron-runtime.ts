/**
 * Obtaining and launching the Electron runtime the way Electron 45 intends: its package has no
 * install script and downloads the binary the first time `require('electron')` runs (through the
 * package's install.js, the `install-electron` bin), then records it in node_modules/electron/
 * path.txt. ELECTRON_OVERRIDE_DIST_PATH points it at another binary (used by the tests' stand-in).
 */
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadFailureReason, downloadProgressLine, electronDownloadHost } from './decision';

/** Stop waiting for a download that has received nothing new for this long. */
export const DOWNLOAD_STALL_SECONDS = 60;

/** How often the progress line is refreshed. */
const PROGRESS_INTERVAL_MS = 500;

const RESOLVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'electron-path.cjs');
const MARKER = 'MSVW_ELECTRON_BINARY=';

export type ObtainResult = { ok: true; binary: string; downloaded: boolean } | { ok: false; reason: string };

/** Where a progress line goes: a terminal gets one line rewritten in place, anything else a line per stage. */
export interface ProgressSink {
  isTTY: boolean;
  write(text: string): void;
}

/** Total size of the files under a folder (the partial download lives there). */
function bytesUnder(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    try {
      const info = statSync(path.join(dir, entry));
      if (info.isFile()) total += info.size;
    } catch {
      // The downloader moves files as it goes; a vanished file is fine.
    }
  }
  return total;
}

/** The binary Electron's package already knows about (path.txt or the override), without downloading. */
export function installedElectron(projectRoot: string, env: NodeJS.ProcessEnv): string | null {
  const dir = path.join(projectRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  const recorded = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  // Same rule as electron/index.js getElectronPath().
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, recorded || 'electron')
    : recorded ? path.join(dir, 'dist', recorded) : null;
  return binary !== null && existsSync(binary) ? binary : null;
}

/**
 * The Electron binary, downloading it first when needed (with a progress line); on failure, one
 * sentence saying why. Never throws.
 */
export async function obtainElectron(projectRoot: string, env: NodeJS.ProcessEnv, progress: ProgressSink): Promise<ObtainResult> {
  const existing = installedElectron(projectRoot, env);
  if (existing) return { ok: true, binary: existing, downloaded: false };
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set to ${env.ELECTRON_OVERRIDE_DIST_PATH}, which holds no Electron binary (unset it to download the runtime).` };
  }
  if (!existsSync(path.join(projectRoot, 'node_modules', 'electron', 'package.json'))) {
    return { ok: false, reason: 'The Electron package is not installed here (run npm install first).' };
  }

  const version = (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const platform = `${process.platform}-${process.arch}`;
  // The downloader works in the system temp folder; giving the child its own lets us watch the bytes arrive.
  const scratch = mkdtempSync(path.join(tmpdir(), 'msvw-electron-download-'));
  const started = Date.now();
  let output = '';
  let lastBytes = 0;
  let lastChange = started;
  let stalled = false;

  const show = (final: boolean, succeeded = false): void => {
    const line = downloadProgressLine(version, platform, lastBytes, (Date.now() - started) / 1000);
    if (progress.isTTY) progress.write(`\r${line}${final ? '\n' : ''}`);
    else if (final && succeeded) progress.write(`${line}\n`);
  };
  progress.write(progress.isTTY ? '' : `Downloading Electron ${version} for ${platform} (first run only)…\n`);

  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [RESOLVER], {
      cwd: projectRoot,
      env: { ...env, TMPDIR: scratch, TMP: scratch, TEMP: scratch, ELECTRON_GET_NO_PROGRESS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    const timer = setInterval(() => {
      const bytes = bytesUnder(scratch);
      if (bytes !== lastBytes) {
        lastBytes = bytes;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > DOWNLOAD_STALL_SECONDS * 1000) {
        stalled = true;
        child.kill();
      }
      show(false);
    }, PROGRESS_INTERVAL_MS);
    child.on('error', (error) => { output += String(error); });
    child.on('close', (exitCode) => {
      clearInterval(timer);
      resolve(exitCode);
    });
  });
  rmSync(scratch, { recursive: true, force: true });

  const marked = output.split('\n').find((line) => line.startsWith(MARKER));
  const binary = marked?.slice(MARKER.length).trim();
  const succeeded = code === 0 && binary !== undefined && existsSync(binary);
  show(true, succeeded);
  if (succeeded) return { ok: true, binary, downloaded: true };

  const host = electronDownloadHost(env);
  let hostResolves: boolean;
  try {
    await lookup(host);
    hostResolves = true;
  } catch {
    hostResolves = false;
  }
  return { ok: false, reason: downloadFailureReason({ output, host, hostResolves, stalledSeconds: stalled ? DOWNLOAD_STALL_SECONDS : null }) };
}

/** Start the desktop app; resolves its exit code, or an error message when it could not be started at all. */
export function launchElectron(binary: string, projectRoot: string, appArgs: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number } | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(binary, [projectRoot, ...appArgs], { cwd: projectRoot, env, stdio: 'inherit' });
    child.on('error', (error) => resolve({ error: `The Electron runtime at ${binary} could not be started (${error.message}).` }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0) }));
  });
}
