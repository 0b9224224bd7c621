import { describe, expect, it } from 'vitest';
import { Z95 } from '../../../shared/stats/constants';
import { newcombeDifference } from '../../../shared/stats/newcombe';
import { expectNear } from './near';

// Newcombe RG. Interval estimation for the difference between independent proportions: comparison of
// eleven methods. Stat Med 1998;17:873-890, Table II, method 10 (hybrid score), 4 decimals.
describe('Newcombe hybrid score interval for a difference of proportions', () => {
  it('56/70 - 48/80: 0.2000 (0.0524, 0.3339)', () => {
    const d = newcombeDifference(48, 80, 56, 70, Z95);
    expectNear(d.difference, 0.2, 1e-12);
    expectNear(d.lower, 0.0524, 5e-5);
    expectNear(d.upper, 0.3339, 5e-5);
  });

  it('9/10 - 3/10: 0.6000 (0.1705, 0.8090)', () => {
    const d = newcombeDifference(3, 10, 9, 10, Z95);
    expectNear(d.lower, 0.1705, 5e-5);
    expectNear(d.upper, 0.809, 5e-5);
  });

  it('5/56 - 0/29: (-0.0381, 0.1926), mirrored when the order is swapped', () => {
    const d = newcombeDifference(0, 29, 5, 56, Z95);
    expectNear(d.lower, -0.0381, 5e-5);
    expectNear(d.upper, 0.1926, 5e-5);
    const swapped = newcombeDifference(5, 56, 0, 29, Z95);
    expectNear(swapped.lower, -d.upper, 1e-15);
    expectNear(swapped.upper, -d.lower, 1e-15);
  });

  it('uses the Wilson intervals of each proportion (methods.md vectors: 3/10 95% (0.107791, 0.603222))', () => {
    const d = newcombeDifference(3, 10, 45, 50, Z95);
    expectNear(d.first.lower, 0.107791);
    expectNear(d.first.upper, 0.603222);
    expectNear(d.second.lower, 0.786398);
    expectNear(d.second.upper, 0.956524);
    expect(d.lower).toBeLessThan(d.difference);
  });
});
