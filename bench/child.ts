/**
 * One measured run of one case, in its own process: `tsx bench/child.ts <caseId> <module> <contextJson>`
 * (only the case's own module is loaded, so other cases' imports do not count in its memory).
 * Prints one JSON line: seconds (wall), cpuSeconds, maxRssBytes (process.resourceUsage),
 * baselineRssBytes (before the case ran) and the case's details.
 */
import { findCase, loadCaseModule, type BenchContext } from './cases';

async function main(): Promise<void> {
  const [id, module, contextJson] = process.argv.slice(2);
  await loadCaseModule(module);
  const c = findCase(id);
  if (!c) throw new Error(`unknown bench case "${id}"`);
  const ctx = JSON.parse(contextJson) as BenchContext;
  const state = c.setup ? await c.setup(ctx) : undefined;
  const baselineRssBytes = process.resourceUsage().maxRSS * 1024;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const details = await c.run(ctx, state);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // A case that measures another process (e.g. cli-analyse) reports that process's peak memory and CPU time.
  const peak = details && typeof details.peakRssBytes === 'number' ? details.peakRssBytes : process.resourceUsage().maxRSS * 1024;
  const cpuSeconds = details && typeof details.processCpuSeconds === 'number' ? details.processCpuSeconds : (cpu.user + cpu.system) / 1e6;
  process.stdout.write(`${JSON.stringify({ id, seconds, cpuSeconds, maxRssBytes: peak, baselineRssBytes, details: details ?? {} })}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
