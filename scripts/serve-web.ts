/**
 * Serves the web build on 127.0.0.1 only. Usage: tsx scripts/serve-web.ts [--port 5178] [--dir dist-web]
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { startWebServer, WEB_HOST } from './web-server';
import { busyPortMessage } from './launch/decision';
import { nextFreePort } from './launch/web-app';

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const root = path.resolve(argument('dir', 'dist-web'));
const port = Number(argument('port', process.env.PORT ?? '5178'));

try {
  await stat(path.join(root, 'index.html'));
} catch {
  process.stderr.write(`No web build in ${root}. Run "npm run build:web" first.\n`);
  process.exit(2);
}

try {
  await startWebServer(root, port);
  process.stdout.write(`MS Variation Workbench (web) at http://${WEB_HOST}:${port}/ (this machine only). Ctrl+C to stop.\n`);
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  process.stderr.write(code === 'EADDRINUSE'
    ? `${busyPortMessage(port, await nextFreePort(port), 'npm run web')}\n`
    : `Could not start the local web server: ${(err as Error).message}\n`);
  process.exit(2);
}
