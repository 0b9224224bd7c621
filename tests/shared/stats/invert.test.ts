import { describe, it } from 'vitest';
import { invertCdf } from '../../../shared/stats/invert';
import { expectRelative } from './near';

describe('invertCdf', () => {
  it('inverts the exponential distribution from a poor starting guess', () => {
    const exponential = { cdf: (x: number) => 1 - Math.exp(-x), density: (x: number) => Math.exp(-x) };
    for (const p of [1e-9, 0.1, 0.5, 0.99]) {
      expectRelative(invertCdf(exponential, p, 0, 100, 99), -Math.log1p(-p), 1e-13);
    }
  });

  it('falls back to bisection when the density is useless', () => {
    const uniform = { cdf: (x: number) => Math.min(1, Math.max(0, x)), density: () => 0 };
    expectRelative(invertCdf(uniform, 0.3, 0, 1, 0.9), 0.3, 1e-14);
  });
});
