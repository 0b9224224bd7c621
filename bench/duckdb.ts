/**
 * DuckDB, the benchmark's comparator, kept out of the project's dependencies: its npm package
 * ships native bindings per platform, and a lockfile that names them all cannot be installed
 * where the registry serves only this platform's. `npm run bench` installs it on first use into
 * bench/.data/duckdb (gitignored) and loads it from there. Tests that use it skip without it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DUCKDB_PACKAGE = '@duckdb/node-api';
export const DUCKDB_VERSION = '1.5.6-r.1';

const prefix = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data', 'duckdb');

/** The parts of @duckdb/node-api the benchmark and tests use. */
export interface DuckDbConnection {
  run(sql: string): Promise<unknown>;
  closeSync?(): void;
}
export interface DuckDbModule {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckDbConnection> }> };
}

/** DuckDB from the project's node_modules or bench/.data/duckdb, or null when neither has it. */
export async function loadDuckDb(): Promise<DuckDbModule | null> {
  for (const base of [process.cwd(), prefix]) {
    try {
      const resolved = createRequire(path.join(base, 'package.json')).resolve(DUCKDB_PACKAGE);
      return (await import(resolved)) as DuckDbModule;
    } catch {
      // not here; try the next place
    }
  }
  return null;
}

/** DuckDB, installing it into bench/.data/duckdb first when it is missing (benchmark only). */
export async function ensureDuckDb(): Promise<DuckDbModule> {
  const loaded = await loadDuckDb();
  if (loaded) return loaded;
  if (!existsSync(path.join(prefix, 'package.json'))) {
    // `npm init` writes package.json in its working folder whatever --prefix says: run it there,
    // or it rewrites the project's own package.json.
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['init', '-y'], { stdio: 'ignore', cwd: prefix });
  }
  process.stderr.write(`Installing ${DUCKDB_PACKAGE}@${DUCKDB_VERSION} for the benchmark comparison (once, into bench/.data/duckdb)...\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, `${DUCKDB_PACKAGE}@${DUCKDB_VERSION}`], { stdio: 'inherit' });
  const installed = await loadDuckDb();
  if (!installed) throw new Error(`${DUCKDB_PACKAGE} could not be installed; the DuckDB comparison needs the npm registry once.`);
  return installed;
}
