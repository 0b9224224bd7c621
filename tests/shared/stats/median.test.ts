import { describe, expect, it } from 'vitest';
import { binomialCdf } from '../../../shared/stats/distributions';
import { medianWithCI } from '../../../shared/stats/median';
import { expectNear } from './near';

describe('medianWithCI', () => {
  it('uses order statistics 2 and 9 for n = 10 at 95% (coverage 97.85%)', () => {
    const values = [12, 3, 45, 7, 22, 9, 31, 18, 5, 27];
    const result = medianWithCI(values, 0.95);
    expect(result.median).toBe(15);
    expect(result.lowerRank).toBe(2);
    expect(result.upperRank).toBe(9);
    expect(result.lower).toBe(5);
    expect(result.upper).toBe(31);
    // 1 - 2 P(B <= 1), B ~ Binomial(10, 1/2) = 1 - 2 * 11/1024.
    expectNear(result.coverage ?? Number.NaN, 1 - 22 / 1024, 1e-14);
  });

  it('matches published ranks for larger samples (n = 100: 40 and 61 at 95%)', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const result = medianWithCI(values, 0.95);
    expect(result.lowerRank).toBe(40);
    expect(result.upperRank).toBe(61);
    expect(result.lower).toBe(40);
    expect(result.upper).toBe(61);
    expect(result.coverage).toBeGreaterThanOrEqual(0.95);
  });

  it('always covers at least the requested confidence, with the narrowest symmetric ranks', () => {
    for (let n = 6; n <= 200; n++) {
      const result = medianWithCI(Array.from({ length: n }, (_, i) => i), 0.95);
      expect(result.coverage, `n=${n}`).toBeGreaterThanOrEqual(0.95);
      // One rank tighter, [X(l+1), X(n-l)], would fall below the confidence level.
      const l = result.lowerRank ?? 0;
      expect(1 - 2 * binomialCdf(l, n, 0.5), `n=${n}`).toBeLessThan(0.95);
    }
  });

  it('gives no interval when there are too few values (n = 5 at 95%)', () => {
    const result = medianWithCI([1, 2, 3, 4, 5], 0.95);
    expect(result.median).toBe(3);
    expect(result.lower).toBeNull();
    expect(result.upper).toBeNull();
    expect(medianWithCI([1, 2, 3, 4, 5, 6], 0.95).lowerRank).toBe(1);
  });

  it('names a value that is not a number', () => {
    expect(() => medianWithCI([1, Number.NaN], 0.95)).toThrow(/Value 2/);
    expect(() => medianWithCI([], 0.95)).toThrow(/at least one/);
  });
});
