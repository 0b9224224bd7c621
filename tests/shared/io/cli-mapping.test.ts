/**
 * Headless mapping through the real CLI: a trust's extract with a title row above the header, a
 * notes sheet first, NHS headers ("Trust ODS", "Date 1st Neuro Appt"), a DOB and free text with an
 * NHS number and a name; --map, --mapping, --header-row, --sheet, and --by on an identifier refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorkbook, sheetXml } from '../../fixtures/bad/build-xlsx';
import { mapOptions, MappingOptionError, mappingFileText, parseMappingFile } from '../../../shared/io/mapping-options';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'msvw-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = ['Trust ODS', 'Hospital', 'Pt DOB', 'date referral received', 'Date 1st Neuro Appt', 'Clinician comments'];
const rows: (string | null)[][] = [['MS audit extract, Q1 2025'], [], header];
for (let i = 0; i < 30; i++) {
  rows.push([['RTH', 'RGT', 'RHQ'][i % 3], ['John Radcliffe', 'Addenbrookes', 'Royal Hallamshire'][i % 3], `0${1 + (i % 9)}/03/19${50 + i}`, `0${1 + (i % 9)}/01/2025`, `2${i % 9}/02/2025`,
    i % 3 === 0 ? `Discussed options with Mr Smith, NHS 943 476 5919, agreed review (${i})` : `Stable since the last review and walking unaided (${i})`]);
}
const csv = path.join(dir, 'trust.csv');
writeFileSync(csv, rows.map((r) => r.map((v) => (v === null ? '' : v.includes(',') ? `"${v}"` : v)).join(',')).join('\n') + '\n');
const xlsx = path.join(dir, 'trust.xlsx');
writeFileSync(xlsx, buildWorkbook([{ name: 'Notes', xml: sheetXml([['About this extract'], ['Made by the BI team']]) }, { name: 'Data', xml: sheetXml(rows) }]));

function msvw(...args: string[]) {
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'cli', 'msvw.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr.trim() };
}

describe('msvw with a real-world extract', () => {
  it('inspect finds the data sheet and the header row, maps NHS headers, drops the DOB and the free text', () => {
    const r = msvw('inspect', xlsx);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.sheet).toBe('Data');
    expect(report.headerRow).toBe(3);
    expect(report.rowsRead).toBe(30);
    const fields = Object.fromEntries(report.columns.map((c: { source: string; field: string | null }) => [c.source, c.field]));
    expect(fields).toMatchObject({ 'Trust ODS': 'centre_code', Hospital: 'centre_name', 'date referral received': 'referral_date', 'Date 1st Neuro Appt': 'first_seen_date' });
    expect(report.identifiers).toEqual([
      { column: 'Pt DOB', kind: 'date_of_birth', action: 'dropped' },
      { column: 'Clinician comments', kind: 'free_text', action: 'dropped' },
    ]);
    expect(report.notes.join(' ')).toMatch(/Read sheet "Data" because it holds the most data.*"Notes" \(2 values\)/);
    expect(report.notes.join(' ')).toMatch(/The header is on row 3 of sheet "Data"/);
    expect(r.out).not.toMatch(/943 476 5919|Mr Smith/);
  }, 30_000);

  it('--map, --mapping and --header-row apply; a wrong header or field is named with what to do', () => {
    const mapped = msvw('inspect', csv, '--header-row', '3', '--map', 'Hospital=', '--map', 'Trust ODS=centre_code');
    expect(mapped.code).toBe(0);
    const report = JSON.parse(mapped.out);
    expect(report.columns.find((c: { source: string }) => c.source === 'Hospital').field).toBeNull();
    const file = path.join(dir, 'mapping.json');
    writeFileSync(file, mappingFileText({ mapping: { Hospital: 'centre_name', 'Trust ODS': 'centre_code' }, headerRow: 3 }));
    expect(msvw('inspect', csv, '--mapping', file).code).toBe(0);
    const wrong = msvw('inspect', csv, '--map', 'Hospitl=centre_name');
    expect(wrong.code).toBe(2);
    expect(wrong.err.split('\n')).toHaveLength(1);
    expect(wrong.err).toMatch(/no column "Hospitl" \(header on row 3\)\. Its columns are: "Trust ODS", "Hospital"/);
    const badRow = msvw('inspect', csv, '--header-row', 'two');
    expect(badRow.err).toMatch(/--header-row must be the row number/);
  }, 60_000);

  it('analyse refuses --by on an identifier column, and never prints one', () => {
    const r = msvw('analyse', csv, '--start', 'referral_date', '--end', 'first_seen_date', '--days', '60', '--by', 'Pt DOB');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--by "Pt DOB": that column holds dates of birth, and msvw never prints an identifier/);
    const ok = msvw('analyse', csv, '--start', 'referral_date', '--end', 'first_seen_date', '--days', '60');
    expect(ok.code).toBe(0);
    expect(ok.out).not.toMatch(/943 476 5919|Mr Smith|19\d\d-\d\d-\d\d/);
  }, 30_000);
});

describe('mapping options', () => {
  it('parses --map values and mapping files, naming what is wrong', () => {
    expect(mapOptions(['Trust ODS=centre_code', 'Notes='])).toEqual({ 'Trust ODS': 'centre_code', Notes: null });
    expect(() => mapOptions(['Trust ODS'])).toThrow(MappingOptionError);
    expect(() => mapOptions(['A=centre_code', 'A=centre_name'])).toThrow(/gives "A" twice/);
    expect(parseMappingFile(mappingFileText({ mapping: { A: 'centre_code' }, sheet: 'Data', headerRow: 2 }), 'm.json')).toEqual({ version: 1, mapping: { A: 'centre_code' }, sheet: 'Data', headerRow: 2 });
    expect(() => parseMappingFile('{"version":2,"mapping":{}}', 'm.json')).toThrow(/m\.json: "version" must be 1/);
    expect(() => parseMappingFile('{"version":1,"mapping":{"A":"nope"}}', 'm.json')).toThrow(/"A" is mapped to "nope", which is not a field/);
    expect(() => parseMappingFile('not json', 'm.json')).toThrow(/m\.json is not valid JSON/);
  });
});

describe('--by refusal', () => {
  it('refuses identifier columns, the patient id, and a column with about one value per row', async () => {
    const { byRefusal } = await import('../../../cli/extract-file');
    const rows = 40;
    const extract = {
      identifiers: [{ column: 'NHS No', kind: 'nhs_number' as const, action: 'dropped' as const }],
      table: {
        rowCount: rows,
        columns: [
          { kind: 'text' as const, name: 'centre_code', codes: Int32Array.from({ length: rows }, (_v, i) => i % 3), dictionary: ['RTH', 'RGT', 'RHQ'] },
          { kind: 'text' as const, name: 'contact', codes: Int32Array.from({ length: rows }, (_v, i) => i), dictionary: Array.from({ length: rows }, (_v, i) => `Person ${i}`) },
        ],
      },
    } as unknown as Parameters<typeof byRefusal>[1];
    expect(byRefusal('centre_code', extract)).toBeNull();
    expect(byRefusal(undefined, extract)).toBeNull();
    expect(byRefusal('NHS No', extract)).toMatch(/holds NHS numbers, and msvw never prints an identifier/);
    expect(byRefusal('nhs_no', extract)).toMatch(/holds NHS numbers/);
    expect(byRefusal('patient_id', extract)).toMatch(/the patient id identifies people/);
    expect(byRefusal('contact', extract)).toMatch(/40 different values in 40 rows, about one per person/);
  });
});
