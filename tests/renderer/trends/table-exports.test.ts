import { describe, expect, it } from 'vitest';
import { beforeAfter } from '../../../shared/analysis/before-after';
import type { TrendPoint } from '../../../shared/analysis/trends';
import type { DatasetMeta } from '../../../renderer/src/store/database';
import { planBeforeAfterExport } from '../../../renderer/src/components/trends/table-exports';

const dataset = { fileName: 'audit.csv', sha256: 'cd'.repeat(32), importedAt: '2026-10-01T00:00:00Z' } as DatasetMeta;

function point(month: number, n: number, numerator: number): TrendPoint {
  const start = `2025-${String(month).padStart(2, '0')}-01`;
  return { period: start.slice(0, 7), periodStart: start, n, numerator, value: numerator / n };
}

describe('before / after export', () => {
  it('publishes large counts with the change and its interval', () => {
    const result = beforeAfter([point(1, 40, 10), point(2, 40, 12), point(3, 40, 30), point(4, 40, 32)], '2025-03-01');
    const plan = planBeforeAfterExport({ result, title: 'Before / after', notes: [], dataset, suppress: true, threshold: 'nhs-digital' });
    expect(plan.rows.map((r) => r.Side)).toEqual(['Before', 'After', 'Change (points)']);
    expect(plan.rows[0]).toMatchObject({ Met: 22, n: 80, '%': 27.5 });
    expect(plan.rows[2]['%']).toBe(50);
    expect(plan.footnoteText.join(' ')).toMatch(/Newcombe/);
  });

  it('hides a count of 1-7 (met or not met), what derives from it, and the change', () => {
    const result = beforeAfter([point(1, 30, 3), point(2, 30, 2), point(3, 40, 30)], '2025-03-01');
    const plan = planBeforeAfterExport({ result, title: 'Before / after', notes: [], dataset, suppress: true, threshold: 'nhs-digital' });
    expect(plan.rows[0].Met).toBe('*');
    expect(plan.rows[0]['%']).toBe('*');
    expect(plan.rows[2]['%']).toBe('*');
    expect(plan.rows[2]['95% lower']).toBe('*');
  });
});
