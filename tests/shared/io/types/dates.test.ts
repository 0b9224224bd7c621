import { describe, expect, it } from 'vitest';
import { isoFromDays } from '../../../../shared/data/table';
import { daysFromExcelSerial, EXCEL_SERIAL_MAX, expandYear, inferDateOrder, parseDate, type DateParseOptions } from '../../../../shared/io/types/dates';

const iso = (text: string, options: DateParseOptions = {}) => {
  const d = parseDate(text, options);
  return Number.isNaN(d) ? null : isoFromDays(d);
};

describe('parseDate', () => {
  it('reads ISO dates, with or without a time part', () => {
    expect(iso('2021-03-15')).toBe('2021-03-15');
    expect(iso('2021-3-5')).toBe('2021-03-05');
    expect(iso('2021-03-15T10:20:30Z')).toBe('2021-03-15');
    expect(iso('2021-03-15T10:20:30.123+01:00')).toBe('2021-03-15');
    expect(iso('2021-03-15 10:20')).toBe('2021-03-15');
    expect(iso(' 2021/03/15 ')).toBe('2021-03-15');
  });

  it('reads dd/mm/yyyy and d/m/yyyy (UK, the default) and mm/dd/yyyy when asked', () => {
    expect(iso('15/03/2021')).toBe('2021-03-15');
    expect(iso('5/3/2021')).toBe('2021-03-05');
    expect(iso('05/03/2021', { order: 'mdy' })).toBe('2021-05-03');
    expect(iso('03/15/2021', { order: 'mdy' })).toBe('2021-03-15');
    expect(iso('03/15/2021')).toBeNull(); // month 15 does not exist day-first
    expect(iso('15.03.2021')).toBe('2021-03-15');
    expect(iso('15-03-2021')).toBe('2021-03-15');
    expect(iso('15/03/2021 00:00')).toBe('2021-03-15');
    expect(iso('15/03/2021 9:05:00 AM')).toBe('2021-03-15');
  });

  it('reads d-MMM-yy and d-MMM-yyyy in any case, and month names spelt out', () => {
    expect(iso('5-Mar-21', { pivotYear: 2027 })).toBe('2021-03-05');
    expect(iso('05-mar-2021')).toBe('2021-03-05');
    expect(iso('5-MAR-2021')).toBe('2021-03-05');
    expect(iso('5 March 2021')).toBe('2021-03-05');
    expect(iso('1-Sept-2020')).toBe('2020-09-01');
    expect(iso('Mar 5, 2021')).toBe('2021-03-05');
    expect(iso('5-Foo-2021')).toBeNull();
  });

  it('maps two-digit years to the century that keeps them not after the pivot year', () => {
    expect(iso('5-Mar-68', { pivotYear: 2027 })).toBe('1968-03-05');
    expect(iso('5-Mar-27', { pivotYear: 2027 })).toBe('2027-03-05');
    expect(iso('5-Mar-28', { pivotYear: 2027 })).toBe('1928-03-05');
    expect(iso('15/03/99', { pivotYear: 2027 })).toBe('1999-03-15');
    expect(expandYear('00', 2027)).toBe(2000);
    expect(expandYear('2021', 2027)).toBe(2021);
  });

  it('reads yyyymmdd within 1900-2100 only', () => {
    expect(iso('20210315')).toBe('2021-03-15');
    expect(iso('18991231')).toBeNull();
    expect(iso('20211315')).toBeNull();
  });

  it('rejects impossible dates and non-dates', () => {
    expect(iso('29/02/2021')).toBeNull();
    expect(iso('29/02/2020')).toBe('2020-02-29');
    expect(iso('31/04/2021')).toBeNull();
    expect(iso('hello')).toBeNull();
    expect(iso('')).toBeNull();
    expect(iso('2021-03')).toBeNull();
  });
});

describe('Excel serial numbers (1900 system)', () => {
  it('are read only when allowed', () => {
    expect(iso('44270')).toBeNull();
    expect(iso('44270', { allowSerial: true })).toBe('2021-03-15');
    expect(iso('44270.75', { allowSerial: true })).toBe('2021-03-15');
  });

  it('handle the 1900 leap-year bug: 59 is 28 Feb, 60 does not exist, 61 is 1 Mar', () => {
    const s = (n: number) => (Number.isNaN(daysFromExcelSerial(n)) ? null : isoFromDays(daysFromExcelSerial(n)));
    expect(s(1)).toBe('1900-01-01');
    expect(s(59)).toBe('1900-02-28');
    expect(s(60)).toBeNull();
    expect(s(61)).toBe('1900-03-01');
    expect(s(25569)).toBe('1970-01-01');
    expect(s(0)).toBeNull();
  });

  it('are limited to 1900-2100', () => {
    expect(isoFromDays(daysFromExcelSerial(EXCEL_SERIAL_MAX))).toBe('2100-12-31');
    expect(daysFromExcelSerial(EXCEL_SERIAL_MAX + 1)).toBeNaN();
    expect(iso(String(EXCEL_SERIAL_MAX + 1), { allowSerial: true })).toBeNull();
  });
});

describe('inferDateOrder', () => {
  it('finds day-first when a day part is above 12', () => {
    expect(inferDateOrder(['01/02/2021', '25/12/2021'])).toEqual({ order: 'dmy', ambiguous: false, example: null });
  });

  it('finds month-first when the second part is above 12', () => {
    expect(inferDateOrder(['01/02/2021', '12/25/2021'])).toMatchObject({ order: 'mdy', ambiguous: false });
  });

  it('never guesses silently: all values readable both ways give the UK default and ambiguous', () => {
    expect(inferDateOrder(['01/02/2021', '03/04/2021', ''])).toEqual({ order: 'dmy', ambiguous: true, example: '01/02/2021' });
  });

  it('flags contradictory values as ambiguous', () => {
    expect(inferDateOrder(['25/12/2021', '12/25/2021', '13/01/2020'])).toMatchObject({ order: 'dmy', ambiguous: true });
  });

  it('is not ambiguous when day equals month everywhere, or when dates are ISO or named', () => {
    expect(inferDateOrder(['01/01/2021', '05/05/2020'])).toMatchObject({ order: 'dmy', ambiguous: false });
    expect(inferDateOrder(['2021-01-02', '2021-03-04'])).toEqual({ order: 'ymd', ambiguous: false, example: null });
    expect(inferDateOrder(['5-Mar-21', 'x'])).toEqual({ order: null, ambiguous: false, example: null });
  });
});
