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
/** Which module registered each case, so a child process loads only that one. */
const moduleOf = new Map<string, string>();

/** Add a case to the registry (ids are unique). */
export function registerCase(c: BenchCase): void {
  if (registry.has(c.id)) throw new Error(`bench case "${c.id}" is registered twice`);
  registry.set(c.id, c);
}

/** Every registered case, in registration order. */
export function allCases(): BenchCase[] {
  return [...registry.values()];
}

/** The module (relative to bench/) that registered a case. */
export function caseModule(id: string): string | undefined {
  return moduleOf.get(id);
}

/** The case with this id. */
export function findCase(id: string): BenchCase | undefined {
  return registry.get(id);
}

/** Modules that register cases (relative to bench/); add yours here. */
export const CASE_MODULES = ['./cases-read.ts', './cases-store.ts', './cases-analysis.ts', './cases-browser.ts', './cases-cli.ts', './cases-trends.ts', './cases-cli-analyse.ts'];

/** Import every case module so the registry is complete; a module that cannot load is reported and skipped. */
export async function loadCases(warn: (message: string) => void = () => {}): Promise<BenchCase[]> {
  for (const m of CASE_MODULES) await loadCaseModule(m, warn);
  return allCases();
}

/** Import one case module (each child process loads only its case's module, to keep its memory its own). */
export async function loadCaseModule(m: string, warn: (message: string) => void = () => {}): Promise<void> {
  const before = new Set(registry.keys());
  try {
    await import(m);
  } catch (err) {
    warn(`bench: cases in ${m} not loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const id of registry.keys()) if (!before.has(id)) moduleOf.set(id, m);
}
