import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseAnalyseArgs, resultCsv, run } from '../../cli/commands/analyse';
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
  measure: { id: string; kind: string };
  asOf: string;
  limits: string;
  overdispersion: { method: string; applied: boolean; phi: number };
  groups: { group: string; n: number; numerator: number; band: string; tier: string | null }[];
  accounting: { rowsRead: number; inDenominator: number; excluded: Record<string, number> };
  extract: { rowsRead: number; rowsImported: number; rowsExcluded: Record<string, number> };
}

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!hasSamples)('msvw analyse on the committed samples', () => {
  it('prints the per-centre JSON for 4+4 part 1 by default, with every row accounted for', async () => {
    const { code, out, err } = await capture([audit]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(out) as Output;
    expect(r.measure.id).toBe('4plus4-part1');
    expect(r.asOf).toBe('2026-09-30');
    expect(r.groups.length).toBeGreaterThan(100);
    const excluded = Object.values(r.accounting.excluded).reduce((a, b) => a + b, 0);
    expect(r.accounting.inDenominator + excluded).toBe(r.accounting.rowsRead);
    expect(r.accounting.rowsRead).toBe(r.extract.rowsImported);
    const importExcluded = Object.values(r.extract.rowsExcluded).reduce((a, b) => a + b, 0);
    expect(r.extract.rowsImported + importExcluded).toBe(r.extract.rowsRead);
    expect(r.groups.reduce((a, g) => a + g.n, 0)).toBe(r.accounting.inDenominator);
    // The generator's "very poor" centres sit below the funnel.
    const band = (c: string): string | undefined => r.groups.find((g) => g.group === c)?.band;
    expect(band('R3L')).toMatch(/^below/);
    expect(band('RZS')).toMatch(/^below/);
  });

  it('applies overdispersion, a tier and CSV output', async () => {
    const { code, out } = await capture([audit, '--measure', 'bh-referral-to-seen', '--overdispersion', 'additive', '--tier', 'aspirational', '--format', 'csv']);
    expect(code).toBe(0);
    const lines = out.trim().split('\r\n');
    expect(lines[0].startsWith('measure_id,group_by,group,n,numerator,proportion,ci95_lower,ci95_upper,l95,u95,l998,u998,z,band,tier')).toBe(true);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines[1]).toMatch(/^bh-referral-to-seen,centre_code,R\w+,\d+,\d+,/);
    expect(lines[1]).toMatch(/,arcsine,additive,2026-09-30$/);
  });

  it('runs an ad-hoc interval grouped by region', async () => {
    const { code, out } = await capture([audit, '--start', 'diagnosis_date', '--end', 'dmt_offered_date', '--days', '56', '--by', 'region', '--target', '0.8']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as Output & { target: number };
    expect(r.measure.id).toBe('adhoc-diagnosis_date-to-dmt_offered_date-56d');
    expect(r.target).toBe(0.8);
    expect(r.groups.length).toBe(7);
  });

  it('reads a KPI extract with --measure <kpi_id>', async () => {
    const { code, out } = await capture([kpi, '--measure', '4plus4_part1']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as Output;
    expect(r.measure.kind).toBe('kpi');
    expect(r.groups.length).toBeGreaterThan(100);
    expect(r.accounting.excluded.other_kpi).toBeGreaterThan(0);
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
    expect(await bad(['a.csv', '--overdispersion', 'lots'])).toMatch(/--overdispersion must be none, additive, multiplicative/);
    expect(await bad(['a.csv', '--as-of', '31/03/2024'])).toMatch(/--as-of must be a date written yyyy-mm-dd/);
    expect(await bad(['a.csv', '--target', '80'])).toMatch(/--target must be "pooled" or a proportion between 0 and 1/);
    expect(await bad(['a.csv', '--start', 'referral_date', '--days', '28'])).toMatch(/needs --start, --end and --days together/);
    expect(await bad(['a.csv', '--measure', '4plus4-part1', '--start', 'a', '--end', 'b', '--days', '3'])).toMatch(/either --measure or --start/);
    expect(await bad(['a.csv', '--days'])).toMatch(/--days needs a value/);
    expect(await bad(['a.csv', '--from', '2024-01-01'])).toMatch(/--from and --to together/);
    expect(await bad(['/nonexistent/extract.csv'])).toMatch(/cannot read "\/nonexistent\/extract\.csv": check the path/);
  });

  it.skipIf(!hasSamples)('rejects an unknown measure id', async () => {
    expect(await bad([audit, '--measure', '4+4'])).toMatch(/unknown measure "4\+4": run "msvw standards"/);
  });

  it('accepts --name=value', () => {
    expect(parseAnalyseArgs(['x.csv', '--limits=normal', '--target=0.75']).options).toEqual({ limits: 'normal', target: '0.75' });
  });
});

describe('CSV output', () => {
  it('guards text cells against formula injection and quotes as RFC 4180', () => {
    const table = buildTable({ centre_code: ['=HYPERLINK("x")', '=HYPERLINK("x")', '+A1, B'], smoking_status: ['Never', null, 'Never'] });
    const result = analyseVariation(table, {
      id: 's', kind: 'status', title: 'Smoking', shortTitle: 'Smoking', source: 'test', provenance: 'provisional',
      direction: 'higher-is-better', population: [], numerator: [{ field: 'smoking_status', op: 'present' }],
    });
    const csv = resultCsv(result);
    expect(csv).toContain(`,"'+A1, B",`);
    expect(csv).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
