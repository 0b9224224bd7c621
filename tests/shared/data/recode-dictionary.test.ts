import { describe, expect, it } from 'vitest';
import { recodeDictionary } from '../../../shared/data/table';

describe('recodeDictionary', () => {
  it('merges values that become equal, in first-seen order, and keeps missing as missing', () => {
    const codes = Int32Array.from([0, 1, -1, 2, 1, 0]);
    const out = recodeDictionary(codes, ['RTH', 'rth', 'RNJ'].map((v) => v.toUpperCase()));
    expect(out.dictionary).toEqual(['RTH', 'RNJ']);
    expect([...out.codes]).toEqual([0, 0, -1, 1, 0, 0]);
  });
  it('returns the same codes array when nothing merges', () => {
    const codes = Int32Array.from([1, 0, -1]);
    const out = recodeDictionary(codes, ['a', 'b']);
    expect(out.codes).toBe(codes);
    expect(out.dictionary).toEqual(['a', 'b']);
  });
});
