import { describe, expect, it } from 'vitest';
import { gammaDensity, regularizedGamma } from '../../../shared/stats/incomplete-gamma';
import { expectNear, expectRelative } from './near';

describe('regularizedGamma', () => {
  it('has the closed form 1 - e^-x (1 + x) at shape 2, on both sides of the series / fraction switch', () => {
    for (const x of [0.1, 1, 2.9, 3, 3.1, 10, 40]) {
      const { lower, upper } = regularizedGamma(2, x);
      expectNear(lower, 1 - Math.exp(-x) * (1 + x), 1e-15);
      expectRelative(upper, Math.exp(-x) * (1 + x), 1e-14);
    }
  });

  it('handles the edges', () => {
    expect(regularizedGamma(3, 0)).toEqual({ lower: 0, upper: 1 });
    expect(regularizedGamma(3, Infinity)).toEqual({ lower: 1, upper: 0 });
    expect(regularizedGamma(-1, 2).lower).toBeNaN();
  });

  it('gammaDensity integrates the distribution function', () => {
    const h = 1e-5;
    for (const [a, x] of [[2.5, 1.7], [300, 310]]) {
      const slope = (regularizedGamma(a, x + h).lower - regularizedGamma(a, x - h).lower) / (2 * h);
      expectRelative(gammaDensity(a, x), slope, 1e-6);
    }
  });
});
