import { describe, expect, it } from 'vitest';
import { caterpillarSpec, rankCentres, tierBands, type CaterpillarDatum } from '../../../shared/charts/caterpillar-spec';
import { dataset, renderChecked, usermetaOf } from './render-check';
import { TWELVE, variationFixture } from './variation-fixture';

const SIZE = { width: 600, height: 350 };

describe('rankCentres', () => {
  it('ranks the highest proportion first when higher is better, ties by larger n', () => {
    const result = variationFixture({ x: [5, 10, 9, 20], n: [10, 20, 10, 40] });
    expect(rankCentres(result.groups, 'higher-is-better').map((r) => [r.group, r.rank])).toEqual([
      ['Centre C', 1], ['Centre D', 2], ['Centre B', 3], ['Centre A', 4],
    ]);
  });

  it('ranks the lowest proportion first when lower is better', () => {
    const result = variationFixture({ x: [5, 10, 9, 20], n: [10, 20, 10, 40] });
    expect(rankCentres(result.groups, 'lower-is-better').map((r) => r.group)).toEqual(['Centre D', 'Centre B', 'Centre A', 'Centre C']);
  });
});

describe('tierBands', () => {
  it('stacks aspirational over achievable over core over below core when higher is better', () => {
    expect(tierBands({ core: 0.7, achievable: 0.8, aspirational: 0.9 }, 'higher-is-better').map((b) => [b.tier, b.from, b.to])).toEqual([
      ['aspirational', 0.9, 1], ['achievable', 0.8, 0.9], ['core', 0.7, 0.8], ['below core', 0, 0.7],
    ]);
  });

  it('turns the bands round when lower is better', () => {
    expect(tierBands({ core: 0.2, aspirational: 0.05 }, 'lower-is-better').map((b) => [b.tier, b.from, b.to])).toEqual([
      ['aspirational', 0, 0.05], ['core', 0.05, 0.2], ['below core', 0.2, 1],
    ]);
  });

  it('drops empty bands when tiers share a target, and names the bottom band after the lowest tier given', () => {
    expect(tierBands({ core: 0.8, achievable: 0.8, aspirational: 0.8 }, 'higher-is-better').map((b) => b.label)).toEqual(['Aspirational', 'Below core']);
    expect(tierBands({ achievable: 0.6 }, 'higher-is-better').map((b) => b.label)).toEqual(['Achievable', 'Below achievable']);
    expect(tierBands(undefined, 'higher-is-better')).toEqual([]);
  });

  it('refuses a tier target that is not a proportion', () => {
    expect(() => tierBands({ core: 80 }, 'higher-is-better')).toThrow(/core tier target must be a proportion/);
  });
});

describe('caterpillarSpec', () => {
  const result = variationFixture({ ...TWELVE });

  it('compiles without warnings and renders, with and without tier bands', async () => {
    await renderChecked(caterpillarSpec(result, { ...SIZE, selected: 'Centre I', tiers: { core: 0.7, achievable: 0.8, aspirational: 0.9 } }));
    await renderChecked(caterpillarSpec(result, SIZE));
  });

  it('has one ranked point per centre with its Wilson interval', () => {
    const rows = dataset<CaterpillarDatum>(caterpillarSpec(result, SIZE), 'centres');
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(result.groups.map((g) => g.group)));
    for (const row of rows) {
      const g = result.groups.find((x) => x.group === row.group);
      expect([row.ciLower, row.ciUpper]).toEqual(g?.ci95);
    }
    expect(rows.map((r) => r.proportion)).toEqual([...rows.map((r) => r.proportion)].sort((a, b) => b - a));
    expect(rows[rows.length - 1].group).toBe('Centre I');
  });

  it('draws tier bands only when tier targets are given, and the target line', () => {
    const withTiers = caterpillarSpec(result, { ...SIZE, tiers: { core: 0.7, achievable: 0.8, aspirational: 0.9 } });
    expect(dataset(withTiers, 'tierBands')).toHaveLength(4);
    expect(dataset(caterpillarSpec(result, SIZE), 'tierBands')).toEqual([]);
    expect(dataset<{ target: number }>(withTiers, 'target')[0].target).toBe(result.target);
    expect(usermetaOf(withTiers).footnote).toMatch(/Wilson 95%/);
  });
});

describe('caterpillar options', () => {
  it('fixes the y axis at 0-100% when asked and names centres in tooltips', async () => {
    const { caterpillarSpec: spec } = await import('../../../shared/charts/caterpillar-spec');
    const { variationFixture, TWELVE } = await import('./variation-fixture');
    const json = JSON.stringify(spec(variationFixture({ ...TWELVE }), { width: 400, height: 300, yAxis: 'full' }));
    expect(json).toContain('"domain":[0,1]');
    expect(json).toContain('"title":"Name"');
  });
});
