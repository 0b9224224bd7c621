/**
 * npm start: build and open the desktop app; where the Electron runtime is not installed (it is
 * downloaded on first install, which some networks block), serve the same workbench locally.
 */
import { existsSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';

function electronBinary(): string | null {
  const dir = path.resolve('node_modules/electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const binary = electronBinary();
if (binary) {
  const built = await run('node_modules/.bin/electron-vite', ['build']);
  if (built !== 0) process.exit(built);
  process.exit(await run(binary, ['.']));
} else {
  process.stdout.write('The Electron runtime is not installed here, so the workbench is opening as a local web app on this machine instead.\n');
  const built = await run('node_modules/.bin/vite', ['build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
  if (built !== 0) process.exit(built);
  process.exit(await run('node_modules/.bin/tsx', ['scripts/serve-web.ts']));
}
