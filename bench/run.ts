/**
 * `npm run bench [-- --rows N] [--runs N (overrides each case's own)] [--only id,id] [--all] [--file path.csv]`
 *
 * Generates (once, cached in bench/.data/) a patient CSV with the sample generator, then runs
 * every registered case (bench/cases.ts) in fresh child processes (a case and its baseline in
 * turn), takes the median of the runs,
 * prints a table with each case's ratio to its baseline and peak memory over file size, and writes
 * bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseModule, loadCases, type BenchCase, type BenchContext } from './cases';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.join(HERE, '.data');
const DEFAULT_ROWS = 1_000_000;
const DEFAULT_RUNS = 3;

/** One child run's report. */
interface RunReport {
  id: string;
  seconds: number;
  cpuSeconds: number;
  maxRssBytes: number;
  baselineRssBytes: number;
  details: Record<string, unknown>;
}

interface Args {
  rows: number;
  runs: number | null;
  only: string[] | null;
  all: boolean;
  file: string | null;
}

/** Command-line flags. */
function parseArgs(argv: string[]): Args {
  const args: Args = { rows: DEFAULT_ROWS, runs: null, only: null, all: false, file: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--rows') args.rows = Number(value());
    else if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--only') args.only = value().split(',');
    else if (flag === '--all') args.all = true;
    else if (flag === '--file') args.file = path.resolve(value());
    else throw new Error(`unknown flag ${flag}; usage: npm run bench -- [--rows N] [--runs N] [--only id,id] [--all] [--file path.csv]`);
  }
  return args;
}

/** Rows in a CSV (lines after the header), counted in chunks so this process stays small: a
 * child's peak RSS as the kernel reports it starts from its parent's, so the parent must not grow. */
function countRows(file: string): number {
  const chunk = new Uint8Array(1 << 20);
  const fd = openSync(file, 'r');
  let lines = 0;
  let last = 10;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++) if (chunk[i] === 10) lines++;
      last = chunk[n - 1];
    }
  } finally {
    closeSync(fd);
  }
  return (last === 10 ? lines : lines + 1) - 1;
}

/** The patient CSV for `rows` rows, generating it with samples/write.ts when not cached. */
async function ensureData(rows: number): Promise<string> {
  const dir = path.join(DATA_DIR, `patients-${rows}`);
  const file = path.join(dir, 'audit.csv');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`Generating ${rows} patient rows into ${path.relative(process.cwd(), dir)} (once)...\n`);
  const { writeSamples } = await import('../samples/write');
  const { DEFAULT_SEED, DEFAULT_AS_OF } = await import('../samples/generator');
  await writeSamples({
    rows,
    seed: DEFAULT_SEED,
    asOf: DEFAULT_AS_OF,
    outDir: dir,
    names: { auditCsv: 'audit.csv', kpiCsv: 'kpi.csv', auditXlsx: 'audit.xlsx', readme: 'README.md' },
    xlsx: false,
    granularity: 'quarter',
  });
  return file;
}

/** Run one case once in a fresh process. */
function runChild(c: BenchCase, ctx: BenchContext): RunReport {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(HERE, 'child.ts'), c.id, caseModule(c.id) ?? './cases-read.ts', JSON.stringify(ctx)], {
    cwd: path.join(HERE, '..'),
    encoding: 'utf8',
    maxBuffer: 16 << 20,
  });
  if (child.status !== 0) throw new Error(`bench case "${c.id}" failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as RunReport;
}

/** The results and ratios of earlier runs, or empty ones. */
function readPrevious(file: string): { results: Record<string, unknown>; ratios: Record<string, number> } {
  try {
    const old = JSON.parse(readFileSync(file, 'utf8')) as { results?: Record<string, unknown>; ratios?: Record<string, number> };
    return { results: old.results ?? {}, ratios: old.ratios ?? {} };
  } catch {
    return { results: {}, ratios: {} };
  }
}

/** The middle value (mean of the two middle ones for an even count). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(0)} MB`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = args.file ?? (await ensureData(args.rows));
  const fileBytes = statSync(file).size;
  const ctx: BenchContext = { file, fileBytes, rows: countRows(file), dataDir: DATA_DIR };
  const cases = (await loadCases((m) => process.stderr.write(`${m}\n`))).filter((c) => (args.only ? args.only.includes(c.id) : args.all || !c.optional));
  process.stdout.write(`File: ${path.relative(process.cwd(), file)} (${mb(fileBytes)}, ${ctx.rows} rows); ${os.cpus().length} cores, Node ${process.version}\n`);

  const results: Record<string, { label: string; runs: RunReport[]; seconds: number; cpuSeconds: number; maxRssBytes: number; baselineRssBytes: number; details: Record<string, unknown> }> = {};
  // A case and the one it is compared to run in turn (A B, then B A, ...), not one after the
  // other: this machine's speed drifts by 10-20% over minutes, and a ratio of two medians taken
  // minutes apart measured the drift as much as the cases.
  const runsOf = new Map<string, RunReport[]>();
  const record = (c: BenchCase, k: number, n: number): void => {
    const r = runChild(c, ctx);
    const list = runsOf.get(c.id) ?? [];
    list.push(r);
    runsOf.set(c.id, list);
    process.stdout.write(`  ${c.id} run ${k + 1}/${n}: ${r.seconds.toFixed(2)} s, peak ${mb(r.maxRssBytes)}\n`);
  };
  const done = new Set<string>();
  for (const c of cases) {
    if (done.has(c.id)) continue;
    const partner = cases.find((o) => !done.has(o.id) && o.id !== c.id && (o.id === c.compareTo || o.compareTo === c.id));
    const group = partner ? [c, partner] : [c];
    const n = Math.max(...group.map((g) => args.runs ?? g.runs ?? DEFAULT_RUNS));
    for (let k = 0; k < n; k++) for (const g of k % 2 === 0 ? group : [...group].reverse()) record(g, k, n);
    for (const g of group) done.add(g.id);
  }
  for (const c of cases) {
    const runs = runsOf.get(c.id);
    if (!runs) continue;
    results[c.id] = {
      label: c.label,
      runs,
      seconds: median(runs.map((r) => r.seconds)),
      cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
      maxRssBytes: median(runs.map((r) => r.maxRssBytes)),
      baselineRssBytes: median(runs.map((r) => r.baselineRssBytes)),
      details: runs[runs.length - 1].details,
    };
  }

  const rows = Object.entries(results).map(([id, r]) => ({
    case: id,
    'median s': r.seconds.toFixed(2),
    'cpu s': r.cpuSeconds.toFixed(2),
    'peak RSS': mb(r.maxRssBytes),
    'peak / file': (r.maxRssBytes / fileBytes).toFixed(2),
    'RSS before': mb(r.baselineRssBytes),
  }));
  console.table(rows);
  const ratios: Record<string, number> = {};
  for (const c of cases) {
    if (!c.compareTo || !results[c.id] || !results[c.compareTo]) continue;
    const ratio = results[c.id].seconds / results[c.compareTo].seconds;
    ratios[`${c.id}/${c.compareTo}`] = ratio;
    // The runs taken side by side: each pair's ratio, to show how far one minute's speed moves it.
    const mine = results[c.id].runs;
    const theirs = results[c.compareTo].runs;
    const pairs = mine.slice(0, theirs.length).map((r, k) => r.seconds / theirs[k].seconds).sort((a, b) => a - b);
    const spread = pairs.length > 1 ? `; run by run ${pairs[0].toFixed(2)}-${pairs[pairs.length - 1].toFixed(2)}, ${pairs.filter((x) => x <= 1).length} of ${pairs.length} within 1.0` : '';
    process.stdout.write(`${c.id} / ${c.compareTo}: ${ratio.toFixed(2)} (time, medians)${spread}; peak memory ${(results[c.id].maxRssBytes / fileBytes).toFixed(2)} x file size\n`);
  }
  // Merge into results.json: cases not run now keep their last results (each says when and on what file).
  const resultsFile = path.join(HERE, 'results.json');
  const previous = readPrevious(resultsFile);
  const stamp = { date: new Date().toISOString(), node: process.version, cores: os.cpus().length, loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))), file: path.relative(path.join(HERE, '..'), file), fileBytes, rows: ctx.rows };
  const merged: Record<string, unknown> = { ...previous.results };
  for (const [id, r] of Object.entries(results)) merged[id] = { ...stamp, ...r };
  const out = { ...stamp, results: merged, ratios: { ...previous.ratios, ...ratios } };
  writeFileSync(resultsFile, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), resultsFile)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
