/**
 * The web fallback of `npm start` (and `npm run web`): build the renderer as a web app and serve
 * it on 127.0.0.1, with a one-line, working suggestion when the port is taken.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { busyPortMessage } from './decision';
import { startWebServer, WEB_HOST } from '../web-server';

/** How many ports above a busy one are tried when suggesting another. */
const FREE_PORT_SEARCH = 20;

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, WEB_HOST, () => probe.close(() => resolve(true)));
  });
}

/** The first free port after `port`, or null when none of the next few is free. */
export async function nextFreePort(port: number): Promise<number | null> {
  for (let candidate = port + 1; candidate <= Math.min(port + FREE_PORT_SEARCH, 65535); candidate++) {
    if (await portIsFree(candidate)) return candidate;
  }
  return null;
}

/** Run a project binary (vite), inheriting the terminal; resolves its exit code. */
function run(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Build the web app (dist-web) with the project's Vite. */
export function buildWebApp(projectRoot: string): Promise<number> {
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  return run(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], projectRoot);
}

/**
 * Serve dist-web on 127.0.0.1:port and say where. `command` is how the person started it (for
 * the busy-port suggestion). Resolves 0 once listening (the server keeps the process alive), 2
 * when it cannot listen.
 */
export async function serveWebApp(projectRoot: string, port: number, command: string, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  try {
    await startWebServer(path.join(projectRoot, 'dist-web'), port);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') err(busyPortMessage(port, await nextFreePort(port), command));
    else if (code === 'EACCES') err(`Port ${port} needs privileges on this machine; start on another port with: ${command} -- --port ${port < 1024 ? 5178 : port + 1}`);
    else err(`The local web server could not start: ${(error as Error).message}`);
    return 2;
  }
  out(`MS Variation Workbench (web) at http://${WEB_HOST}:${port}/ (this machine only). Ctrl+C to stop.`);
  return 0;
}
