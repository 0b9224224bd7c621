/**
 * The attacker's pass over `msvw spc` and `msvw waits` (issue 11 item 7: every output). With
 * suppression on (the default), nothing printed may be a count of 1-7 people, and no count the
 * output hides may be worked out exactly from what is printed beside it: a point's value times its
 * n, a p-chart's limits (which give n back), a segment's centre line times its published
 * denominators minus the published numerators, a curve's totals minus its published steps, the
 * drop in people at risk between steps, a share within the time frame times its n. Nor may a signal
 * say where a hidden value or a hidden centre line lies (a hidden value's rules, a shift beside a
 * hidden centre line, the latest reading's icon): the same chart with 1 or 7 people in its hidden
 * month prints the same bytes.
 *
 * Run on the bundled sample and on a small hand-made extract whose centres have 1-7 patients.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run as spc } from '../../cli/commands/spc';
import { run as waits } from '../../cli/commands/waits';
import { captureCli } from '../helpers/capture-cli';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const work = mkdtempSync(path.join(os.tmpdir(), 'msvw-attacker-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Counts an output must never reveal (NHS Digital: 1-7). */
const SMALL_MIN = 1;
const SMALL_MAX = 7;
/** A derived figure is taken as an exact count when it is this close to a whole number. */
const WHOLE = 1e-6;

type Cell = number | string | null | undefined;
const isNumber = (v: Cell): v is number => typeof v === 'number' && Number.isFinite(v);
const whole = (x: number): number | null => (Math.abs(x - Math.round(x)) < WHOLE ? Math.round(x) : null);
const isSmall = (x: number): boolean => {
  const k = whole(x);
  return k !== null && k >= SMALL_MIN && k <= SMALL_MAX;
};

/** 2024-01-01 plus `days`, ISO. */
const day = (days: number): string => new Date(Date.UTC(2024, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A small patient extract: centres of 1, 3, 5 and 7 patients beside two larger ones, referrals over
 * two years, some people still waiting (no first_seen_date) so curves have censored people.
 */
function smallExtract(): string {
  const sizes: Record<string, number> = { RAA: 1, RBB: 3, RCC: 5, RDD: 7, REE: 60, RFF: 45 };
  const lines = ['patient_id,centre_code,referral_date,first_seen_date,diagnosis_date'];
  let seed = 12345;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  let id = 0;
  for (const [centre, size] of Object.entries(sizes)) {
    for (let i = 0; i < size; i++) {
      const referral = Math.floor(random() * 700);
      const wait = 5 + Math.floor(random() * 60);
      const seen = random() < 0.12 ? '' : day(referral + wait);
      const diagnosis = seen && random() < 0.8 ? day(referral + wait + 10 + Math.floor(random() * 40)) : '';
      lines.push(`P${(id++).toString(16).padStart(6, '0')},${centre},${day(referral)},${seen},${diagnosis}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const small = path.join(work, 'small-centres.csv');
writeFileSync(small, smallExtract());

interface SpcPoint { period: string; n: Cell; numerator: Cell; value: Cell; lpl: Cell; upl: Cell; nearLower: Cell; nearUpper: Cell; segment: number; rules?: string[] | string; pointType?: string }
interface SpcSeries { group: string; chart: string; segments: { mean: Cell; flat?: boolean | string }[]; points: SpcPoint[]; variationIcon?: string; assuranceIcon?: string | null }
interface WaitGroup { group: string; period: string | null; n: Cell; events: Cell; censored: Cell; withinDays: Cell | unknown; steps: { time: number; atRisk: Cell; events: Cell; censored: Cell }[] }

/** Every way the attacker finds to a hidden or small count in an SPC output; empty when it is safe. */
export function attackSpc(series: SpcSeries[], statistic: 'proportion' | 'median-wait' | 'count'): string[] {
  const found: string[] = [];
  for (const s of series) {
    const where = (p: SpcPoint): string => `${s.group} ${p.period}`;
    for (const p of s.points) {
      for (const key of ['n', 'numerator'] as const) if (isNumber(p[key]) && isSmall(p[key])) found.push(`${where(p)}: ${key} ${p[key]} printed`);
      if (isNumber(p.n) && isNumber(p.numerator) && isSmall(p.n - p.numerator)) found.push(`${where(p)}: n - numerator = ${p.n - p.numerator}`);
      if (statistic === 'proportion' && isNumber(p.value) && isNumber(p.n) && !isNumber(p.numerator)) found.push(`${where(p)}: hidden numerator = value x n = ${p.value * p.n}`);
      if (statistic === 'count' && isNumber(p.value) && isSmall(p.value)) found.push(`${where(p)}: count ${p.value} printed as the value`);
      if ((s.chart === 'p' || s.chart === 'pprime') && !isNumber(p.n) && [p.lpl, p.upl, p.nearLower, p.nearUpper].some(isNumber)) found.push(`${where(p)}: hidden n recoverable from the limits`);
    }
    // A segment's centre line: p and p' charts pool the segment (its total); XmR averages its values.
    const limitsGiveN = s.chart === 'p' || s.chart === 'pprime';
    s.segments.forEach((segment, index) => {
      const points = s.points.filter((p) => p.segment === index);
      if (!isNumber(segment.mean) || points.length === 0) return;
      const hiddenValues = points.filter((p) => !isNumber(p.value));
      // One point: the centre line is its value. A proportion's centre line of 0 or 1: every point's value.
      // (A run chart's centre line is the median of its points, so only its one-point segments give a value away.)
      const extreme = statistic === 'proportion' && s.chart !== 'run' && (segment.mean === 0 || segment.mean === 1);
      if (hiddenValues.length > 0 && (points.length === 1 || extreme)) found.push(`${where(hiddenValues[0])}: hidden value = the segment's centre line ${segment.mean}`);
      if (statistic === 'proportion' && limitsGiveN) {
        // p and p' charts: the centre line is the pooled proportion, sum of numerators / sum of n.
        if (!points.every((p) => isNumber(p.n))) return;
        const total = segment.mean * points.reduce((t, p) => t + (p.n as number), 0);
        const hidden = points.filter((p) => !isNumber(p.numerator));
        if (hidden.length === 1) found.push(`${where(hidden[0])}: hidden numerator = centre line x total n - published numerators = ${total - points.reduce((t, p) => t + (isNumber(p.numerator) ? p.numerator : 0), 0)}`);
      } else if (s.chart === 'xmr') {
        const total = segment.mean * points.length;
        const hidden = points.filter((p) => !isNumber(p.value));
        if (hidden.length === 1) found.push(`${where(hidden[0])}: hidden value = centre line x points - published values = ${total - points.reduce((t, p) => t + (isNumber(p.value) ? p.value : 0), 0)}`);
      }
    });
  }
  return found;
}

/**
 * Every signal an SPC output prints that is read against something it hides: the rules and point
 * type of a hidden value (they say where it lies); in a segment with a hidden centre line, any rule
 * but a trend among shown values (a shift, 2 of 3, outside the limits all say which side of the line
 * a point lies), any point type, whether the baseline is flat; and the latest reading's variation icon
 * when the latest value or its centre line is hidden. Empty when none is printed.
 */
export function attackSignals(series: SpcSeries[]): string[] {
  const found: string[] = [];
  for (const s of series) {
    const centreHidden = s.segments.map((segment) => !isNumber(segment.mean));
    s.segments.forEach((segment, index) => {
      if (centreHidden[index] && typeof segment.flat === 'boolean') found.push(`${s.group} segment ${index + 1}: flat ${segment.flat} printed beside a hidden centre line`);
    });
    for (const p of s.points) {
      const where = `${s.group} ${p.period}`;
      if (!isNumber(p.value) && (Array.isArray(p.rules) || (p.pointType !== undefined && p.pointType !== '*'))) found.push(`${where}: hidden value's rules ${JSON.stringify(p.rules)} / point type ${p.pointType} printed`);
      else if (centreHidden[p.segment] && p.pointType !== '*') found.push(`${where}: point type ${p.pointType} printed beside a hidden centre line`);
      else if (centreHidden[p.segment] && Array.isArray(p.rules) && p.rules.some((r) => r !== 'trend')) found.push(`${where}: rules ${p.rules.join(' ')} printed beside a hidden centre line`);
    }
    const last = s.points[s.points.length - 1];
    if (last && (!isNumber(last.value) || centreHidden[last.segment]) && s.variationIcon !== undefined && s.variationIcon !== 'suppressed') found.push(`${s.group}: variation icon ${s.variationIcon} read from a hidden value or centre line`);
  }
  return found;
}

interface WaitsOutput { groups: WaitGroup[]; excluded?: Record<string, Cell>; logRank?: { observed?: Cell[]; expected?: Cell[] } | null }

/** Every way the attacker finds to a hidden or small count in a waits output; empty when it is safe. */
export function attackWaits(output: WaitsOutput | WaitGroup[]): string[] {
  const { groups, excluded = {}, logRank = null } = Array.isArray(output) ? { groups: output } : output;
  const found: string[] = [];
  for (const [reason, count] of Object.entries(excluded)) if (isNumber(count) && isSmall(count)) found.push(`excluded ${reason}: ${count} printed`);
  // The log-rank test's observed events are the curves' event counts, in the order of the curves.
  (logRank?.observed ?? []).forEach((observed, i) => {
    if (!isNumber(observed)) return;
    if (isSmall(observed)) found.push(`log-rank observed ${observed} printed`);
    else if (groups[i] && !isNumber(groups[i].events)) found.push(`log-rank observed ${observed} = hidden events of ${groups[i].group} ${groups[i].period ?? ''}`);
  });
  for (const g of groups) {
    const where = `${g.group}${g.period ? ` ${g.period}` : ''}`;
    for (const key of ['n', 'events', 'censored'] as const) if (isNumber(g[key]) && isSmall(g[key])) found.push(`${where}: ${key} ${g[key]} printed`);
    if (isNumber(g.n) && isNumber(g.events) && !isNumber(g.censored)) found.push(`${where}: hidden censored = n - events`);
    if (isNumber(g.n) && isNumber(g.censored) && !isNumber(g.events)) found.push(`${where}: hidden events = n - censored`);
    // With nobody censored, the share within the time frame is a plain proportion of n.
    if (isNumber(g.n) && g.censored === 0 && isNumber(g.withinDays as Cell)) {
      const within = (g.withinDays as number) * g.n;
      if (isSmall(within) || isSmall(g.n - within)) found.push(`${where}: within the time frame ${within} of ${g.n}`);
    }
    const steps = g.steps;
    steps.forEach((step, k) => {
      for (const key of ['atRisk', 'events', 'censored'] as const) if (isNumber(step[key]) && isSmall(step[key])) found.push(`${where} step ${step.time}: ${key} ${step[key]} printed`);
      const next = steps[k + 1];
      if (next && isNumber(step.atRisk) && isNumber(next.atRisk) && isNumber(step.events) && isNumber(step.censored)) {
        const gap = step.atRisk - step.events - step.censored - next.atRisk;
        if (isSmall(gap)) found.push(`${where} step ${step.time}: ${gap} people leave unpublished between steps (atRisk difference)`);
      }
    });
    if (steps.length > 0 && isNumber(g.n) && isNumber(steps[0].atRisk) && isSmall(g.n - steps[0].atRisk)) found.push(`${where}: n - first step's atRisk = ${g.n - steps[0].atRisk} (left before the first step)`);
    if (steps.length > 0 && steps.every((s) => isNumber(s.events)) && isNumber(g.events)) {
      const tail = g.events - steps.reduce((t, s) => t + (s.events as number), 0);
      if (isSmall(tail)) found.push(`${where}: events - published step events = ${tail} (the unpublished tail)`);
    }
    if (steps.length > 0 && steps.every((s) => isNumber(s.censored)) && isNumber(g.censored)) {
      const tail = g.censored - steps.reduce((t, s) => t + (s.censored as number), 0);
      if (isSmall(tail)) found.push(`${where}: censored - published step censored = ${tail} (the unpublished tail)`);
    }
  }
  return found;
}

async function spcSeries(args: string[]): Promise<SpcSeries[]> {
  const { code, out, err } = await captureCli(spc, args);
  expect(err).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(out) as { series: SpcSeries[] }).series;
}

async function waitGroups(args: string[]): Promise<WaitsOutput> {
  const { code, out, err } = await captureCli(waits, args);
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as WaitsOutput;
}

const FILES = [['the sample', audit], ['centres of 1-7 patients', small]] as const;

/**
 * Leaks this pass found in the shared publication step (shared/analysis/trend-export.ts), now
 * closed: the tests at the end check each one stays closed. KNOWN_LEAKS lists any leak still
 * accepted (none); the per-output tests above fail on every other one.
 */
const KNOWN_LEAKS: RegExp[] = [];
const LEAK = {
  centreLine: /hidden value = the segment's centre line/,
  tail: /\(the unpublished tail\)$/,
  within: /within the time frame .* of /,
  excluded: /^excluded \w+: \d+ printed$/,
  logRank: /^log-rank observed /,
};
const unknownLeaks = (found: string[]): string[] => found.filter((f) => !KNOWN_LEAKS.some((k) => k.test(f)));

describe('the attacker finds a leak when there is one (the attack works)', () => {
  it('recovers a hidden numerator from a segment mean, and a small count from an atRisk difference', () => {
    const series: SpcSeries = {
      group: 'RXX', chart: 'p', segments: [{ mean: 27 / 60 }],
      points: [
        { period: 'a', n: 20, numerator: 10, value: 0.5, lpl: 0.1, upl: 0.9, nearLower: null, nearUpper: null, segment: 0 },
        { period: 'b', n: 20, numerator: '*', value: '*', lpl: 0.1, upl: 0.9, nearLower: null, nearUpper: null, segment: 0 },
        { period: 'c', n: 20, numerator: 12, value: 0.6, lpl: 0.1, upl: 0.9, nearLower: null, nearUpper: null, segment: 0 },
      ],
    };
    expect(attackSpc([series], 'proportion')).toEqual(['RXX b: hidden numerator = centre line x total n - published numerators = 5']);
    const group: WaitGroup = { group: 'RXX', period: null, n: 40, events: 30, censored: 10, withinDays: 0.5, steps: [{ time: 3, atRisk: 40, events: 10, censored: 0 }, { time: 9, atRisk: 27, events: 10, censored: 0 }] };
    expect(attackWaits([group])).toEqual(['RXX step 3: 3 people leave unpublished between steps (atRisk difference)']);
    expect(attackWaits({ groups: [{ ...group, events: '*', censored: '*', steps: [] }], excluded: { invalid: 3 }, logRank: { observed: [30] } }))
      .toEqual(['excluded invalid: 3 printed', 'log-rank observed 30 = hidden events of RXX ']);
  });
});

describe.each(FILES)('msvw spc on %s: the attacker recovers nothing', (_, file) => {
  it.each([
    [['--measure', '4plus4-part1', '--period', 'quarter']],
    [['--measure', '4plus4-part1', '--period', 'month', '--chart', 'pprime']],
    [['--measure', '4plus4-part1', '--by', 'none', '--period', 'month']],
    [['--measure', 'bh-referral-to-diagnosis', '--period', 'quarter', '--rebase', '2025-01-01']],
  ])('proportions %j', async (args) => {
    const series = await spcSeries([file, ...args]);
    expect(unknownLeaks(attackSpc(series, 'proportion'))).toEqual([]);
    expect(attackSignals(series)).toEqual([]);
  });

  it.each([
    [['--measure', '4plus4-part1', '--period', 'quarter', '--statistic', 'count', '--chart', 'xmr']],
    [['--measure', '4plus4-part1', '--period', 'quarter', '--statistic', 'median-wait', '--chart', 'xmr']],
  ])('counts and median waits %j', async (args) => {
    const statistic = args[args.indexOf('--statistic') + 1] as 'count' | 'median-wait';
    const series = await spcSeries([file, ...args]);
    expect(unknownLeaks(attackSpc(series, statistic))).toEqual([]);
    expect(attackSignals(series)).toEqual([]);
  });

  it('prints no count of 1-7 in its CSV', async () => {
    const { code, out } = await captureCli(spc, [file, '--measure', '4plus4-part1', '--period', 'quarter', '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...rows] = out.trim().split('\r\n').map((line) => line.split(','));
    for (const column of ['n', 'Numerator'].map((c) => header.indexOf(c)).filter((i) => i >= 0)) {
      for (const row of rows) expect(isSmall(Number(row[column])), `${row.join(',')}`).toBe(false);
    }
  });
});

describe.each(FILES)('msvw waits on %s: the attacker recovers nothing', (_, file) => {
  it.each([
    [['--measure', '4plus4-part1']],
    [['--measure', '4plus4-part1', '--by', 'none']],
    [['--measure', '4plus4-part1', '--split', '2025-01-01']],
    [['--start', 'referral_date', '--end', 'diagnosis_date', '--days', '56']],
    [['--measure', '4plus4-part1', '--by', 'none', '--split', '2025-01-01']],
    [['--measure', 'bh-referral-to-seen', '--split', '2025-06-01']],
    [['--measure', '4plus4-part1', '--split-by', 'month']],
    [['--measure', '4plus4-part1', '--split-by', 'quarter']],
    [['--measure', '4plus4-part1', '--by', 'none', '--split-by', 'month']],
    [['--start', 'referral_date', '--end', 'diagnosis_date', '--days', '56', '--split-by', 'quarter']],
  ])('%j', async (args) => {
    expect(unknownLeaks(attackWaits(await waitGroups([file, ...args])))).toEqual([]);
  });

  it.each([[[]], [['--split-by', 'month']]])('prints no count of 1-7 in its CSV, summary or steps %j', async (split: string[]) => {
    for (const table of ['summary', 'steps']) {
      const { code, out } = await captureCli(waits, [file, '--measure', '4plus4-part1', ...split, '--format', 'csv', '--table', table]);
      expect(code).toBe(0);
      const [header, ...rows] = out.trim().split('\r\n').map((line) => line.split(','));
      const countColumns = header.map((h, i) => (/^(n|events|censored|at_risk)$/.test(h) ? i : -1)).filter((i) => i >= 0);
      expect(countColumns.length).toBeGreaterThan(0);
      for (const row of rows) for (const c of countColumns) expect(isSmall(Number(row[c])), `${table}: ${row.join(',')}`).toBe(false);
    }
  });
});

describe('leaks found in shared/analysis/trend-export.ts stay closed', () => {
  it('SPC: a one-point segment\'s centre line no longer prints the hidden value of a centre with 1 patient', async () => {
    const found = attackSpc(await spcSeries([small, '--measure', '4plus4-part1', '--period', 'quarter', '--statistic', 'count', '--chart', 'xmr']), 'count');
    expect(found).toEqual([]);
  });

  it('Waits: totals minus the published steps no longer give the unpublished tail (sample, 4+4 part 1 by centre)', async () => {
    expect(attackWaits(await waitGroups([audit, '--measure', '4plus4-part1'])).filter((f) => LEAK.tail.test(f))).toEqual([]);
  });

  it('Waits: with nobody censored, withinDays x n no longer gives a count of 1-7 (sample, 4+4 part 1 by centre)', async () => {
    expect(attackWaits(await waitGroups([audit, '--measure', '4plus4-part1'])).filter((f) => LEAK.within.test(f))).toEqual([]);
  });

  it('Waits: excluded rows are no longer printed as counts of 1-7 (sample: 2 invalid waits for 4+4 part 1)', async () => {
    expect(attackWaits(await waitGroups([audit, '--measure', '4plus4-part1'])).filter((f) => LEAK.excluded.test(f))).toEqual([]);
  });

  it('Waits by month: every per-period curve of 1-7 people, or with 1-7 events or censored, shows them as * (centres of 1-7, where most months are small)', async () => {
    const raw = await waitGroups([small, '--measure', '4plus4-part1', '--split-by', 'month']);
    const open = JSON.parse((await captureCli(waits, [small, '--measure', '4plus4-part1', '--split-by', 'month', '--no-suppress'])).out) as WaitsOutput;
    // The attack works on the unsuppressed output (so it would catch a per-period leak) ...
    expect(attackWaits(open).length).toBeGreaterThan(0);
    expect(open.groups.filter((g) => isNumber(g.n) && isSmall(g.n)).length).toBeGreaterThan(0);
    // ... and finds nothing in the published one, whose curves are the same periods.
    expect(raw.groups.map((g) => `${g.group} ${g.period}`)).toEqual(open.groups.map((g) => `${g.group} ${g.period}`));
    expect(new Set(raw.groups.map((g) => g.period)).size).toBeGreaterThan(1);
    expect(attackWaits(raw)).toEqual([]);
  });

  it('Waits: the log-rank test no longer prints each curve\'s events, hidden or 1-7 (centre of 7, split)', async () => {
    expect(attackWaits(await waitGroups([small, '--measure', '4plus4-part1', '--group', 'RDD', '--split', '2025-01-01'])).filter((f) => LEAK.logRank.test(f))).toEqual([]);
  });
});

/**
 * A centre whose latest month has k people (k of 1-7, hidden): 26 months of 40 referrals each, every
 * one seen after the month's wait, then k people seen after `latestWait` days. Waits fall from about
 * 40 days to about 30 after 2024-02, so the engine's signals after the rebase depend on the hidden month.
 */
function oneSmallMonth(k: number, latestWait: number): string {
  const waits = [41, 39, 44, 40, 38, 42, 43, 39, 40, 41, 37, 42, 40, 30, 32, 29, 31, 30, 33, 28, 31, 30, 29, 32, 30, 31];
  const lines = ['patient_id,centre_code,referral_date,first_seen_date,diagnosis_date'];
  let id = 0;
  const month = (i: number): string => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  const add = (i: number, people: number, wait: number): void => {
    for (let j = 0; j < people; j++) {
      const referral = `${month(i)}-${String(1 + (j % 28)).padStart(2, '0')}`;
      const seen = new Date(Date.parse(`${referral}T00:00:00Z`) + wait * 86_400_000).toISOString().slice(0, 10);
      lines.push(`P${(id++).toString(16).padStart(6, '0')},RZZ,${referral},${seen},`);
    }
  };
  waits.forEach((wait, i) => add(i, 40, wait));
  add(waits.length, k, latestWait);
  return `${lines.join('\n')}\n`;
}

describe('msvw spc: signals give nothing away about a hidden month (the same output for 1 and 7 people)', () => {
  const files = ([[1, 5], [7, 60]] as const).map(([k, wait]) => {
    const file = path.join(work, `one-small-month-${k}.csv`);
    writeFileSync(file, oneSmallMonth(k, wait));
    return file;
  });
  const args = ['--measure', '4plus4-part1', '--statistic', 'median-wait', '--chart', 'xmr', '--rebase', '2024-02-01', '--as-of', '2025-12-31'];

  it('without suppression the two extracts give different signals (there is something to hide)', async () => {
    const a = (await captureCli(spc, [files[0], ...args, '--no-suppress'])).out;
    const b = (await captureCli(spc, [files[1], ...args, '--no-suppress'])).out;
    const signals = (out: string) => JSON.stringify((JSON.parse(out) as { series: SpcSeries[] }).series.map((s) => [s.variationIcon, s.points.map((p) => p.rules)]));
    expect(signals(a)).not.toBe(signals(b));
  });

  it.each([['json'], ['csv']])('--format %s prints byte-identical output, with the hidden segment\'s signals withheld', async (format) => {
    const [a, b] = [await captureCli(spc, [files[0], ...args, '--format', format]), await captureCli(spc, [files[1], ...args, '--format', format])];
    expect([a.code, a.err, b.code, b.err]).toEqual([0, '', 0, '']);
    expect(a.out).toBe(b.out);
    if (format === 'json') {
      const series = (JSON.parse(a.out) as { series: SpcSeries[] }).series;
      expect(series[0].segments.map((s) => s.mean)).toEqual([expect.any(Number), '*']);
      expect(attackSignals(series)).toEqual([]);
      expect(series[0].variationIcon).toBe('suppressed');
      expect(a.out).toMatch(/Signals are withheld for RZZ 2024-02 to 2025-03/);
    }
  });
});
