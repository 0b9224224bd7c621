import { describe, expect, it } from 'vitest';
import { spcSeries } from '../../../shared/analysis/spc-series';
import type { TrendPoint } from '../../../shared/analysis/trends';
import type { WaitsResult } from '../../../shared/analysis/waits';
import { waitsFromTable } from '../../../shared/analysis/waits';
import { kmSpec } from '../../../shared/charts/km-spec';
import { ASSURANCE_ICON_LABEL, assuranceIconSvg, VARIATION_ICON_LABEL, variationIconSvg } from '../../../shared/charts/mdc-icons';
import { spcSpec, wrapAtSeparators } from '../../../shared/charts/spc-spec';
import { isoFromDays } from '../../../shared/data/table';
import { seeded } from '../../helpers/seeded';
import { buildTable } from '../analysis/build-table';
import { dataset, renderChecked, usermetaOf } from './render-check';

/** 24 monthly points with a step up after a year. */
function series(): TrendPoint[] {
  const random = seeded(9);
  return Array.from({ length: 24 }, (_, i) => {
    const n = 50 + Math.floor(random() * 30);
    const x = Math.round(n * (i < 12 ? 0.5 : 0.75));
    const start = `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;
    return { period: start.slice(0, 7), periodStart: start, n, numerator: x, value: x / n, provisional: i === 23 };
  });
}

describe('spcSpec', () => {
  it('compiles without warnings and renders: points by type, limits per segment, target, rebase and notes', async () => {
    const s = spcSeries('RAA', series(), { direction: 'increase', target: 0.8, rebase: ['2024-01-01'] });
    const spec = spcSpec(s, {
      width: 600, height: 300, title: '4+4 part 1', subtitle: 'p-chart; limits from all points; rebased at 2024-01-01', target: 0.8, proportion: true, nearLimits: true,
      annotations: [{ date: '2023-12-10', text: 'New triage clinic started' }, { date: '2024-03-01', text: 'Second clinician' }],
    });
    const svg = await renderChecked(spec);
    expect(svg).toContain('New triage clinic started');
    expect(svg).toContain('Rebased');
    expect(svg).toContain('Target 80%');
    const lines = dataset(spec, 'lines') as { role: string; series: string }[];
    // Limits are drawn per segment: no line series spans the rebase.
    expect(new Set(lines.filter((l) => l.role === 'Process limits').map((l) => l.series))).toEqual(new Set(['Process limits lower 0', 'Process limits upper 0', 'Process limits lower 1', 'Process limits upper 1']));
    const footnote = String(usermetaOf(spec).footnote);
    expect(footnote).toMatch(/2023-12-10: New triage clinic started/);
    expect(footnote).toMatch(/provisional/);
    expect(JSON.stringify(spec)).toContain('Trial limits');
  });

  it('a run chart has no limit lines', async () => {
    const s = spcSeries('RAA', series().slice(0, 8));
    const spec = spcSpec(s, { width: 400, height: 200, title: 'Run', proportion: true });
    await renderChecked(spec);
    expect((dataset(spec, 'lines') as { role: string }[]).every((l) => l.role === 'Mean')).toBe(true);
  });

  it('wraps long subtitles at "; "', () => {
    expect(wrapAtSeparators('aaaa; bbbb; cccc', 10)).toEqual(['aaaa; bbbb;', 'cccc']);
  });
});

describe('kmSpec', () => {
  it('compiles without warnings: one step curve per group with its band and the threshold', async () => {
    const t = buildTable({
      centre_code: ['RAA', 'RAA', 'RAA', 'RBB', 'RBB', 'RBB'],
      referral_date: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-01', '2024-01-02', '2024-01-03'],
      first_seen_date: [isoFromDays(19723 + 10), isoFromDays(19724 + 30), null, isoFromDays(19723 + 5), isoFromDays(19724 + 8), isoFromDays(19725 + 12)],
    });
    const result: WaitsResult = waitsFromTable(t, { start: 'referral_date', end: 'first_seen_date', days: 28, asOf: '2024-06-30' });
    const spec = kmSpec(result, { width: 500, height: 250, title: 'Referral to first seen' });
    const svg = await renderChecked(spec);
    expect(svg).toContain('28 days');
    const curves = dataset(spec, 'curves') as { curve: string; time: number; survival: number }[];
    expect(curves.filter((c) => c.curve === 'RAA')[0]).toMatchObject({ time: 0, survival: 1 });
    expect(String(usermetaOf(spec).footnote)).toMatch(/censored at the as-of date 2024-06-30/);
  });
});

describe('Making Data Count icons', () => {
  it('every icon has an accessible name and a letter or shape besides colour', () => {
    for (const icon of Object.keys(VARIATION_ICON_LABEL) as (keyof typeof VARIATION_ICON_LABEL)[]) {
      const svg = variationIconSvg(icon);
      expect(svg).toContain(`aria-label="${VARIATION_ICON_LABEL[icon]}"`);
      expect(svg).toContain('role="img"');
      if (icon !== 'common_cause') expect(svg).toMatch(icon.endsWith('high') ? />H</ : />L</);
      if (icon.startsWith('improvement')) expect(svg).toContain('>+<');
      if (icon.startsWith('concern')) expect(svg).toContain('>!<');
    }
    expect(assuranceIconSvg('consistent_pass')).toContain('>P<');
    expect(assuranceIconSvg('consistent_fail')).toContain('>F<');
    expect(assuranceIconSvg('inconsistent')).toContain('>?<');
    expect(assuranceIconSvg('inconsistent', 24)).toContain(`aria-label="${ASSURANCE_ICON_LABEL.inconsistent}"`);
    expect(assuranceIconSvg('inconsistent', 24)).toContain('width="24"');
  });
});
