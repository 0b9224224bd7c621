import { describe, expect, it } from 'vitest';
import { tierSegments, tierSummarySpec, type TierSegment } from '../../../shared/charts/tier-summary-spec';
import type { TierCounts, TierSummaryRow } from '../../../shared/analysis/tiers';
import { dataset, renderChecked, usermetaOf } from './render-check';

const counts = (aspirational: number, achievable: number, core: number, below: number, unclassed = 0): TierCounts =>
  ({ aspirational, achievable, core, 'below core': below, unclassed });

const ROWS: TierSummaryRow[] = [
  { standardId: 'dmt', shortTitle: 'DMT within 6 months', provenance: 'provisional', tiers: ['aspirational', 'achievable', 'core'], period: 'as of 31/03/2024', groups: counts(5, 10, 12, 3), patients: counts(500, 1000, 1200, 300), error: null },
  { standardId: 'mri', shortTitle: 'MRI reported', provenance: 'confirmed', tiers: ['achievable', 'core'], period: 'as of 31/03/2024', groups: counts(0, 4, 20, 4), patients: counts(0, 40, 200, 40), error: null },
  { standardId: 'status', shortTitle: 'Untiered', provenance: 'confirmed', tiers: [], period: 'as of 31/03/2024', groups: counts(0, 0, 0, 0, 30), patients: counts(0, 0, 0, 0, 3000), error: null },
  { standardId: 'broken', shortTitle: 'Needs EDSS', provenance: 'confirmed', tiers: ['core'], period: '', groups: counts(0, 0, 0, 0), patients: counts(0, 0, 0, 0), error: 'The extract has no edss column.' },
];

describe('tierSegments', () => {
  it('stacks tiers left to right from aspirational to below core, ending at the number of tiered centres', () => {
    const { segments } = tierSegments(ROWS);
    const dmt = segments.filter((s) => s.standardId === 'dmt');
    expect(dmt.map((s) => [s.tier, s.start, s.end, s.mid])).toEqual([
      ['aspirational', 0, 5, 2.5], ['achievable', 5, 15, 10], ['core', 15, 27, 21], ['below core', 27, 30, 28.5],
    ]);
    expect(dmt.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
  });

  it('counts patients when asked', () => {
    const { segments } = tierSegments(ROWS, 'patients');
    expect(segments.find((s) => s.standardId === 'dmt' && s.tier === 'core')?.count).toBe(1200);
  });

  it('leaves out standards that failed or have no tiers, saying why', () => {
    const { segments, omitted } = tierSegments(ROWS);
    expect(new Set(segments.map((s) => s.standardId))).toEqual(new Set(['dmt', 'mri']));
    expect(omitted.map((o) => o.standardId)).toEqual(['status', 'broken']);
    expect(omitted[1].reason).toBe('The extract has no edss column.');
  });
});

describe('tierSummarySpec', () => {
  it('compiles without warnings and renders', async () => {
    const spec = tierSummarySpec(ROWS, { width: 500 });
    await renderChecked(spec);
    expect(dataset<TierSegment>(spec, 'segments')).toHaveLength(8);
    expect(usermetaOf(spec).footnote).toContain('Needs EDSS (The extract has no edss column.)');
  });
});
