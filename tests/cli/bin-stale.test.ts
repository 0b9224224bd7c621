/**
 * bin/msvw.js's check of the build against the sources: a source changed anywhere under cli/ or
 * shared/ (however deep) makes it rebuild out/cli; otherwise it runs the build as it is. Run in a
 * scratch copy with a stand-in build and no Vite, so a rebuild shows as its "Vite is not
 * installed" message rather than a real build.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function scratch(): { dir: string; run: (...args: string[]) => ReturnType<typeof spawnSync> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'msvw-bin-'));
  mkdirSync(path.join(dir, 'bin'));
  copyFileSync(path.join(root, 'bin/msvw.js'), path.join(dir, 'bin/msvw.js'));
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  for (const d of ['cli/commands', 'shared/io/read/wasm', 'out/cli']) mkdirSync(path.join(dir, d), { recursive: true });
  writeFileSync(path.join(dir, 'cli/msvw.ts'), '');
  writeFileSync(path.join(dir, 'shared/io/read/wasm/records.wat'), '');
  writeFileSync(path.join(dir, 'out/cli/msvw.js'), 'process.stdout.write("the build as it is\\n");\n');
  const past = new Date(Date.now() - 3_600_000);
  for (const f of ['package.json', 'cli/msvw.ts', 'cli', 'cli/commands', 'shared', 'shared/io', 'shared/io/read', 'shared/io/read/wasm', 'shared/io/read/wasm/records.wat']) utimesSync(path.join(dir, f), past, past);
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(dir, 'bin/msvw.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { dir, run };
}

describe('bin/msvw.js build check', () => {
  it('runs the build when no source is newer', () => {
    const { run } = scratch();
    const r = run('--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('the build as it is\n');
  });

  it('rebuilds when a source deep under shared/ is newer than the build', () => {
    const { dir, run } = scratch();
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(path.join(dir, 'shared/io/read/wasm/records.wat'), future, future);
    const r = run('--version');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not built and Vite is not installed/);
    expect(r.stdout).toBe('');
  });
});
