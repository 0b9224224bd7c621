import { describe, expect, it } from 'vitest';
import { compareToBenchmark, spinePosition, spineScale } from '../../../shared/stats/benchmark';
import { Z95 } from '../../../shared/stats/constants';
import { wilsonInterval } from '../../../shared/stats/wilson';

describe('compareToBenchmark (Fingertips)', () => {
  const interval = { lower: 0.6, upper: 0.7 };

  it('is similar when the benchmark is inside the interval, ends included', () => {
    for (const polarity of ['high-is-good', 'low-is-good', 'none'] as const) {
      expect(compareToBenchmark(interval, 0.65, polarity)).toBe('similar');
      expect(compareToBenchmark(interval, 0.6, polarity)).toBe('similar');
      expect(compareToBenchmark(interval, 0.7, polarity)).toBe('similar');
    }
  });

  it('is better or worse by polarity, higher or lower without', () => {
    expect(compareToBenchmark(interval, 0.5, 'high-is-good')).toBe('better');
    expect(compareToBenchmark(interval, 0.8, 'high-is-good')).toBe('worse');
    expect(compareToBenchmark(interval, 0.5, 'low-is-good')).toBe('worse');
    expect(compareToBenchmark(interval, 0.8, 'low-is-good')).toBe('better');
    expect(compareToBenchmark(interval, 0.5, 'none')).toBe('higher');
    expect(compareToBenchmark(interval, 0.8, 'none')).toBe('lower');
  });

  it('works on a Wilson interval: 180/250 against 0.8 is worse when high is good', () => {
    expect(compareToBenchmark(wilsonInterval(180, 250, Z95), 0.8, 'high-is-good')).toBe('worse');
    expect(compareToBenchmark(wilsonInterval(180, 250, Z95), 0.7, 'high-is-good')).toBe('similar');
  });

  it('refuses to compare with a missing number', () => {
    expect(() => compareToBenchmark({ lower: Number.NaN, upper: 1 }, 0.5, 'none')).toThrow(/number/);
  });
});

describe('spineScale', () => {
  it('gives Q0/Q25/Q75/Q100 and a half-width that centres the benchmark', () => {
    const scale = spineScale([0.5, 0.9, 0.6, 0.7, 0.8], 0.75);
    expect(scale.q0).toBe(0.5);
    expect(scale.q25).toBe(0.6);
    expect(scale.q75).toBe(0.8);
    expect(scale.q100).toBe(0.9);
    expect(scale.halfWidth).toBeCloseTo(0.25, 15);
  });

  it('skips centres without a value and rejects an all-missing indicator', () => {
    expect(spineScale([Number.NaN, 2, 4], 3).q0).toBe(2);
    expect(() => spineScale([Number.NaN], 3)).toThrow(/at least one/);
  });

  it('puts the benchmark in the middle and worse on the left for either polarity', () => {
    const scale = spineScale([0.5, 0.9], 0.75);
    expect(spinePosition(0.75, scale, 'high-is-good')).toBe(0.5);
    expect(spinePosition(0.5, scale, 'high-is-good')).toBeCloseTo(0, 15);
    expect(spinePosition(0.5, scale, 'low-is-good')).toBeCloseTo(1, 15);
    expect(spinePosition(0.9, scale, 'low-is-good')).toBeLessThan(0.5);
    expect(spinePosition(3, spineScale([3, 3], 3), 'none')).toBe(0.5);
  });
});
