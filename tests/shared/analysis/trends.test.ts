// The trends core: series by period of the start event (measure semantics as the snapshot analysis),
// SPC series in the names, the board, before / after, waits and their publication with
// small-number suppression.
import { describe, expect, it } from 'vitest';
import { boardCell, computeBoard, type BoardResult } from '../../../shared/analysis/board';
import { beforeAfter } from '../../../shared/analysis/before-after';
import { MeasureError } from '../../../shared/analysis/filter';
import { adHocInterval, adHocKpi } from '../../../shared/analysis/measure';
import { daysFromYearMonth, periodIndexOfDay, periodLabel, periodStartDays, yearMonthFromDays } from '../../../shared/analysis/calendar-periods';
import { spcChoiceLabels, spcChoicesSubtitle, DEFAULT_SPC_CHOICES } from '../../../shared/analysis/spc-choices';
import { spcFromTable } from '../../../shared/analysis/spc-report';
import { drawnChart, pointTypeOf, spcSeries } from '../../../shared/analysis/spc-series';
import { beforeAfterRows, boardTableRows, publishSpcReport, publishWaits, spcTableRows } from '../../../shared/analysis/trend-export';
import { buildTrendSeries, type TrendPoint } from '../../../shared/analysis/trends';
import { coarsenSteps, waitsFromTable } from '../../../shared/analysis/waits';
import { daysFromIso, isoFromDays } from '../../../shared/data/table';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import { pChart } from '../../../shared/stats/spc';
import { seeded } from '../../helpers/seeded';
import { buildTable } from './build-table';

const AS_OF = '2024-12-31';
const part1 = adHocInterval('referral_date', 'first_seen_date', 28);

/** One patient row: centre, referral date and days to being seen (null = still waiting). */
type Row = [string, string, number | null];

function table(rows: Row[]) {
  return buildTable({
    centre_code: rows.map((r) => r[0]),
    region: rows.map((r) => (r[0] === 'RAA' ? 'North' : 'South')),
    referral_date: rows.map((r) => r[1]),
    first_seen_date: rows.map((r) => (r[2] === null ? null : isoFromDays(daysFromIso(r[1]) + (r[2] as number)))),
  });
}

describe('periods', () => {
  it('day numbers to year and month agree with the calendar over 1900-2100', () => {
    const random = seeded(7);
    for (let k = 0; k < 2000; k++) {
      const day = Math.floor(-25000 + random() * 73000);
      const d = new Date(day * 86_400_000);
      expect(yearMonthFromDays(day)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
    }
    expect(daysFromYearMonth(2024, 3)).toBe(daysFromIso('2024-03-01'));
  });

  it('labels months and calendar quarters, and finds their first day', () => {
    const m = periodIndexOfDay(daysFromIso('2024-02-29'), 'month');
    expect(periodLabel(m, 'month')).toBe('2024-02');
    const q = periodIndexOfDay(daysFromIso('2024-05-15'), 'quarter');
    expect(periodLabel(q, 'quarter')).toBe('2024-Q2');
    expect(isoFromDays(periodStartDays(q, 'quarter'))).toBe('2024-04-01');
  });
});

describe('buildTrendSeries', () => {
  const rows: Row[] = [
    ['RAA', '2024-01-05', 10], ['RAA', '2024-01-20', 40], ['RAA', '2024-02-03', 20], ['RAA', '2024-02-10', null],
    ['RBB', '2024-01-15', 5], ['RBB', '2024-03-02', 30],
    // Open clocks at the as-of date: breached (in the denominator) and still running (excluded).
    ['RAA', '2024-10-01', null], ['RAA', '2024-12-20', null],
  ];

  it('counts met / denominator by month of the start event, with open clocks as measure.ts classes them', () => {
    const result = buildTrendSeries(table(rows), part1, { asOf: AS_OF });
    const raa = result.series.find((s) => s.group === 'RAA');
    expect(raa?.points.map((p) => [p.period, p.numerator, p.n])).toEqual([['2024-01', 1, 2], ['2024-02', 1, 2], ['2024-10', 0, 1]]);
    // The clock still running (started 2024-12-20, 11 days) is excluded and counted, so December has no point.
    expect(raa?.excluded.clockRunning).toBe(1);
    expect(result.periods[result.periods.length - 1]).toBe('2024-10');
    expect(result.provisionalPeriods).toEqual([]);
    expect(result.periods[0]).toBe('2024-01');
    expect(result.target).toBe(0.8);
  });

  it('groups by region, the whole extract, or one group; quarters', () => {
    const t = table(rows);
    expect(buildTrendSeries(t, part1, { asOf: AS_OF, by: 'region' }).series.map((s) => s.group)).toEqual(['North', 'South']);
    const all = buildTrendSeries(t, part1, { asOf: AS_OF, by: null, granularity: 'quarter', includeProvisional: true });
    expect(all.series).toHaveLength(1);
    expect(all.series[0].points.map((p) => [p.period, p.numerator, p.n, p.provisional])).toEqual([['2024-Q1', 3, 6, false], ['2024-Q4', 0, 1, true]]);
    // Q4 ends on the as-of date: clocks started in it may still be running, so by default it is left out.
    expect(buildTrendSeries(t, part1, { asOf: AS_OF, by: null, granularity: 'quarter' }).provisionalPeriods).toEqual(['2024-Q4']);
    expect(buildTrendSeries(t, part1, { asOf: AS_OF, groups: ['RBB'] }).series.map((s) => s.group)).toEqual(['RBB']);
  });

  it('keeps periods whose clocks may still run only when asked', () => {
    const t = table([['RAA', '2024-12-01', 3], ['RAA', '2024-11-01', 3]]);
    expect(buildTrendSeries(t, part1, { asOf: AS_OF }).series[0].points.map((p) => p.period)).toEqual(['2024-11']);
    const all = buildTrendSeries(t, part1, { asOf: AS_OF, includeProvisional: true }).series[0].points;
    expect(all.map((p) => [p.period, p.provisional])).toEqual([['2024-11', false], ['2024-12', true]]);
  });

  it('median wait per period for an XmR chart', () => {
    const result = buildTrendSeries(table(rows), part1, { asOf: AS_OF, statistic: 'medianWait', groups: ['RAA'] });
    expect(result.series[0].points.map((p) => [p.period, p.value, p.numerator])).toEqual([['2024-01', 25, null], ['2024-02', 20, null]]);
  });

  it('KPI extracts use their own numerators and denominators by reporting period', () => {
    const kpi = buildTable({
      centre_code: ['RAA', 'RAA', 'RAA'], kpi_id: ['K1', 'K1', 'K2'],
      period_start: ['2024-01-01', '2024-02-01', '2024-01-01'], period_end: ['2024-01-31', '2024-02-29', '2024-01-31'],
      numerator: [5, 9, 1], denominator: [10, 12, 2],
    });
    const result = buildTrendSeries(kpi, adHocKpi('K1'), { asOf: AS_OF });
    expect(result.series[0].points.map((p) => [p.period, p.numerator, p.n])).toEqual([['2024-01', 5, 10], ['2024-02', 9, 12]]);
  });

  it('measures read at the as-of date have no trend: a clear message', () => {
    const status = findStandard(SHIPPED_STANDARDS, 'status-bmi-recorded');
    expect(status).toBeDefined();
    expect(() => buildTrendSeries(table(rows), status!, { asOf: AS_OF })).toThrow(MeasureError);
    expect(() => buildTrendSeries(table(rows), status!, { asOf: AS_OF })).toThrow(/no start event/);
  });
});

/** A monthly series of counts from 2023-01. */
function points(x: number[], n: number[]): TrendPoint[] {
  return x.map((xi, i) => {
    const start = isoFromDays(periodStartDays(2023 * 12 + i, 'month'));
    return { period: start.slice(0, 7), periodStart: start, n: n[i], numerator: xi, value: xi / n[i] };
  });
}

describe('spcSeries', () => {
  const random = seeded(11);
  const n = Array.from({ length: 24 }, () => 40 + Math.floor(random() * 40));
  const x = n.map((ni, i) => Math.round(ni * (i < 12 ? 0.5 : 0.8)));

  it('p-chart numbers are the engine\'s; names are NHSRplotthedots\'; improvement after a rebase-free step change', () => {
    const s = spcSeries('RAA', points(x, n), { direction: 'increase', target: 0.9 });
    const engine = pChart(x, n);
    expect(s.chart).toBe('p');
    s.points.forEach((p, i) => {
      expect(p.upl).toBe(engine.points[i].upper);
      expect(p.mean).toBe(engine.points[i].centre);
    });
    expect(s.points[23].pointType).toBe('special_cause_improvement');
    expect(s.points[0].pointType).toBe('special_cause_concern');
    expect(s.points[23].rules).toContain('shift');
    expect(s.variationIcon).toBe('improvement_high');
    expect(s.assuranceIcon).toBe('consistent_fail');
  });

  it('rebase dates start a segment at the first period starting on or after them; the limits restart', () => {
    const s = spcSeries('RAA', points(x, n), { direction: 'increase', rebase: ['2023-12-15'] });
    expect(s.segments.map((g) => [g.from, g.to])).toEqual([['2023-01', '2023-12'], ['2024-01', '2024-12']]);
    expect(s.points.every((p) => p.pointType === 'common_cause' || p.rules.every((r) => r !== 'shift'))).toBe(true);
    expect(s.trial).toBe(true);
  });

  it('fewer than 12 points: a run chart whatever was asked, labelled as such', () => {
    expect(drawnChart('p', 11)).toBe('run');
    const s = spcSeries('RAA', points(x.slice(0, 11), n.slice(0, 11)), { chart: 'pprime' });
    expect(s.chart).toBe('run');
    expect(s.points.every((p) => p.lpl === null && p.upl === null)).toBe(true);
    expect(s.assuranceIcon).toBeNull();
    expect(spcChoiceLabels({ ...DEFAULT_SPC_CHOICES, chart: 'pprime' }, 'run')[0].label).toMatch(/Run chart \(fewer than 12 points; Laney p'-chart asked for\)/);
  });

  it('neither direction: neutral point types by side', () => {
    expect(pointTypeOf({ variation: 'neither', side: 1 })).toBe('special_cause_neutral_high');
    expect(pointTypeOf({ variation: 'neither', side: -1 })).toBe('special_cause_neutral_low');
  });

  it('labels every choice for subtitles and footnotes', () => {
    const text = spcChoicesSubtitle({ ...DEFAULT_SPC_CHOICES, chart: 'xmr', screen: false, twoOfThree: 'mdc2023', trendTies: 'ignore', runLength: 6, baseline: 12, rebase: ['2024-04-01'], target: 0.8, direction: 'increase' });
    expect(text).toBe(
      'XmR chart; limits from the first 12 points; rebased at 2024-04-01; moving ranges not screened; 2 of 3: Making Data Count (2023): points beyond the limits count; ' +
      'trend and shift of 6 points; a tie neither adds to nor breaks a trend (NHS run-chart guide); target 0.8; higher is better',
    );
  });

  it('an XmR chart of proportions still labels the target as a percentage', () => {
    const t = table([['RAA', '2024-01-05', 10], ['RAA', '2024-02-05', 40]]);
    const report = spcFromTable(t, part1, { asOf: AS_OF, choices: { chart: 'xmr' } });
    expect(report.labels.find((l) => l.key === 'target')?.label).toBe('target 80%');
  });

  it('rejects a baseline under 12 points', () => {
    expect(() => spcSeries('RAA', points(x, n), { baseline: 8 })).toThrow(/at least 12/);
  });
});

describe('board', () => {
  it('one cell per centre and measure with the latest point and icons; measures without a trend are listed as skipped', () => {
    const random = seeded(3);
    const rows: Row[] = [];
    for (let m = 0; m < 14; m++) {
      for (const c of ['RAA', 'RBB']) {
        for (let k = 0; k < 20; k++) rows.push([c, isoFromDays(periodStartDays(2023 * 12 + m, 'month') + k), Math.floor(random() * (c === 'RAA' ? 30 : 60))]);
      }
    }
    const t = table(rows);
    const status = findStandard(SHIPPED_STANDARDS, 'status-bmi-recorded')!;
    const board = computeBoard(t, [part1, adHocInterval('referral_date', 'first_seen_date', 14), status], { asOf: '2024-06-30' });
    expect(board.groups).toEqual(['RAA', 'RBB']);
    expect(board.measures.map((m) => m.id)).toHaveLength(2);
    expect(board.skipped.map((s) => s.measureId)).toEqual(['status-bmi-recorded']);
    expect(board.cells).toHaveLength(4);
    const cell = board.cells[0];
    const alone = spcFromTable(t, part1, { asOf: '2024-06-30', groups: ['RAA'] }).series[0];
    expect(cell.value).toBe(alone.points[alone.points.length - 1].value);
    expect(cell.variationIcon).toBe(alone.variationIcon);
    expect(cell.assuranceIcon).toBe(alone.assuranceIcon);
    expect(cell.period).toBe('2024-02');
  });
});

describe('before / after', () => {
  it('sums counts either side of the date; difference with the Newcombe interval', () => {
    const result = beforeAfter(points([48, 0, 56], [80, 1, 70]).filter((_, i) => i !== 1), '2023-02-01');
    expect(result.before.numerator).toBe(48);
    expect(result.after.n).toBe(70);
    expect(result.difference).toBeCloseTo(0.2, 12);
    expect(result.differenceCi95[0]).toBeCloseTo(0.0524, 4);
    expect(result.differenceCi95[1]).toBeCloseTo(0.3339, 4);
    expect(() => beforeAfter(points([1, 2], [5, 5]), '2030-01-01')).toThrow(/No periods from/);
  });
});

describe('waits', () => {
  const rows: Row[] = [
    ['RAA', '2024-01-01', 10], ['RAA', '2024-01-01', 20], ['RAA', '2024-06-01', null], ['RAA', '2024-07-01', 5],
    ['RBB', '2024-01-01', 30],
  ];

  it('censors people still waiting at the as-of date; share within the threshold; split at a date with a log-rank test', () => {
    const t = table(rows);
    const result = waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', days: 28, asOf: AS_OF, groups: ['RAA'] });
    const g = result.groups[0];
    expect([g.n, g.events, g.censored]).toEqual([4, 3, 1]);
    // The open clock is censored at as-of: 2024-06-01 to 2024-12-31 = 213 days.
    expect(g.steps[g.steps.length - 1]).toMatchObject({ time: 213, censored: 1 });
    expect(g.withinDays).toBeCloseTo(0.75, 12);
    const split = waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, groups: ['RAA'], splitAt: '2024-06-01' });
    expect(split.groups.map((x) => [x.period, x.n])).toEqual([['before', 2], ['after', 2]]);
    expect(split.logRank).not.toBeNull();
    expect(waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, by: null }).groups[0].group).toBe('All');
  });

  it('splits by month or quarter of the start event, keeping the last periods with people', () => {
    const t = table(rows);
    const monthly = waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, groups: ['RAA'], splitBy: 'month' });
    expect(monthly.splitBy).toBe('month');
    expect(monthly.groups.map((x) => [x.period, x.n, x.events])).toEqual([['2024-01', 2, 2], ['2024-06', 1, 0], ['2024-07', 1, 1]]);
    // Each period's curve is the Kaplan-Meier curve of that period's people alone.
    expect(monthly.groups[0].median).toBe(waitsFromTable(table(rows.slice(0, 2)), { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF }).groups[0].median);
    const lastTwo = waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, splitBy: 'quarter', lastPeriods: 2 });
    expect(lastTwo.groups.map((x) => [x.group, x.period, x.n])).toEqual([['RAA', '2024-Q2', 1], ['RAA', '2024-Q3', 1]]);
    expect(() => waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, splitBy: 'month', splitAt: '2024-06-01' })).toThrow(/not both/);
    expect(() => waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, splitBy: 'month', lastPeriods: 0 })).toThrow(/whole number/);
  });

  it('a start after the as-of date is invalid and excluded', () => {
    const t = table([['RAA', '2025-02-01', 3], ['RAA', '2024-02-01', 3]]);
    const result = waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF });
    expect(result.excluded.invalid).toBe(1);
    expect(result.groups[0].n).toBe(1);
  });
});

describe('publication (small-number suppression)', () => {
  it('SPC: counts of 1-7 and the values and p-chart limits computed from them become *', () => {
    const n = [5, ...Array(13).fill(40)];
    const x = [3, ...Array(13).fill(20)];
    const report = { chart: 'p' as const, options: DEFAULT_SPC_CHOICES, labels: [], measure: null, granularity: 'month' as const, asOf: null, series: [spcSeries('RAA', points(x, n))] };
    const published = publishSpcReport({ ...report, measure: { id: 'm', title: 't', shortTitle: 's', kind: 'interval', provenance: 'confirmed', direction: 'higher-is-better', thresholdDays: 28, tier: null } });
    const first = published.series[0].points[0];
    expect([first.n, first.numerator, first.value, first.upl]).toEqual(['*', '*', '*', '*']);
    // The segment total is published through the mean: another count is hidden so the first cannot be recovered.
    expect(published.series[0].points.slice(1).some((p) => p.numerator === '*')).toBe(true);
    expect(published.suppression).toMatch(/1-7/);
    expect(spcTableRows(published)[0].n).toBe('*');
    const open = publishSpcReport(report, { suppress: false });
    expect(open.series[0].points[0].n).toBe(5);
  });

  it('SPC: a centre line that would give a hidden value back is hidden with its limits; others are kept', () => {
    const measure = { id: 'm', title: 't', shortTitle: 's', kind: 'interval' as const, provenance: 'confirmed' as const, direction: 'higher-is-better' as const, thresholdDays: 28, tier: null };
    const publish = (x: number[], n: number[]) => publishSpcReport({ chart: 'p', options: DEFAULT_SPC_CHOICES, labels: [], measure, granularity: 'month', asOf: null, series: [spcSeries('RAA', points(x, n))] });
    const n = [5, ...Array(13).fill(40)];
    // Every numerator 0: the centre line 0 gives every hidden value (0) back.
    const zero = publish(Array(14).fill(0), n).series[0];
    expect(zero.points[0].value).toBe('*');
    expect(zero.segments[0].mean).toBe('*');
    expect(zero.points.every((p) => p.mean === '*' && typeof p.lpl !== 'number' && typeof p.upl !== 'number')).toBe(true);
    // A centre line of 0.5 with two hidden values pins neither: kept, and the p-chart's limits with it.
    const kept = publish([3, ...Array(13).fill(20)], n);
    const series = kept.series[0];
    expect(series.points.filter((p) => p.value === '*').length).toBeGreaterThan(1);
    expect(typeof series.segments[0].mean).toBe('number');
    expect(series.points.every((p) => p.mean === series.segments[0].mean)).toBe(true);
    expect(kept.suppression).toMatch(/centre line and limits are hidden where/);
    // XmR of proportions: two hidden values of 1 (5 of 5) among values of 0.5; centre line x 14
    // points minus the published values leaves 2, so both hidden values are 1: hidden.
    const xmr = { ...DEFAULT_SPC_CHOICES, chart: 'xmr' as const };
    const pinned = publishSpcReport({ chart: 'xmr', options: xmr, labels: [], measure, granularity: 'month', asOf: null, series: [spcSeries('RAA', points([5, 5, ...Array(12).fill(20)], [5, 5, ...Array(12).fill(40)]), xmr)] }).series[0];
    expect(pinned.chart).toBe('xmr');
    expect(pinned.points.filter((p) => p.value === '*').length).toBe(2);
    expect(pinned.segments[0].mean).toBe('*');
    expect(pinned.points.every((p) => p.mean === '*' && typeof p.upl !== 'number' && typeof p.lpl !== 'number')).toBe(true);
    // Without suppression the centre line is always printed.
    const open = publishSpcReport({ chart: 'p', options: DEFAULT_SPC_CHOICES, labels: [], measure, granularity: 'month', asOf: null, series: [spcSeries('RAA', points(Array(14).fill(0), n))] }, { suppress: false });
    expect(open.series[0].segments[0].mean).toBe(0);
  });

  it('waits: excluded counts, a revealing share within the time frame and the log-rank test of hidden curves are suppressed', () => {
    // RAA: 20 people, all seen (nobody censored), 3 within 28 days: withinDays x n = 3.
    const raa: Row[] = Array.from({ length: 20 }, (_, i) => ['RAA', '2024-01-01', i < 3 ? 10 : 40 + i]);
    // RBB: 5 people, a hidden curve; one start after the as-of date (invalid).
    const rbb: Row[] = [...Array.from({ length: 5 }, (_, i): Row => ['RBB', '2024-02-01', 20 + i]), ['RBB', '2025-06-01', 3]];
    const result = waitsFromTable(table([...raa, ...rbb]), { start: 'referral_date', end: 'first_seen_date', days: 28, asOf: AS_OF });
    expect(result.excluded.invalid).toBe(1);
    expect(result.logRank).not.toBeNull();
    expect(result.groups[0].withinDays).toBeCloseTo(3 / 20, 12);
    const published = publishWaits(result);
    expect(published.excluded.invalid).toBe('*');
    expect(published.excluded.missingStart).toBe(0);
    expect([published.groups[0].withinDays, published.groups[0].withinDaysCi]).toEqual(['*', '*']);
    expect(published.groups[0].median).toBe(result.groups[0].median);
    expect(published.logRank).toBeNull();
    expect(published.suppression).toMatch(/log-rank test is not shown/);
    // Two curves with every count shown keep the log-rank test; --no-suppress keeps everything.
    const big: Row[] = [...raa, ...raa.map((r): Row => ['RBB', r[1], (r[2] as number) + 1])];
    const both = publishWaits(waitsFromTable(table(big), { start: 'referral_date', end: 'first_seen_date', days: 28, asOf: AS_OF }));
    expect(both.logRank?.observed).toEqual([20, 20]);
    const open = publishWaits(result, { suppress: false });
    expect([open.excluded.invalid, open.groups[0].withinDays, open.logRank]).toEqual([1, result.groups[0].withinDays, result.logRank]);
  });

  it('waits: published steps only ever show counts of 0 or 8 and more', () => {
    const random = seeded(5);
    const times = Array.from({ length: 300 }, () => Math.floor(random() * 90));
    const rows: Row[] = times.map((t, i) => ['RAA', '2024-01-01', i % 9 === 0 ? null : t]);
    const result = waitsFromTable(table(rows), { start: 'referral_date', end: 'first_seen_date', asOf: '2024-06-30', days: 28 });
    const published = publishWaits(result);
    const steps = published.groups[0].steps;
    expect(steps.length).toBeGreaterThan(3);
    for (const s of steps) {
      for (const c of [s.atRisk, s.events, s.censored]) expect(c === 0 || (typeof c === 'number' && c >= 8)).toBe(true);
    }
    // The coarsened steps, less any last ones that would leave the tail (totals minus the published
    // steps) at 1-7 events or censored: here the coarsened curve's tail has 1-7, so one step goes.
    const coarse = coarsenSteps(result.groups[0].steps, 8);
    expect(steps.map((s) => s.time)).toEqual(coarse.slice(0, steps.length).map((s) => s.time));
    expect(steps.length).toBe(coarse.length - 1);
    const { events, censored } = result.groups[0];
    for (const [total, key] of [[events, 'events'], [censored, 'censored']] as const) {
      const tail = total - steps.reduce((t, s) => t + (s[key] as number), 0);
      expect(tail === 0 || tail >= 8, `${key} tail ${tail}`).toBe(true);
    }
    const tiny = publishWaits(waitsFromTable(table(rows.slice(0, 5)), { start: 'referral_date', end: 'first_seen_date', asOf: '2024-06-30' }));
    expect([tiny.groups[0].n, tiny.groups[0].median, tiny.groups[0].steps.length]).toEqual(['*', '*', 0]);
    // round5: every published count is a multiple of 5 (or hidden).
    const rounded = publishWaits(result, { rule: 'round5' });
    const g = rounded.groups[0];
    for (const c of [g.n, g.events, g.censored, ...g.steps.flatMap((st) => [st.atRisk, st.events, st.censored])]) {
      expect(c === '*' || (typeof c === 'number' && c % 5 === 0), String(c)).toBe(true);
    }
    expect(g.n).toBe(300);
    expect(rounded.suppression).toMatch(/rounded to the nearest 5/);
  });
});

describe('export rows of the board and the before / after comparison', () => {
  it('board rows: small latest counts become * with their value; unsuppressed on request', () => {
    // Two centres' charts of 14 months of 40 people: RAA's latest month has 5 of 10 seen in time, RBB's 30 of 40.
    const choices = { ...DEFAULT_SPC_CHOICES, direction: 'increase' as const, target: 0.8 };
    const chart = (group: string, x: number[], n: number[]) => boardCell('m1', spcSeries(group, points(x, n), choices));
    const steady = Array(13).fill(24) as number[];
    const forty = Array(13).fill(40) as number[];
    const board: BoardResult = {
      measures: [{ id: 'm1', title: 'M1', shortTitle: 'M1', direction: 'higher-is-better', provenance: 'confirmed', target: 0.8, choices }],
      groups: ['RAA', 'RBB'],
      cells: [chart('RAA', [...steady, 5], [...forty, 10]), chart('RBB', [...steady, 30], [...forty, 40])],
      skipped: [],
      asOf: '2024-06-30',
    };
    const { rows, suppression } = boardTableRows(board);
    expect([rows[0].Numerator, rows[0].Value, rows[0].n]).toEqual(['*', '*', 10]);
    expect([rows[1].Numerator, rows[1].Value]).toEqual([30, 0.75]);
    expect(rows[0]).not.toHaveProperty('notMet');
    expect(suppression).toMatch(/1-7/);
    expect(boardTableRows(board, { suppress: false }).rows[0].Numerator).toBe(5);
    // The Variation view's rules: under '1-5' a count of 5 is still hidden; 'none' publishes it.
    expect(boardTableRows(board, { rule: '1-5' }).rows[0].Numerator).toBe('*');
    expect(boardTableRows(board, { rule: 'none' }).rows[0].Numerator).toBe(5);
    // round5: 1-7 hidden, then 31 of 43 published as 30 of 45 and the value recomputed from them.
    const odd = { ...board, cells: [board.cells[0], chart('RBB', [...steady, 31], [...forty, 43])] };
    const rounded = boardTableRows(odd, { rule: 'round5' });
    expect([rounded.rows[0].Numerator, rounded.rows[0].n]).toEqual(['*', 10]);
    expect([rounded.rows[1].Numerator, rounded.rows[1].n]).toEqual([30, 45]);
    expect(rounded.rows[1].Value).toBeCloseTo(30 / 45, 12);
    expect(rounded.suppression).toMatch(/rounded to the nearest 5/);
  });

  it('before / after rows: a side with a small count hides its counts, proportion and the difference', () => {
    const small = beforeAfter(points([5, 30], [40, 40]), '2023-02-01');
    const { rows } = beforeAfterRows(small);
    expect(rows[0].Numerator).toBe('*');
    expect(rows[0].Proportion).toBe('*');
    expect(rows[2].Proportion).toBe('*');
    const big = beforeAfterRows(beforeAfter(points([48, 56], [80, 70]), '2023-02-01'));
    expect(big.rows[2].Proportion).toBeCloseTo(0.2, 12);
    expect(big.rows.map((r) => r.Side)).toEqual(['Before 01/02/2023', 'From 01/02/2023', 'Difference (after - before)']);
  });
});
