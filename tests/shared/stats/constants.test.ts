import { describe, expect, it } from 'vitest';
import {
  P95,
  P998,
  SPC_D2,
  SPC_LIMIT_MULTIPLIER,
  SPC_MR_SCREEN,
  Z95,
  Z998,
} from '../../../shared/stats/constants';
import { normalQuantile } from '../../../shared/stats/distributions';

describe('constants', () => {
  it('95% and 99.8% deviates are the normal quantiles of their upper tail probabilities', () => {
    expect(Math.abs(normalQuantile(P95.upper) - Z95)).toBeLessThan(1e-15);
    expect(Math.abs(normalQuantile(P998.upper) - Z998)).toBeLessThan(1e-15);
    expect(Math.abs(normalQuantile(P95.lower) + Z95)).toBeLessThan(1e-15);
    expect(Math.abs(normalQuantile(P998.lower) + Z998)).toBeLessThan(1e-15);
  });

  it('tail probabilities are two-sided and symmetric', () => {
    expect(P95.lower + P95.upper).toBe(1);
    expect(P998.lower + P998.upper).toBe(1);
    expect(Object.isFrozen(P95)).toBe(true);
  });

  it('the XmR multiplier is 3/d2 to the published two decimals', () => {
    expect(SPC_LIMIT_MULTIPLIER).toBe(2.66);
    expect(Math.abs(3 / SPC_D2 - SPC_LIMIT_MULTIPLIER)).toBeLessThan(0.005);
    expect(SPC_MR_SCREEN).toBe(3.267);
    expect(Math.abs(2 / Math.sqrt(Math.PI) - SPC_D2)).toBeLessThan(0.0005);
  });
});
