/**
 * The tallied path of `msvw analyse` (shared/analysis/stream/aggregate.ts, issue 12 item 3) prints
 * exactly what the import-then-analyse path prints, on extracts written to trip it: repeated
 * patients (in one centre and across centres, with and without the centre's name), centre codes
 * missing, "NA", malformed, lower-case or padded, totals rows, blank lines, missing markers and
 * impossible dates, dates before 1900 and in the future, ends before starts, open clocks. Each file
 * is also cut into ranges at random line ends (MSVW_SPLIT), as the two threads cut it, and the
 * combined tallies must print the same again.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/analyse';
import { captureCli } from '../helpers/capture-cli';
import { chunkBounds, packLists, unpackLists } from '../../cli/scan-range';
import { transferList } from '../../cli/scan-worker';
import { seeded } from '../helpers/seeded';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const hasSamples = existsSync(audit);

const COL = { patient: 0, centre: 1, name: 2, referral: 10, seen: 11 } as const;

/** The sample with every kind of trouble the import treats specially, planted at seeded rows. */
function messyExtract(seed: number, rows = 4000): string {
  const random = seeded(seed);
  const lines = readFileSync(audit, 'utf8').trimEnd().split('\n');
  const header = lines[0];
  const body = lines.slice(1, rows + 1).map((l) => l.split(','));
  const pick = (): string[] => body[Math.floor(random() * body.length)];
  const out: string[][] = [];
  for (const row of body) {
    const r = [...row];
    const u = random();
    if (u < 0.01) r[COL.centre] = '';
    else if (u < 0.015) r[COL.centre] = 'NA';
    else if (u < 0.02) r[COL.centre] = 'XYZ9';
    else if (u < 0.03) r[COL.centre] = r[COL.centre].toLowerCase();
    else if (u < 0.035) r[COL.centre] = `"  ${r[COL.centre]} "`;
    const v = random();
    if (v < 0.02) r[COL.seen] = 'NA';
    else if (v < 0.03) r[COL.seen] = '-';
    else if (v < 0.035) r[COL.seen] = '2025-02-30';
    else if (v < 0.04) r[COL.referral] = '1899-12-31';
    else if (v < 0.05) r[COL.seen] = '2031-01-01';
    else if (v < 0.055) r[COL.referral] = '2030-06-01';
    else if (v < 0.07) r[COL.seen] = '';
    else if (v < 0.075) r[COL.seen] = '2020-01-01';
    if (random() < 0.02) r[COL.patient] = '';
    if (random() < 0.05) r[COL.name] = '';
    out.push(r);
    const w = random();
    if (w < 0.03) out.push([...pick()]); // a repeated patient, same centre
    else if (w < 0.035) { const d = [...pick()]; d[COL.centre] = 'R0N'; out.push(d); } // same patient, maybe another centre
    else if (w < 0.038) out.push(r.map(() => ''));
    else if (w < 0.04) out.push([]);
  }
  out.push(['', '', 'Total', ...header.split(',').slice(3).map(() => '')]);
  const text = [header, ...out.map((r) => r.join(','))].join('\n');
  return `${text}\n\n`;
}

/** `msvw analyse` in-process: the tallied path (with a trace line saying so) or the in-memory one. */
async function analyse(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  try {
    return await captureCli(run, args);
  } finally {
    vi.unstubAllEnvs();
  }
}

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!hasSamples)('msvw analyse: the tallied path prints exactly what the in-memory path prints', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'msvw-tally-'));
  const files = [11, 12, 13].map((seed) => {
    const file = path.join(dir, `messy-${seed}.csv`);
    writeFileSync(file, messyExtract(seed));
    return file;
  });

  it.each([
    [[]],
    [['--no-suppress']],
    [['--no-suppress', '--as-of', '2026-01-31']],
    [['--no-suppress', '--measure', 'bh-referral-to-seen', '--tier', 'aspirational']],
    [['--measure', 'bh-referral-to-seen', '--overdispersion', 'additive', '--min-n', '20']],
    [['--no-suppress', '--start', 'referral_date', '--end', 'diagnosis_date', '--days', '120', '--format', 'csv']],
    [['--no-suppress', '--measure', '4plus4-part2']],
  ])('%j', async (options) => {
    for (const file of files) {
      const args = [file, ...(options as string[])];
      const whole = await analyse(args, { MSVW_STREAM: '0' });
      expect(whole.code).toBe(0);
      const tallied = await analyse(args, { MSVW_TRACE: '1' });
      expect(tallied.err).toMatch(/tallied as it streams on 1 thread/);
      expect(tallied.out).toBe(whole.out);
      // Cut where two threads would, and at random line ends into several ranges.
      const size = readFileSync(file).length;
      const random = seeded(size);
      for (const cuts of [[size / 2], [random() * size, random() * size, random() * size]]) {
        const split = await analyse(args, { MSVW_TRACE: '1', MSVW_SPLIT: cuts.map(Math.floor).join(',') });
        expect(split.err).toMatch(/tallied as it streams on [2-4] threads/);
        expect(split.out).toBe(whole.out);
      }
    }
  });

  it('the messy files do hold what they were made to hold', async () => {
    const whole = await analyse([files[0], '--no-suppress'], { MSVW_STREAM: '0' });
    const json = JSON.parse(whole.out) as { extract: { rowsExcluded: Record<string, number> }; accounting: { excluded: Record<string, number> } };
    for (const reason of ['blank_row', 'missing_centre_code', 'malformed_centre_code', 'totals_row', 'duplicate_patient']) {
      expect(json.extract.rowsExcluded[reason], reason).toBeGreaterThan(0);
    }
    for (const reason of ['clock_running', 'invalid', 'missing_start']) expect(json.accounting.excluded[reason], reason).toBeGreaterThan(0);
  });

  it('hands a file it cannot tally exactly to the other paths, which still agree', async () => {
    const file = path.join(dir, 'dmy.csv');
    // A first-seen date written dd/mm/yyyy: the import infers the order from all values, so no tally.
    writeFileSync(file, messyExtract(14).replace(/,2025-08-24,/, ',24/08/2025,'));
    const tallied = await analyse([file, '--no-suppress'], { MSVW_TRACE: '1' });
    expect(tallied.err).toMatch(/not tallied as it streams: column "first_seen_date" has a date not written yyyy-mm-dd/);
    expect(tallied.out).toBe((await analyse([file, '--no-suppress'], { MSVW_STREAM: '0' })).out);
  });

  it('a record longer than the 4 MB read buffer (a 5 MB value, plain and quoted) is read the same', async () => {
    for (const quote of ['', '"']) {
      const file = path.join(dir, `long-${quote ? 'quoted' : 'plain'}.csv`);
      const lines = messyExtract(16, 1500).split('\n');
      const at = Math.floor(lines.length / 3);
      const cells = lines[at].split(',');
      // dmt_name, a column the tally skips: letters only, so nothing an identifier check stops at.
      cells[17] = `${quote}${'x'.repeat(5 << 20)}${quote}`;
      lines[at] = cells.join(',');
      writeFileSync(file, lines.join('\n'));
      const whole = await analyse([file, '--no-suppress'], { MSVW_STREAM: '0' });
      expect(whole.code).toBe(0);
      const tallied = await analyse([file, '--no-suppress'], { MSVW_TRACE: '1' });
      expect(tallied.err).toMatch(/tallied as it streams on 1 thread/);
      expect(tallied.out).toBe(whole.out);
      const split = await analyse([file, '--no-suppress'], { MSVW_TRACE: '1', MSVW_SPLIT: String(Math.floor(readFileSync(file).length / 2)) });
      expect(split.err).toMatch(/tallied as it streams on 2 threads/);
      expect(split.out).toBe(whole.out);
    }
  });

  it('a quoted value with a line break across a cut: the cut is refused, never misread', async () => {
    const file = path.join(dir, 'quoted.csv');
    const lines = messyExtract(15).split('\n');
    const at = Math.floor(lines.length / 2);
    const cells = lines[at].split(',');
    cells[COL.name] = '"Oakenham\nGeneral"';
    lines[at] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    const cut = lines.slice(0, at).join('\n').length + 20;
    const whole = await analyse([file, '--no-suppress'], { MSVW_STREAM: '0' });
    const split = await analyse([file, '--no-suppress'], { MSVW_TRACE: '1', MSVW_SPLIT: String(cut) });
    expect(split.out).toBe(whole.out);
  });
  it('names a centre from its first kept row, not from a repeated patient\'s row', async () => {
    const file = path.join(dir, 'names.csv');
    const lines = readFileSync(audit, 'utf8').trimEnd().split('\n');
    const header = lines[0];
    const row = (id: string, centre: string, name: string): string => {
      const cells = lines[1].split(',');
      cells[COL.patient] = id;
      cells[COL.centre] = centre;
      cells[COL.name] = name;
      return cells.join(',');
    };
    // P1 first without a name (kept), then again with one (a repeat, not imported), then P3 named.
    const body = [row('P1', 'R01', ''), row('P1', 'R01', 'Alpha Trust'), row('P3', 'R01', 'Beta Trust'), ...Array.from({ length: 20 }, (_, k) => row(`Q${k}`, 'R02', 'Gamma Trust'))];
    writeFileSync(file, `${[header, ...body].join('\n')}\n`);
    const whole = await analyse([file, '--no-suppress', '--min-n', '1'], { MSVW_STREAM: '0' });
    expect(whole.out).toMatch(/Beta Trust/);
    expect(whole.out).not.toMatch(/Alpha Trust/);
    const tallied = await analyse([file, '--no-suppress', '--min-n', '1'], { MSVW_TRACE: '1' });
    expect(tallied.err).toMatch(/tallied as it streams/);
    expect(tallied.out).toBe(whole.out);
  });
});

describe('tally parts sent between threads', () => {
  it('pack key lists that lie one after another as a view, others as a copy, and unpack to the same lists', () => {
    const all = Int32Array.from({ length: 20 }, (_, k) => k * 3);
    const views = [all.subarray(0, 7), all.subarray(7, 7), all.subarray(7, 20)];
    const packed = packLists(views);
    expect(packed.data.buffer).toBe(all.buffer);
    expect(unpackLists(packed).map((l) => [...l])).toEqual(views.map((l) => [...l]));
    const apart = [Int32Array.of(1, 2), new Int32Array(0), Int32Array.of(3)];
    const copied = packLists(apart);
    expect(copied.data.buffer).not.toBe(apart[0].buffer);
    expect(unpackLists(copied).map((l) => [...l])).toEqual([[1, 2], [], [3]]);
    expect(unpackLists(packLists([])).length).toBe(0);
    // Lists in order in one buffer with room between them (a walker's buckets in shared memory): a view too.
    const shared = new Int32Array(new SharedArrayBuffer(4 * 30));
    shared.forEach((_, k) => { shared[k] = k; });
    const spaced = [shared.subarray(2, 5), shared.subarray(10, 10), shared.subarray(12, 20), shared.subarray(25, 30)];
    const spacedPacked = packLists(spaced);
    expect(spacedPacked.data.buffer).toBe(shared.buffer);
    expect(unpackLists(spacedPacked).map((l) => [...l])).toEqual(spaced.map((l) => [...l]));
    // Out of order: a copy.
    const reversed = [shared.subarray(12, 20), shared.subarray(2, 5)];
    const reversedPacked = packLists(reversed);
    expect(reversedPacked.data.buffer).not.toBe(shared.buffer);
    expect(unpackLists(reversedPacked).map((l) => [...l])).toEqual(reversed.map((l) => [...l]));
    // Shared memory is read where it lies by the other thread: never in the list of buffers moved.
    const moved = transferList([{ keyBuckets: spacedPacked, waits: packLists(apart), rows: Int32Array.of(1) }]);
    expect(moved).not.toContain(shared.buffer);
    expect(moved.length).toBe(6);
  });
});

describe('chunk cuts for two threads', () => {
  const lines = (): { file: string; line: string; size: number } => {
    const dir = mkdtempSync(path.join(tmpdir(), 'msvw-cuts-'));
    const file = path.join(dir, 'lines.csv');
    const line = 'P1234567,R01,2024-01-02\n';
    writeFileSync(file, line.repeat(4000));
    return { file, line, size: line.length * 4000 };
  };

  it('cut one chunk per thread at line ends (the threads then share the end: scan-steal.test.ts)', async () => {
    const { file, line, size } = lines();
    const bounds = await chunkBounds(file, 0, size, 1000, true, 1 << 30, 2);
    expect(bounds.length).toBe(3);
    expect(bounds[0]).toBe(0);
    expect(bounds[2]).toBe(size);
    expect(bounds[1] % line.length).toBe(0);
    expect(Math.abs(bounds[1] - size / 2)).toBeLessThanOrEqual(line.length);
    // A first chunk longer by 2,400 bytes, for a thread that starts later: the second is shorter by as much.
    const skewed = await chunkBounds(file, 0, size, 1000, true, 1 << 30, 2, 2_400);
    expect(skewed.length).toBe(3);
    expect(Math.abs(skewed[1] - (size / 2 + 2_400))).toBeLessThanOrEqual(line.length);
    // Three threads: three chunks.
    const three = await chunkBounds(file, 0, size, 1000, true, 1 << 30, 3);
    expect(three.length).toBe(4);
    // (each cut moves on to a line end, so the last is shorter by up to two lines)
    for (let k = 1; k < 4; k++) expect(Math.abs(three[k] - three[k - 1] - size / 3)).toBeLessThanOrEqual(2 * line.length);
    // Never a chunk shorter than the smallest chunk size (but the last).
    const few = await chunkBounds(file, 0, size, size, true, 1 << 30, 2);
    expect(few).toEqual([0, size]);
  });

  it('keep every chunk within the largest size, and cut every chunkBytes when not guided', async () => {
    const { file, line, size } = lines();
    const bounds = await chunkBounds(file, 0, size, 1000, true, 20_000);
    expect(bounds[bounds.length - 1]).toBe(size);
    for (let k = 1; k < bounds.length; k++) {
      const length = bounds[k] - bounds[k - 1];
      // At a line end, and never past the largest size by more than the line it finishes.
      if (k < bounds.length - 1) expect(bounds[k] % line.length).toBe(0);
      expect(length).toBeLessThanOrEqual(20_000 + line.length);
    }
    // Large chunks stop at the largest size (half of the file would be larger).
    expect(bounds[1] - bounds[0]).toBeGreaterThanOrEqual(20_000);
    expect(bounds.length).toBeGreaterThan(size / 20_000);
    const even = await chunkBounds(file, 0, size, 1000, false);
    expect(even.slice(1, -1).every((b, k) => b - even[k] <= 1000 + line.length && b - even[k] >= 1000)).toBe(true);
  });
});
