import { describe, expect, it } from 'vitest';
import { spcSeries } from '../../../shared/analysis/spc-series';
import { DEFAULT_SPC_CHOICES, spcChoiceLabels } from '../../../shared/analysis/spc-choices';
import type { TrendPoint } from '../../../shared/analysis/trends';
import type { AnnotationRecord, DatasetMeta } from '../../../renderer/src/store/database';
import type { TrendResult } from '../../../renderer/src/workers/trends-api';
import { planSpcExport, ukDatesIn } from '../../../renderer/src/components/trends/spc-export';
import { SPC_TABLE_COLUMNS } from '../../../shared/analysis/trend-export';

const dataset = { fileName: 'audit.csv', sha256: 'ab'.repeat(32), importedAt: '2026-10-01T00:00:00Z' } as DatasetMeta;
const note: AnnotationRecord = { id: '1', measureId: '4plus4-part1', by: 'centre_code', group: 'RME', date: '2025-04-01', text: 'New triage clinic started', createdAt: '' };

/** 24 months of a centre: small counts in the first year (some met counts of 1-7), large after. */
function points(): TrendPoint[] {
  return Array.from({ length: 24 }, (_, i) => {
    const month = i + 1;
    const periodStart = `${2024 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`;
    const n = i < 12 ? 20 : 40;
    const numerator = i < 12 ? (i % 3 === 0 ? 5 : 10) : 30;
    return { period: periodStart.slice(0, 7), periodStart, n, numerator, value: numerator / n };
  });
}

function report(): TrendResult['report'] {
  const options = { ...DEFAULT_SPC_CHOICES, direction: 'increase' as const, target: 0.8, rebase: ['2025-01-01'] };
  return {
    chart: 'p', options, labels: spcChoiceLabels(options),
    measure: { id: '4plus4-part1', title: '4+4 part 1', shortTitle: '4+4 part 1', kind: 'interval', provenance: 'provisional', direction: 'higher-is-better', thresholdDays: 28, tier: null },
    granularity: 'month', asOf: '2026-09-30',
    series: [spcSeries('RME', points(), options)],
  };
}

describe('SPC export plan', () => {
  it('suppresses counts of 1-7 (and what would reveal them), leaves those periods off the chart, and says so', () => {
    const r = report();
    const plan = planSpcExport({ report: r, spc: r.series[0], notes: [note], dataset, rule: '1-7' });
    expect(plan.rows).toHaveLength(24);
    for (const row of plan.rows) {
      for (const v of [row.n, row.Numerator]) if (v !== '*') expect(Number(v) === 0 || Number(v) >= 8).toBe(true);
    }
    // Met = 5 in months 1, 4, 7, 10: hidden, with the value that would give it back.
    expect(plan.rows[0].Numerator).toBe('*');
    expect(plan.rows[0].Value).toBe('*');
    expect(plan.hiddenGroups).toContain('2024-01');
    expect(plan.hiddenGroups).not.toContain('2025-06');
    // A hidden centre line (and limits) would show on the chart: its periods are left off too.
    for (const row of plan.rows) if (row['Centre line'] === '*') expect(plan.hiddenGroups).toContain(row.Period);
    const text = plan.footnote.join('\n');
    expect(text).toMatch(/Suppression: /);
    expect(text).toContain('Note 01/04/2025: New triage clinic started');
    expect(plan.columns).toEqual(SPC_TABLE_COLUMNS);
    expect(text).toContain('rebased at 01/01/2025');
    expect(text).toMatch(/period\(s\) with suppressed counts or centre lines are not drawn/);
  });

  it('leaves off the chart the periods of a segment whose centre line is hidden (every patient met: centre line 1)', () => {
    const r = report();
    // First year: everyone met, n of 5 every third month (hidden), so the centre line 1 would give those back.
    const all = points().map((p, i) => (i < 12 ? { ...p, n: i % 3 === 0 ? 5 : 20, numerator: i % 3 === 0 ? 5 : 20, value: 1 } : p));
    const spc = spcSeries('RME', all, r.options);
    const plan = planSpcExport({ report: { ...r, series: [spc] }, spc, notes: [], dataset, rule: '1-7' });
    const firstYear = plan.rows.slice(0, 12);
    expect(firstYear.every((row) => row['Centre line'] === '*' && typeof row['Upper limit'] !== 'number')).toBe(true);
    expect(firstYear.filter((row) => row.Value === 1).length).toBe(8);
    expect(plan.hiddenGroups).toEqual(firstYear.map((row) => row.Period));
    expect(typeof plan.rows[12]['Centre line']).toBe('number');
    expect(plan.footnote.join('\n')).toMatch(/12 period\(s\) with suppressed counts or centre lines are not drawn/);
  });

  it('without suppression keeps every count and warns in the footnote', () => {
    const r = report();
    const plan = planSpcExport({ report: r, spc: r.series[0], notes: [], dataset, rule: 'none' });
    expect(plan.rows[0].Numerator).toBe(5);
    expect(plan.hiddenGroups).toEqual([]);
    expect(plan.footnote.join(' ')).toMatch(/NOT suppressed/);
    expect(plan.footnote.join(' ')).toMatch(/Notes of changes: none/);
  });

  it('round5: hides 1-7, rounds the other counts to 5 and recomputes the value and the p-chart limits from them', () => {
    const base = report();
    // Counts that are not multiples of 5 (and one period of 1-7 met).
    const odd = points().map((p, i) => {
      const n = 33 + (i % 4) * 6;
      const numerator = i === 2 ? 6 : 12 + (i % 3) * 4 + (i >= 12 ? 6 : 0);
      return { ...p, n, numerator, value: numerator / n };
    });
    const spc = spcSeries('RME', odd, base.options);
    const r = { ...base, series: [spc] };
    const plan = planSpcExport({ report: r, spc, notes: [], dataset, rule: 'round5' });
    expect(plan.rows[2].Numerator).toBe('*');
    let rounded = 0;
    plan.rows.forEach((row, i) => {
      for (const v of [row.n, row.Numerator]) if (v !== '*') expect(Number(v) % 5).toBe(0);
      if (typeof row.n !== 'number' || typeof row.Numerator !== 'number') return;
      const p = spc.points[i];
      if (row.n !== p.n) rounded += 1;
      expect(row.Value).toBeCloseTo(row.Numerator / row.n, 12);
      // p-chart: half-width 3 sqrt(mean (1 - mean) / n) at the published n.
      const half = 3 * Math.sqrt(p.mean * (1 - p.mean) / row.n);
      if (p.upl !== null) expect(row['Upper limit']).toBeCloseTo(p.mean + half, 9);
      if (p.lpl !== null) expect(row['Lower limit']).toBeCloseTo(p.mean - half, 9);
    });
    expect(rounded).toBeGreaterThan(0);
    expect(plan.footnote.join(' ')).toMatch(/rounded to the nearest 5/);
  });
});

describe('ukDatesIn', () => {
  it('turns ISO dates into dd/mm/yyyy and leaves month and quarter periods alone', () => {
    expect(ukDatesIn('rebased at 2025-04-01, 2025-10-31; period 2025-04, 2025-Q2')).toBe('rebased at 01/04/2025, 31/10/2025; period 2025-04, 2025-Q2');
  });
});
