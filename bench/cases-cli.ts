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

/** Run one process to completion (in this environment, or with `env` instead); throws with its stderr when it fails. */
function runProcess(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env });
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

// Where NODE_EXTRA_CA_CERTS is set (it is on the machines this was measured on), Node 20 reads its
// own root certificates and that file as every process starts (nodejs/node#40524; later Node
// versions read them when first needed): a cost every Node process here pays before any of its
// code runs, msvw's too, which this case shows beside node-startup. msvw itself runs with the
// environment it is given.
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  const { NODE_EXTRA_CA_CERTS: _unused, ...withoutExtraCerts } = process.env;
  registerCase({
    id: 'node-startup-no-extra-ca',
    label: 'bare Node start (node -e 0) without NODE_EXTRA_CA_CERTS, for reference (nodejs/node#40524)',
    runs: RUNS,
    compareTo: 'node-startup',
    run: async () => runProcess(['-e', '0'], withoutExtraCerts),
  });
}

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
