/**
 * The compiled msvw as a person runs it: plain Node on the built JavaScript (bin/msvw.js builds
 * out/cli first when it is missing or older than the sources), no TypeScript loader.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_STANDARDS } from '../../shared/standards/catalogue';

const root = path.join(import.meta.dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

/** Run a script with plain Node from the repository root. */
function node(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const msvw = (...args: string[]) => node('bin/msvw.js', ...args);

describe('msvw, compiled', () => {
  beforeAll(() => {
    // Brings out/cli up to date (a no-op when it already is), so the tests below time nothing but the CLI.
    expect(msvw('--version').code).toBe(0);
  }, 120_000);

  it('runs the built JavaScript on plain Node, with the package version', () => {
    const direct = node('out/cli/msvw.js', '--version');
    expect(direct).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(msvw('-v').stdout).toBe(`${version}\n`);
  });

  it('prints its usage, listing every command: exit 2 on stderr with no arguments, exit 0 on stdout with --help', () => {
    const bare = msvw();
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^msvw: MS Variation Workbench, headless\nUsage: msvw <command> \[options\]/);
    for (const command of ['inspect', 'analyse', 'standards']) expect(bare.stderr).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    const help = msvw('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(bare.stderr);
  });

  it('refuses an unknown command or option in one line, exit 2', () => {
    const unknown = msvw('analyze');
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'msvw: unknown command "analyze"; did you mean "analyse"? Commands: inspect, analyse, standards, spc, business-case, report, waits (msvw --help)\n' });
    expect(msvw('standard').stderr).toMatch(/^msvw: unknown command "standard"; did you mean "standards"\?/);
    expect(msvw('busines').stderr).toMatch(/did you mean "business-case"\?/);
    expect(msvw('wait').stderr).toMatch(/did you mean "waits"\?/);
    expect(msvw('frobnicate').stderr).toBe('msvw: unknown command "frobnicate". Commands: inspect, analyse, standards, spc, business-case, report, waits (msvw --help)\n');
    expect(msvw('--verbose').stderr).toMatch(/^msvw: unknown option "--verbose"\./);
  });

  /** Every command, as `msvw --help` lists them. */
  const COMMAND_NAMES = ['inspect', 'analyse', 'standards', 'spc', 'business-case', 'report', 'waits'];

  it('lists exactly the commands the tests below cover', () => {
    const listed = msvw('--help').stdout.split('\nCommands:\n')[1].split('\n\n')[0].split('\n').map((line) => line.trim().split(/\s+/)[0]);
    expect(listed).toEqual(COMMAND_NAMES);
  });

  it.each(COMMAND_NAMES)('msvw %s --help and -h print its usage to stdout and exit 0', (command) => {
    for (const flag of ['--help', '-h']) {
      const help = msvw(command, flag);
      expect(help.stderr, `${command} ${flag}`).toBe('');
      expect(help.code, `${command} ${flag}`).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: msvw ${command} \\S.*\n$`));
    }
    // The same usage as the command's one-line error names.
    const unknown = msvw(command, '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(`msvw ${command}: unknown option "--bogus". ${msvw(command, '--help').stdout}`);
  });

  it('answers --help anywhere in the arguments, before checking them and without reading any file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msvw-help-'));
    try {
      const missing = path.join(dir, 'missing.csv');
      const out = path.join(dir, 'report.html');
      const cases: string[][] = [
        ['analyse', missing, '--measure', '4plus4-part1', '--help'],
        ['analyse', missing, '--bogus', '-h'],
        ['inspect', '-h', missing],
        ['spc', missing, '--measure', 'x', '--chart', 'nonsense', '--help'],
        ['business-case', '--help', missing, '--centre', 'RTH', '--years', '9'],
        ['report', missing, '--centre', 'RTH', '--out', out, '-h'],
        ['waits', missing, '--start', 'a', '--end', 'b', '--help'],
        ['standards', '--catalogue', missing, '--help'],
      ];
      for (const args of cases) {
        const r = msvw(...args);
        expect(r, args.join(' ')).toEqual({ code: 0, stdout: msvw(args[0], '--help').stdout, stderr: '' });
      }
      expect(existsSync(out)).toBe(false);
      // After "--" every argument is a file name: "--help" is then a file, read (and not found).
      const afterDashes = msvw('analyse', '--', '--help');
      expect(afterDashes.code).toBe(2);
      expect(afterDashes.stdout).toBe('');
      expect(afterDashes.stderr).toBe('msvw analyse: cannot read "--help": check the path and that the file exists.\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a file once in its one-line error (a pipe is refused, not read)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msvw-fifo-'));
    const fifo = path.join(dir, 'ff.csv');
    execFileSync('mkfifo', [fifo]);
    const extra: Record<string, string[]> = { analyse: ['--measure', '4plus4-part1'], 'business-case': ['--centre', 'RTH'], spc: ['--measure', '4plus4-part1'] };
    for (const command of ['analyse', 'inspect', 'business-case', 'spc']) {
      const r = msvw(command, fifo, ...(extra[command] ?? []));
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^msvw ${command}: "${fifo}" is a pipe \\(FIFO\\), not a file`));
      expect(r.stderr.split('ff.csv').length - 1).toBe(1);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the standards catalogue, and its errors are one line', () => {
    const listed = msvw('standards');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toHaveLength(SHIPPED_STANDARDS.length + 1);
    const bad = msvw('standards', '--catalogue');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('msvw standards: --catalogue needs a value. Usage: msvw standards [--json] [--catalogue FILE]\n');
  });

  it('analyses the bundled sample (the same core as the app)', () => {
    const r = msvw('analyse', 'samples/data/audit-sample.csv', '--measure', '4plus4-part1', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0].split(',')).toContain('centre_code');
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(10);
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/msvw.js standards --json | head -c 10`], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
  it('tallies a large file on two threads (the compiled scan worker) and prints what reading it whole prints', () => {
    const sample = path.join(root, 'samples/data/audit-sample.csv');
    const run = (env: Record<string, string>, ...args: string[]) => {
      const r = spawnSync(process.execPath, ['bin/msvw.js', 'analyse', sample, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    for (const args of [['--no-suppress'], ['--measure', 'bh-referral-to-seen', '--tier', 'achievable']]) {
      // Every file is "large" here, so the second thread is used for the 20,000-row sample.
      const two = run({ MSVW_PARALLEL_MIN_BYTES: '1', MSVW_TRACE: '1' }, ...args);
      expect(two.code).toBe(0);
      expect(two.stderr).toMatch(/tallied as it streams on 2 threads/);
      expect(two.stderr).toMatch(/worker tallied at/);
      // The worker msvw started as it started (cli/scan-worker-start.ts) is the one used.
      expect(two.stderr).toMatch(/the second thread was started as msvw started/);
      // Small chunks (64 KiB: about 30 of them), taken in turn by both threads from the shared counter.
      const chunked = run({ MSVW_PARALLEL_MIN_BYTES: '1', MSVW_CHUNK_BYTES: '65536', MSVW_TRACE: '1' }, ...args);
      expect(chunked.code).toBe(0);
      expect(chunked.stderr).toMatch(/tallied as it streams on 2 threads/);
      // Reads of 64 KiB and any rest worth taking: the threads take pieces of each other's chunk.
      const shared = run({ MSVW_PARALLEL_MIN_BYTES: '1', MSVW_STEAL_MIN_BYTES: '1', MSVW_STEAL_BIAS_BYTES: '0', MSVW_READ_STEP_BYTES: '65536', MSVW_TRACE: '1' }, ...args);
      expect(shared.code).toBe(0);
      expect(shared.stderr).toMatch(/tallied as it streams on 2 threads/);
      expect(shared.stderr).toMatch(/\d+ pieces? taken from the other thread's chunk/);
      const whole = run({ MSVW_STREAM: '0' }, ...args);
      expect(whole.code).toBe(0);
      expect(two.stdout).toBe(whole.stdout);
      expect(chunked.stdout).toBe(whole.stdout);
      expect(shared.stdout).toBe(whole.stdout);
    }
  });
  it('holds V8\'s optimising compiler back while it tallies (cli/jit.ts), and gives it back to a file it must then read whole', () => {
    const sample = path.join(root, 'samples/data/audit-sample.csv');
    // --trace-opt prints a line to stdout for each function V8 optimises.
    const traced = (file: string, env: Record<string, string>, nodeFlags: string[] = []) => {
      const r = spawnSync(process.execPath, [...nodeFlags, '--trace-opt', 'bin/msvw.js', 'analyse', file, '--no-suppress'], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
      expect(r.status).toBe(0);
      return [...r.stdout.matchAll(/completed compiling 0x[0-9a-f]+ <JSFunction (\S+)/g)].map((m) => m[1]);
    };
    // The scanner's per-row functions, which read the few rows the walker hands over.
    const perRow = (names: string[]) => names.filter((n) => ['walked', 'row', 'unquoted', 'intern', 'keep', 'labelOf'].includes(n));
    expect(perRow(traced(sample, { MSVW_PARALLEL_MIN_BYTES: '1' }))).toEqual([]);
    // A --max-opt the user gives Node is theirs: then those functions are optimised as usual (which
    // also shows this check would see them).
    expect(perRow(traced(sample, { MSVW_PARALLEL_MIN_BYTES: '1' }, ['--max-opt=4'])).length).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'msvw-jit-'));
    try {
      // A ragged last row: the tally stops there, and the file is read whole, which needs the
      // optimising compiler back (without it that read took four times as long).
      const ragged = path.join(dir, 'ragged.csv');
      writeFileSync(ragged, `${readFileSync(sample, 'utf8')}P1,R0N,x\n`);
      const afterTally = traced(ragged, { MSVW_PARALLEL_MIN_BYTES: '1' }).length;
      const wholeOnly = traced(ragged, { MSVW_STREAM: '0' }).length;
      expect(wholeOnly).toBeGreaterThan(20);
      expect(afterTally).toBeGreaterThan(wholeOnly / 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('ends promptly when the worker started for a large file is not used (the analysis reads the file another way)', () => {
    const sample = path.join(root, 'samples/data/audit-sample.csv');
    const run = (env: Record<string, string>) => spawnSync(process.execPath, ['bin/msvw.js', 'analyse', sample, '--by', 'region'], { cwd: root, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
    const started = Date.now();
    const early = run({ MSVW_PARALLEL_MIN_BYTES: '1', MSVW_TRACE: '1' });
    expect(early.status).toBe(0);
    expect(early.stderr).not.toMatch(/the second thread was started as msvw started/);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(early.stdout).toBe(run({ MSVW_STREAM: '0' }).stdout);
  });
  it('reads the whole file on one thread when a chunk cut falls inside a quoted value with a line break', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msvw-quoted-'));
    try {
      const lines = readFileSync(path.join(root, 'samples/data/audit-sample.csv'), 'utf8').trimEnd().split('\n').slice(0, 1001);
      const nameAt = lines[0].split(',').indexOf('centre_name');
      // Every row's centre name is quoted and holds a line break: a cut landing in the first fifth
      // or so of a row falls inside the quotes, and of 64 cuts some always do.
      const body = lines.slice(1).map((line) => {
        const cells = line.split(',');
        cells[nameAt] = `"${cells[nameAt]}\nsite"`;
        return cells.join(',');
      });
      const file = path.join(dir, 'quoted.csv');
      writeFileSync(file, `${[lines[0], ...body].join('\n')}\n`);
      const run = (env: Record<string, string>) => spawnSync(process.execPath, ['bin/msvw.js', 'analyse', file, '--no-suppress'], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
      const chunked = run({ MSVW_PARALLEL_MIN_BYTES: '1', MSVW_CHUNK_BYTES: '30', MSVW_TRACE: '1' });
      const whole = run({ MSVW_STREAM: '0' });
      expect(chunked.status).toBe(0);
      expect(whole.status).toBe(0);
      expect(chunked.stderr).toMatch(/tallied as it streams on 1 thread\b/);
      expect(chunked.stdout).toBe(whole.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
