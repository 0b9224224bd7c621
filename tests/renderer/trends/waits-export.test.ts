import { describe, expect, it } from 'vitest';
import { buildTable } from '../../shared/analysis/build-table';
import { waitsFromTable } from '../../../shared/analysis/waits';
import type { DatasetMeta } from '../../../renderer/src/store/database';
import { buildWaitsChart, planWaitDistributionExport, planWaitsExport, sortWaitGroups, waitCurveLabel } from '../../../renderer/src/components/trends/waits-export';

const dataset = { fileName: 'audit.csv', sha256: 'cd'.repeat(32), importedAt: '2026-10-01T00:00:00Z' } as DatasetMeta;
const AS_OF = '2024-12-31';

/** People per centre: `count` referrals on 2024-01-01 seen after `days(i)` days. */
function extract(centres: { code: string; count: number; days: (i: number) => number | null }[]) {
  const rows = centres.flatMap((c) => Array.from({ length: c.count }, (_, i) => ({ code: c.code, wait: c.days(i) })));
  const seen = (w: number | null) => (w === null ? null : new Date(Date.UTC(2024, 0, 1) + w * 86_400_000).toISOString().slice(0, 10));
  return buildTable({
    centre_code: rows.map((r) => r.code),
    referral_date: rows.map(() => '2024-01-01'),
    first_seen_date: rows.map((r) => seen(r.wait)),
  });
}

const table = extract([
  { code: 'RAA', count: 40, days: (i) => 10 + i },
  { code: 'RBB', count: 40, days: (i) => 30 + 2 * i },
  { code: 'RCC', count: 5, days: (i) => 5 + i },
  { code: 'RDD', count: 40, days: (i) => (i < 30 ? 5 + i : null) },
]);
const result = waitsFromTable(table, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, days: 28 });

describe('wait distribution by centre', () => {
  it('sorts on a percentile either way, with a percentile never reached last both ways', () => {
    const p90 = (codes: string[]) => codes.map((c) => result.groups.find((g) => g.group === c)?.percentiles.find((q) => q.p === 0.9)?.days ?? null);
    const up = sortWaitGroups(result.groups, 'p90', false).map((g) => g.group);
    const down = sortWaitGroups(result.groups, 'p90', true).map((g) => g.group);
    // RDD: a quarter still waiting at the as-of date, so its 90th percentile is never reached.
    expect(p90(['RDD'])).toEqual([null]);
    expect(up[up.length - 1]).toBe('RDD');
    expect(down[down.length - 1]).toBe('RDD');
    expect(up.slice(0, 3)).toEqual(['RCC', 'RAA', 'RBB']);
    expect(down.slice(0, 3)).toEqual(['RBB', 'RAA', 'RCC']);
    expect(sortWaitGroups(result.groups, 'n', true).map((g) => g.n)).toEqual([40, 40, 40, 5]);
  });

  it('exports the rows in the order shown with names, a centre of 1-7 people hidden, and under round5 counts in fives', () => {
    const sorted = { ...result, groups: sortWaitGroups(result.groups, 'p50', true) };
    const names = new Map([['RAA', 'Alpha Trust'], ['RBB', 'Beta Trust']]);
    const plan = planWaitDistributionExport({ result: sorted, title: 'Waits', dataset, rule: '1-7', names });
    expect(plan.columns.slice(0, 3)).toEqual(['group', 'name', 'period']);
    expect(plan.rows.map((r) => r.group)).toEqual(sorted.groups.map((g) => g.group));
    expect(plan.rows.find((r) => r.group === 'RAA')?.name).toBe('Alpha Trust');
    const small = plan.rows.find((r) => r.group === 'RCC');
    expect([small?.n, small?.median, small?.p90]).toEqual(['*', '*', '*']);
    expect(plan.footnote.join(' ')).toMatch(/Suppression: Counts of 1-7/);
    const rounded = planWaitDistributionExport({ result: sorted, title: 'Waits', dataset, rule: 'round5', names });
    expect(rounded.rows.find((r) => r.group === 'RDD')).toMatchObject({ n: 40, events: 30, censored: 10 });
    expect(rounded.footnote.join(' ')).toMatch(/rounded to the nearest 5/);
  });
});

describe('waiting-time curves per period', () => {
  it('labels each period curve and draws one curve per label on the exported chart', () => {
    const byQuarter = waitsFromTable(table, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, groups: ['RAA'], splitBy: 'quarter' });
    expect(byQuarter.groups.map((g) => waitCurveLabel(g, byQuarter))).toEqual(['RAA (2024-Q1)']);
    const plan = planWaitsExport({ result: byQuarter, title: 'Waits', notes: [], dataset, rule: '1-7' });
    const spec = buildWaitsChart(byQuarter, { title: 'Waits', width: 400, height: 200 }, plan) as unknown as { datasets: { curves: { curve: string }[] }; title: { subtitle: string[] } };
    expect(new Set(spec.datasets.curves.map((d) => d.curve))).toEqual(new Set(['RAA (2024-Q1)']));
    expect(spec.title.subtitle.join(' ')).toContain('31/12/2024');
    const split = waitsFromTable(table, { start: 'referral_date', end: 'first_seen_date', asOf: AS_OF, groups: ['RAA'], splitAt: '2024-01-01' });
    expect(split.groups.map((g) => waitCurveLabel(g, split))).toEqual(['RAA (from 01/01/2024)']);
  });
});
