/**
 * npm start [-- --port N] [-- --web] [-- app switches]: open the desktop app, obtaining the
 * Electron runtime the way Electron 45 does (downloaded on first use, with a progress line).
 * Only when that fails does it serve the same workbench as a local web app, saying why in one
 * sentence and printing the address.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { busyPortMessage, parseStartArgs } from './launch/decision';
import { launchElectron, obtainElectron } from './launch/electron-runtime';
import { buildWebApp, nextFreePort, portIsFree, serveWebApp } from './launch/web-app';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = (line: string): void => { process.stdout.write(`${line}\n`); };
const err = (line: string): void => { process.stderr.write(`${line}\n`); };

/** Build main, preload and renderer with electron-vite (it needs only electron's package.json). */
function buildDesktopApp(): Promise<number> {
  return new Promise((resolve) => {
    const cli = path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const child = spawn(process.execPath, [cli, 'build', '--logLevel', 'warn'], { cwd: projectRoot, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Serve the web app instead, after saying why. Resolves an exit code only on failure. */
async function webFallback(port: number, why: string | null): Promise<number> {
  if (!(await portIsFree(port))) {
    if (why) err(why);
    err(busyPortMessage(port, await nextFreePort(port), 'npm start'));
    return 2;
  }
  if (why) out(`${why} Opening the workbench as a local web app instead.`);
  const built = await buildWebApp(projectRoot);
  if (built !== 0) return built;
  return serveWebApp(projectRoot, port, 'npm start', out, err);
}

async function main(): Promise<number> {
  const options = parseStartArgs(process.argv.slice(2), process.env);
  if (typeof options === 'string') {
    err(options);
    return 2;
  }
  if (options.web) return webFallback(options.port, null);

  const electron = await obtainElectron(projectRoot, process.env, { isTTY: process.stdout.isTTY === true, write: (text) => process.stdout.write(text) });
  if (!electron.ok) return webFallback(options.port, electron.reason);

  const built = await buildDesktopApp();
  if (built !== 0) return built;
  const launched = await launchElectron(electron.binary, projectRoot, options.appArgs, process.env);
  if ('error' in launched) return webFallback(options.port, launched.error);
  process.exit(launched.code);
}

const code = await main();
// 0 means the web server is listening and keeps the process alive; anything else is final.
if (code !== 0) process.exit(code);
