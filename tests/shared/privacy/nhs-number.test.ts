import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, nhsCheckDigit, nhsDigits } from '../../../shared/privacy/nhs-number';

describe('NHS number Modulus 11', () => {
  it('accepts valid numbers, plain or in 3-3-4 groups', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
    expect(isValidNhsNumber(' 4010232137 ')).toBe(true);
  });

  it('rejects a wrong check digit, wrong length, letters and odd grouping', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347A5919')).toBe(false);
    expect(isValidNhsNumber('9434 76 5919')).toBe(false);
    expect(isValidNhsNumber('')).toBe(false);
  });

  it('computes the check digit: weights 10..2, 11 - (sum mod 11), 11 -> 0, 10 -> invalid', () => {
    // 943476591: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 mod 11 = 2; 11-2 = 9
    expect(nhsCheckDigit('943476591')).toBe(9);
    // sum = 0 -> 11 -> 0
    expect(nhsCheckDigit('000000000')).toBe(0);
    // 100000000: sum 10, 11 - 10 = 1
    expect(nhsCheckDigit('100000000')).toBe(1);
    // 000000001: sum 2 -> 11 - 2 = 9 ; 000000010: sum 3 -> 8; find a remainder-1 case (check 10 = invalid)
    // 000000050: 5*3 = 15, 15 mod 11 = 4 -> 7; 000000005: 5*2 = 10 -> mod 11 = 10 -> 1; 000000006: 12 mod 11 = 1 -> 10 -> invalid
    expect(nhsCheckDigit('000000006')).toBe(-1);
    expect(isValidNhsNumber('0000000060')).toBe(false);
  });

  it('extracts bare digits', () => {
    expect(nhsDigits('943 476 5919')).toBe('9434765919');
    expect(nhsDigits('abc')).toBeNull();
  });
});
