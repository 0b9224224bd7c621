import { describe, expect, it } from 'vitest';
import { curveSettings, funnelCurve, funnelCurvePoint, logSpacedN } from '../../../shared/analysis/funnel-curve';
import {
  FUNNEL_AXIS_TITLES, funnelSpec, labelledOutliers, niceCeiling, outlierCentres, placeFunnelLabels, type FunnelLabelDatum, type FunnelLimitDatum, type FunnelPointDatum,
} from '../../../shared/charts/funnel-spec';
import { P95, P998, Z95, Z998 } from '../../../shared/stats/constants';
import { arcsineLimits, funnelLimits, normalLimits } from '../../../shared/stats/funnel';
import { expectNear } from '../stats/near';
import { dataset, renderChecked, usermetaOf } from './render-check';
import { TWELVE, variationFixture } from './variation-fixture';

const SIZE = { width: 600, height: 400 };

/** The limit at n on one of the four lines of the long-form limit dataset. */
function lineValue(rows: FunnelLimitDatum[], level: string, side: 'lower' | 'upper', n: number): number {
  const row = rows.find((r) => r.level === level && r.side === side && r.n === n);
  if (!row) throw new Error(`no ${level} ${side} vertex at n = ${n}`);
  return row.value;
}

describe('funnelCurve', () => {
  it('reproduces the methods.md exact limits at theta = 0.8', () => {
    const p = funnelCurvePoint(0.8, 100, { method: 'exact', tau2: 0, phi: 1 });
    expectNear(p.l95, 0.713524);
    expectNear(p.u95, 0.870258);
    expectNear(p.l998, 0.663234);
    expectNear(p.u998, 0.909022);
  });

  it('samples log-spaced denominators from nMin to nMax inclusive', () => {
    const ns = logSpacedN(10, 1000, 5, false);
    expect(ns[0]).toBe(10);
    expect(ns[ns.length - 1]).toBe(1000);
    ns.slice(1).forEach((n, i) => expectNear(n / ns[i], 10 ** 0.5, 1e-9, `ratio ${i}`));
  });

  it('uses whole, distinct denominators for exact limits and adds the ones asked for', () => {
    const curve = funnelCurve(0.8, 2, 30, 'exact', 0, 60, { include: [17, 45] });
    const ns = curve.map((p) => p.n);
    expect(ns).toEqual([...ns].sort((a, b) => a - b));
    expect(new Set(ns).size).toBe(ns.length);
    expect(ns.every(Number.isInteger)).toBe(true);
    expect(ns).toContain(17);
    expect(ns[0]).toBe(2);
    expect(ns[ns.length - 1]).toBe(45);
  });

  it('refuses an empty or reversed range and too few steps', () => {
    expect(() => logSpacedN(0, 10, 10, false)).toThrow(/nMin/);
    expect(() => logSpacedN(20, 10, 10, false)).toThrow(/nMin/);
    expect(() => logSpacedN(1, 10, 1, false)).toThrow(/steps/);
  });

  it('applies phi only to normal limits', () => {
    expect(() => funnelCurvePoint(0.8, 50, { method: 'exact', tau2: 0, phi: 2 })).toThrow(/normal/);
    const p = funnelCurvePoint(0.8, 50, { method: 'normal', tau2: 0, phi: 2 });
    expectNear(p.u95, normalLimits(0.8, 50, Z95 * Math.sqrt(2)).upper, 1e-12);
  });
});

describe('funnelSpec', () => {
  const cases = [
    ['exact', variationFixture({ ...TWELVE })],
    ['normal', variationFixture({ ...TWELVE, limits: 'normal' })],
    ['arcsine', variationFixture({ ...TWELVE, limits: 'arcsine' })],
    ['additive overdispersion', variationFixture({ ...TWELVE, overdispersion: 'additive' })],
    ['multiplicative overdispersion', variationFixture({ ...TWELVE, overdispersion: 'multiplicative' })],
  ] as const;

  it.each(cases)('compiles without warnings and renders (%s)', async (_name, result) => {
    const svg = await renderChecked(funnelSpec(result, { ...SIZE, selected: 'Centre C', labelOutliers: true }));
    expect(svg).toContain('<svg');
    expect(svg).toContain('Patients in denominator (n)');
  });

  it.each(cases)('has one point per centre with its counts (%s)', (_name, result) => {
    const spec = funnelSpec(result, SIZE);
    const points = dataset<FunnelPointDatum>(spec, 'centres');
    expect(points.map((p) => p.group)).toEqual(result.groups.map((g) => g.group));
    points.forEach((p, i) => {
      expect(p.n).toBe(TWELVE.n[i]);
      expect(p.numerator).toBe(TWELVE.x[i]);
      expect(p.proportion).toBe(TWELVE.x[i] / TWELVE.n[i]);
      expect(p.ciText).toMatch(/^\d+\.\d% to \d+\.\d%$/);
    });
  });

  it.each(cases)('draws limit curves that pass through every centre\'s own limits (%s)', (_name, result) => {
    const limits = dataset<FunnelLimitDatum>(funnelSpec(result, SIZE), 'limits');
    for (const g of result.groups) {
      expectNear(lineValue(limits, '95% limits', 'lower', g.n), g.limits.l95, 1e-12, `${g.group} l95`);
      expectNear(lineValue(limits, '95% limits', 'upper', g.n), g.limits.u95, 1e-12, `${g.group} u95`);
      expectNear(lineValue(limits, '99.8% limits', 'lower', g.n), g.limits.l998, 1e-12, `${g.group} l998`);
      expectNear(lineValue(limits, '99.8% limits', 'upper', g.n), g.limits.u998, 1e-12, `${g.group} u998`);
    }
  });

  it('samples the exact limit curve at funnelLimits values between the centres', () => {
    const result = variationFixture({ ...TWELVE });
    const limits = dataset<FunnelLimitDatum>(funnelSpec(result, SIZE), 'limits');
    const ns = [...new Set(limits.map((r) => r.n))];
    expect(ns.length).toBeGreaterThan(50);
    for (const n of ns.filter((_, i) => i % 7 === 0)) {
      const l95 = funnelLimits(result.target as number, n, P95, Z95, 'exact');
      const l998 = funnelLimits(result.target as number, n, P998, Z998, 'exact');
      expect(lineValue(limits, '95% limits', 'lower', n)).toBe(l95.lower);
      expect(lineValue(limits, '95% limits', 'upper', n)).toBe(l95.upper);
      expect(lineValue(limits, '99.8% limits', 'lower', n)).toBe(l998.lower);
      expect(lineValue(limits, '99.8% limits', 'upper', n)).toBe(l998.upper);
    }
  });

  it('widens the curve with tau² under additive overdispersion (arcsine limits)', () => {
    const result = variationFixture({ ...TWELVE, overdispersion: 'additive' });
    expect(curveSettings(result)).toEqual({ method: 'arcsine', tau2: result.overdispersion.tau2, phi: 1 });
    const limits = dataset<FunnelLimitDatum>(funnelSpec(result, SIZE), 'limits');
    expectNear(lineValue(limits, '95% limits', 'lower', 100), 0.682127);
    expectNear(lineValue(limits, '95% limits', 'upper', 100), 0.870988);
    for (const n of [...new Set(limits.map((r) => r.n))].slice(0, 40)) {
      const expected = arcsineLimits(result.target as number, n, Z998, result.overdispersion.tau2);
      expectNear(lineValue(limits, '99.8% limits', 'upper', n), expected.upper, 1e-15);
    }
  });

  it('names exactly the centres strictly outside the 99.8% limits, and at 95% when asked', () => {
    // Centre D (n = 80) sits exactly on its upper 99.8% limit, Centre E (n = 100) exactly on its lower 95% limit.
    const base = variationFixture({ ...TWELVE });
    const onLimits = variationFixture({ ...TWELVE, proportionOverride: { 3: base.groups[3].limits.u998, 4: base.groups[4].limits.l95 } });
    const strictlyOutside = (level: '95' | '99.8'): string[] => onLimits.groups
      .filter((g) => (level === '95' ? g.proportion < g.limits.l95 || g.proportion > g.limits.u95 : g.proportion < g.limits.l998 || g.proportion > g.limits.u998))
      .map((g) => g.group);
    const labels998 = dataset<FunnelPointDatum>(funnelSpec(onLimits, SIZE), 'outlierLabels').map((p) => p.group);
    expect(labels998).toEqual(strictlyOutside('99.8'));
    expect(labels998).toEqual(['Centre I']);
    const labels95 = dataset<FunnelPointDatum>(funnelSpec(onLimits, { ...SIZE, labelLevel: '95' }), 'outlierLabels').map((p) => p.group).sort();
    expect(labels95).toEqual(strictlyOutside('95').sort());
    expect(labels95).toContain('Centre D');
    expect(labels95).not.toContain('Centre E');
    expect(outlierCentres(onLimits.groups, '95').sort()).toEqual(labels95);
    expect(dataset(funnelSpec(onLimits, { ...SIZE, labelOutliers: false }), 'outlierLabels')).toEqual([]);
  });

  it('names at most maxLabels outliers, the furthest from the target first, and says the table lists the rest', () => {
    const base = variationFixture({ ...TWELVE });
    const onLimits = variationFixture({ ...TWELVE, proportionOverride: { 3: base.groups[3].limits.u998 } });
    const outside95 = outlierCentres(onLimits.groups, '95');
    expect(outside95.length).toBeGreaterThan(1);
    const byDistance = onLimits.groups.filter((g) => outside95.includes(g.group)).sort((a, b) => Math.abs(b.z ?? 0) - Math.abs(a.z ?? 0)).map((g) => g.group);
    const spec = funnelSpec(onLimits, { ...SIZE, labelLevel: '95', maxLabels: 1 });
    const labels = dataset<FunnelPointDatum>(spec, 'outlierLabels').map((p) => p.group);
    expect(labels).toEqual(byDistance.slice(0, 1));
    expect(labelledOutliers(onLimits.groups, '95', 1, onLimits.target)).toEqual(byDistance.slice(0, 1));
    expect(String(usermetaOf(spec).footnote)).toContain(`The 1 furthest from the target of ${outside95.length} such centres are named`);
  });

  it('offers a click selection named "centre" on the group field, pre-selecting the given centre', () => {
    const spec = funnelSpec(variationFixture({ ...TWELVE }), { ...SIZE, selected: 'Centre C' });
    const json = JSON.stringify(spec);
    const layer = (spec as { layer: { params?: unknown[] }[] }).layer.find((l) => l.params);
    expect(layer?.params).toEqual([
      { name: 'centre', select: { type: 'point', fields: ['group'], on: 'click', clear: 'dblclick', toggle: false }, value: [{ group: 'Centre C' }] },
    ]);
    expect(json).toContain('"param":"centre"');
    const unselected = funnelSpec(variationFixture({ ...TWELVE }), SIZE) as { layer: { params?: { value?: unknown }[] }[] };
    expect(unselected.layer.find((l) => l.params)?.params?.[0].value).toBeUndefined();
  });

  it('titles the chart with the measure, as-of date and method, and states phi and tau²', () => {
    const spec = funnelSpec(variationFixture({ ...TWELVE, overdispersion: 'additive' }), SIZE) as { title: { text: string; subtitle: string[] } };
    expect(spec.title.text).toBe('Referral to neurology within 4 weeks');
    expect(spec.title.subtitle[0]).toContain('As of 31/03/2024');
    expect(spec.title.subtitle[0]).toContain('arcsine');
    expect(spec.title.subtitle[1]).toContain('phi = 1.48');
    expect(spec.title.subtitle[1]).toContain('tau² = 0.00099');
    expect(spec.title.subtitle[1]).toContain('widened');
    const custom = funnelSpec(variationFixture({ ...TWELVE }), { ...SIZE, title: 'My centre' }) as { title: { text: string } };
    expect(custom.title.text).toBe('My centre');
  });

  it('says so when the overdispersion adjustment fell back because phi <= 1', () => {
    const result = variationFixture({ x: [40, 80, 120, 160], n: [50, 100, 150, 200], overdispersion: 'additive' });
    expect(result.overdispersion.fallback).toBe(true);
    const spec = funnelSpec(result, SIZE);
    expect((spec.title as { subtitle: string[] }).subtitle[1]).toMatch(/phi <= 1, so no adjustment was made: unadjusted limits are shown/);
    expect(usermetaOf(spec).footnote).toMatch(/no adjustment/);
  });

  it('labels axes in words, carries the footnote in usermeta, and fetches nothing', () => {
    const spec = funnelSpec(variationFixture({ ...TWELVE }), SIZE);
    const json = JSON.stringify(spec);
    expect(json).toContain(FUNNEL_AXIS_TITLES.x);
    expect(json).toContain(FUNNEL_AXIS_TITLES.y);
    const meta = usermetaOf(spec);
    expect(meta.measureId).toBe('four-plus-four-referral');
    expect(meta.footnote).toMatch(/strictly outside the limits/);
    expect(json.match(/https?:\/\/[^"]*/g)).toEqual(['https://vega.github.io/schema/vega-lite/v6.json']);
    expect(json).not.toMatch(/"url"/);
  });

  it('draws only points when there is no target', async () => {
    const result = { ...variationFixture({ ...TWELVE }), target: null };
    const spec = funnelSpec(result, SIZE);
    expect(dataset(spec, 'limits')).toEqual([]);
    await renderChecked(spec);
  });

  it('places labels without overlap, with leader lines when displaced, and drops the least extreme with a note', () => {
    // 40 centres of similar size, every other one far out: too many labels for the space beside them.
    const n = Array.from({ length: 40 }, (_, i) => 200 + i * 5);
    const x = n.map((v, i) => (i % 2 ? Math.round(v * 0.95) : Math.round(v * 0.3)));
    const names = n.map((_, i) => `R${String(i).padStart(2, '0')}`);
    const result = variationFixture({ x, n, names, centreNames: names.map((c) => `${c} Long Hospital Name NHS Foundation Trust`) });
    const spec = funnelSpec(result, { ...SIZE, maxLabels: 40 });
    const labels = dataset<FunnelLabelDatum>(spec, 'outlierLabels');
    expect(labels.length).toBeGreaterThan(0);
    // Boxes in pixels, from the spec's own domains and size (as placeFunnelLabels computes them).
    const layer = (spec as { layer: { encoding?: { x?: { scale?: { domain?: number[] } }; y?: { scale?: { domain?: number[] } } } }[] }).layer;
    const xd = layer.find((l) => l.encoding?.x?.scale?.domain)?.encoding?.x?.scale?.domain as number[];
    const yd = layer.find((l) => l.encoding?.y?.scale?.domain)?.encoding?.y?.scale?.domain as number[];
    const box = (l: FunnelLabelDatum) => {
      const x0 = ((l.labelN - xd[0]) / (xd[1] - xd[0])) * SIZE.width;
      const yMid = SIZE.height - ((l.labelP - yd[0]) / (yd[1] - yd[0])) * SIZE.height;
      return { x0, x1: x0 + l.label.length * 6.2, y0: yMid - 7, y1: yMid + 7 };
    };
    const boxes = labels.map(box);
    for (let i = 0; i < boxes.length; i++) {
      expect(boxes[i].x0).toBeGreaterThanOrEqual(-1e-9);
      expect(boxes[i].x1).toBeLessThanOrEqual(SIZE.width + 1e-9);
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        expect(a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1, `${labels[i].group} overlaps ${labels[j].group}`).toBe(false);
      }
    }
    expect(labels.some((l) => l.leader)).toBe(true);
    const outside = outlierCentres(result.groups, '99.8').length;
    expect(labels.length).toBeLessThan(outside);
    expect(String(usermetaOf(spec).footnote)).toMatch(new RegExp(`${labels.length} of ${outside} such centres are named.*could not be named without overlapping labels`));
    expect(labels[0].label).toMatch(/^R\d\d R\d\d Long Hospital Name NH…$/);
    expect(labels[0].label).toHaveLength(30);
    // The same input always gives the same placement.
    expect(dataset(funnelSpec(result, { ...SIZE, maxLabels: 40 }), 'outlierLabels')).toEqual(labels);
  });

  it('places labels deterministically with placeFunnelLabels: right, then left, above, below', () => {
    const frame = { width: 200, height: 100, xDomain: [0, 100] as [number, number], yDomain: [0, 1] as [number, number] };
    const { placed, dropped } = placeFunnelLabels([
      { group: 'A', name: null, n: 50, proportion: 0.5 }, { group: 'B', name: null, n: 50, proportion: 0.5 }, { group: 'C', name: null, n: 95, proportion: 0.5 },
    ], frame);
    expect(placed.map((p) => [p.group, p.leader])).toEqual([['A', false], ['B', false], ['C', false]]);
    expect(placed[0].labelN).toBeGreaterThan(50);
    expect(placed[1].labelN).toBeLessThan(50);
    expect(placed[2].labelN).toBeLessThan(95);
    expect(dropped).toEqual([]);
  });

  it('fixes the y axis at 0-100% when asked, and marks a provisional standard in subtitle and footnote', () => {
    const base = variationFixture({ ...TWELVE });
    const provisional = { ...base, measure: { ...base.measure, provenance: 'provisional' as const } };
    const spec = funnelSpec(provisional, { ...SIZE, yAxis: 'full' });
    expect(JSON.stringify(spec)).toContain('"domain":[0,1]');
    expect((spec.title as { subtitle: string[] }).subtitle[0]).toMatch(/^Provisional standard · As of 31\/03\/2024/);
    expect(String(usermetaOf(spec).footnote)).toMatch(/Provisional: the standard is not yet confirmed/);
    expect(JSON.stringify(funnelSpec(base, SIZE))).not.toContain('"domain":[0,1]');
  });

  it('shows centre names in tooltips and the selected centre\'s label in a dark shade (4.5:1)', () => {
    const spec = funnelSpec(variationFixture({ ...TWELVE, centreNames: TWELVE.n.map((_, i) => `Trust ${i}`) }), { ...SIZE, selected: 'Centre C' });
    const points = dataset<FunnelPointDatum>(spec, 'centres');
    expect(points[2]).toMatchObject({ name: 'Trust 2', label: 'Centre C Trust 2' });
    expect(JSON.stringify(spec)).toContain('"title":"Name"');
    expect(JSON.stringify(spec)).toContain('#8E3A6D');
  });
});

describe('niceCeiling', () => {
  it('rounds a count axis end up to a close round number', () => {
    expect([1, 7, 95, 120, 1290, 2001, 40000].map(niceCeiling)).toEqual([1, 8, 100, 120, 1500, 2500, 40000]);
  });
});
