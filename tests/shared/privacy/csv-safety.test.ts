import { describe, expect, it } from 'vitest';
import { escapeCsvCell, isFormulaLike, toCsv } from '../../../shared/privacy/csv-safety';

describe('escapeCsvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://x.example","click")', `"'=HYPERLINK(""http://x.example"",""click"")"`],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['-2+3', "'-2+3"],
    ['-A1', "'-A1"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['+5', "'+5"],
  ])('prefixes formula-like text %j with a single quote', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it('leaves numbers alone, including negative numbers and text that is exactly a number', () => {
    expect(escapeCsvCell(-5)).toBe('-5');
    expect(escapeCsvCell(-0.25)).toBe('-0.25');
    expect(escapeCsvCell('-5')).toBe('-5');
    expect(escapeCsvCell('-12.5')).toBe('-12.5');
    expect(escapeCsvCell('-1e-3')).toBe('-1e-3');
    expect(escapeCsvCell(1e21)).toBe('1e+21');
    expect(isFormulaLike('-5')).toBe(false);
    expect(isFormulaLike('-5-5')).toBe(true);
  });

  it('quotes cells holding a comma, quote, line break or edge space (RFC 4180)', () => {
    expect(escapeCsvCell('Leeds, St James')).toBe('"Leeds, St James"');
    expect(escapeCsvCell('the "4+4" ambition')).toBe('"the ""4+4"" ambition"');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(escapeCsvCell(' padded')).toBe('" padded"');
    expect(escapeCsvCell('plain')).toBe('plain');
    expect(escapeCsvCell('a;b', ';')).toBe('"a;b"');
  });

  it('writes empty cells for missing values and numbers that are not finite', () => {
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
    expect(escapeCsvCell(Number.NaN)).toBe('');
    expect(escapeCsvCell(true)).toBe('true');
    expect(escapeCsvCell('*')).toBe('*');
  });
});

describe('toCsv', () => {
  it('writes a header and rows in column order with CRLF line endings', () => {
    const csv = toCsv([{ Centre: '=cmd', n: 40, '%': 75 }, { Centre: 'B, Ltd', n: '*', '%': '*' }], ['Centre', 'n', '%']);
    expect(csv).toBe("Centre,n,%\r\n'=cmd,40,75\r\n\"B, Ltd\",*,*\r\n");
  });

  it('escapes the header too and leaves missing columns empty', () => {
    expect(toCsv([{}], ['=x', 'y'], { newline: '\n' })).toBe("'=x,y\n,\n");
  });
});
