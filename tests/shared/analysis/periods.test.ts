import { describe, expect, it } from 'vitest';
import { kpiPeriods, parsePeriodChoice, periodOptions, resolvePeriodChoice } from '../../../shared/analysis/periods';
import { adHocKpi, standardForKpi } from '../../../shared/analysis/measure';
import { analyseVariation } from '../../../shared/analysis/variation';
import { countSentence } from '../../../shared/output/banner';
import { buildTable } from './build-table';

/** Two centres over five quarters of one KPI, plus another KPI's rows. */
const quarters = [['2025-07-01', '2025-09-30'], ['2025-10-01', '2025-12-31'], ['2026-01-01', '2026-03-31'], ['2026-04-01', '2026-06-30'], ['2026-07-01', '2026-09-30']];
const rows = quarters.flatMap(([from, to], q) => [
  { centre_code: 'RAA', centre_name: 'Alpha NHS Trust', period_start: from, period_end: to, kpi_id: '4plus4_part1', numerator: 10 + q, denominator: 20 },
  { centre_code: 'RBB', centre_name: 'Beta NHS Trust', period_start: from, period_end: to, kpi_id: '4plus4_part1', numerator: 5, denominator: 10 + q },
  { centre_code: 'RBB', centre_name: 'Beta NHS Trust', period_start: from, period_end: to, kpi_id: 'ms_nurse_4w', numerator: 1, denominator: 2 },
]);
const table = buildTable({
  centre_code: rows.map((r) => r.centre_code), centre_name: rows.map((r) => r.centre_name), period_start: rows.map((r) => r.period_start),
  period_end: rows.map((r) => r.period_end), kpi_id: rows.map((r) => r.kpi_id), numerator: rows.map((r) => r.numerator), denominator: rows.map((r) => r.denominator),
});

describe('KPI reporting periods', () => {
  it('lists the distinct periods, oldest first', () => {
    expect(kpiPeriods(table)).toEqual(quarters.map(([from, to]) => ({ from, to })));
  });

  it('resolves latest, last4, all and a range', () => {
    const periods = kpiPeriods(table);
    expect(resolvePeriodChoice(periods, 'latest')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(resolvePeriodChoice(periods, 'last4')).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(resolvePeriodChoice(periods, 'all')).toEqual({ from: '2025-07-01', to: '2026-09-30' });
    expect(resolvePeriodChoice(periods, 'latest', '2026-08-31')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(resolvePeriodChoice(periods, { from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(resolvePeriodChoice([], 'latest')).toBeNull();
  });

  it('parses the CLI spelling and refuses anything else, naming the choices', () => {
    expect(parsePeriodChoice('latest')).toBe('latest');
    expect(parsePeriodChoice('LAST4')).toBe('last4');
    expect(parsePeriodChoice('2025-04-01..2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(() => parsePeriodChoice('2025')).toThrow(/latest, last4, all or FROM\.\.TO/);
    expect(() => parsePeriodChoice('2026-04-01..2025-03-31')).toThrow(/starts after it ends/);
  });

  it('offers picker options with the dates each covers (dd/mm/yyyy)', () => {
    expect(periodOptions(kpiPeriods(table)).map((o) => o.label)).toEqual([
      'Latest period (01/07/2026 to 30/09/2026)', 'Last 4 periods (01/10/2025 to 30/09/2026)', 'All periods (01/07/2025 to 30/09/2026)',
    ]);
  });

  it('analyses the latest period by default and says which; patients are the summed denominators', () => {
    const r = analyseVariation(table, { kpiId: '4plus4_part1' });
    expect(r.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(r.groups.map((g) => [g.group, g.numerator, g.n])).toEqual([['RAA', 14, 20], ['RBB', 5, 14]]);
    expect(countSentence(r)).toBe('34 patients in 2 centres, period 01/07/2026 to 30/09/2026.');
  });

  it('sums the last four quarters per centre with kpiPeriod last4', () => {
    const r = analyseVariation(table, { kpiId: '4plus4_part1' }, { kpiPeriod: 'last4' });
    expect(r.groups.map((g) => [g.group, g.numerator, g.n])).toEqual([['RAA', 11 + 12 + 13 + 14, 80], ['RBB', 20, 11 + 12 + 13 + 14]]);
    expect(countSentence(r)).toBe('130 patients in 2 centres, period 01/10/2025 to 30/09/2026.');
  });

  it('carries centre names from the extract', () => {
    const r = analyseVariation(table, { kpiId: '4plus4_part1' });
    expect(r.groups.map((g) => g.name)).toEqual(['Alpha NHS Trust', 'Beta NHS Trust']);
  });
});

describe('KPI measures known by title', () => {
  it('maps a kpi_id to the standard it counts: title, direction and provenance', () => {
    expect(standardForKpi('4plus4_part1')?.id).toBe('4plus4-part1');
    expect(standardForKpi('MS_NURSE_4W')?.id).toBe('metrics-ms-nurse-4w');
    const k = adHocKpi('4plus4_part1');
    expect(k).toMatchObject({ kind: 'kpi', kpiId: '4plus4_part1', title: '4+4 part 1: seen by an MS specialist within 4 weeks of referral', provenance: 'provisional' });
    expect(analyseVariation(table, { kpiId: 'ms_nurse_4w' }).measure.title).toMatch(/^MS nurse contact within 4 weeks, counted from diagnosis/);
  });

  it('keeps the raw id for a KPI the catalogue does not know', () => {
    expect(adHocKpi('local_thing')).toMatchObject({ title: 'KPI local_thing', shortTitle: 'local_thing', provenance: 'provisional' });
  });
});
