import { describe, expect, it } from 'vitest';
import { beforeAfter } from '../../../shared/analysis/before-after';
import type { TrendPoint } from '../../../shared/analysis/trends';
import type { DatasetMeta } from '../../../renderer/src/store/database';
import { planBeforeAfterExport } from '../../../renderer/src/components/trends/table-exports';

const dataset = { fileName: 'audit.csv', sha256: 'cd'.repeat(32), importedAt: '2026-10-01T00:00:00Z' } as DatasetMeta;
const note = { id: '1', measureId: 'm', by: 'centre_code', group: 'RME', date: '2025-03-01', text: 'New clinic', createdAt: '' };

function point(month: number, n: number, numerator: number): TrendPoint {
  const start = `2025-${String(month).padStart(2, '0')}-01`;
  return { period: start.slice(0, 7), periodStart: start, n, numerator, value: numerator / n };
}

describe('before / after export', () => {
  it('publishes large counts with the change and its interval, and lists the notes', () => {
    const result = beforeAfter([point(1, 40, 10), point(2, 40, 12), point(3, 40, 30), point(4, 40, 32)], '2025-03-01');
    const plan = planBeforeAfterExport({ result, title: 'Before / after', notes: [note], dataset, suppress: true, threshold: 'nhs-digital' });
    expect(plan.rows.map((r) => r.Side)).toEqual(['Before 2025-03-01', 'From 2025-03-01', 'Difference (after - before)']);
    expect(plan.rows[0]).toMatchObject({ Numerator: 22, n: 80 });
    expect(plan.rows[2].Proportion).toBeCloseTo(0.5, 12);
    const text = plan.footnoteText.join(' ');
    expect(text).toMatch(/Newcombe/);
    expect(text).toContain('Note 2025-03-01: New clinic');
    expect(text).toMatch(/Suppression: /);
  });

  it('hides a count of 1-7, what derives from it, and the change; without suppression it warns', () => {
    const result = beforeAfter([point(1, 30, 3), point(2, 30, 2), point(3, 40, 30)], '2025-03-01');
    const plan = planBeforeAfterExport({ result, title: 'Before / after', notes: [], dataset, suppress: true, threshold: 'nhs-digital' });
    expect(plan.rows[0].Numerator).toBe('*');
    expect(plan.rows[0].Proportion).toBe('*');
    expect(plan.rows[2].Proportion).toBe('*');
    const open = planBeforeAfterExport({ result, title: 'Before / after', notes: [], dataset, suppress: false, threshold: 'nhs-digital' });
    expect(open.rows[0].Numerator).toBe(5);
    expect(open.footnoteText.join(' ')).toMatch(/NOT suppressed/);
  });
});
