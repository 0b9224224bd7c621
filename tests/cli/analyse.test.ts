import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAnalyseArgs, run } from '../../cli/commands/analyse';
import { publicationCsv, publishVariation } from '../../shared/output/publish';
import { analyseVariation } from '../../shared/analysis/variation';
import { buildTable } from '../shared/analysis/build-table';
import { captureCli } from '../helpers/capture-cli';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const kpi = path.join(root, 'samples/data/kpi-sample.csv');
const hasSamples = existsSync(audit) && existsSync(kpi);

/** Run the command in-process, capturing stdout and stderr. */
const capture = (args: string[]) => captureCli(run, args);

interface Output {
  measure: { id: string; kind: string; title: string };
  asOf: string;
  period: { from: string; to: string } | null;
  limits: string;
  overdispersion: { method: string; drawn: string; applied: boolean; phi: number; banner: string };
  totals: { centres: number; patients: number; centresNotShown: number; basis: string };
  settings: { suppression: string; minN: number };
  groups: { centre_code: string; centre_name: string | null; n: number | string; numerator: number | string; band: string; tier: string | null; proportion: number | string | null }[];
  footnote: string[];
  accounting?: { rowsRead: number; inDenominator: number; excluded: Record<string, number> };
  extract: { rowsRead?: number; rowsImported?: number; rowsExcluded?: Record<string, number> };
}

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!hasSamples)('msvw analyse on the committed samples', () => {
  it('prints the per-centre JSON for 4+4 part 1 by default: automatic overdispersion, names, small numbers suppressed', async () => {
    const { code, out, err } = await capture([audit]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as Output;
    expect(r.measure.id).toBe('4plus4-part1');
    expect(r.asOf).toBe('2026-09-30');
    expect(r.settings).toMatchObject({ suppression: '1-7', minN: 5 });
    expect(r.overdispersion).toMatchObject({ method: 'auto', drawn: 'additive', applied: true });
    expect(r.overdispersion.banner).toMatch(/^Centres vary far more than chance alone explains \(phi = \d+(\.\d)?\), so the limits allow for that/);
    expect(r.limits).toBe('arcsine');
    expect(r.groups.length).toBeGreaterThan(100);
    expect(r.accounting).toBeUndefined();
    // Every count is 0, 8 or more, or *; a starred row shows no band or interval.
    for (const g of r.groups) {
      for (const v of [g.n, g.numerator]) expect(v === '*' || v === 0 || (typeof v === 'number' && v >= 8), `${g.centre_code} ${v}`).toBe(true);
      if (g.numerator === '*') expect([g.band, g.proportion]).toEqual(['*', '*']);
    }
    expect(r.totals.basis).toBe('published');
    expect(r.totals.centres + r.totals.centresNotShown).toBe(r.groups.length);
    expect(r.footnote.join('\n')).toMatch(/taken as the middle of its suppressed range/);
    const row = r.groups.find((g) => g.centre_code === 'R3L');
    expect(row?.centre_name).toMatch(/\w/);
    // The generator's "very poor" centres sit below the funnel.
    expect(row?.band).toMatch(/^Below (95|99\.8)% limit$/);
    // RZS met the standard for fewer than 8 patients: its count, band and interval are suppressed.
    expect(r.groups.find((g) => g.centre_code === 'RZS')).toMatchObject({ numerator: '*', band: '*', proportion: '*' });
  });

  it('with --no-suppress prints every count and row accounting, warning in one line on stderr', async () => {
    const { code, out, err } = await capture([audit, '--no-suppress']);
    expect(code).toBe(0);
    expect(err).toBe('msvw analyse: warning: Small numbers NOT suppressed: this output may identify people. Do not share it outside your organisation.\n');
    const r = JSON.parse(out) as Output & { accounting: NonNullable<Output['accounting']> };
    expect(r.groups.some((g) => typeof g.numerator === 'number' && g.numerator >= 1 && g.numerator <= 7)).toBe(true);
    const excluded = Object.values(r.accounting.excluded).reduce((a, b) => a + b, 0);
    expect(r.accounting.inDenominator + excluded).toBe(r.accounting.rowsRead);
    expect(r.accounting.rowsRead).toBe(r.extract.rowsImported);
    const importExcluded = Object.values(r.extract.rowsExcluded ?? {}).reduce((a, b) => a + b, 0);
    expect((r.extract.rowsImported ?? 0) + importExcluded).toBe(r.extract.rowsRead);
    expect(r.groups.reduce((a, g) => a + (g.n as number), 0)).toBe(r.accounting.inDenominator);
  });

  it('suppresses 1-5 only, or rounds to 5, when asked', async () => {
    const five = JSON.parse((await capture([audit, '--suppress', '1-5'])).out) as Output;
    expect(five.groups.some((g) => g.numerator === 6 || g.numerator === 7 || g.n === 6 || g.n === 7)).toBe(true);
    const rounded = JSON.parse((await capture([audit, '--suppress=round5'])).out) as Output;
    for (const g of rounded.groups) for (const v of [g.n, g.numerator]) expect(v === '*' || (typeof v === 'number' && v % 5 === 0), String(v)).toBe(true);
    expect(rounded.footnote.join(' ')).toMatch(/rounded to the nearest 5/);
  });

  it('applies overdispersion, a tier and CSV output', async () => {
    const { code, out } = await capture([audit, '--measure', 'bh-referral-to-seen', '--overdispersion', 'additive', '--tier', 'aspirational', '--format', 'csv']);
    expect(code).toBe(0);
    const [table, notes] = out.split('\r\n\r\n');
    const lines = table.trim().split('\r\n');
    expect(lines[0]).toBe('measure_id,group_by,centre_code,centre_name,n,numerator,proportion,ci95_lower,ci95_upper,l95,u95,l998,u998,z,band,tier,median_days,excluded_clock_running,excluded_invalid,excluded_missing,target,limits,overdispersion,as_of,period');
    expect(lines.length).toBeGreaterThan(100);
    expect(lines[1]).toMatch(/^bh-referral-to-seen,centre_code,R\w+,[^,]+,(\d+|\*),(\d+|\*),/);
    expect(lines[1]).toMatch(/,arcsine,additive,2026-09-30,$/);
    expect(notes).toMatch(/^Measure: Brain Health: seen by a neurologist after referral for suspected MS \(provisional\)\r\n/);
  });

  it('runs an ad-hoc interval grouped by region', async () => {
    const { code, out } = await capture([audit, '--start', 'diagnosis_date', '--end', 'dmt_offered_date', '--days', '56', '--by', 'region', '--target', '0.8']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as Output & { target: number };
    expect(r.measure.id).toBe('adhoc-diagnosis_date-to-dmt_offered_date-56d');
    expect(r.target).toBe(0.8);
    expect(r.groups.length).toBe(7);
  });

  it('reads a KPI extract with --measure <kpi_id>: title, latest period, patients as summed denominators', async () => {
    const { code, out } = await capture([kpi, '--measure', '4plus4_part1']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as Output;
    expect(r.measure.kind).toBe('kpi');
    expect(r.measure.title).toBe('4+4 part 1: seen by an MS specialist within 4 weeks of referral');
    expect(r.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(r.groups.length).toBeGreaterThan(100);
    expect(r.footnote[1]).toBe('Period: 01/07/2026 to 30/09/2026');
    const all = JSON.parse((await capture([kpi, '--measure', '4plus4_part1', '--period', 'last4', '--no-suppress'])).out) as Output;
    expect(all.period).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(all.accounting?.excluded.other_kpi).toBeGreaterThan(0);
    const range = JSON.parse((await capture([kpi, '--measure', '4plus4_part1', '--period', '2026-01-01..2026-06-30'])).out) as Output;
    expect(range.period).toEqual({ from: '2026-01-01', to: '2026-06-30' });
  });

  it('asks for a KPI id on a KPI extract, listing the ids in the file', async () => {
    const { code, err } = await capture([kpi]);
    expect(code).toBe(2);
    expect(err).toMatch(/^msvw analyse: kpi-sample\.csv is a KPI extract: choose a KPI with --measure <kpi_id>\. KPI ids in the file: .*4plus4_part1/);
  });

  it('exits 2 naming the column when a standard needs a field the extract lacks', async () => {
    const { code, err } = await capture([audit, '--by', 'hospital']);
    expect(code).toBe(2);
    expect(err).toMatch(/no "hospital" column/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 through the dispatcher with one line and no stack trace', async () => {
    const exec = promisify(execFile);
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const failure = await exec(tsx, ['cli/msvw.ts', 'analyse', audit, '--limits', 'poisson'], { cwd: root }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toBe('msvw analyse: --limits must be exact, normal, arcsine (got "poisson").\n');
  });
});

describe('msvw analyse options', () => {
  const bad = async (args: string[]): Promise<string> => {
    const { code, err } = await capture(args);
    expect(code, args.join(' ')).toBe(2);
    expect(err.trim().split('\n'), args.join(' ')).toHaveLength(1);
    return err;
  };

  it('rejects bad options with one line naming the problem and the fix', async () => {
    expect(await bad([])).toMatch(/give the extract to analyse\. Usage: msvw analyse <file>/);
    expect(await bad(['a.csv', 'b.csv'])).toMatch(/give one file, not 2/);
    expect(await bad(['a.csv', '--colour', 'red'])).toMatch(/unknown option "--colour"/);
    expect(await bad(['a.csv', '--overdispersion', 'lots'])).toMatch(/--overdispersion must be auto, none, additive, multiplicative/);
    expect(await bad(['a.csv', '--suppress', '1-3'])).toMatch(/--suppress must be 1-7, 1-5, round5/);
    expect(await bad(['a.csv', '--suppress', '1-5', '--no-suppress'])).toMatch(/either --suppress or --no-suppress/);
    expect(await bad(['a.csv', '--period', 'lastyear'])).toMatch(/--period: .*latest, last4, all or FROM\.\.TO/);
    expect(await bad(['a.csv', '--min-n', '0'])).toMatch(/--min-n must be a whole number/);
    expect(await bad(['a.csv', '--limits', 'exact', '--limits', 'normal'])).toMatch(/--limits is given twice/);
    expect(await bad(['a.csv', '--as-of', '31/03/2024'])).toMatch(/--as-of must be a date written yyyy-mm-dd/);
    expect(await bad(['a.csv', '--target', '80'])).toMatch(/--target must be "pooled" or a proportion between 0 and 1/);
    expect(await bad(['a.csv', '--start', 'referral_date', '--days', '28'])).toMatch(/needs --start, --end and --days together/);
    expect(await bad(['a.csv', '--measure', '4plus4-part1', '--start', 'a', '--end', 'b', '--days', '3'])).toMatch(/either --measure or --start/);
    expect(await bad(['a.csv', '--days'])).toMatch(/--days needs a value/);
    expect(await bad(['a.csv', '--days='])).toMatch(/--days needs a value/);
    expect(await bad(['a.csv', '--map', 'A=centre_code', '--map='])).toMatch(/--map needs a value/);
    expect(await bad(['a.csv', '--no-suppress=yes'])).toMatch(/^msvw analyse: --no-suppress does not take a value\. Usage: msvw analyse <file>/);
    expect(await bad(['a.csv', '--from', '2024-01-01'])).toMatch(/--from and --to together/);
    expect(await bad(['/nonexistent/extract.csv'])).toMatch(/cannot read "\/nonexistent\/extract\.csv": check the path/);
  });

  it.skipIf(!hasSamples)('rejects an unknown measure id', async () => {
    expect(await bad([audit, '--measure', '4+4'])).toMatch(/unknown measure "4\+4": run "msvw standards"/);
  });

  it('accepts --name=value', () => {
    expect(parseAnalyseArgs(['x.csv', '--limits=normal', '--target=0.75']).options).toEqual({ limits: 'normal', target: '0.75' });
    expect(parseAnalyseArgs(['x.csv', '--no-suppress']).noSuppress).toBe(true);
  });
});

describe('CSV output', () => {
  it('guards text cells against formula injection and quotes as RFC 4180', () => {
    const table = buildTable({ centre_code: ['=HYPERLINK("x")', '=HYPERLINK("x")', '+A1, B'], smoking_status: ['Never', null, 'Never'] });
    const result = analyseVariation(table, {
      id: 's', kind: 'status', title: 'Smoking', shortTitle: 'Smoking', source: 'test', provenance: 'provisional',
      direction: 'higher-is-better', population: [], numerator: [{ field: 'smoking_status', op: 'present' }],
    });
    const csv = publicationCsv(result, publishVariation(result, { suppression: 'none' }));
    expect(csv).toContain(`,"'+A1, B",`);
    expect(csv).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
