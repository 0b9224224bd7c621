import { describe, expect, it } from 'vitest';
import { spineInputFromProfile, spineRows, spineSpec, type SpineInputRow, type SpineRow } from '../../../shared/charts/spine-spec';
import type { ProfileRow } from '../../../shared/analysis/profile';
import { expectNear } from '../stats/near';
import { dataset, renderChecked } from './render-check';

/** A high-is-good standard: benchmark 0.75, centres from 0.5 to 0.9 (half-width 0.25). */
const HIGH: SpineInputRow = {
  standardId: 'referral', title: 'Referral in 4 weeks', value: 0.7, lower: 0.6, upper: 0.8, benchmark: 0.75,
  q0: 0.5, q25: 0.65, q75: 0.82, q100: 0.9, polarity: 'high-is-good', significance: 'similar',
};

/** The same numbers where low is good. */
const LOW: SpineInputRow = { ...HIGH, standardId: 'waits', title: 'Waiting over 18 weeks', polarity: 'low-is-good', significance: 'worse' };

describe('spineRows', () => {
  it('puts the benchmark at 0 and the farther extreme at -1 or 1 (half-width max(|b - Q0|, |Q100 - b|))', () => {
    const [row] = spineRows([HIGH]);
    expectNear(row.halfWidth, 0.25, 1e-15);
    expect(row.benchmarkPosition).toBe(0);
    expectNear(row.rangeStart, -1, 1e-12);
    expectNear(row.rangeEnd, 0.6, 1e-12);
    expectNear(row.iqrStart, -0.4, 1e-12);
    expectNear(row.iqrEnd, 0.28, 1e-12);
    expectNear(row.position as number, -0.2, 1e-12);
    expectNear(row.lowerPosition as number, -0.6, 1e-12);
    expectNear(row.upperPosition as number, 0.2, 1e-12);
  });

  it('reverses the axis when low is good, so worse is always on the left', () => {
    const [high, low] = spineRows([HIGH, LOW]);
    expectNear(low.position as number, -(high.position as number), 1e-12);
    expectNear(low.position as number, 0.2, 1e-12);
    // Q100 (the worst when low is good) is now the left end; Q0 the right end.
    expectNear(low.rangeStart, -0.6, 1e-12);
    expectNear(low.rangeEnd, 1, 1e-12);
    expectNear(low.iqrStart, -0.28, 1e-12);
    expectNear(low.iqrEnd, 0.4, 1e-12);
    expect(low.worstText).toBe('90.0%');
    expect(low.bestText).toBe('50.0%');
    expect(high.worstText).toBe('50.0%');
  });

  it('keeps every position within -1..1 and a centre above the benchmark to the right when high is good', () => {
    const rows = spineRows([{ ...HIGH, value: 0.9 }, { ...HIGH, value: 0.5 }, { ...HIGH, polarity: 'none', value: 0.8 }]);
    expectNear(rows[0].position as number, 0.6, 1e-12);
    expectNear(rows[1].position as number, -1, 1e-12);
    expect(rows[2].position as number).toBeGreaterThan(0);
    for (const r of rows) for (const v of [r.rangeStart, r.rangeEnd, r.iqrStart, r.iqrEnd, r.position as number]) expect(Math.abs(v)).toBeLessThanOrEqual(1 + 1e-12);
  });

  it('gives no position to a missing value and centres everything when all centres equal the benchmark', () => {
    const [missing, flat] = spineRows([{ ...HIGH, value: null, lower: null, upper: null }, { ...HIGH, value: 0.5, benchmark: 0.5, q0: 0.5, q25: 0.5, q75: 0.5, q100: 0.5 }]);
    expect(missing.position).toBeNull();
    expect(missing.intervalText).toBe('n/a');
    expect([flat.position, flat.rangeStart, flat.rangeEnd]).toEqual([0, 0, 0]);
  });

  it('names the standard when a quartile is not a number', () => {
    expect(() => spineRows([{ ...HIGH, q25: Number.NaN }])).toThrow(/Referral in 4 weeks.*Q25/);
  });
});

describe('spineSpec', () => {
  it('compiles without warnings and renders, one marker per standard with a value', async () => {
    const input = [HIGH, LOW, { ...HIGH, standardId: 'none', title: 'No value', value: null, lower: null, upper: null, significance: 'not-compared' as const }];
    const spec = spineSpec(input, { width: 500, centre: 'Centre C' });
    await renderChecked(spec);
    expect(dataset<SpineRow>(spec, 'rows')).toHaveLength(3);
    expect(dataset<SpineRow>(spec, 'markers').map((r) => r.standardId)).toEqual(['referral', 'waits']);
    expect(JSON.stringify(spec)).toContain('Worse than benchmark');
  });

  it('reads a centre profile, leaving out standards with no centres', () => {
    const base: ProfileRow = {
      standardId: 'a', shortTitle: 'A', provenance: 'confirmed', direction: 'lower-is-better', n: 40, numerator: 10, value: 0.25, ci: [0.14, 0.4],
      benchmark: 0.3, spine: { q0: 0.1, q25: 0.2, q75: 0.35, q100: 0.5, benchmark: 0.3, halfWidth: 0.2 }, centres: 10, worst: 0.5, best: 0.1, period: 'as of 31/03/2024', comparison: 'not compared', tier: null, error: null,
    };
    const rows = spineInputFromProfile([base, { ...base, standardId: 'b', spine: null, benchmark: null }]);
    expect(rows).toEqual([{
      standardId: 'a', title: 'A', value: 0.25, lower: 0.14, upper: 0.4, benchmark: 0.3, q0: 0.1, q25: 0.2, q75: 0.35, q100: 0.5,
      polarity: 'low-is-good', significance: 'not-compared',
    }]);
  });
});
