/**
 * Benchmark cases: a small registry so anyone can add a case (storing, reopening, analysis...).
 * Each case runs in a fresh child process (bench/child.ts), so its time and peak memory are its own.
 * Register with `registerCase({...})` in a module listed in CASE_MODULES (bench/run.ts imports them all).
 */

/** What a case is given: the extract to work on. */
export interface BenchContext {
  /** Absolute path of the 1M-row (or --rows) patient CSV. */
  file: string;
  fileBytes: number;
  /** Data rows in the file. */
  rows: number;
  /** Folder for anything a case wants to cache (gitignored). */
  dataDir: string;
}

/** One benchmark case. `run` does the measured work and may return details to record. */
export interface BenchCase {
  id: string;
  label: string;
  /** Runs to take the median of (default 3). */
  runs?: number;
  /** Skipped unless asked for with --only or --all (slow reference cases). */
  optional?: boolean;
  /** Cases compared: the ratio ours/baseline is printed for each pair. */
  compareTo?: string;
  /** Work done once in the child before timing starts (e.g. opening a database). Returns state for run. */
  setup?: (ctx: BenchContext) => Promise<unknown>;
  run: (ctx: BenchContext, state: unknown) => Promise<Record<string, unknown> | void>;
}

const registry = new Map<string, BenchCase>();

/** Add a case to the registry (ids are unique). */
export function registerCase(c: BenchCase): void {
  if (registry.has(c.id)) throw new Error(`bench case "${c.id}" is registered twice`);
  registry.set(c.id, c);
}

/** Every registered case, in registration order. */
export function allCases(): BenchCase[] {
  return [...registry.values()];
}

/** The case with this id. */
export function findCase(id: string): BenchCase | undefined {
  return registry.get(id);
}

/** Modules that register cases (relative to bench/); add yours here. */
export const CASE_MODULES = ['./cases-read.ts'];

/** Import every case module so the registry is complete. */
export async function loadCases(): Promise<BenchCase[]> {
  for (const m of CASE_MODULES) await import(m);
  return allCases();
}
