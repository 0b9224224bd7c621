import { describe, expect, it } from 'vitest';
import { tierSummary } from '../../../shared/analysis/tiers';
import { centreProfile } from '../../../shared/analysis/profile';
import { ABSENT_TIER_WORD, PROFILE_COLUMNS, profileRowsForChart, profileTable, tierSummaryTable } from '../../../shared/output/tables';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import type { Standard } from '../../../shared/standards/schema';
import { buildTable } from '../analysis/build-table';

const shipped = (id: string): Standard => findStandard(SHIPPED_STANDARDS, id) as Standard;

/** Centres A (5 patients, all quick), B (20 patients, mixed), C (12 patients, all slow). */
const waits: [string, number][] = [
  ...[5, 5, 5, 5, 6].map((w): [string, number] => ['A', w]),
  ...Array.from({ length: 20 }, (_, i): [string, number] => ['B', i < 17 ? 12 : 40]),
  ...Array.from({ length: 12 }, (): [string, number] => ['C', 45]),
];
const table = buildTable({
  centre_code: waits.map((r) => r[0]), referral_date: waits.map(() => '2024-01-01'),
  first_seen_date: waits.map((r) => new Date(Date.UTC(2024, 0, 1 + r[1])).toISOString().slice(0, 10)),
});
const noAspirational = { ...shipped('bh-referral-to-seen'), id: 'bh-no-asp', thresholds: { aspirational: null, achievable: 14, core: 28 } } as Standard;
const standards = [shipped('bh-referral-to-seen'), noAspirational, shipped('4plus4-part1'), shipped('4plus4-part2')];

describe('tier summary table', () => {
  const rows = tierSummary(table, standards, { asOf: '2024-06-30' });

  it('counts centres and patients at each tier, below core included, per standard', () => {
    const t = tierSummaryTable(rows, { suppression: 'none' });
    expect(t.columns).toEqual(['Standard', 'Period', 'Centres: Aspirational', 'Centres: Achievable', 'Centres: Core', 'Centres: Below core',
      'Patients: Aspirational', 'Patients: Achievable', 'Patients: Core', 'Patients: Below core', 'Patients: all', 'Note']);
    expect(t.rows[0]).toMatchObject({ Standard: 'BH referral to seen (provisional)', Period: 'start dates 01/01/2024, as of 30/06/2024', 'Centres: Aspirational': 1, 'Centres: Achievable': 1, 'Centres: Core': 0, 'Centres: Below core': 1,
      'Patients: Aspirational': 5, 'Patients: Achievable': 20, 'Patients: Core': 0, 'Patients: Below core': 12, 'Patients: all': 37 });
  });

  it('marks a tier the standard does not have, and says so', () => {
    const t = tierSummaryTable(rows, { suppression: 'none' });
    expect(t.rows[1]).toMatchObject({ 'Centres: Aspirational': ABSENT_TIER_WORD, 'Patients: Aspirational': ABSENT_TIER_WORD, 'Centres: Achievable': 2, Note: 'No aspirational tier for this standard.' });
  });

  it('says why a standard has no tier counts', () => {
    const t = tierSummaryTable(rows, { suppression: 'none' });
    expect(t.rows[2]).toMatchObject({ Note: 'This standard has no tiers.', 'Centres: Core': null });
    expect(String(t.rows[3].Note)).toMatch(/^Not measured: .*diagnosis_date/);
  });

  it('suppresses patient counts of 1-7 (and a partner in the row), never centre counts', () => {
    const t = tierSummaryTable(rows);
    expect(t.rows[0]).toMatchObject({ 'Centres: Aspirational': 1, 'Patients: Aspirational': '*', 'Patients: Below core': '*', 'Patients: all': 37 });
    expect(t.footnote.join(' ')).toMatch(/Counts of 1-7 are suppressed/);
    expect(t.provisional).toBe(true);
  });
});

describe('centre profile table (Fingertips columns)', () => {
  const rows = centreProfile(table, 'B', [shipped('4plus4-part1'), shipped('bh-referral-to-seen'), shipped('4plus4-part2')], { asOf: '2024-06-30' });

  it('has indicator, period, count, value, benchmark, worst, best and band', () => {
    const t = profileTable(rows, 'B', { suppression: 'none' });
    expect(t.columns).toEqual([...PROFILE_COLUMNS]);
    expect(t.rows[0]).toEqual({
      Indicator: '4+4 part 1 (provisional)', Period: 'start dates 01/01/2024, as of 30/06/2024', Count: 17, Value: '85.0%', 'Benchmark value': '59.5%',
      Worst: '0.0%', Best: '100.0%', Band: 'Better than benchmark',
    });
    expect(String(t.rows[2].Band)).toMatch(/^Not measured/);
  });

  it('hides a small count with its value and band', () => {
    const a = profileTable(centreProfile(table, 'A', [shipped('4plus4-part1')], { asOf: '2024-06-30' }), 'A');
    expect(a.rows[0]).toMatchObject({ Count: '*', Value: '*', Band: '*', 'Benchmark value': '59.5%' });
  });
});

describe('table exports carry the dataset, and charts hide what tables hide', () => {
  it('prints the dataset line like the league table export', () => {
    const t = tierSummaryTable(tierSummary(table, standards, { asOf: '2024-06-30' }), { dataset: { fileName: 'x.csv', sha256: 'ABCDEF0123456789', importedAt: '2026-12-01T05:00' } });
    expect(t.footnote).toContain('Dataset: x.csv, SHA-256 starting abcdef012345, imported 2026-12-01T05:00');
  });

  it('drops the value of a suppressed standard from the exported spine chart', () => {
    const rows = centreProfile(table, 'A', [shipped('4plus4-part1')], { asOf: '2024-06-30' });
    expect(rows[0].value).not.toBeNull();
    expect(profileRowsForChart(rows)[0]).toMatchObject({ value: null, ci: null, comparison: 'not compared' });
    expect(profileRowsForChart(rows, { suppression: 'none' })[0].value).toBe(rows[0].value);
  });
});
