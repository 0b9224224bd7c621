import { describe, expect, it } from 'vitest';
import { estimateTextWidth, FOOTNOTE_STYLE, footnoteBlock, wrapLine } from '../../../shared/charts/footnote';

describe('footnote wrapping', () => {
  const mono = (t: string): number => t.length * 10;

  it('wraps at spaces so no line is wider than the width', () => {
    expect(wrapLine('aaa bbb ccc dddd', 80, mono)).toEqual(['aaa bbb', 'ccc dddd']);
    for (const line of wrapLine('The quick brown fox jumps over the lazy dog '.repeat(10), 200, mono)) expect(mono(line)).toBeLessThanOrEqual(200);
  });

  it('breaks a word longer than the line', () => {
    expect(wrapLine('abcdefghijkl', 50, mono)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('keeps an empty line, and refuses a zero width', () => {
    expect(wrapLine('', 50, mono)).toEqual(['']);
    expect(() => wrapLine('x', 0, mono)).toThrow(/positive width/);
  });

  it('gives the block height for a full background', () => {
    const block = footnoteBlock(['Method: '.repeat(40), 'Dataset: x.csv'], 600);
    expect(block.lines.length).toBeGreaterThan(2);
    for (const l of block.lines) expect(estimateTextWidth(l)).toBeLessThanOrEqual(600 - 2 * FOOTNOTE_STYLE.marginPx);
    expect(block.height).toBe(2 * FOOTNOTE_STYLE.padPx + block.lines.length * FOOTNOTE_STYLE.linePx);
    expect(footnoteBlock([], 600).height).toBe(0);
  });
});
