/**
 * `npx tsx scripts/build-wasm.ts [--check]`: compile the WebAssembly text sources in
 * shared/io/read/wasm/ (*.wat) with wabt (the WebAssembly Binary Toolkit, built to JavaScript; a
 * devDependency) into TypeScript modules beside them (*.wasm.ts) that hold the binary as base64, so
 * shared/ needs no file reading or bundler plugin to load it. `--check` writes nothing and fails
 * when a committed module differs from what its source compiles to (a unit test runs the same check).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWat, sharedVariant, wasmModuleSource } from './wasm-source';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'shared', 'io', 'read', 'wasm');
const check = process.argv.includes('--check');
let stale = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.wat'))) {
  const source = path.join(dir, name);
  const target = source.replace(/\.wat$/, '.wasm.ts');
  const wat = readFileSync(source, 'utf8');
  const sharedWat = sharedVariant(wat);
  const text = wasmModuleSource(name, await compileWat(name, wat), sharedWat ? await compileWat(name, sharedWat, true) : null);
  let current = '';
  try { current = readFileSync(target, 'utf8'); } catch { /* not written yet */ }
  if (current === text) continue;
  if (check) { process.stderr.write(`${path.relative(process.cwd(), target)} is not what ${name} compiles to; run "npx tsx scripts/build-wasm.ts".\n`); stale++; continue; }
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}
if (stale > 0) process.exit(1);
