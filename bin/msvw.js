#!/usr/bin/env node
// msvw's installed command (package.json "bin"; `npm run msvw` runs it too). It runs the compiled
// CLI in out/cli/msvw.js. In a checkout it first checks that build against the sources (cli/,
// shared/, package.json, vite.cli.config.ts) and rebuilds it when missing or older, so a clean
// clone, CI and an edited source all just work; the check costs a few milliseconds. For `msvw
// analyse` it then starts the analysis's second thread before loading the command.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'out', 'cli');
const entry = path.join(outDir, 'msvw.js');
const SOURCES = ['cli', 'shared', 'package.json', 'vite.cli.config.ts'];

/** Newest modification time (ms) among the CLI's sources; 0 where there are none (an installed copy). */
function newestSource() {
  let newest = 0;
  // A walk of its own: readdirSync's { recursive: true } took twice as long here (10-15 ms for 164 entries).
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of entries) {
      const full = path.join(dir, item.name);
      try {
        newest = Math.max(newest, statSync(full).mtimeMs);
      } catch {
        // A file removed while we look does not matter.
      }
      if (item.isDirectory()) walk(full);
    }
  };
  for (const name of SOURCES) {
    const full = path.join(root, name);
    let info;
    try {
      info = statSync(full);
    } catch {
      continue;
    }
    newest = Math.max(newest, info.mtimeMs);
    if (info.isDirectory()) walk(full);
  }
  return newest;
}

/** Build out/cli with the project's Vite, into a scratch folder, then swap it in. */
function build() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    process.stderr.write('msvw: the command-line tool is not built and Vite is not installed; run "npm install" then "npm run build:cli".\n');
    return false;
  }
  process.stderr.write('msvw: building the command-line tool (out/cli)…\n');
  const scratch = `${outDir}.build-${process.pid}`;
  // node:child_process is loaded only to build (loading it costs every call a few milliseconds).
  const { spawnSync } = createRequire(import.meta.url)('node:child_process');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts', '--outDir', scratch, '--logLevel', 'error'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    return false;
  }
  rmSync(outDir, { recursive: true, force: true });
  renameSync(scratch, outDir);
  return true;
}

/** True when out/cli is missing or older than a source. */
function stale() {
  return !existsSync(entry) || statSync(entry).mtimeMs < newestSource();
}

/** A build left locked longer than this was interrupted; its lock is taken over. */
const LOCK_STALE_MS = 120_000;
const lock = `${outDir}.lock`;

/** Rebuild under a lock (a folder, created atomically), so parallel runs build once and never see a half-swapped out/cli. */
function buildOnce() {
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  let built = true;
  try {
    if (stale()) built = build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (!built) {
    process.stderr.write('msvw: the command-line tool could not be built (see above); run "npm run build:cli" to retry.\n');
    process.exit(2);
  }
}

if (existsSync(lock) || stale()) buildOnce();
// `msvw analyse` on a large file: its second thread starts now, before the command is loaded
// (cli/scan-worker-start.ts decides, and msvw.js takes the same worker).
const prestart = path.join(outDir, 'scan-worker-start.js');
if (process.argv[2] === 'analyse' && existsSync(prestart)) (await import(pathToFileURL(prestart).href)).prestartScanWorker(process.argv.slice(3));
await import(pathToFileURL(entry).href);
