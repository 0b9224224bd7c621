import { describe, expect, it } from 'vitest';
import { cellValue, type Column } from '../../../../shared/data/table';
import type { RawColumn } from '../../../../shared/io/raw-table';
import { headerSuggestsDate, inferColumnKind, typeColumn, typeTable } from '../../../../shared/io/types/infer';
import { readDelimited } from '../../../../shared/io/read/delimited';

/** A raw column from cell values (null = empty). */
function raw(header: string, cells: (string | null)[]): RawColumn {
  const dictionary: string[] = [];
  const codes = new Int32Array(cells.length);
  cells.forEach((c, r) => {
    if (c === null) codes[r] = -1;
    else {
      let k = dictionary.indexOf(c);
      if (k < 0) k = dictionary.push(c) - 1;
      codes[r] = k;
    }
  });
  return { header, codes, dictionary };
}

const values = (c: Column) => Array.from({ length: c.kind === 'text' ? c.codes.length : c.values.length }, (_v, r) => cellValue(c, r));

describe('inferColumnKind', () => {
  it('tells dates, numbers and text apart by the share of distinct values that parse', () => {
    expect(inferColumnKind(raw('x', ['2021-01-02', '15/03/2021', null, 'NA']))).toBe('date');
    expect(inferColumnKind(raw('x', ['1', '2.5', '1,234', '-']))).toBe('number');
    expect(inferColumnKind(raw('x', ['RRMS', 'SPMS']))).toBe('text');
    expect(inferColumnKind(raw('x', [null, 'NA']))).toBe('text');
  });

  it('tolerates a few bad values (95% rule) but not many', () => {
    const good = Array.from({ length: 40 }, (_v, i) => String(i));
    expect(inferColumnKind(raw('x', [...good, 'oops']))).toBe('number');
    expect(inferColumnKind(raw('x', [...good.slice(0, 10), 'oops']))).toBe('text');
  });

  it('reads Excel serials as dates under a date header, or when all are serial-like integers', () => {
    expect(inferColumnKind(raw('Referral date', ['44270', '44300', '120']))).toBe('date');
    expect(inferColumnKind(raw('count', ['44270', '44300', '120']))).toBe('number');
    expect(inferColumnKind(raw('value', ['44270', '44300', '40000']))).toBe('date');
    expect(inferColumnKind(raw('value', ['44270', '44300.5']))).toBe('number');
  });

  it('reads yyyymmdd columns as dates', () => {
    expect(inferColumnKind(raw('x', ['20210315', '19991231']))).toBe('date');
  });

  it('headerSuggestsDate', () => {
    expect(headerSuggestsDate('Referral date')).toBe(true);
    expect(headerSuggestsDate('DOB')).toBe(true);
    expect(headerSuggestsDate('onset_dt')).toBe(true);
    expect(headerSuggestsDate('edss')).toBe(false);
  });
});

describe('typeColumn', () => {
  it('types dates through the dictionary and lists rows that did not parse', () => {
    const r = typeColumn(raw('referral_date', ['15/03/2021', null, 'NA', 'soon', '15/03/2021', '44270']), 'date');
    expect(r.column.kind).toBe('date');
    expect(values(r.column)).toEqual(['2021-03-15', null, null, null, '2021-03-15', '2021-03-15']);
    expect(Array.from(r.invalidRows)).toEqual([3]);
    expect(r.missing).toBe(2);
    expect(r.dateOrder).toBe('dmy');
  });

  it('uses the date order given (the person answered), else the one the values prove', () => {
    const col = raw('d', ['03/04/2021', '12/25/2021']);
    expect(values(typeColumn(col, 'date').column)).toEqual(['2021-03-04', '2021-12-25']);
    expect(typeColumn(col, 'date').dateOrder).toBe('mdy');
    const ambiguous = raw('d', ['03/04/2021']);
    expect(values(typeColumn(ambiguous, 'date').column)).toEqual(['2021-04-03']);
    expect(values(typeColumn(ambiguous, 'date', { dateOrder: 'mdy' }).column)).toEqual(['2021-03-04']);
  });

  it('types numbers with thousands separators and missing markers', () => {
    const r = typeColumn(raw('bmi', ['1,234.5', ' 22 ', 'N/A', 'heavy', null]), 'number');
    expect(values(r.column)).toEqual([1234.5, 22, null, null, null]);
    expect(Array.from(r.invalidRows)).toEqual([3]);
    expect(r.missing).toBe(2);
  });

  it('types text, dropping missing markers from the dictionary', () => {
    const col = raw('ms_type', ['RRMS', 'NA', 'SPMS', 'RRMS', null]);
    const r = typeColumn(col, 'text');
    expect(r.column.kind === 'text' && r.column.dictionary).toEqual(['RRMS', 'SPMS']);
    expect(values(r.column)).toEqual(['RRMS', null, 'SPMS', 'RRMS', null]);
    expect(r.missing).toBe(2);
    // Without markers the codes are shared, not copied.
    const plain = raw('x', ['a', 'b']);
    expect(typeColumn(plain, 'text').column.kind === 'text' && (typeColumn(plain, 'text').column as { codes: Int32Array }).codes).toBe(plain.codes);
  });

  it('lets the canonical kind win over inference', () => {
    const ids = raw('patient_id', ['44270', '44271']);
    expect(inferColumnKind(ids)).toBe('date');
    expect(values(typeColumn(ids, 'text').column)).toEqual(['44270', '44271']);
  });
});

describe('typeTable', () => {
  it('types a whole CSV extract', () => {
    const t = readDelimited(new TextEncoder().encode('id,referral_date,edss,ms_type\nP1,15/03/2021,3.5,RRMS\nP2,5-Apr-2021,NA,SPMS\n'), 'x.csv');
    const table = typeTable(t);
    expect(table.rowCount).toBe(2);
    expect(table.columns.map((c) => c.kind)).toEqual(['text', 'date', 'number', 'text']);
    expect(values(table.columns[1])).toEqual(['2021-03-15', '2021-04-05']);
  });
});
