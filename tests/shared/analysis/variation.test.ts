import { describe, expect, it } from 'vitest';
import { analyseVariation, bandFor, classifyProportion, type VariationResult } from '../../../shared/analysis/variation';
import { MeasureError } from '../../../shared/analysis/filter';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import type { Standard } from '../../../shared/standards/schema';
import { funnelLimits } from '../../../shared/stats/funnel';
import { P95, P998, Z95, Z998 } from '../../../shared/stats/constants';
import { buildTable } from './build-table';
import { seeded } from '../../helpers/seeded';

const shipped = (id: string): Standard => {
  const s = findStandard(SHIPPED_STANDARDS, id);
  if (!s) throw new Error(`no standard ${id}`);
  return s;
};

/** Wilson interval written out from methods.md, to check the wiring independently. */
function wilson(x: number, n: number, z: number): [number, number] {
  const spread = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
  return [(2 * x + z * z - spread) / (2 * (n + z * z)), (2 * x + z * z + spread) / (2 * (n + z * z))];
}

const sumExcluded = (r: VariationResult): number => Object.values(r.accounting.excluded).reduce((a, b) => a + b, 0);

describe('per-centre numbers on a hand-checked extract (4+4 part 1, as of 2024-06-30)', () => {
  const table = buildTable({
    centre_code: ['RTH', 'RTH', 'RTH', 'RTH', 'RTH', 'RGT', 'RGT', 'RGT', 'RGT', null],
    region: ['South East', 'South East', 'South East', 'South East', 'South East', 'East', 'East', 'East', 'East', 'East'],
    referral_date: ['2024-01-01', '2024-01-01', '2024-01-01', '2024-01-01', '2024-06-20', '2024-01-01', '2024-03-01', '2024-02-10', null, '2024-01-01'],
    first_seen_date: ['2024-01-11', '2024-01-21', '2024-01-29', '2024-02-10', null, '2024-01-06', null, '2024-02-01', '2024-02-01', '2024-01-05'],
  });
  const result = analyseVariation(table, shipped('4plus4-part1'), { asOf: '2024-06-30' });
  const [rgt, rth] = result.groups;

  it('counts denominators, numerators and exclusions per centre', () => {
    expect(result.groups.map((g) => g.group)).toEqual(['RGT', 'RTH']);
    expect(rth).toMatchObject({ n: 4, numerator: 3, proportion: 0.75, medianDays: 24, excluded: { clockRunning: 1, invalid: 0, missing: 0 } });
    expect(rgt).toMatchObject({ n: 2, numerator: 1, proportion: 0.5, medianDays: 5, excluded: { clockRunning: 0, invalid: 1, missing: 1 } });
  });

  it('gives Wilson 95% intervals, the pooled target and exact funnel limits', () => {
    expect(rth.ci95[0]).toBeCloseTo(wilson(3, 4, Z95)[0], 12);
    expect(rth.ci95[1]).toBeCloseTo(wilson(3, 4, Z95)[1], 12);
    expect(result.target).toBeCloseTo(4 / 6, 15);
    expect(result.limits).toBe('exact');
    const l95 = funnelLimits(4 / 6, 4, P95, Z95, 'exact');
    const l998 = funnelLimits(4 / 6, 4, P998, Z998, 'exact');
    expect(rth.limits).toEqual({ l95: l95.lower, u95: l95.upper, l998: l998.lower, u998: l998.upper });
    expect(rth.band).toBe('within');
  });

  it('accounts for every row, including the one with no centre code', () => {
    expect(result.accounting).toEqual({
      rowsRead: 10,
      inDenominator: 6,
      excluded: { clock_running: 1, invalid: 1, missing_start: 1, missing_group: 1 },
    });
    expect(result.asOf).toBe('2024-06-30');
    expect(result.measure).toMatchObject({ id: '4plus4-part1', thresholdDays: 28, provenance: 'provisional' });
  });

  it('applies analysis filters and counts the rows they remove', () => {
    const east = analyseVariation(table, shipped('4plus4-part1'), { asOf: '2024-06-30', filters: { region: ['east'] } });
    expect(east.groups.map((g) => g.group)).toEqual(['RGT']);
    expect(east.accounting.excluded.filtered_out).toBe(5);
    expect(east.accounting.rowsRead).toBe(east.accounting.inDenominator + sumExcluded(east));
  });

  it('uses a target the user sets', () => {
    const r = analyseVariation(table, shipped('4plus4-part1'), { asOf: '2024-06-30', target: 0.9 });
    expect(r.target).toBe(0.9);
    expect(r.targetSource).toBe('user');
    expect(() => analyseVariation(table, shipped('4plus4-part1'), { target: 1.5 })).toThrow(/between 0 and 1/);
  });

  it('groups by a number column and refuses a date column', () => {
    const t = buildTable({ imd_decile: [1, 1, 10, null], smoking_status: ['Never', null, 'Current', 'Never'] });
    const r = analyseVariation(t, shipped('status-smoking-recorded'), { by: 'imd_decile' });
    expect(r.groups.map((g) => [g.group, g.numerator, g.n])).toEqual([['1', 1, 2], ['10', 1, 1]]);
    expect(r.accounting.excluded).toEqual({ missing_group: 1 });
    expect(() => analyseVariation(table, shipped('4plus4-part1'), { by: 'referral_date' })).toThrow(MeasureError);
    expect(() => analyseVariation(table, shipped('4plus4-part1'), { by: 'nope' })).toThrow(/no "nope" column/);
  });

  it('rejects an as-of date that is not a date', () => {
    expect(() => analyseVariation(table, shipped('4plus4-part1'), { asOf: '30/06/2024' })).toThrow(/yyyy-mm-dd/);
  });
});

describe('bands: an outlier lies strictly outside its limits', () => {
  it('classes values exactly on a limit as inside that limit', () => {
    expect(bandFor(0.6, 0.6, 0.9, 0.5, 0.95)).toBe('within');
    expect(bandFor(0.9, 0.6, 0.9, 0.5, 0.95)).toBe('within');
    expect(bandFor(0.5, 0.6, 0.9, 0.5, 0.95)).toBe('below95');
    expect(bandFor(0.95, 0.6, 0.9, 0.5, 0.95)).toBe('above95');
    expect(bandFor(0.4999, 0.6, 0.9, 0.5, 0.95)).toBe('below99.8');
    expect(bandFor(0.9501, 0.6, 0.9, 0.5, 0.95)).toBe('above99.8');
  });
});

describe('overdispersion wired through (methods.md, 12 centres)', () => {
  const n = [25, 40, 60, 80, 100, 120, 150, 180, 220, 260, 320, 400];
  const x = [17, 35, 46, 66, 71, 99, 118, 147, 140, 214, 262, 318];
  const centres: string[] = [];
  const smoking: (string | null)[] = [];
  n.forEach((ni, i) => {
    for (let r = 0; r < ni; r++) {
      centres.push(`C${String(i + 1).padStart(2, '0')}`);
      smoking.push(r < x[i] ? 'Never' : null);
    }
  });
  const table = buildTable({ centre_code: centres, smoking_status: smoking });
  const measure = shipped('status-smoking-recorded');
  const outliers998 = (r: VariationResult): string[] => r.groups.filter((g) => g.band === 'below99.8' || g.band === 'above99.8').map((g) => g.group);

  it('estimates phi and tau2 as FunnelPlotR does and adjusts the limits (additive)', () => {
    const r = analyseVariation(table, measure, { overdispersion: 'additive' });
    expect(r.target).toBeCloseTo(0.78414322, 7);
    expect(r.overdispersion.phi).toBeCloseTo(1.482765, 6);
    expect(r.overdispersion.tau2).toBeCloseTo(0.00099047, 8);
    expect(r.overdispersion.applied).toBe(true);
    expect(r.limits).toBe('arcsine');
    const c5 = r.groups[4];
    expect(c5.n).toBe(100);
    expect(c5.limits.l95).toBeCloseTo(0.682127, 6);
    expect(c5.limits.u95).toBeCloseTo(0.870988, 6);
    expect(c5.limits.l998).toBeCloseTo(0.618501, 6);
    expect(c5.limits.u998).toBeCloseTo(0.91232, 6);
    expect(outliers998(r)).toEqual(['C09']);
  });

  it('adjusts automatically by default: additive limits because tau² > 0, and says so (methods.md step 7)', () => {
    const r = analyseVariation(table, measure, {});
    expect(r.overdispersion).toMatchObject({ method: 'auto', drawn: 'additive', applied: true, fallback: false });
    expect(r.overdispersion.tau2).toBeCloseTo(0.00099047, 8);
    expect(r.limits).toBe('arcsine');
    expect(r.groups[4].limits.l998).toBeCloseTo(0.618501, 6);
    expect(r.overdispersion.banner).toBe("Centres vary more than chance alone explains (phi = 1.48), so the limits allow for that; choose 'None' to see unadjusted limits.");
    expect(outliers998(r)).toEqual(['C09']);
  });

  it('automatic draws exact binomial limits when phi <= 1 (tau² = 0), and says so', () => {
    // Every centre at 80% exactly: no spread at all.
    const flat = buildTable({ centre_code: ['A', 'B', 'C'].flatMap((c) => Array(10).fill(c)), referral_date: Array(30).fill('2024-01-01'),
      first_seen_date: Array.from({ length: 30 }, (_, i) => (i % 10 < 8 ? '2024-01-10' : '2024-03-30')) });
    const r = analyseVariation(flat, shipped('4plus4-part1'), { asOf: '2024-06-30' });
    expect(r.overdispersion).toMatchObject({ method: 'auto', drawn: 'none', applied: false, fallback: false, tau2: 0 });
    expect(r.limits).toBe('exact');
    expect(r.overdispersion.banner).toMatch(/^Centres vary no more than chance alone explains \(phi = 0\), so the limits are not adjusted/);
  });

  it('finds only the 9th centre outside 99.8% unadjusted, with arcsine z-scores', () => {
    const r = analyseVariation(table, measure, { overdispersion: 'none' });
    expect(r.overdispersion).toMatchObject({ method: 'none', drawn: 'none', applied: false });
    expect(r.groups[0].z).toBeCloseTo(-1.18077, 5);
    expect(r.groups[8].z).toBeCloseTo(-4.867922, 5);
    expect(outliers998(r)).toEqual(['C09']);
    expect(outliers998(analyseVariation(table, measure, { limits: 'arcsine', overdispersion: 'none' }))).toEqual(['C09']);
  });

  it('estimates the multiplicative phi on the raw scale', () => {
    const r = analyseVariation(table, measure, { overdispersion: 'multiplicative' });
    expect(r.overdispersion.phi).toBeCloseTo(1.468381, 6);
    expect(r.limits).toBe('normal');
    expect(outliers998(r)).toEqual(['C09']);
  });
});

describe('tier classification (Brain Health referral to seen: 7 / 14 / 28 days, placeholders, 80% required)', () => {
  const rows: [string, string, string | null][] = [];
  const add = (centre: string, waits: number[]): void => {
    for (const w of waits) rows.push([centre, '2024-01-01', new Date(Date.UTC(2024, 0, 1 + w)).toISOString().slice(0, 10)]);
  };
  add('A', [5, 5, 5, 5, 12]);
  add('B', [5, 12, 12, 12, 20]);
  add('C', [20, 20, 20, 20, 30]);
  add('D', [20, 30, 30, 40, 5]);
  add('E', [5, 5, 5]);
  rows.push(['E', '2024-06-18', null]); // open for 12 days at the as-of date
  const table = buildTable({ centre_code: rows.map((r) => r[0]), referral_date: rows.map((r) => r[1]), first_seen_date: rows.map((r) => r[2]) });
  const r = analyseVariation(table, shipped('bh-referral-to-seen'), { asOf: '2024-06-30' });
  const tierOf = (g: string): string | null | undefined => r.groups.find((x) => x.group === g)?.tier;

  it('classes each centre at the most demanding tier whose time frame 80% of its patients meet', () => {
    expect(tierOf('A')).toBe('aspirational');
    expect(tierOf('B')).toBe('achievable');
    expect(tierOf('C')).toBe('core');
    expect(tierOf('D')).toBe('below core');
  });

  it('counts an open clock as a breach of a tier it has already run past, and not of the others', () => {
    // E: 3 of 4 within 7 days (the open clock has run 12), 3 of 3 within 14 (still running).
    expect(tierOf('E')).toBe('achievable');
    expect(r.groups.find((x) => x.group === 'E')).toMatchObject({ n: 3, excluded: { clockRunning: 1 } });
  });

  it('uses the core time frame for the headline proportion by default, or the tier asked for', () => {
    expect(r.measure).toMatchObject({ tier: 'core', thresholdDays: 28 });
    const asp = analyseVariation(table, shipped('bh-referral-to-seen'), { asOf: '2024-06-30', tier: 'aspirational' });
    expect(asp.measure.thresholdDays).toBe(7);
    expect(asp.groups.find((g) => g.group === 'A')?.numerator).toBe(4);
  });

  it('respects an edited required share', () => {
    const strict: Standard = { ...shipped('bh-referral-to-seen'), requiredShare: 0.9 } as Standard;
    const s = analyseVariation(table, strict, { asOf: '2024-06-30' });
    expect(s.groups.find((g) => g.group === 'A')?.tier).toBe('achievable');
  });

  it('classes proportions against tier targets by direction', () => {
    const targets = { core: 0.5, achievable: 0.7, aspirational: 0.9 };
    expect(classifyProportion(0.95, targets, 'higher-is-better')).toBe('aspirational');
    expect(classifyProportion(0.7, targets, 'higher-is-better')).toBe('achievable');
    expect(classifyProportion(0.5, targets, 'higher-is-better')).toBe('core');
    expect(classifyProportion(0.49, targets, 'higher-is-better')).toBe('below core');
    const low = { core: 0.3, achievable: 0.2, aspirational: 0.1 };
    expect(classifyProportion(0.05, low, 'lower-is-better')).toBe('aspirational');
    expect(classifyProportion(0.3, low, 'lower-is-better')).toBe('core');
    expect(classifyProportion(0.31, low, 'lower-is-better')).toBe('below core');
  });

  it('leaves single-threshold standards without tier targets unclassed', () => {
    const part1 = analyseVariation(table, shipped('4plus4-part1'), { asOf: '2024-06-30' });
    expect(part1.groups.every((g) => g.tier === null)).toBe(true);
  });
});

describe('KPI extracts through the variation engine', () => {
  const table = buildTable({
    centre_code: ['RTH', 'RTH', 'RGT', 'RGT', 'RTH', 'RGT', 'RGT'],
    period_start: ['2024-01-01', '2024-04-01', '2024-01-01', '2024-04-01', '2024-04-01', '2024-04-01', '2024-04-01'],
    period_end: ['2024-03-31', '2024-06-30', '2024-03-31', '2024-06-30', '2024-06-30', '2024-06-30', '2024-06-30'],
    kpi_id: ['fourplusfour', 'fourplusfour', 'fourplusfour', 'fourplusfour', 'other', 'fourplusfour', 'fourplusfour'],
    numerator: [5, 8, 3, 7, 1, 12, 2],
    denominator: [10, 10, 4, 9, 2, 10, 3],
  });

  it('sums numerators and denominators per centre for the latest period', () => {
    const r = analyseVariation(table, { kpiId: 'fourplusfour' });
    expect(r.measure.kind).toBe('kpi');
    expect(r.groups.map((g) => [g.group, g.numerator, g.n])).toEqual([['RGT', 9, 12], ['RTH', 8, 10]]);
    expect(r.target).toBeCloseTo(17 / 22, 15);
    expect(r.accounting).toEqual({ rowsRead: 7, inDenominator: 3, excluded: { outside_period: 2, other_kpi: 1, invalid: 1 } });
  });

  it('uses a chosen period', () => {
    const r = analyseVariation(table, { kpiId: 'fourplusfour' }, { filters: { period: { from: '2024-01-01', to: '2024-03-31' } } });
    expect(r.groups.map((g) => [g.group, g.numerator, g.n])).toEqual([['RGT', 3, 4], ['RTH', 5, 10]]);
  });
});

describe('every row is accounted for (property over random extracts)', () => {
  /** Seeded so a failure can be replayed. */
  const random = seeded;
  const pick = <T,>(rnd: () => number, items: T[]): T => items[Math.floor(rnd() * items.length)];
  const date = (rnd: () => number): string | null =>
    rnd() < 0.15 ? null : new Date(Date.UTC(2023, 0, 1 + Math.floor(rnd() * 600))).toISOString().slice(0, 10);

  it('rowsRead = inDenominator + excluded, and group denominators add up, for every shipped patient standard', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const rows = 1 + Math.floor(rnd() * 80);
      const cells = (f: () => string | number | null): (string | number | null)[] => Array.from({ length: rows }, f);
      const table = buildTable({
        centre_code: cells(() => pick(rnd, ['RTH', 'RGT', 'RH8', null])),
        region: cells(() => pick(rnd, ['East', 'London', null])),
        ms_type: cells(() => pick(rnd, ['RRMS', 'SPMS', 'PPMS', 'CIS', null])),
        imd_decile: cells(() => (rnd() < 0.1 ? null : 1 + Math.floor(rnd() * 10))),
        symptom_onset_date: cells(() => date(rnd)),
        referral_date: cells(() => date(rnd)),
        first_seen_date: cells(() => date(rnd)),
        mri_date: cells(() => date(rnd)),
        diagnosis_date: cells(() => date(rnd)),
        ms_nurse_first_contact_date: cells(() => date(rnd)),
        dmt_offered_date: cells(() => date(rnd)),
        dmt_start_date: cells(() => date(rnd)),
        dmt_name: cells(() => pick(rnd, ['ocrelizumab', 'Tecfidera', null])),
        last_relapse_onset_date: cells(() => date(rnd)),
        last_relapse_treated_date: cells(() => date(rnd)),
        last_review_date: cells(() => date(rnd)),
        previous_review_date: cells(() => date(rnd)),
        comorbidity_screen_date: cells(() => date(rnd)),
        smoking_status: cells(() => pick(rnd, ['Never', 'Current', null])),
        bmi: cells(() => (rnd() < 0.3 ? null : 18 + rnd() * 20)),
        emergency_admissions_12m: cells(() => (rnd() < 0.2 ? null : Math.floor(rnd() * 3))),
      });
      const options = {
        asOf: rnd() < 0.5 ? undefined : pick(rnd, ['2023-06-30', '2024-03-31']),
        by: pick(rnd, ['centre_code', 'region', 'imd_decile']),
        filters: {
          ms_type: rnd() < 0.3 ? ['RRMS', 'SPMS'] : undefined,
          period: rnd() < 0.3 ? { from: '2023-03-01', to: '2023-12-31' } : undefined,
        },
      };
      for (const standard of SHIPPED_STANDARDS) {
        const r = analyseVariation(table, standard, options);
        const where = `seed ${seed}, ${standard.id}`;
        expect(r.accounting.rowsRead, where).toBe(rows);
        expect(r.accounting.inDenominator + sumExcluded(r), where).toBe(rows);
        expect(r.groups.reduce((a, g) => a + g.n, 0), where).toBe(r.accounting.inDenominator);
        const perGroup = r.groups.reduce((a, g) => a + g.excluded.clockRunning + g.excluded.invalid + g.excluded.missing, 0);
        const reasons = r.accounting.excluded;
        expect(perGroup, where).toBeLessThanOrEqual((reasons.clock_running ?? 0) + (reasons.invalid ?? 0) + (reasons.missing_start ?? 0));
        for (const g of r.groups) expect(g.numerator, where).toBeLessThanOrEqual(g.n);
      }
    }
  });
});

describe('a degenerate target', () => {
  it('never marks a centre at the target as an outlier when every patient meets the standard', () => {
    const table = buildTable({ centre_code: ['A', 'A', 'B', 'B', 'B'], smoking_status: ['Never', 'Never', 'Never', 'Current', 'Ex'] });
    for (const limits of ['exact', 'normal', 'arcsine'] as const) {
      const r = analyseVariation(table, shipped('status-smoking-recorded'), { limits });
      expect(r.target).toBe(1);
      expect(r.groups.map((g) => g.band), limits).toEqual(['within', 'within']);
    }
  });
});

describe('a tier may be absent (Hobart et al. 2019: not every standard has all three)', () => {
  const rows: [string, number][] = [['A', 5], ['A', 5], ['A', 5], ['A', 5], ['A', 12], ['B', 20], ['B', 20], ['B', 20], ['B', 20], ['B', 40]];
  const table = buildTable({
    centre_code: rows.map((r) => r[0]), referral_date: rows.map(() => '2024-01-01'),
    first_seen_date: rows.map((r) => new Date(Date.UTC(2024, 0, 1 + r[1])).toISOString().slice(0, 10)),
  });
  const noAspirational = { ...shipped('bh-referral-to-seen'), thresholds: { aspirational: null, achievable: 14, core: 28 } } as Standard;

  it('classes at the tiers the standard has, never at an absent one', () => {
    const r = analyseVariation(table, noAspirational, { asOf: '2024-06-30' });
    expect(r.groups.find((g) => g.group === 'A')?.tier).toBe('achievable');
    expect(r.groups.find((g) => g.group === 'B')?.tier).toBe('core');
  });

  it('names the tiers it has when an absent one is asked for', () => {
    expect(() => analyseVariation(table, noAspirational, { asOf: '2024-06-30', tier: 'aspirational' })).toThrow(/has no aspirational tier \(its tiers: achievable, core\)/);
  });

  it('defaults to the least demanding tier present when core is absent', () => {
    const onlyAspirational = { ...noAspirational, thresholds: { aspirational: 10, achievable: null, core: null } } as Standard;
    const r = analyseVariation(table, onlyAspirational, { asOf: '2024-06-30' });
    expect(r.measure).toMatchObject({ tier: 'aspirational', thresholdDays: 10 });
    expect(r.groups.find((g) => g.group === 'B')?.tier).toBe('below core');
  });
});
