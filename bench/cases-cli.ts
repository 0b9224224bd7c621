/**
 * CLI start-up: whole-process wall time of the compiled msvw, as a person runs it (issue 12
 * target: under 0.2 s for `msvw --version` and `msvw standards`), beside a bare `node -e 0` to
 * show how much of it is Node's own start. Each run spawns one process; the median is reported.
 * The build (bin/msvw.js rebuilds out/cli when sources are newer) happens in setup, untimed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCase } from './cases';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'msvw.js');
const RUNS = 15;

/** Run one process to completion; throws with its stderr when it fails. */
function runProcess(args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
}

/** Make sure out/cli is built and current before timing. */
async function built(): Promise<void> {
  runProcess([BIN, '--version']);
}

registerCase({
  id: 'node-startup',
  label: 'bare Node start (node -e 0), for reference',
  runs: RUNS,
  run: async () => runProcess(['-e', '0']),
});

registerCase({
  id: 'cli-version',
  label: 'msvw --version (compiled CLI, whole process)',
  runs: RUNS,
  compareTo: 'node-startup',
  setup: built,
  run: async () => runProcess([BIN, '--version']),
});

registerCase({
  id: 'cli-standards',
  label: 'msvw standards (compiled CLI, whole process)',
  runs: RUNS,
  compareTo: 'node-startup',
  setup: built,
  run: async () => runProcess([BIN, 'standards']),
});
