/**
 * Headless analysis, whole process, against what an analyst would otherwise type (issue 12 item 3):
 * - cli-analyse: `node bin/msvw.js analyse <file>` (4+4 part 1 per centre, JSON), the compiled CLI
 *   as a person runs it: start-up, streamed read of the needed columns, import, analysis, output.
 *   Its peak memory is the msvw process's own (VmHWM from /proc/<pid>/status, read at exit by a
 *   one-line preload, and polled while it runs where the preload cannot be used).
 * - duckdb-direct: DuckDB asked the same per-centre question of the file directly (`... FROM
 *   read_csv('file') GROUP BY centre_code`, which parses only the columns it names); the
 *   connection is opened in setup, untimed, so only the query is measured.
 * Target: cli-analyse time <= 1.0x duckdb-direct, peak memory <= 2x the file size.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerCase, type BenchContext } from './cases';
import { ensureDuckDb } from './duckdb';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'msvw.js');
/** How often the child's /proc status is read while it runs (ms). */
const POLL_MS = 10;

/**
 * A preload that writes the process's peak resident memory (VmHWM, kB) and CPU time to fd 3 as it
 * exits: exact where polling could miss a peak in the last few milliseconds. Node loads --require
 * preloads into worker threads too: only the main thread's report is the process's (a worker's
 * report, written as it ended, made the two unreadable, so the CPU time shown was the bench's own).
 */
const PRELOAD = `if (require('worker_threads').isMainThread) process.on('exit', () => {
  try {
    const hwm = /VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'));
    const cpu = process.cpuUsage();
    require('fs').writeSync(3, JSON.stringify({ hwmKb: hwm ? Number(hwm[1]) : null, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
  } catch {}
});
`;

/** Peak resident memory (bytes) of a running process, or 0 when /proc cannot tell. */
function vmHwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Run `node [preload] bin/msvw.js args`, stdout discarded; resolves its peak memory and CPU time. */
function runMsvw(args: string[], preload: string): Promise<{ peakRssBytes: number; processCpuSeconds: number | null; outputBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', preload, BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let polled = 0;
    let outputBytes = 0;
    let stderr = '';
    let report = '';
    const timer = setInterval(() => { if (child.pid) polled = Math.max(polled, vmHwm(child.pid)); }, POLL_MS);
    child.stdout?.on('data', (d: Buffer) => { outputBytes += d.length; });
    child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => { report += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) { reject(new Error(`msvw ${args.join(' ')} exited ${code}: ${stderr}`)); return; }
      let atExit: { hwmKb: number | null; cpuSeconds: number } | null;
      try { atExit = JSON.parse(report) as { hwmKb: number | null; cpuSeconds: number }; } catch { atExit = null; }
      // Without its own report the figures would silently be the bench's: say so instead.
      if (!atExit) { reject(new Error(`msvw ${args.join(' ')} did not report its peak memory and CPU time (got "${report.slice(0, 200)}")`)); return; }
      resolve({
        peakRssBytes: Math.max(polled, (atExit.hwmKb ?? 0) * 1024),
        processCpuSeconds: atExit.cpuSeconds,
        outputBytes,
      });
    });
  });
}

/** The preload file, written once into the bench's data folder. */
function preloadFile(ctx: BenchContext): string {
  const dir = path.join(ctx.dataDir, 'cli-analyse');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'peak-at-exit.cjs');
  writeFileSync(file, PRELOAD);
  return file;
}

registerCase({
  id: 'cli-analyse',
  label: 'msvw analyse <file> (compiled CLI, whole process; peak = its VmHWM)',
  compareTo: 'duckdb-direct',
  setup: async (ctx) => {
    // Build out/cli if needed (bin/msvw.js rebuilds when sources are newer), untimed.
    const built = spawnSync(process.execPath, [BIN, '--version'], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`msvw --version failed: ${built.stderr}`);
    return preloadFile(ctx);
  },
  run: async (ctx, state) => {
    const r = await runMsvw(['analyse', ctx.file], state as string);
    return { ...r, peakOverFile: Number((r.peakRssBytes / ctx.fileBytes).toFixed(2)) };
  },
});

/** The direct query: per centre, patients with a referral, met within 28 days, median wait. */
export function directQuery(file: string): string {
  const f = file.replace(/'/g, "''");
  return `SELECT centre_code, count(*) AS n,
      count(*) FILTER (WHERE first_seen_date - referral_date <= 28) AS met,
      median(first_seen_date - referral_date) AS median_days
    FROM read_csv('${f}') WHERE referral_date IS NOT NULL GROUP BY centre_code`;
}

registerCase({
  id: 'duckdb-direct',
  label: "DuckDB SELECT centre_code, count(*), ... FROM read_csv('file') GROUP BY centre_code",
  setup: async () => {
    const { DuckDBInstance } = await ensureDuckDb();
    const instance = await DuckDBInstance.create(':memory:');
    return instance.connect();
  },
  run: async (ctx, state) => {
    const con = state as { runAndReadAll: (sql: string) => Promise<{ getRows: () => unknown[][] }> };
    const rows = (await con.runAndReadAll(directQuery(ctx.file))).getRows();
    return { groups: rows.length };
  },
});
