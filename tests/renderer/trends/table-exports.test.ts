import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../../shared/stats/newcombe';
import { Z95 } from '../../../shared/stats/constants';
import { beforeAfter } from '../../../shared/analysis/before-after';
import type { TrendPoint } from '../../../shared/analysis/trends';
import type { DatasetMeta } from '../../../renderer/src/store/database';
import { planBeforeAfterExport, planBoardExport } from '../../../renderer/src/components/trends/table-exports';
import { tableCsv } from '../../../renderer/src/export/table-files';
import { computeBoard } from '../../../shared/analysis/board';
import { adHocInterval } from '../../../shared/analysis/measure';
import { SUPPRESSED_ICON } from '../../../shared/output/words';
import { LATEST_MONTH_VARIANTS, twoCentreExtract } from '../../helpers/hidden-months';

const dataset = { fileName: 'audit.csv', sha256: 'cd'.repeat(32), importedAt: '2026-10-01T00:00:00Z' } as DatasetMeta;
const note = { id: '1', measureId: 'm', by: 'centre_code', group: 'RME', date: '2025-03-01', text: 'New clinic', createdAt: '' };

function point(month: number, n: number, numerator: number): TrendPoint {
  const start = `2025-${String(month).padStart(2, '0')}-01`;
  return { period: start.slice(0, 7), periodStart: start, n, numerator, value: numerator / n };
}

describe('before / after export', () => {
  it('publishes large counts with the change and its interval, and lists the notes', () => {
    const result = beforeAfter([point(1, 40, 10), point(2, 40, 12), point(3, 40, 30), point(4, 40, 32)], '2025-03-01');
    const plan = planBeforeAfterExport({ result, title: 'Before / after', notes: [note], dataset, rule: '1-7' });
    expect(plan.rows.map((r) => r.Side)).toEqual(['Before 01/03/2025', 'From 01/03/2025', 'Difference (after - before)']);
    expect(plan.rows[0]).toMatchObject({ Numerator: 22, n: 80 });
    expect(plan.rows[2].Proportion).toBeCloseTo(0.5, 12);
    const text = plan.footnote.join(' ');
    expect(text).toMatch(/Newcombe/);
    expect(text).toContain('Note 01/03/2025: New clinic');
    expect(text).toMatch(/Suppression: /);
  });

  it('hides a count of 1-7, what derives from it, and the change; without suppression it warns', () => {
    const result = beforeAfter([point(1, 30, 3), point(2, 30, 2), point(3, 40, 30)], '2025-03-01');
    const plan = planBeforeAfterExport({ result, title: 'Before / after', notes: [], dataset, rule: '1-7' });
    expect(plan.rows[0].Numerator).toBe('*');
    expect(plan.rows[0].Proportion).toBe('*');
    expect(plan.rows[2].Proportion).toBe('*');
    const open = planBeforeAfterExport({ result, title: 'Before / after', notes: [], dataset, rule: 'none' });
    expect(open.rows[0].Numerator).toBe(5);
    expect(open.footnote.join(' ')).toMatch(/NOT suppressed/);
  });

  it('round5: rounds each side counts to 5 and recomputes the proportions, intervals and the change from them', () => {
    const result = beforeAfter([point(1, 41, 11), point(2, 42, 12), point(3, 43, 31), point(4, 44, 33)], '2025-03-01');
    const plan = planBeforeAfterExport({ result, title: 'Before / after', notes: [], dataset, rule: 'round5' });
    expect(plan.rows[0]).toMatchObject({ n: 85, Numerator: 25 });
    expect(plan.rows[1]).toMatchObject({ n: 85, Numerator: 65 });
    expect(plan.rows[0].Proportion).toBeCloseTo(25 / 85, 12);
    const expected = newcombeDifference(25, 85, 65, 85, Z95);
    expect(plan.rows[2].Proportion).toBeCloseTo(expected.difference, 12);
    expect(plan.rows[2]['95% CI lower']).toBeCloseTo(expected.lower, 12);
    expect(plan.rows[0]['95% CI upper']).toBeCloseTo(expected.first.upper, 12);
    expect(plan.footnote.join(' ')).toMatch(/rounded to the nearest 5/);
  });
});

describe('board export', () => {
  const measures = [adHocInterval('referral_date', 'first_seen_date', 28), adHocInterval('referral_date', 'first_seen_date', 14)];
  const csv = (people: number, met: number, rule: '1-7' | 'round5') => {
    const board = computeBoard(twoCentreExtract(people, met), measures, { asOf: '2024-06-30' });
    return tableCsv(planBoardExport({ board, choicesText: 'Choices: default.', dataset, rule }));
  };

  for (const rule of ['1-7', 'round5'] as const) {
    it(`writes the same CSV bytes whatever the 1-7 people of a centre's latest month (rule ${rule})`, () => {
      const first = csv(1, 1, rule);
      for (const [k, x] of LATEST_MONTH_VARIANTS) expect(csv(k, x, rule), `${x} of ${k}`).toBe(first);
      expect(first).toContain(SUPPRESSED_ICON);
      expect(first).toMatch(/latest point of its centre's chart/);
    });
  }

  it('without suppression it writes the engine\'s cells and warns', () => {
    const board = computeBoard(twoCentreExtract(7, 7), measures, { asOf: '2024-06-30' });
    const plan = planBoardExport({ board, choicesText: 'Choices: default.', dataset, rule: 'none' });
    expect(plan.rows[0]).toMatchObject({ n: 7, Numerator: 7, Value: 1, 'Variation icon': board.cells[0].variationIcon });
    expect(plan.footnote.join(' ')).toMatch(/NOT suppressed/);
  });
});
