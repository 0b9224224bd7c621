/** Dates typed and shown as dd/mm/yyyy whatever the locale; numbers at their field's precision; centres found by code or name. */
import { describe, expect, it } from 'vitest';
import { dateQueryToIso, formatFieldNumber, isoFromUkDate, ukDate } from '../../../renderer/src/display/format';
import { matchCentre } from '../../../renderer/src/components/CentrePicker';

describe('dates as dd/mm/yyyy', () => {
  it('shows an ISO date day first', () => {
    expect(ukDate('2024-03-31')).toBe('31/03/2024');
  });

  it('reads a typed date day first, with or without leading zeros', () => {
    expect(isoFromUkDate('31/03/2024')).toBe('2024-03-31');
    expect(isoFromUkDate(' 1/4/2024 ')).toBe('2024-04-01');
  });

  it('refuses dates that do not exist and text that is not a date', () => {
    expect(isoFromUkDate('31/02/2024')).toBeNull();
    expect(isoFromUkDate('29/02/2023')).toBeNull();
    expect(isoFromUkDate('2024-03-31')).toBeNull();
    expect(isoFromUkDate('03/31/2024')).toBeNull();
  });

  it('turns a date filter into the ISO form the worker reads, keeping the comparison', () => {
    expect(dateQueryToIso('< 31/03/2024')).toBe('<2024-03-31');
    expect(dateQueryToIso('>=01/01/2025')).toBe('>=2025-01-01');
    expect(dateQueryToIso('03/2024')).toBe('2024-03');
    expect(dateQueryToIso('2024-03')).toBe('2024-03');
    expect(dateQueryToIso('(missing)')).toBe('(missing)');
  });
});

describe('numbers by field', () => {
  it('shows EDSS and BMI to one decimal, counts as whole numbers', () => {
    expect(formatFieldNumber('edss', 3.5)).toBe('3.5');
    expect(formatFieldNumber('edss', 4)).toBe('4.0');
    expect(formatFieldNumber('bmi', 27.349)).toBe('27.3');
    expect(formatFieldNumber('relapses_12m', 2)).toBe('2');
  });

  it('shows other numbers without trailing zeros, at most two decimals', () => {
    expect(formatFieldNumber('score', 3.5)).toBe('3.5');
    expect(formatFieldNumber('score', 3.456)).toBe('3.46');
    expect(formatFieldNumber('score', 12)).toBe('12');
  });
});

describe('finding your centre', () => {
  const centres = [
    { code: 'R02', label: 'R02 Wyndworth and Penhalholt NHS Foundation Trust' },
    { code: 'R7U', label: 'R7U University Hospitals of Oakenham NHS Trust' },
  ];

  it('matches a code or the full label, ignoring case and extra spaces', () => {
    expect(matchCentre('r7u', centres)?.code).toBe('R7U');
    expect(matchCentre('R02  Wyndworth and Penhalholt NHS Foundation Trust', centres)?.code).toBe('R02');
  });

  it('does not guess from part of a name', () => {
    expect(matchCentre('Oakenham', centres)).toBeNull();
    expect(matchCentre('', centres)).toBeNull();
  });
});
