/** Footnotes under exported charts wrap to the chart's width, never run off the image. */
import { describe, expect, it } from 'vitest';
import { wrapLines } from '../../../renderer/src/export/chart-image';

const monospace = (text: string): number => text.length * 6;

describe('wrapLines', () => {
  it('keeps short lines as they are, one per footnote line', () => {
    expect(wrapLines(['Measure: 4+4 part 1', 'As of 30/09/2026'], 600, monospace)).toEqual(['Measure: 4+4 part 1', 'As of 30/09/2026']);
  });

  it('wraps a long line at spaces so no line is wider than the width', () => {
    const long = 'Method: arcsine-scale limits widened for overdispersion (additive random effects, Spiegelhalter 2012), target 41.1% (all centres pooled)';
    const lines = wrapLines([long], 300, monospace);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(monospace(line)).toBeLessThanOrEqual(300);
    expect(lines.join(' ')).toBe(long);
  });

  it('breaks a word wider than the column (a hash) instead of overflowing', () => {
    const hash = 'a'.repeat(120);
    const lines = wrapLines([`SHA-256 ${hash}`], 300, monospace);
    for (const line of lines) expect(monospace(line)).toBeLessThanOrEqual(300);
    expect(lines.join('').replace('SHA-256', '')).toBe(hash);
  });

  it('keeps an empty footnote line as an empty line', () => {
    expect(wrapLines([''], 300, monospace)).toEqual(['']);
  });
});
