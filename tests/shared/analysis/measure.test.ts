import { describe, expect, it } from 'vitest';
import { daysFromIso } from '../../../shared/data/table';
import { adHocInterval, classifyRows, defaultAsOf, RowStatus } from '../../../shared/analysis/measure';
import { MeasureError } from '../../../shared/analysis/filter';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import type { Standard } from '../../../shared/standards/schema';
import { buildTable } from './build-table';

const shipped = (id: string): Standard => {
  const s = findStandard(SHIPPED_STANDARDS, id);
  if (!s) throw new Error(`no standard ${id}`);
  return s;
};
const asOf = daysFromIso('2024-06-30');
const { MET, NOT_MET, CLOCK_RUNNING, INVALID, MISSING_START, NOT_IN_POPULATION, OUTSIDE_PERIOD, FILTERED_OUT } = RowStatus;

describe('interval measure (referral to first seen within 28 days)', () => {
  const table = buildTable({
    referral_date: ['2024-01-01', '2024-01-01', '2024-01-01', '2024-06-20', '2024-05-01', '2024-06-02', null, '2024-02-10', '2024-06-01', '2024-07-02'],
    first_seen_date: ['2024-01-20', '2024-01-29', '2024-01-30', null, null, null, '2024-01-01', '2024-02-01', '2024-07-05', null],
  });
  const rows = classifyRows(table, shipped('4plus4-part1'), { asOf });

  it('meets the standard at or inside the threshold and breaches past it', () => {
    expect([...rows.status.slice(0, 3)]).toEqual([MET, MET, NOT_MET]);
    expect([...rows.waitDays.slice(0, 3)]).toEqual([19, 28, 29]);
  });

  it('counts an open clock past the threshold as a breach and a younger one as clock running', () => {
    expect(rows.status[3]).toBe(CLOCK_RUNNING);
    expect(rows.status[4]).toBe(NOT_MET);
    expect(rows.open[4]).toBe(1);
    expect(rows.waitDays[4]).toBe(60);
    // 28 days elapsed: the person can still be seen today, so the clock is still running.
    expect(rows.status[5]).toBe(CLOCK_RUNNING);
  });

  it('excludes a missing start, an end before the start and dates after the as-of date', () => {
    expect(rows.status[6]).toBe(MISSING_START);
    expect(rows.status[7]).toBe(INVALID);
    expect(rows.status[8]).toBe(INVALID);
    expect(rows.status[9]).toBe(INVALID);
  });

  it('keeps only starts in the period and drops rows the analysis filters remove', () => {
    const keep = new Uint8Array(table.rowCount).fill(1);
    keep[0] = 0;
    const r = classifyRows(table, shipped('4plus4-part1'), { asOf, keep, period: { from: daysFromIso('2024-05-01'), to: daysFromIso('2024-06-30') } });
    expect(r.status[0]).toBe(FILTERED_OUT);
    expect(r.status[1]).toBe(OUTSIDE_PERIOD);
    expect(r.status[4]).toBe(NOT_MET);
    expect(r.status[6]).toBe(MISSING_START);
  });

  it('defaults the as-of date to the latest date in the extract', () => {
    expect(defaultAsOf(table)).toBe(daysFromIso('2024-07-05'));
    const r = classifyRows(table, shipped('4plus4-part1'));
    expect(r.asOf).toBe(daysFromIso('2024-07-05'));
    expect(r.status[8]).toBe(NOT_MET); // 34 days, no longer in the future
  });

  it('ignores dates after the run date when choosing the default as-of date (a mistyped 2042 is not the extract date)', () => {
    const t = buildTable({ referral_date: ['2024-01-01', '2024-03-01'], first_seen_date: ['2042-02-06', null] });
    expect(defaultAsOf(t, daysFromIso('2026-11-23'))).toBe(daysFromIso('2024-03-01'));
    const r = classifyRows(t, shipped('4plus4-part1'), { runDate: daysFromIso('2026-11-23') });
    expect([...r.status]).toEqual([INVALID, CLOCK_RUNNING]);
  });

  it('moves the decision with the as-of date: a clock running at one date is a breach later', () => {
    const early = classifyRows(table, shipped('4plus4-part1'), { asOf: daysFromIso('2024-06-25') });
    const late = classifyRows(table, shipped('4plus4-part1'), { asOf: daysFromIso('2024-07-19') });
    expect(early.status[3]).toBe(CLOCK_RUNNING);
    expect(late.status[3]).toBe(NOT_MET);
  });

  it('supports an ad-hoc interval measure', () => {
    const r = classifyRows(table, adHocInterval('referral_date', 'first_seen_date', 20), { asOf });
    expect([...r.status.slice(0, 3)]).toEqual([MET, NOT_MET, NOT_MET]);
    expect(r.thresholdDays).toBe(20);
  });

  it('uses the chosen tier of a tiered standard (Brain Health referral to seen)', () => {
    const bh = shipped('bh-referral-to-seen');
    expect(classifyRows(table, bh, { asOf, tier: 'aspirational' }).status[0]).toBe(NOT_MET); // 19 > 10
    expect(classifyRows(table, bh, { asOf, tier: 'core' }).status[0]).toBe(MET); // 19 <= 28
  });

  it('names the missing column and the fix when the extract lacks a field', () => {
    expect(() => classifyRows(table, shipped('4plus4-part2'), { asOf })).toThrow(MeasureError);
    expect(() => classifyRows(table, shipped('4plus4-part2'), { asOf })).toThrow(/no "diagnosis_date" column.*map a source column/);
  });
});

describe('population filter', () => {
  it('keeps relapsing-remitting MS only (case-insensitive), and missing MS type is outside the population', () => {
    const table = buildTable({
      ms_type: ['RRMS', 'rrms', 'PPMS', null],
      diagnosis_date: ['2024-01-01', '2024-01-01', '2024-01-01', '2024-01-01'],
      dmt_offered_date: ['2024-02-01', '2024-04-01', '2024-02-01', '2024-02-01'],
    });
    const r = classifyRows(table, shipped('metrics-dmt-offer-8w'), { asOf });
    expect([...r.status]).toEqual([MET, NOT_MET, NOT_IN_POPULATION, NOT_IN_POPULATION]);
  });
});

describe('composite measure (4+4 overall)', () => {
  const table = buildTable({
    referral_date: ['2024-01-01', '2024-01-01', '2024-01-01', '2024-06-20', '2024-06-01', '2024-01-01', null],
    first_seen_date: ['2024-01-20', '2024-02-15', '2024-01-20', null, '2024-06-10', '2024-01-20', null],
    diagnosis_date: ['2024-02-10', '2024-02-20', null, null, null, '2024-01-10', null],
  });
  const r = classifyRows(table, shipped('4plus4-overall'), { asOf });

  it('is met only when both parts are met by the same patient', () => {
    expect(r.status[0]).toBe(MET);
    expect(r.waitDays[0]).toBe(40);
    expect(r.status[1]).toBe(NOT_MET);
  });

  it('breaches an open second part past 28 days and keeps younger open parts running', () => {
    expect(r.status[2]).toBe(NOT_MET);
    expect(r.status[3]).toBe(CLOCK_RUNNING);
    expect(r.status[4]).toBe(CLOCK_RUNNING);
  });

  it('excludes invalid order and a missing referral', () => {
    expect(r.status[5]).toBe(INVALID);
    expect(r.status[6]).toBe(MISSING_START);
  });
});

describe('frequency measure (QS108 statement 6 annual review)', () => {
  const table = buildTable({
    last_review_date: ['2024-03-01', '2024-03-01', '2023-05-01', null, null, '2024-03-01', '2024-03-01', null, '2024-03-01', null, '2024-07-10'],
    previous_review_date: ['2023-04-01', '2022-12-01', '2022-06-01', null, null, null, '2024-04-01', null, null, '2023-01-01', null],
    diagnosis_date: ['2020-01-01', '2020-01-01', '2020-01-01', '2024-01-01', '2023-01-01', '2023-06-01', '2020-01-01', null, null, '2020-01-01', '2020-01-01'],
  });
  const r = classifyRows(table, shipped('qs108-s6-annual-review'), { asOf });

  it('meets when the gap from the previous review (or diagnosis) is within 365 days', () => {
    expect(r.status[0]).toBe(MET);
    expect(r.waitDays[0]).toBe(335);
    expect(r.status[5]).toBe(MET);
    expect(r.waitDays[5]).toBe(274);
  });

  it('breaches a late review and an overdue last review', () => {
    expect(r.status[1]).toBe(NOT_MET);
    expect(r.status[2]).toBe(NOT_MET);
    expect(r.open[2]).toBe(1);
  });

  it('treats a first review not yet due as clock running and an overdue first review as a breach', () => {
    expect(r.status[3]).toBe(CLOCK_RUNNING);
    expect(r.status[4]).toBe(NOT_MET);
  });

  it('excludes impossible review orders, future reviews and rows with nothing to measure from', () => {
    expect(r.status[6]).toBe(INVALID);
    expect(r.status[9]).toBe(INVALID);
    expect(r.status[10]).toBe(INVALID);
    expect(r.status[7]).toBe(MISSING_START);
    expect(r.status[8]).toBe(MISSING_START);
  });
});

describe('status measures', () => {
  it('counts an MRI in the last 12 months up to and including 365 days before the as-of date', () => {
    const table = buildTable({ mri_date: ['2024-01-01', '2023-07-01', '2023-06-30', null, '2024-07-01'] });
    const r = classifyRows(table, shipped('status-mri-12m'), { asOf });
    expect([...r.status]).toEqual([MET, MET, NOT_MET, NOT_MET, INVALID]);
  });

  it('counts emergency admissions among people with the count recorded', () => {
    const table = buildTable({ emergency_admissions_12m: [0, 2, null, 1] });
    const r = classifyRows(table, shipped('status-emergency-admissions'), { asOf });
    expect([...r.status]).toEqual([NOT_MET, MET, NOT_IN_POPULATION, MET]);
  });

  it('classes high-efficacy DMTs by generic or brand name among treated RRMS', () => {
    const table = buildTable({
      ms_type: ['RRMS', 'RRMS', 'RRMS', 'SPMS', 'RRMS'],
      dmt_name: ['Ocrevus', 'dimethyl fumarate', null, 'ocrelizumab', ' NATALIZUMAB '],
    });
    const r = classifyRows(table, shipped('status-high-efficacy-dmt'), { asOf });
    expect([...r.status]).toEqual([MET, NOT_MET, NOT_IN_POPULATION, NOT_IN_POPULATION, MET]);
  });

  it('counts records present for smoking status and BMI', () => {
    const table = buildTable({ smoking_status: ['Never', null, 'Current'], bmi: [24.1, null, null] });
    expect([...classifyRows(table, shipped('status-smoking-recorded'), { asOf }).status]).toEqual([MET, NOT_MET, MET]);
    expect([...classifyRows(table, shipped('status-bmi-recorded'), { asOf }).status]).toEqual([MET, NOT_MET, NOT_MET]);
  });
});

describe('KPI extracts', () => {
  const table = buildTable({
    centre_code: ['RTH', 'RTH', 'RGT', 'RGT', 'RTH', 'RGT'],
    period_start: ['2024-01-01', '2024-04-01', '2024-01-01', '2024-04-01', '2024-04-01', '2024-04-01'],
    period_end: ['2024-03-31', '2024-06-30', '2024-03-31', '2024-06-30', '2024-06-30', '2024-06-30'],
    kpi_id: ['FOURPLUSFOUR', 'fourplusfour', 'fourplusfour', 'fourplusfour', 'other', 'fourplusfour'],
    numerator: [5, 8, 3, 7, 1, 12],
    denominator: [10, 10, 4, 9, 2, 10],
  });
  const kpi: Standard = {
    id: 'kpi-4plus4', kind: 'kpi', kpiId: 'fourplusfour', title: 'KPI', shortTitle: 'KPI', source: 'test', provenance: 'provisional',
    direction: 'higher-is-better', population: [],
  };

  it('uses the latest period by default, matches the KPI id case-insensitively and rejects impossible counts', () => {
    const r = classifyRows(table, kpi);
    expect([...r.status]).toEqual([OUTSIDE_PERIOD, MET, OUTSIDE_PERIOD, MET, RowStatus.OTHER_KPI, INVALID]);
  });

  it('uses the rows inside a period when one is given', () => {
    const r = classifyRows(table, kpi, { period: { from: daysFromIso('2024-01-01'), to: daysFromIso('2024-03-31') } });
    expect([...r.status]).toEqual([MET, OUTSIDE_PERIOD, MET, OUTSIDE_PERIOD, RowStatus.OTHER_KPI, INVALID]);
  });
});
