/**
 * `msvw inspect` run as a person would: the compiled CLI (bin/msvw.js, which builds out/cli when
 * it is missing or stale) in a child process on plain Node, reading JSON from stdout and one-line
 * errors from stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx, buildZipBomb } from '../fixtures/bad/build-xlsx';

const root = path.join(__dirname, '../..');
const bad = (name: string) => path.join(root, 'tests/fixtures/bad', name);
const work = mkdtempSync(path.join(tmpdir(), 'msvw-inspect-'));

/** Run msvw inspect with arguments; HOME points at a scratch folder so nothing touches the real one. */
function inspect(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/msvw.js', 'inspect', ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, HOME: work, XDG_CONFIG_HOME: path.join(work, '.config') }, timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr is one line naming the file, with no stack trace. */
function expectOneLine(stderr: string, file: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(file);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
}

describe('msvw inspect', () => {
  // Bring out/cli up to date first, so its one-line build notice is not part of a test's stderr.
  beforeAll(() => {
    expect(spawnSync(process.execPath, ['bin/msvw.js', '--version'], { cwd: root }).status).toBe(0);
  }, 120_000);

  it('prints the import report as pretty JSON and exits 0', () => {
    const file = path.join(work, 'audit.csv');
    writeFileSync(file, [
      'Patient ID,Trust Code,Referral date,First seen,EDSS,Postcode',
      'P1,RTH,01/02/2023,15/02/2023,3.5,SW1A 1AA',
      'P2,rgt,14/02/2023,01/02/2023,12,M1 1AE',
      'P1,RTH,01/02/2023,15/02/2023,3.5,SW1A 1AA',
      'P3,,01/03/2023,,2,B33 8TH',
      'P4,RTH,02/03/2023',
    ].join('\n'));
    const r = inspect(file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {2}"file"/);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      file, format: 'csv', extractType: 'patient', rowsRead: 5, rowsImported: 2, rowsWithWarnings: 1,
      rowsExcluded: { ragged_row: 1, duplicate_patient: 1, missing_centre_code: 1 },
      identifiers: [{ column: 'Postcode', kind: 'postcode', action: 'dropped' }],
      asOf: '2023-03-01',
    });
    expect(out.columns).toEqual([
      { source: 'Patient ID', field: 'patient_id', type: 'text', missing: 0, invalid: 0 },
      { source: 'Trust Code', field: 'centre_code', type: 'text', missing: 1, invalid: 0 },
      { source: 'Referral date', field: 'referral_date', type: 'date', missing: 0, invalid: 0 },
      { source: 'First seen', field: 'first_seen_date', type: 'date', missing: 1, invalid: 0 },
      { source: 'EDSS', field: 'edss', type: 'number', missing: 0, invalid: 1 },
    ]);
    const excluded = Object.values(out.rowsExcluded as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(out.rowsImported + excluded).toBe(out.rowsRead);
  });

  it('reads a named sheet, and refuses a sheet the workbook does not have', () => {
    const file = path.join(work, 'book.xlsx');
    writeFileSync(file, buildXlsx([['centre_code', 'edss'], ['RTH', 3], ['RGT', 4]], 'Audit 2023'));
    const r = inspect(file, '--sheet', 'Audit 2023');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'xlsx', sheet: 'Audit 2023', rowsRead: 2, rowsImported: 2 });
    const missing = inspect(file, '--sheet', 'Nope');
    expect(missing.code).toBe(2);
    expectOneLine(missing.stderr, /book\.xlsx.*Nope/);
  });

  it('takes --map and --as-of', () => {
    const file = path.join(work, 'site.csv');
    writeFileSync(file, 'Site,Referral date\nRTH,01/02/2023\nRGT,2023-06-01\n');
    const r = inspect(file, '--map', 'Site=centre_code', '--as-of', '2023-03-01');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.columns[0]).toMatchObject({ source: 'Site', field: 'centre_code' });
    expect(out.asOf).toBe('2023-03-01');
    expect(out.warnings).toEqual({ date_after_as_of: 1 });
  });

  it('reports the encoding it read, e.g. Windows-1252', () => {
    const r = inspect(bad('windows-1252.csv'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ encoding: 'windows-1252', rowsRead: 2, rowsImported: 2 });
  });

  it('drops NHS numbers by default and says so', () => {
    const r = inspect(bad('nhs-numbers.csv'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.identifiers).toEqual([{ column: 'NHS Number', kind: 'nhs_number', action: 'dropped' }]);
    expect(r.stdout).not.toMatch(/999/);
  });

  it('exits 2 with one line for a missing file', () => {
    const r = inspect(path.join(work, 'nope.csv'));
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /nope\.csv: file not found\. Check the path/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 with one line for an empty, a binary and a corrupt file', () => {
    const empty = inspect(bad('empty.csv'));
    expect(empty.code).toBe(2);
    expectOneLine(empty.stderr, /"empty\.csv" is empty/);
    const binary = inspect(bad('binary.csv'));
    expect(binary.code).toBe(2);
    expectOneLine(binary.stderr, /"binary\.csv" is not a text extract/);
    const corrupt = inspect(bad('corrupt.xlsx'));
    expect(corrupt.code).toBe(2);
    expectOneLine(corrupt.stderr, /"corrupt\.xlsx" could not be read as an Excel workbook/);
  });

  it('exits 2 for a zip bomb and for a file over the size limit', () => {
    const bomb = path.join(work, 'bomb.xlsx');
    writeFileSync(bomb, buildZipBomb());
    const r = inspect(bomb);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /"bomb\.xlsx" .*zip bomb/);
    const big = inspect(bad('ragged.csv'), '--max-file-bytes', '50');
    expect(big.code).toBe(2);
    expectOneLine(big.stderr, /"ragged\.csv" is .* larger than .*Split the extract/);
  });

  it('exits 2 when the extract has no centre column, saying how to map one', () => {
    const file = path.join(work, 'nocentre.csv');
    writeFileSync(file, 'Patient ID,Referral date\nP1,01/02/2023\n');
    const r = inspect(file);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /nocentre\.csv: No column is mapped to centre_code/);
  });

  it('exits 2 on bad options', () => {
    const r = inspect(bad('ragged.csv'), '--as-of', '31/12/2023');
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /--as-of "31\/12\/2023" is not a date; write it as YYYY-MM-DD/);
    expect(inspect().code).toBe(2);
    const unknown = inspect(bad('ragged.csv'), '--colour');
    expect(unknown.code).toBe(2);
    expectOneLine(unknown.stderr, /^msvw inspect: unknown option "--colour"\. Usage: msvw inspect <file>/);
    const noValue = inspect(bad('ragged.csv'), '--sheet');
    expect(noValue.code).toBe(2);
    expectOneLine(noValue.stderr, /^msvw inspect: --sheet needs a value\./);
  });
});
