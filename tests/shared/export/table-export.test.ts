import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import {
  excelSheetName, exportCsv, exportFileName, exportXlsx, footnoteLines, suppressVariationTable, VARIATION_COLUMNS, variationFootnote, variationTableRows,
  type VariationTableRow,
} from '../../../shared/export/table-export';
import { variationFixture } from '../charts/variation-fixture';

/** Eight centres: A has 3 meeting (primary), B falls 2 short of its n (the shortfall is small), C has n = 5. */
const RESULT = variationFixture({
  x: [3, 38, 4, 60, 70, 45, 90, 120],
  n: [40, 40, 5, 80, 90, 60, 100, 150],
  names: ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', '=Zeta', 'Eta', 'Theta'],
  tiers: ['below core', 'aspirational', 'achievable', 'core', 'core', 'core', 'aspirational', 'achievable'],
});

const DATASET = { fileName: 'ms-extract-2024-03.csv', sha256: '3F2A9C1B7D4E5566778899AABBCCDDEEFF00112233445566778899AABBCCDDEE', importedAt: '2024-04-02T09:15:00Z' };

describe('variationTableRows', () => {
  it('gives one row per centre with the league-table columns in order', () => {
    const rows = variationTableRows(RESULT);
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0])).toEqual([...VARIATION_COLUMNS]);
    expect(rows[3]).toEqual({
      Centre: 'Delta', n: 80, Numerator: 60, '%': 75, '95% CI lower': 64.5, '95% CI upper': 83.2,
      Band: 'Within limits', Tier: 'Core', 'Median days': 23,
    });
  });

  it('rounds percentages to the decimals asked for', () => {
    expect(variationTableRows(RESULT, { decimals: 0 })[3]['95% CI lower']).toBe(65);
  });
});

describe('suppressVariationTable', () => {
  const { rows, suppressedCells, note } = suppressVariationTable(variationTableRows(RESULT));
  const byCentre = (name: string): VariationTableRow => rows.find((r) => r.Centre === name) as VariationTableRow;

  it('hides a small numerator with its percentage and interval, keeping band and tier', () => {
    expect(byCentre('Alpha')).toMatchObject({ Numerator: '*', '%': '*', '95% CI lower': '*', '95% CI upper': '*', Tier: 'Below core' });
    expect(byCentre('Alpha').Band).not.toBe('*');
  });

  it('hides a second denominator so the national total cannot reveal the small one', () => {
    // Gamma's n = 5 is hidden; with national totals known, the next smallest n (Alpha's 40) goes too.
    expect(byCentre('Alpha').n).toBe('*');
    expect(suppressedCells).toContainEqual({ row: 0, column: 'n', reason: 'secondary' });
    expect(byCentre('Beta').n).toBe(40);
  });

  it('hides the numerator when the shortfall n - numerator is small, since it would reveal it', () => {
    expect(byCentre('Beta')).toMatchObject({ n: 40, Numerator: '*', '%': '*' });
  });

  it('hides a small denominator and the median wait that rests on it', () => {
    expect(byCentre('Gamma')).toMatchObject({ n: '*', Numerator: '*', 'Median days': '*' });
  });

  it('never publishes the working shortfall column', () => {
    expect(rows.every((r) => !('Not meeting' in r))).toBe(true);
    expect(suppressedCells.every((c) => c.column !== 'Not meeting')).toBe(true);
  });

  it('leaves no hidden numerator that the national total would reveal', () => {
    const hiddenNumerators = rows.filter((r) => r.Numerator === '*').length;
    const hiddenN = rows.filter((r) => r.n === '*').length;
    expect(hiddenNumerators).toBeGreaterThanOrEqual(2);
    expect(hiddenN === 0 || hiddenN >= 2).toBe(true);
    expect(note).toMatch(/^Counts of 1-7 are suppressed \(\*\)/);
  });

  it('does not assume national totals for a single-centre table', () => {
    const single = suppressVariationTable(variationTableRows(variationFixture({ x: [38], n: [40] })));
    expect(single.rows[0]).toMatchObject({ n: 40, Numerator: '*', '%': '*' });
  });
});

describe('footnote', () => {
  it('lists measure, method, as-of date, dataset provenance and the suppression rule', () => {
    const lines = footnoteLines(variationFootnote(RESULT, { definition: 'first neurology appointment within 28 days of referral', dataset: DATASET, suppressionNote: 'Counts of 1-7 are suppressed (*).' }));
    expect(lines[0]).toBe('Measure: Referral to neurology within 4 weeks (first neurology appointment within 28 days of referral)');
    expect(lines[1]).toMatch(/^Method: Funnel exact binomial limits \(Spiegelhalter 2005\), target \d+\.\d% \(all centres pooled\); Wilson 95%/);
    expect(lines[2]).toBe('As of: 2024-03-31');
    expect(lines[3]).toBe('Dataset: ms-extract-2024-03.csv, SHA-256 starting 3f2a9c1b7d4e, imported 2024-04-02T09:15:00Z');
    expect(lines[4]).toBe('Suppression: Counts of 1-7 are suppressed (*).');
  });
});

describe('exportCsv', () => {
  const suppressed = suppressVariationTable(variationTableRows(RESULT));
  const footnote = variationFootnote(RESULT, { dataset: DATASET, suppressionNote: suppressed.note });
  const csv = exportCsv(suppressed.rows, { footnote });

  it('writes the table, a blank line, then the footnote block', () => {
    expect(csv.startsWith('\uFEFFCentre,n,Numerator,%,95% CI lower,95% CI upper,Band,Tier,Median days\r\n')).toBe(true);
    const [table, notes] = csv.slice(1).split('\r\n\r\n');
    expect(table.split('\r\n')).toHaveLength(9);
    expect(notes).toContain('As of: 2024-03-31');
    expect(notes).toContain('SHA-256 starting 3f2a9c1b7d4e');
    expect(notes).toContain('Suppression: Counts of 1-7 are suppressed (*)');
    expect(notes.endsWith('\r\n')).toBe(true);
  });

  it('shows suppressed values as * and defuses formula-like centre names', () => {
    expect(csv).toContain('\r\nBeta,40,*,*,*,*,Above 99.8% limit,Aspirational,21\r\n');
    expect(csv).toContain("\r\n'=Zeta,");
  });

  it('leaves out the byte-order mark when asked', () => {
    expect(exportCsv(suppressed.rows, { footnote, bom: false }).startsWith('Centre,')).toBe(true);
  });
});

describe('exportXlsx', () => {
  it('writes the table and a Notes sheet that read back, with * for suppressed values and numbers as numbers', async () => {
    const suppressed = suppressVariationTable(variationTableRows(RESULT));
    const footnote = variationFootnote(RESULT, { dataset: DATASET, suppressionNote: suppressed.note });
    const bytes = await exportXlsx(suppressed.rows, { sheetName: 'League table: 4+4 referral', footnote });
    expect(bytes).toBeInstanceOf(Uint8Array);
    const sheets = await readXlsxFile(Buffer.from(bytes));
    expect(sheets.map((s) => s.sheet)).toEqual(['League table 4+4 referral', 'Notes']);
    const [table, notes] = sheets;
    expect(table.data[0]).toEqual([...VARIATION_COLUMNS]);
    expect(table.data.find((r) => r[0] === 'Beta')?.slice(0, 6)).toEqual(['Beta', 40, '*', '*', '*', '*']);
    expect(table.data.find((r) => r[0] === 'Delta')?.slice(0, 4)).toEqual(['Delta', 80, 60, 75]);
    expect(table.data.find((r) => r[0] === '=Zeta')).toBeDefined();
    const noteText = notes.data.map((r) => r[0]).join('\n');
    expect(noteText).toContain('As of: 2024-03-31');
    expect(noteText).toContain('SHA-256 starting 3f2a9c1b7d4e');
    expect(noteText).toContain('Counts of 1-7 are suppressed (*)');
  });
});

describe('file names', () => {
  it('builds a readable, safe file name', () => {
    expect(exportFileName('four-plus-four-referral', 'league table', 'csv', '2024-03-31')).toBe('msvw-four-plus-four-referral-league-table-2024-03-31.csv');
    expect(exportFileName('../../etc/passwd', 'Funnel', '.SVG')).toBe('msvw-etc-passwd-funnel.svg');
    expect(exportFileName('', '', 'xlsx')).toBe('msvw-measure-export.xlsx');
  });

  it('makes a valid Excel sheet name', () => {
    expect(excelSheetName('A/B: [test]?')).toBe('A B test');
    expect(excelSheetName('x'.repeat(40))).toHaveLength(31);
    expect(excelSheetName('notes')).toBe('Table');
  });
});
