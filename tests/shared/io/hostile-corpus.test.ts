/**
 * Every file of the hostile corpus (tests/fixtures/hostile/generate.ts) through the real CLI,
 * `msvw inspect <file>`, as a separate process: it must end within 60 s and 4 GiB, exit 0 or 2,
 * write one or two lines on stderr and no stack trace, and, when it reads the file, account for
 * every row (imported + excluded = read). Time and peak memory come from GNU time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHostileCorpus, type CorpusFile } from '../../fixtures/hostile/generate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = path.join(root, 'node_modules', '.bin', 'tsx');
const GNU_TIME = '/usr/bin/time';
/** The bounds of issue 10: every file ends within these. */
const MAX_SECONDS = 60;
const MAX_KIB = 4 * 1024 * 1024;

interface Outcome {
  file: string;
  what: string;
  seconds: number;
  peakMiB: number;
  exit: number | null;
  stderr: string;
  rows?: string;
}

const dir = mkdtempSync(path.join(tmpdir(), 'msvw-hostile-'));
const outcomes: Outcome[] = [];

afterAll(() => {
  const table = outcomes.map((o) => `${o.file}\t${o.seconds.toFixed(1)} s\t${o.peakMiB} MiB\texit ${o.exit}\t${o.rows ?? ''}\t${o.stderr.replace(/\n/g, ' | ')}`).join('\n');
  writeFileSync(path.join(tmpdir(), 'msvw-hostile-outcomes.tsv'), `${table}\n`);
  rmSync(dir, { recursive: true, force: true });
});

function run(file: CorpusFile): Outcome {
  const timing = path.join(dir, 'time.txt');
  const useTime = existsSync(GNU_TIME);
  const command = useTime ? GNU_TIME : TSX;
  const args = [...(useTime ? ['-f', '%e %M', '-o', timing, TSX] : []), path.join(root, 'cli', 'msvw.ts'), 'inspect', file.path];
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: (MAX_SECONDS + 30) * 1000, maxBuffer: 64 * 1024 * 1024 });
  let seconds = (Date.now() - started) / 1000;
  let peakKiB = 0;
  if (useTime && existsSync(timing)) {
    const [s, k] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    seconds = s;
    peakKiB = k;
  }
  const out: Outcome = { file: file.name, what: file.what, seconds, peakMiB: Math.round(peakKiB / 1024), exit: r.status, stderr: r.stderr.trim() };
  if (r.status === 0) {
    const report = JSON.parse(r.stdout) as { rowsRead: number; rowsImported: number; rowsExcluded: Record<string, number> };
    const excluded = Object.values(report.rowsExcluded).reduce((a, b) => a + b, 0);
    out.rows = `${report.rowsRead} read = ${report.rowsImported} imported + ${excluded} excluded ${JSON.stringify(report.rowsExcluded)}`;
    expect(report.rowsImported + excluded).toBe(report.rowsRead);
  }
  outcomes.push(out);
  return out;
}

describe('hostile corpus through msvw inspect', () => {
  const corpus = generateHostileCorpus(dir);

  it.each(corpus.map((f) => [f.name, f] as const))('%s ends in bounds with a plain answer', (_name, file) => {
    const o = run(file);
    expect(o.seconds).toBeLessThan(MAX_SECONDS);
    expect(o.peakMiB * 1024).toBeLessThan(MAX_KIB);
    expect([0, 2]).toContain(o.exit);
    expect(o.exit).toBe(file.expect === 'refused' ? 2 : 0);
    const lines = o.stderr === '' ? [] : o.stderr.split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    if (o.exit === 2) expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(o.stderr).not.toMatch(/^\s+at |Error: .*\n\s+at |node:internal/m);
  }, (MAX_SECONDS + 40) * 1000);
});

/**
 * The same corpus through the compiled `msvw analyse`, with every file taken as large
 * (MSVW_PARALLEL_MIN_BYTES=1), so the streamed tally and its second thread meet every hostile file
 * first: each still ends in bounds with exit 0 or 2, a plain line or two on stderr, no stack trace.
 */
describe('hostile corpus through msvw analyse (compiled, tallied on two threads)', () => {
  const analyseDir = path.join(dir, 'analyse');
  mkdirSync(analyseDir, { recursive: true });
  const corpus = generateHostileCorpus(analyseDir);

  it.each(corpus.map((f) => [f.name, f] as const))('%s ends in bounds with a plain answer', (_name, file) => {
    const timing = path.join(dir, 'time-analyse.txt');
    const useTime = existsSync(GNU_TIME);
    const cli = [path.join(root, 'bin', 'msvw.js'), 'analyse', file.path];
    const r = useTime
      ? spawnSync(GNU_TIME, ['-f', '%e %M', '-o', timing, process.execPath, ...cli], { cwd: root, encoding: 'utf8', timeout: (MAX_SECONDS + 30) * 1000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MSVW_PARALLEL_MIN_BYTES: '1', MSVW_CHUNK_BYTES: '256' } })
      : spawnSync(process.execPath, cli, { cwd: root, encoding: 'utf8', timeout: (MAX_SECONDS + 30) * 1000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MSVW_PARALLEL_MIN_BYTES: '1', MSVW_CHUNK_BYTES: '256' } });
    if (useTime && existsSync(timing)) {
      const [seconds, kib] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
      expect(seconds).toBeLessThan(MAX_SECONDS);
      expect(kib).toBeLessThan(MAX_KIB);
    }
    expect([0, 2]).toContain(r.status);
    const stderr = r.stderr.trim();
    const lines = stderr === '' ? [] : stderr.split('\n').filter((l) => !/^msvw: building the command-line tool/.test(l));
    expect(lines.length).toBeLessThanOrEqual(2);
    if (r.status === 2) expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(stderr).not.toMatch(/^\s+at |Error: .*\n\s+at |node:internal/m);
    if (r.status === 0) expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
  }, (MAX_SECONDS + 40) * 1000);
});
