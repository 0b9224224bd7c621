import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadExtract } from '../../cli/commands/analyse';
import { parseSpcArgs, run } from '../../cli/commands/spc';
import { spcFromTable } from '../../shared/analysis/spc-report';
import { findStandard, SHIPPED_STANDARDS } from '../../shared/standards/catalogue';
import { captureCli } from '../helpers/capture-cli';
import { expectNear } from '../shared/stats/near';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const capture = (args: string[]) => captureCli(run, args);

afterEach(() => vi.restoreAllMocks());

interface Point { period: string; n: number | string; numerator: number | string | null; value: number | string; mean: number; lpl: number | string | null; upl: number | string | null; nearLower: unknown; nearUpper: unknown; rules: string[]; pointType: string }
interface Output { chart: string; options: Record<string, unknown>; suppression: string | null; series: { group: string; trial: boolean; variationIcon: string; assuranceIcon: string | null; points: Point[] }[] }

describe('msvw spc options', () => {
  it('parses every option of the issue', () => {
    const a = parseSpcArgs(['x.csv', '--measure', '4plus4-part1', '--by', 'region', '--group', 'London', '--period', 'quarter', '--chart', 'pprime', '--baseline', '12',
      '--rebase', '2024-04-01,2025-01-01', '--no-screen', '--two-of-three', 'mdc2023', '--trend-ties', 'ignore', '--run-length', '6', '--target', '0.9', '--format', 'csv']);
    expect(a).toMatchObject({ mode: 'measure', by: 'region', group: 'London', granularity: 'quarter', format: 'csv', suppress: true });
    expect(a.choices).toEqual({ chart: 'pprime', baseline: 12, rebase: ['2024-04-01', '2025-01-01'], screen: false, twoOfThree: 'mdc2023', trendTies: 'ignore', runLength: 6, target: 0.9 });
    expect(parseSpcArgs(['x.csv', '--value', 'v', '--period', 'month', '--chart', 'xmr'])).toMatchObject({ mode: 'plain', periodColumn: 'month', by: null });
    expect(parseSpcArgs(['x.csv', '--by', 'none']).by).toBeNull();
  });

  it.each([
    [['x.csv', '--chart', 'bar'], /--chart must be p, pprime, xmr, run/],
    [['x.csv', '--baseline', '8'], /12 or more/],
    [['x.csv', '--rebase', '01/04/2024'], /yyyy-mm-dd/],
    [['x.csv', '--run-length', '5'], /--run-length must be 7, 6/],
    [['x.csv', '--target', '80'], /between 0 and 1/],
    [['x.csv', '--screen', '--no-screen'], /not both/],
    [['x.csv', '--value', 'v'], /--period/],
    [['x.csv', '--value', 'v', '--period', 'p', '--chart', 'p'], /xmr or run/],
    [['x.csv', '--wat'], /unknown option "--wat"/],
    [[], /give the file/],
  ])('rejects %j with one line', async (args, message) => {
    const { code, out, err } = await capture(args as string[]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe('msvw spc on the sample extract', () => {
  it('prints the issue\'s JSON shape with counts of 1-7 suppressed', async () => {
    const { code, out, err } = await capture([audit, '--measure', '4plus4-part1', '--group', 'R2F']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out) as Output;
    expect(json.chart).toBe('p');
    expect(json.options).toMatchObject({ twoOfThree: 'nhsr', trendTies: 'break', runLength: 7, screen: true, baseline: 'all', target: 0.8, direction: 'increase' });
    const [series] = json.series;
    expect(Object.keys(series)).toEqual(expect.arrayContaining(['group', 'trial', 'variationIcon', 'assuranceIcon', 'points']));
    expect(Object.keys(series.points[0])).toEqual(expect.arrayContaining(['period', 'n', 'numerator', 'value', 'mean', 'lpl', 'upl', 'nearLower', 'nearUpper', 'rules', 'pointType']));
    // R2F is a small centre: some monthly counts are 1-7.
    for (const p of series.points) {
      for (const c of [p.n, p.numerator]) if (typeof c === 'number') expect(c === 0 || c >= 8).toBe(true);
      if (p.numerator === '*' || p.n === '*') expect(p.value).toBe('*');
    }
    expect(json.suppression).toMatch(/Counts of 1-7/);
  });

  it('gives the same numbers as the shared core (no suppression, with a stderr warning)', async () => {
    const { code, out, err } = await capture([audit, '--measure', '4plus4-part1', '--by', 'none', '--chart', 'pprime', '--rebase', '2025-01-01', '--no-suppress']);
    expect(code).toBe(0);
    expect(err).toMatch(/^msvw spc: warning: --no-suppress/);
    expect(err.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(out) as Output;
    const extract = await loadExtract(audit, undefined, undefined);
    const core = spcFromTable(extract.table, findStandard(SHIPPED_STANDARDS, '4plus4-part1')!, { by: null, choices: { chart: 'pprime', rebase: ['2025-01-01'] }, asOf: (json as unknown as { asOf: string }).asOf });
    expect(json.series[0].points).toEqual(JSON.parse(JSON.stringify(core.series[0].points)));
    expect(json.series[0].variationIcon).toBe(core.series[0].variationIcon);
  });

  it('CSV: one row per point, header first', async () => {
    const { code, out } = await capture([audit, '--measure', '4plus4-part1', '--group', 'R0K', '--format', 'csv', '--period', 'quarter']);
    expect(code).toBe(0);
    const lines = out.trim().split('\r\n');
    expect(lines[0]).toBe('Group,Chart,Period,Period start,n,Numerator,Value,Centre line,Lower limit,Upper limit,Near lower,Near upper,Rules,Point type,Segment,Baseline,Provisional,Trial limits,Variation icon,Assurance icon');
    expect(lines[1]).toMatch(/^R0K,/);
    expect(lines.slice(1).every((l) => /^R0K,.*,20\d\d-Q[1-4],/.test(l))).toBe(true);
  });

  it('names the problem when a measure has no trend or a group has no data', async () => {
    const status = await capture([audit, '--measure', 'status-bmi-recorded']);
    expect(status.code).toBe(2);
    expect(status.err).toMatch(/no start event/);
    const group = await capture([audit, '--measure', '4plus4-part1', '--group', 'NOPE']);
    expect(group.code).toBe(2);
    expect(group.err).toMatch(/no centre_code "NOPE"/);
  });
});

describe('msvw spc on a plain series file', () => {
  it('XmR of methods.md vector A: screened limits -0.715556 and 4.604444; point 5 outside', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'msvw-spc-'));
    const file = path.join(dir, 'series.csv');
    const A = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];
    writeFileSync(file, `month,value\n${A.map((v, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')},${v}`).join('\n')}\n`);
    const { code, out } = await capture([file, '--value', 'value', '--period', 'month', '--chart', 'xmr']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as Output;
    const points = json.series[0].points;
    expectNear(points[0].lpl as number, -0.715556);
    expectNear(points[0].upl as number, 4.604444);
    expectNear(points[0].mean, 1.944444);
    expect(points[4].rules).toContain('outside');
    expect(points.filter((p) => p.pointType !== 'common_cause')).toHaveLength(1);
    const unscreened = JSON.parse((await capture([file, '--value', 'value', '--period', 'month', '--no-screen'])).out) as Output;
    expectNear(unscreened.series[0].points[0].upl as number, 6.951503);
    const dup = path.join(dir, 'dup.csv');
    writeFileSync(dup, 'month,value\n2024-01,1\n2024-01,2\n');
    const bad = await capture([dup, '--value', 'value', '--period', 'month']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/same period "2024-01"/);
  });
});
