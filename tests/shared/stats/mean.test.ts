import { describe, expect, it } from 'vitest';
import { compensatedSum, quantileType7, stableMean } from '../../../shared/stats/mean';

describe('stableMean', () => {
  it('averages twelve copies of 0.72 to exactly 0.72 (plain sum/n gives 0.7199999999999999)', () => {
    const values = Array.from({ length: 12 }, () => 0.72);
    expect(values.reduce((a, b) => a + b, 0) / 12).not.toBe(0.72);
    expect(stableMean(values)).toBe(0.72);
  });

  it('averages the XmR B baseline to exactly 0.72', () => {
    expect(stableMean([0.72, 0.75, 0.7, 0.74, 0.71, 0.73, 0.69, 0.74, 0.72, 0.7, 0.73, 0.71])).toBe(0.72);
  });

  it('returns a constant series exactly, whatever its length', () => {
    for (const value of [0.1, 0.3, 0.7, 1.1, 123.456, 1e-9]) {
      for (const n of [1, 3, 7, 10, 13, 100]) {
        expect(stableMean(Array.from({ length: n }, () => value))).toBe(value);
      }
    }
  });

  it('is NaN for no values', () => {
    expect(stableMean([])).toBeNaN();
  });

  it('keeps small terms that a naive sum loses', () => {
    expect(compensatedSum([1e16, 1, -1e16])).toBe(1);
    expect(stableMean([1e16, 1, -1e16, 3])).toBe(1);
  });
});

describe('quantileType7', () => {
  it('matches R quantile(type = 7)', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // R: quantile(1:10, c(0, .1, .25, .5, .9, 1)) = 1, 1.9, 3.25, 5.5, 9.1, 10
    expect(quantileType7(x, 0)).toBe(1);
    expect(quantileType7(x, 0.1)).toBeCloseTo(1.9, 14);
    expect(quantileType7(x, 0.25)).toBe(3.25);
    expect(quantileType7(x, 0.5)).toBe(5.5);
    expect(quantileType7(x, 0.9)).toBeCloseTo(9.1, 14);
    expect(quantileType7(x, 1)).toBe(10);
  });

  it('does not depend on input order and leaves the input alone', () => {
    const x = [5, 1, 4, 2, 3];
    expect(quantileType7(x, 0.5)).toBe(3);
    expect(quantileType7(x, 0.1)).toBeCloseTo(1.4, 14);
    expect(x).toEqual([5, 1, 4, 2, 3]);
  });

  it('handles one value, and rejects empty input or q outside [0, 1]', () => {
    expect(quantileType7([7], 0.3)).toBe(7);
    expect(quantileType7([], 0.5)).toBeNaN();
    expect(quantileType7([1, 2], 1.5)).toBeNaN();
  });
});
