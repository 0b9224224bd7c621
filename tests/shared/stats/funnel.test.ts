import { describe, expect, it } from 'vitest';
import { P95, P998, Z95, Z998 } from '../../../shared/stats/constants';
import {
  arcsineLimits,
  exactLimitParts,
  funnelLimits,
  funnelPosition,
  pooledTarget,
  type FunnelMethod,
} from '../../../shared/stats/funnel';
import { expectNear } from './near';

// methods.md, "Funnel limits, theta = 0.8": n, exact L95 U95 L99.8 U99.8, normal L95 U95, arcsine L95 U95 L99.8 U99.8.
const TABLE: number[][] = [
  [10, 0.470506, 0.976717, 0.302464, 0.999069, 0.552082, 1.047918, 0.511852, 0.976547, 0.336222, 1],
  [25, 0.610418, 0.924048, 0.501553, 0.989412, 0.643203, 0.956797, 0.624433, 0.930057, 0.512726, 0.976281],
  [50, 0.672906, 0.895595, 0.600856, 0.945224, 0.689128, 0.910872, 0.679091, 0.898007, 0.602506, 0.941103],
  [100, 0.713524, 0.870258, 0.663234, 0.909022, 0.721601, 0.878399, 0.716359, 0.872154, 0.664138, 0.907441],
  [250, 0.747275, 0.846514, 0.716591, 0.872495, 0.750416, 0.849584, 0.748241, 0.847155, 0.716608, 0.871969],
  [1000, 0.774416, 0.823997, 0.759568, 0.837717, 0.775208, 0.824792, 0.774648, 0.8242, 0.759542, 0.837595],
];

describe('funnelLimits reference table (theta = 0.8)', () => {
  it.each(TABLE)('n = %s: every column to 1e-6', (n, ...expected) => {
    const exact95 = funnelLimits(0.8, n, P95, Z95, 'exact');
    const exact998 = funnelLimits(0.8, n, P998, Z998, 'exact');
    const normal95 = funnelLimits(0.8, n, P95, Z95, 'normal');
    const arcsine95 = funnelLimits(0.8, n, P95, Z95, 'arcsine');
    const arcsine998 = funnelLimits(0.8, n, P998, Z998, 'arcsine');
    const actual = [
      exact95.lower, exact95.upper, exact998.lower, exact998.upper,
      normal95.lower, normal95.upper,
      arcsine95.lower, arcsine95.upper, arcsine998.lower, arcsine998.upper,
    ];
    const labels = ['exact L95', 'exact U95', 'exact L99.8', 'exact U99.8', 'normal L95', 'normal U95',
      'arcsine L95', 'arcsine U95', 'arcsine L99.8', 'arcsine U99.8'];
    actual.forEach((value, i) => expectNear(value, expected[i], 1e-6, `n=${n} ${labels[i]}`));
  });

  it('intermediate (r_p, alpha) at n = 100 for p = 0.025 / 0.975 / 0.001 / 0.999', () => {
    const expected: Array<[number, number, number]> = [
      [0.025, 72, 0.647609],
      [0.975, 88, 0.974223],
      [0.001, 67, 0.676585],
      [0.999, 91, 0.097825],
    ];
    for (const [p, r, alpha] of expected) {
      const parts = exactLimitParts(0.8, 100, p);
      expect(parts.r).toBe(r);
      expectNear(parts.alpha, alpha, 1e-6, `alpha at p=${p}`);
    }
  });
});

describe('arcsine limits clamp the angle, not the value', () => {
  it('gives exactly 1 when the angle passes pi/2 (n = 10, 99.8%)', () => {
    const limits = arcsineLimits(0.8, 10, Z998);
    expect(limits.upper).toBe(1);
    // Clamping the value instead would fold back: sin^2 of the unclamped angle is below 1.
    const angle = Math.asin(Math.sqrt(0.8)) + Z998 / (2 * Math.sqrt(10));
    expect(angle).toBeGreaterThan(Math.PI / 2);
    expect(Math.sin(angle) ** 2).toBeLessThan(1);
  });

  it('gives exactly 0 when the angle falls below 0', () => {
    expect(arcsineLimits(0.02, 5, Z998).lower).toBe(0);
  });

  it('widens with additive tau2', () => {
    const plain = arcsineLimits(0.8, 100, Z95);
    const wider = arcsineLimits(0.8, 100, Z95, 0.001);
    expect(wider.lower).toBeLessThan(plain.lower);
    expect(wider.upper).toBeGreaterThan(plain.upper);
    expect(funnelLimits(0.8, 100, P95, Z95, 'arcsine', 0.001)).toEqual(wider);
  });

  it('refuses tau2 for methods it does not apply to', () => {
    expect(() => funnelLimits(0.8, 100, P95, Z95, 'exact', 0.001)).toThrow(/arcsine/);
  });
});

describe('funnel properties', () => {
  const methods: FunnelMethod[] = ['exact', 'normal', 'arcsine'];
  const thetas = [0.05, 0.3, 0.5, 0.8, 0.97];
  const sizes = [3, 5, 8, 12, 20, 35, 50, 80, 120, 200, 500, 1000, 5000];

  it('normal and arcsine limits widen at every step as n shrinks', () => {
    for (const method of ['normal', 'arcsine'] as const) {
      for (const theta of thetas) {
        for (const [p, z] of [[P95, Z95], [P998, Z998]] as const) {
          for (let n = 2; n <= 400; n++) {
            const small = funnelLimits(theta, n - 1, p, z, method);
            const large = funnelLimits(theta, n, p, z, method);
            expect(small.lower, `${method} theta=${theta} n=${n - 1}`).toBeLessThanOrEqual(large.lower);
            expect(small.upper, `${method} theta=${theta} n=${n - 1}`).toBeGreaterThanOrEqual(large.upper);
          }
        }
      }
    }
  });

  it('exact limits widen as n halves once the expected count is at least 1', () => {
    // Interpolated exact limits wiggle by up to ~1e-3 from one n to the next (the binomial is discrete),
    // so the property is checked between n and 2n, where it holds (checked for n up to 2000).
    for (const theta of [0.01, ...thetas, 0.99]) {
      for (const [p, z] of [[P95, Z95], [P998, Z998]] as const) {
        for (let n = Math.ceil(1 / Math.min(theta, 1 - theta)); n <= 500; n++) {
          const small = funnelLimits(theta, n, p, z, 'exact');
          const large = funnelLimits(theta, 2 * n, p, z, 'exact');
          expect(small.lower, `theta=${theta} n=${n}`).toBeLessThanOrEqual(large.lower);
          expect(small.upper, `theta=${theta} n=${n}`).toBeGreaterThanOrEqual(large.upper);
        }
      }
    }
  });

  it('limits widen along the reference sizes for every method', () => {
    for (const method of methods) {
      for (const theta of thetas) {
        for (let i = 1; i < sizes.length; i++) {
          if (method === 'exact' && sizes[i - 1] * Math.min(theta, 1 - theta) < 1) continue;
          const small = funnelLimits(theta, sizes[i - 1], P95, Z95, method);
          const large = funnelLimits(theta, sizes[i], P95, Z95, method);
          expect(small.lower, `${method} theta=${theta} n=${sizes[i - 1]}`).toBeLessThanOrEqual(large.lower);
          expect(small.upper, `${method} theta=${theta} n=${sizes[i - 1]}`).toBeGreaterThanOrEqual(large.upper);
        }
      }
    }
  });

  it('exact and arcsine limits stay in [0, 1]', () => {
    for (const method of ['exact', 'arcsine'] as const) {
      for (const theta of [0, 0.001, ...thetas, 0.999, 1]) {
        for (const n of sizes) {
          for (const [p, z] of [[P95, Z95], [P998, Z998]] as const) {
            const { lower, upper } = funnelLimits(theta, n, p, z, method);
            expect(lower).toBeGreaterThanOrEqual(0);
            expect(upper).toBeLessThanOrEqual(1);
            expect(lower).toBeLessThanOrEqual(upper);
          }
        }
      }
    }
  });

  it('lower <= theta <= upper (exact: once n theta and n (1 - theta) are at least 1)', () => {
    for (const method of methods) {
      for (const theta of [0.001, 0.01, ...thetas, 0.99, 0.999]) {
        for (let n = 1; n <= 400; n++) {
          if (method === 'exact' && n * Math.min(theta, 1 - theta) < 1) continue;
          for (const [p, z] of [[P95, Z95], [P998, Z998]] as const) {
            const { lower, upper } = funnelLimits(theta, n, p, z, method);
            expect(lower, `${method} theta=${theta} n=${n}`).toBeLessThanOrEqual(theta);
            expect(upper, `${method} theta=${theta} n=${n}`).toBeGreaterThanOrEqual(theta);
          }
        }
      }
    }
  });

  it('exact upper limit is 0 when even one event would be improbable (r_p = 0)', () => {
    // theta = 0.001, n = 3: P(X >= 1) = 0.003 < 0.025, so any event lies above the funnel.
    const limits = funnelLimits(0.001, 3, P95, Z95, 'exact');
    expect(limits.upper).toBe(0);
    expect(funnelPosition(0, limits)).toBe('inside');
    expect(funnelPosition(1 / 3, limits)).toBe('above');
  });

  it('99.8% limits contain 95% limits', () => {
    for (const method of methods) {
      for (const n of sizes) {
        const inner = funnelLimits(0.6, n, P95, Z95, method);
        const outer = funnelLimits(0.6, n, P998, Z998, method);
        expect(outer.lower).toBeLessThanOrEqual(inner.lower);
        expect(outer.upper).toBeGreaterThanOrEqual(inner.upper);
      }
    }
  });

  it('normal limits are unclamped, as the reference table shows', () => {
    expect(funnelLimits(0.8, 10, P95, Z95, 'normal').upper).toBeGreaterThan(1);
  });

  it('rejects a target outside [0, 1] or a denominator of 0', () => {
    expect(() => funnelLimits(1.2, 10, P95, Z95, 'exact')).toThrow(/target/);
    expect(() => funnelLimits(0.5, 0, P95, Z95, 'arcsine')).toThrow(/denominator/);
  });
});

describe('pooledTarget and funnelPosition', () => {
  it('pools numerators over denominators', () => {
    const n = [25, 40, 60, 80, 100, 120, 150, 180, 220, 260, 320, 400];
    const x = [17, 35, 46, 66, 71, 99, 118, 147, 140, 214, 262, 318];
    expect(pooledTarget(x, n)).toBe(1533 / 1955);
    expectNear(pooledTarget(x, n), 0.78414322, 1e-8);
    expect(() => pooledTarget([1], [1, 2])).toThrow(/length/);
    expect(() => pooledTarget([0], [0])).toThrow(/more than 0/);
  });

  it('counts a centre as an outlier only when strictly outside', () => {
    const limits = { lower: 0.7, upper: 0.9 };
    expect(funnelPosition(0.9, limits)).toBe('inside');
    expect(funnelPosition(0.7, limits)).toBe('inside');
    expect(funnelPosition(0.9000001, limits)).toBe('above');
    expect(funnelPosition(0.6999999, limits)).toBe('below');
  });
});
