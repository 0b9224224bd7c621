import { describe, expect, it } from 'vitest';
import { analyseVariation } from '../../../shared/analysis/variation';
import { NOT_COMPARED_WORD } from '../../../shared/output/words';
import { comparePlainCodes, NO_SUPPRESSION_WARNING, publicationCsv, publicationJson, publishedTableRows, publishVariation, roundToBase } from '../../../shared/output/publish';
import { seeded } from '../../helpers/seeded';
import { buildTable } from '../analysis/build-table';

const centres = [
  { code: 'RAA', x: 60, n: 80 }, { code: 'RBB', x: 150, n: 170 }, { code: 'RCC', x: 3, n: 50 },
  { code: 'RDD', x: 90, n: 140 }, { code: 'REE', x: 2, n: 4 }, { code: 'RFF', x: 9, n: 18 }, { code: 'RGG', x: 45, n: 48 },
];
const table = buildTable({
  centre_code: centres.map((c) => c.code), centre_name: centres.map((c) => `${c.code} Trust`),
  period_start: centres.map(() => '2026-07-01'), period_end: centres.map(() => '2026-09-30'), kpi_id: centres.map(() => 'k'),
  numerator: centres.map((c) => c.x), denominator: centres.map((c) => c.n),
});
const result = analyseVariation(table, { kpiId: 'k' }, { minN: 5 });
const row = (p: ReturnType<typeof publishVariation>, code: string) => p.rows.find((r) => r.centre_code === code);

describe('publishVariation (the one output path)', () => {
  const p = publishVariation(result);

  it('suppresses counts of 1-7 by default and hides what is computed from them', () => {
    expect(p.rule).toBe('1-7');
    expect(row(p, 'RCC')).toMatchObject({ n: 50, numerator: '*', proportion: '*', ci95_lower: '*', ci95_upper: '*', z: '*', band: '*', tier: '*', median_days: '*' });
    expect(typeof row(p, 'RCC')?.l95).toBe('number');
    // n - x = 3 at RGG: the small count not meeting is hidden through the numerator.
    expect(row(p, 'RGG')).toMatchObject({ n: 48, numerator: '*', band: '*' });
  });

  it('hides the limits of a row whose n is hidden, and does not say it was the minimum n', () => {
    expect(row(p, 'REE')).toMatchObject({ n: '*', numerator: '*', l95: '*', u998: '*', band: '*' });
    expect(p.footnote.join(' ')).not.toMatch(/1 not compared/);
  });

  it('shows a centre below the minimum n with published counts as not compared', () => {
    const strict = publishVariation(analyseVariation(table, { kpiId: 'k' }, { minN: 20 }));
    expect(row(strict, 'RFF')).toMatchObject({ n: 18, numerator: 9, band: NOT_COMPARED_WORD, l95: null, z: null });
  });

  it('draws exported charts from the centres shown in full, with the published statistics', () => {
    expect(p.chart.groups.map((g) => g.group)).toEqual(['RAA', 'RBB', 'RDD', 'RFF']);
    expect(p.hiddenGroups).toEqual(['RCC', 'REE', 'RGG']);
    expect(p.statistics).toMatchObject({ centres: 4, patients: 80 + 170 + 140 + 18, centresNotShown: 3, basis: 'published' });
    expect(p.chart.target).toBe(p.statistics.target);
    // Hidden numerators enter the target at the middle of their range (4 meeting at RCC, 48 - 4 at RGG).
    expect(p.statistics.target).toBeCloseTo((60 + 150 + 4 + 90 + 9 + 44) / (80 + 170 + 50 + 140 + 18 + 48), 12);
    expect(p.footnote.find((l) => l.startsWith('Centres:'))).toBe('Centres: 408 patients in 4 centres compared and shown; 3 further centres listed but not shown in detail (too few patients to compare, or counts suppressed).');
  });

  it('footnote: measure, period, method, minimum n, suppression, provisional', () => {
    expect(p.footnote[0]).toBe('Measure: KPI k (provisional)');
    expect(p.footnote[1]).toBe('Period: 01/07/2026 to 30/09/2026');
    expect(p.footnote[2]).toMatch(/^Method: Funnel .*target \d+\.\d% \(all centres pooled\)/);
    expect(p.footnote[3]).toBe('Minimum n: centres with fewer than 5 patients are not compared (too few to judge).');
    expect(p.footnote.some((l) => l.startsWith('Suppression: Counts of 1-7 are suppressed'))).toBe(true);
    expect(p.footnote[p.footnote.length - 1]).toMatch(/^Provisional: /);
    expect(p.subtitle[0]).toMatch(/^Provisional standard · Period 01\/07\/2026 to 30\/09\/2026/);
  });

  it('lists centres in natural order (R9 before R10), as localeCompare with numeric collation orders them', () => {
    const codes = ['R10', 'R9', 'r2', 'RAA', 'R1A', 'R01', 'Z1', 'a10', 'A9'];
    const t = buildTable({
      centre_code: codes, centre_name: codes.map((c) => `${c} Trust`), period_start: codes.map(() => '2026-07-01'), period_end: codes.map(() => '2026-09-30'),
      kpi_id: codes.map(() => 'k'), numerator: codes.map(() => 40), denominator: codes.map(() => 80),
    });
    const listed = publishVariation(analyseVariation(t, { kpiId: 'k' }, { minN: 5 })).rows.map((r) => r.centre_code);
    expect(listed).toEqual([...codes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(listed.indexOf('R9')).toBeLessThan(listed.indexOf('R10'));
  });

  it('orders plain codes without the collator exactly as localeCompare with numeric collation does', () => {
    const random = seeded(7);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const codes: string[] = ['R9', 'R10', 'R1', 'R1A', 'RA1', 'R0A', 'R0', 'R', '9', '10', '0', 'RX100', 'RX99', 'RX9A', 'R02', 'R2', 'R002', 'R00', 'RA', 'R02A', 'R2B', 'R020'];
    while (codes.length < 3000) {
      const length = 1 + Math.floor(random() * 6);
      // Digits often, so runs of digits of every length meet letters and each other.
      // Zeros often too, so leading zeros (which the collator ignores) meet every other run.
      codes.push(Array.from({ length }, () => (random() < 0.15 ? '0' : alphabet[random() < 0.5 ? 26 + Math.floor(random() * 10) : Math.floor(random() * 26)])).join(''));
    }
    // Sorting is stable, and codes the collator holds equal ("R02", "R2") keep their order with both.
    const byCollator = [...codes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect([...codes].sort(comparePlainCodes)).toEqual(byCollator);
    for (let k = 0; k + 1 < byCollator.length; k++) {
      const [a, b] = [byCollator[k], byCollator[k + 1]];
      expect(Math.sign(comparePlainCodes(a, b))).toBe(Math.sign(a.localeCompare(b, 'en', { numeric: true })));
      expect(Math.sign(comparePlainCodes(b, a))).toBe(Math.sign(b.localeCompare(a, 'en', { numeric: true })));
    }
  });

  it('1-5 shows counts of 6 and 7', () => {
    const five = publishVariation(result, { suppression: '1-5' });
    expect(row(five, 'RCC')?.numerator).toBe('*');
    expect(five.footnote.join(' ')).toMatch(/Counts of 1-5 are suppressed/);
  });

  it('round5 rounds every shown count to the nearest 5 and computes percentages from the rounded counts', () => {
    const r5 = publishVariation(result, { suppression: 'round5' });
    for (const r of r5.rows) for (const v of [r.n, r.numerator]) expect(v === '*' || (typeof v === 'number' && v % 5 === 0)).toBe(true);
    expect(row(r5, 'RFF')).toMatchObject({ n: 20, numerator: 10, proportion: 0.5 });
    expect(roundToBase(12)).toBe(10);
    expect(roundToBase(13)).toBe(15);
  });

  it('none publishes the analysis as computed, with the warning', () => {
    const all = publishVariation(result, { suppression: 'none' });
    expect(all.warning).toBe(NO_SUPPRESSION_WARNING);
    expect(all.footnote).toContain(NO_SUPPRESSION_WARNING);
    expect(row(all, 'RCC')).toMatchObject({ numerator: 3, n: 50 });
    expect(all.statistics).toMatchObject({ basis: 'all', target: result.target });
  });

  it('gives human headings and percentages for the app export, machine CSV and JSON for the CLI', () => {
    const human = publishedTableRows(p);
    expect(Object.keys(human[0]).slice(0, 5)).toEqual(['Centre', 'Name', 'n', 'Numerator', '%']);
    expect(human[0]).toMatchObject({ Centre: 'RAA', Name: 'RAA Trust', '%': 75 });
    const csv = publicationCsv(result, p);
    expect(csv.split('\r\n')[0]).toMatch(/^measure_id,group_by,centre_code,centre_name,n,numerator,/);
    expect(csv).toContain('\r\n\r\nMeasure: KPI k (provisional)\r\n');
    expect(publicationJson(result, p)).toMatchObject({ settings: { suppression: '1-7', minN: 5 }, totals: { centres: 4 } });
  });
});
