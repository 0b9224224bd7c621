import { describe, expect, it } from 'vitest';
import { spcSeries } from '../../../shared/analysis/spc-series';
import { DEFAULT_SPC_CHOICES, spcChoiceLabels } from '../../../shared/analysis/spc-choices';
import type { TrendPoint } from '../../../shared/analysis/trends';
import type { AnnotationRecord, DatasetMeta } from '../../../renderer/src/store/database';
import type { TrendResult } from '../../../renderer/src/workers/trends-api';
import { planSpcExport, wrapFootnote } from '../../../renderer/src/components/trends/spc-export';

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
    const plan = planSpcExport({ report: r, spc: r.series[0], notes: [note], dataset, suppress: true, threshold: 'nhs-digital' });
    expect(plan.rows).toHaveLength(24);
    for (const row of plan.rows) {
      for (const v of [row.n, row.Numerator]) if (v !== '*') expect(Number(v) === 0 || Number(v) >= 8).toBe(true);
    }
    // Met = 5 in months 1, 4, 7, 10: hidden, with the value that would give it back.
    expect(plan.rows[0].Numerator).toBe('*');
    expect(plan.rows[0].Value).toBe('*');
    expect(plan.hiddenGroups).toContain('2024-01');
    expect(plan.hiddenGroups).not.toContain('2025-06');
    const text = plan.footnoteText.join('\n');
    expect(text).toMatch(/Suppression: /);
    expect(text).toContain('Note 2025-04-01: New triage clinic started');
    expect(text).toContain('rebased at 2025-01-01');
    expect(text).toMatch(/period\(s\) with suppressed counts are not drawn/);
  });

  it('without suppression keeps every count and warns in the footnote', () => {
    const r = report();
    const plan = planSpcExport({ report: r, spc: r.series[0], notes: [], dataset, suppress: false, threshold: 'nhs-digital' });
    expect(plan.rows[0].Numerator).toBe(5);
    expect(plan.hiddenGroups).toEqual([]);
    expect(plan.footnoteText.join(' ')).toMatch(/NOT suppressed/);
    expect(plan.footnoteText.join(' ')).toMatch(/Notes of changes: none/);
  });
});

describe('wrapFootnote', () => {
  it('wraps long lines at spaces, indenting continuations, and keeps short lines', () => {
    const out = wrapFootnote(['short', 'one two three four five six'], 10);
    expect(out).toEqual(['short', 'one two', '  three', '  four', '  five six']);
    for (const line of out) expect(line.length).toBeLessThanOrEqual(10);
  });
});
