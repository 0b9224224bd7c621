import { describe, expect, it } from 'vitest';
import { isMissingToken, MISSING_TOKENS, parseNumber } from '../../../../shared/io/types/numbers';

describe('parseNumber', () => {
  it('reads plain, signed, decimal and exponent numbers with spaces around', () => {
    expect(parseNumber('42')).toBe(42);
    expect(parseNumber('  -3.5 ')).toBe(-3.5);
    expect(parseNumber('+7')).toBe(7);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('5.')).toBe(5);
    expect(parseNumber('1e3')).toBe(1000);
  });

  it('reads thousands separators in groups of three only', () => {
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber('-12,345,678')).toBe(-12345678);
    expect(parseNumber('1,23')).toBeNaN();
    expect(parseNumber('12,34,567')).toBeNaN();
  });

  it('reads decimal commas when asked', () => {
    expect(parseNumber('1,5', { decimalComma: true })).toBe(1.5);
    expect(parseNumber('1.234,5', { decimalComma: true })).toBe(1234.5);
    expect(parseNumber('1,5')).toBeNaN();
  });

  it('does not read percentages, currency, text or missing markers', () => {
    for (const s of ['50%', '£5', 'abc', '', 'NA', '-', '.', '1 2', '0x10', 'Infinity']) expect(parseNumber(s)).toBeNaN();
  });
});

describe('isMissingToken', () => {
  it('recognises the missing markers in any case and with spaces', () => {
    for (const s of ['NA', 'n/a', 'N/A', '#N/A', 'null', 'NULL', '-', '.', ' na ', '', '   ', 'NaN']) expect(isMissingToken(s)).toBe(true);
    for (const s of ['none', '0', 'No', 'nab']) expect(isMissingToken(s)).toBe(false);
    expect(MISSING_TOKENS).toContain('n/a');
  });
});
