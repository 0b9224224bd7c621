import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadExtract } from '../../cli/commands/analyse';
import { parseWaitsArgs, run } from '../../cli/commands/waits';
import { publishWaits } from '../../shared/analysis/trend-export';
import { DEFAULT_LAST_PERIODS, waitsFromTable } from '../../shared/analysis/waits';
import { captureCli } from '../helpers/capture-cli';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const capture = (args: string[]) => captureCli(run, args);

afterEach(() => vi.restoreAllMocks());

interface Group { group: string; period: string | null; n: number | string; events: number | string; censored: number | string; median: number | null | string; medianCi: unknown; withinDays: unknown; steps: { time: number; atRisk: number | string; events: number | string; censored: number | string; survival: number; lower: number | null; upper: number | null }[] }
interface Output { splitBy: string | null; asOf: string; conf: string; groups: Group[]; logRank: { chiSquare: number; p: number } | null; suppression: string | null }

describe('msvw waits', () => {
  it('parses the issue\'s options', () => {
    expect(parseWaitsArgs(['x.csv', '--start', 'referral_date', '--end', 'first_seen_date', '--days', '28', '--by', 'region', '--as-of', '2025-03-31', '--conf', 'log', '--format', 'csv']))
      .toMatchObject({ start: 'referral_date', end: 'first_seen_date', days: 28, by: 'region', asOf: '2025-03-31', conf: 'log', format: 'csv', suppress: true });
  });

  it.each([
    [['x.csv'], /--start <field> --end <field>/],
    [['x.csv', '--start', 'a', '--end', 'b', '--conf', 'plain'], /--conf must be log-log, log/],
    [['x.csv', '--start', 'a', '--end', 'b', '--days', '4w'], /whole number of days/],
    [['x.csv', '--measure', 'm', '--start', 'a'], /not both/],
    [['x.csv', '--start', 'a', '--end', 'b', '--as-of', '31/03/2025'], /yyyy-mm-dd/],
    [['x.csv', '--start', 'a', '--end', 'b', '--split', '2025-01-01', '--split-by', 'month'], /either --split yyyy-mm-dd .* or --split-by month\|quarter .*, not both/],
    [['x.csv', '--start', 'a', '--end', 'b', '--split-by', 'week'], /--split-by must be month, quarter \(got "week"\)/],
  ])('rejects %j with one line', async (args, message) => {
    const { code, err } = await capture(args as string[]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('prints the issue\'s JSON shape; same numbers as the shared core; a split gives a log-rank test', async () => {
    const { code, out, err } = await capture([audit, '--measure', '4plus4-part1', '--group', 'R0K', '--split', '2025-06-01', '--no-suppress']);
    expect(code).toBe(0);
    expect(err).toMatch(/^msvw waits: warning: --no-suppress/);
    const json = JSON.parse(out) as Output;
    expect(json.conf).toBe('log-log');
    expect(json.groups.map((g) => [g.group, g.period])).toEqual([['R0K', 'before'], ['R0K', 'after']]);
    expect(Object.keys(json.groups[0])).toEqual(expect.arrayContaining(['group', 'n', 'events', 'censored', 'median', 'medianCi', 'withinDays', 'steps']));
    const extract = await loadExtract(audit, undefined, undefined);
    const core = waitsFromTable(extract.table, { start: 'referral_date', end: 'first_seen_date', days: 28, groups: ['R0K'], splitAt: '2025-06-01', asOf: json.asOf });
    expect(json.groups).toEqual(JSON.parse(JSON.stringify(core.groups)));
    expect(json.logRank?.p).toBe(core.logRank?.p);
  });

  it('suppressed by default: steps merged so every published count is 0 or 8+', async () => {
    const { code, out } = await capture([audit, '--start', 'referral_date', '--end', 'first_seen_date', '--days', '28', '--group', 'R0K']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as Output;
    expect(json.suppression).toMatch(/at least 8 events/);
    for (const s of json.groups[0].steps) for (const c of [s.atRisk, s.events, s.censored]) expect(c === 0 || (typeof c === 'number' && c >= 8)).toBe(true);
  });

  it('CSV summary: one row per centre with median, interval, share within and percentiles', async () => {
    const { code, out } = await capture([audit, '--start', 'referral_date', '--end', 'first_seen_date', '--days', '28', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = out.trim().split('\r\n');
    expect(lines[0]).toBe('group,period,n,events,censored,median,median_lower,median_upper,within_days,within_days_lower,within_days_upper,p50,p90,p95,days,as_of,conf');
    expect(lines.length).toBeGreaterThan(50);
  });

  it.each(['month', 'quarter'] as const)('--split-by %s: one curve per period (the last few with people), the same numbers as the app\'s function', async (splitBy) => {
    const { code, out, err } = await capture([audit, '--measure', '4plus4-part1', '--group', 'R0K', '--split-by', splitBy, '--no-suppress']);
    expect(code).toBe(0);
    expect(err).toMatch(/^msvw waits: warning: --no-suppress/);
    const json = JSON.parse(out) as Output;
    expect(json.splitBy).toBe(splitBy);
    const periods = json.groups.map((g) => g.period);
    expect(periods).toHaveLength(DEFAULT_LAST_PERIODS);
    expect(new Set(periods).size).toBe(periods.length);
    expect(periods.every((p) => (splitBy === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}-Q[1-4]$/).test(p ?? ''))).toBe(true);
    expect([...periods].sort()).toEqual(periods);
    expect(json.groups.every((g) => g.group === 'R0K')).toBe(true);
    // What the Trends page's waits worker computes (renderer/src/workers/trends-ops.ts: waitsFromTable with splitBy).
    const extract = await loadExtract(audit, undefined, undefined);
    const core = waitsFromTable(extract.table, { start: 'referral_date', end: 'first_seen_date', days: 28, groups: ['R0K'], splitBy, asOf: json.asOf });
    expect(json.groups).toEqual(JSON.parse(JSON.stringify(core.groups)));
    expect(json.logRank).toBeNull();
  });

  it('--split-by month, suppressed: the app\'s export step (publishWaits) on every centre\'s curves', async () => {
    const { code, out, err } = await capture([audit, '--measure', '4plus4-part1', '--split-by', 'month']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const json = JSON.parse(out) as Output;
    const extract = await loadExtract(audit, undefined, undefined);
    const core = waitsFromTable(extract.table, { start: 'referral_date', end: 'first_seen_date', days: 28, splitBy: 'month', asOf: json.asOf });
    expect(json).toEqual(JSON.parse(JSON.stringify(publishWaits(core))));
    expect(new Set(json.groups.map((g) => g.period)).size).toBe(DEFAULT_LAST_PERIODS);
    expect(json.suppression).toMatch(/at least 8 events/);
    expect(json.groups.some((g) => g.n === '*')).toBe(true);
  });
});
