import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../shared/output/words';

describe('formatCount', () => {
  it('groups integers exactly as en-GB toLocaleString does (it no longer calls it for them)', () => {
    const values = [0, -0, 1, 7, 12, 999, 1000, 1001, 9999, 12345, 100000, 999999, 1000000, 1234567, 2 ** 31, Number.MAX_SAFE_INTEGER, -1, -999, -1000, -1234567, 0.4, -0.4, 2.5, -2.5, 1234.5, 999.5];
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      values.push((seed % 2 ? -1 : 1) * Math.floor(seed / 7) / (k % 3 === 0 ? 10 : 1));
    }
    for (const v of values) expect(formatCount(v), String(v)).toBe(Math.round(v).toLocaleString('en-GB'));
  });
  it('leaves what is not a safe integer to toLocaleString', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, -Infinity, 1e21, -1e300]) expect(formatCount(v)).toBe(Math.round(v).toLocaleString('en-GB'));
  });
});
