import { describe, expect, it } from 'vitest';
import { assertConfidence, assertProportionCounts } from '../../../shared/stats/interval';

describe('interval input checks', () => {
  it('accepts valid counts and confidence levels', () => {
    expect(() => assertProportionCounts(0, 1)).not.toThrow();
    expect(() => assertProportionCounts(5, 5)).not.toThrow();
    expect(() => assertConfidence(0.998)).not.toThrow();
  });

  it('says what is wrong in words', () => {
    expect(() => assertProportionCounts(-1, 5)).toThrow('numerator between 0 and the denominator 5, but it was -1');
    expect(() => assertProportionCounts(1, Number.NaN)).toThrow('denominator above 0');
    expect(() => assertConfidence(1)).toThrow('between 0 and 1 (0.95 for 95%)');
  });
});
