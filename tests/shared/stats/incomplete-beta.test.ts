import { describe, expect, it } from 'vitest';
import { betaDensity, regularizedBeta } from '../../../shared/stats/incomplete-beta';
import { expectNear, expectRelative } from './near';

describe('regularizedBeta', () => {
  it('has closed forms and the symmetry I_x(a, b) = 1 - I_(1-x)(b, a)', () => {
    for (const x of [0.05, 0.4, 0.5, 0.6, 0.95]) {
      expectNear(regularizedBeta(x, 2, 2).lower, 3 * x * x - 2 * x ** 3, 1e-15);
      const left = regularizedBeta(x, 3.5, 7.25);
      const right = regularizedBeta(1 - x, 7.25, 3.5);
      expectNear(left.lower, right.upper, 1e-14);
      expectNear(left.lower + left.upper, 1, 1e-15);
    }
  });

  it('keeps precision in the far tails', () => {
    // I_x(1, b) = 1 - (1-x)^b, so the upper tail is (1-x)^b.
    expectRelative(regularizedBeta(0.5, 1, 60).upper, 0.5 ** 60, 1e-13);
  });

  it('handles the edges', () => {
    expect(regularizedBeta(0, 2, 3)).toEqual({ lower: 0, upper: 1 });
    expect(regularizedBeta(1, 2, 3)).toEqual({ lower: 1, upper: 0 });
    expect(regularizedBeta(0.5, 0, 3).lower).toBeNaN();
  });

  it('betaDensity integrates the distribution function', () => {
    const h = 1e-6;
    for (const [x, a, b] of [[0.3, 2, 5], [0.72, 180, 71]]) {
      const slope = (regularizedBeta(x + h, a, b).lower - regularizedBeta(x - h, a, b).lower) / (2 * h);
      expectRelative(betaDensity(x, a, b), slope, 1e-6);
    }
    expect(betaDensity(0, 1, 4)).toBe(4);
  });
});
