import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/analyse';
import { streamExtract } from '../../cli/commands/analyse-stream';
import { toStandard } from '../../shared/analysis/variation';
import { findStandard, SHIPPED_STANDARDS } from '../../shared/standards/catalogue';
import { captureCli } from '../helpers/capture-cli';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const auditXlsx = path.join(root, 'samples/data/audit-sample.xlsx');
const hasSamples = existsSync(audit);

/** `msvw analyse` in-process, streamed (the default) or read whole (MSVW_STREAM=0). */
async function analyse(args: string[], streamed: boolean): Promise<{ code: number; out: string; err: string }> {
  vi.stubEnv('MSVW_STREAM', streamed ? '' : '0');
  try {
    return await captureCli(run, args);
  } finally {
    vi.unstubAllEnvs();
  }
}

/** Whether the streamed path takes the file for this measure (else the reason it does not). */
async function streamedOrWhy(file: string, measure = '4plus4-part1'): Promise<string> {
  const standard = findStandard(SHIPPED_STANDARDS, measure);
  if (!standard) throw new Error(measure);
  const r = await streamExtract(file, { standard: toStandard(standard), asOfGiven: false, period: false });
  return 'extract' in r ? 'streamed' : r.fallback;
}

afterEach(() => vi.restoreAllMocks());

describe.skipIf(!hasSamples)('msvw analyse: the streamed path prints exactly what the in-memory path prints', () => {
  it('takes the streamed path for the committed sample', async () => {
    expect(await streamedOrWhy(audit)).toBe('streamed');
  });

  it.each([
    [[]],
    [['--measure', '4plus4-overall', '--limits', 'normal']],
    [['--measure', 'bh-referral-to-seen', '--overdispersion', 'additive', '--tier', 'aspirational']],
    [['--measure', 'qs108-s6-annual-review', '--by', 'region']],
    [['--measure', 'status-dmt-uptake-rrms', '--overdispersion', 'multiplicative']],
    [['--measure', 'status-mri-12m', '--from', '2025-04-01', '--to', '2026-03-31']],
    [['--measure', 'metrics-dmt-offer-8w', '--as-of', '2026-06-30', '--from', '2025-01-01', '--to', '2025-12-31']],
    [['--start', 'diagnosis_date', '--end', 'dmt_offered_date', '--days', '56', '--by', 'imd_decile', '--target', '0.8']],
    [['--measure', 'bh-relapse-assessment', '--by', 'ms_type', '--format', 'csv']],
    [['--by', 'age_band', '--as-of', '2026-01-31']],
  ])('%j', async (options) => {
    const args = [audit, ...(options as string[])];
    const streamed = await analyse(args, true);
    const whole = await analyse(args, false);
    expect(streamed.err).toBe('');
    expect(streamed.code).toBe(0);
    expect(whole.code).toBe(0);
    expect(streamed.out).toBe(whole.out);
  });

  it('leaves a period without --as-of for an interval measure to the in-memory path (its as-of comes from the imported rows)', async () => {
    const standard = findStandard(SHIPPED_STANDARDS, '4plus4-part1');
    if (!standard) throw new Error('4plus4-part1');
    const r = await streamExtract(audit, { standard: toStandard(standard), asOfGiven: false, period: true });
    expect('fallback' in r && r.fallback).toMatch(/period without --as-of/);
    const args = [audit, '--from', '2025-04-01', '--to', '2026-03-31'];
    expect((await analyse(args, true)).out).toBe((await analyse(args, false)).out);
  });

  it('gives the same one-line error for a measure the extract lacks a column for', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'msvw-stream-')), 'no-first-seen.csv');
    const lines = readFileSync(audit, 'utf8').split('\n').map((l) => l.split(',').filter((_, k) => k !== 11).join(','));
    writeFileSync(file, lines.join('\n'));
    expect(await streamedOrWhy(file)).toBe('streamed');
    const streamed = await analyse([file], true);
    const whole = await analyse([file], false);
    expect(streamed.code).toBe(2);
    expect(streamed.err).toBe(whole.err);
    expect(streamed.err).toMatch(/first_seen_date/);
  });
});

describe.skipIf(!hasSamples)('msvw analyse: files the streamed path leaves to the in-memory path', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'msvw-fallback-'));
  const sample = readFileSync(audit, 'utf8').split('\n').slice(0, 400);

  it('an .xlsx workbook', async () => {
    expect(await streamedOrWhy(auditXlsx)).toMatch(/xlsx/);
  });

  it('text that is not UTF-8 (windows-1252), with the same output', async () => {
    const file = path.join(dir, 'latin1.csv');
    const text = sample.map((l, i) => (i === 5 ? l.replace('NHS', 'NHS \u00e9') : l)).join('\n');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    expect(await streamedOrWhy(file)).toMatch(/ASCII/);
    expect((await analyse([file, '--by', 'region'], true)).out).toBe((await analyse([file, '--by', 'region'], false)).out);
  });

  it('a KPI extract', async () => {
    expect(await streamedOrWhy(path.join(root, 'samples/data/kpi-sample.csv'), 'status-bmi-recorded')).toMatch(/not a patient-level extract/);
  });

  it('a ragged row: the in-memory path reports it', async () => {
    const file = path.join(dir, 'ragged.csv');
    writeFileSync(file, [...sample.slice(0, 50), 'P0000001,RTH', ...sample.slice(50)].join('\n'));
    expect(await streamedOrWhy(file)).toMatch(/values but the header has/);
    const r = JSON.parse((await analyse([file, '--no-suppress'], true)).out) as { extract: { rowsExcluded: Record<string, number> } };
    expect(r.extract.rowsExcluded.ragged_row).toBe(1);
  });

  it('an identifier column: it is still dropped, never printed, and cannot be grouped by', async () => {
    const file = path.join(dir, 'nhs.csv');
    // Valid NHS numbers (Modulus 11) in an extra column the analysis does not read.
    const nhs = (k: number): string => {
      const nine = String(400_000_000 + k * 7919).slice(0, 9);
      const sum = [...nine].reduce((a, d, i) => a + Number(d) * (10 - i), 0);
      const check = 11 - (sum % 11);
      return check === 10 ? '' : nine + String(check === 11 ? 0 : check);
    };
    const rows = sample.filter((l) => l.trim() !== '').map((l, i) => `${l},${i === 0 ? 'nhs_no' : nhs(i)}`);
    writeFileSync(file, rows.join('\n'));
    // An unmapped column is kept whole by the streamed path, so the import's own guard sees every value.
    expect(await streamedOrWhy(file)).toBe('streamed');
    const streamed = await analyse([file], true);
    expect(streamed.code).toBe(0);
    expect(streamed.out).toBe((await analyse([file], false)).out);
    const r = JSON.parse(streamed.out) as { extract: { identifiers: { column: string; kind: string; action: string }[] } };
    expect(r.extract.identifiers).toEqual([expect.objectContaining({ column: 'nhs_no', kind: 'nhs_number' })]);
    for (let i = 1; i < 50; i++) if (nhs(i)) expect(streamed.out).not.toContain(nhs(i));
    const byId = await analyse([file, '--by', 'nhs_no'], true);
    expect(byId.code).toBe(2);
    expect(byId.err).toMatch(/nhs_no/);
  });

  it('NHS numbers in a column the analysis skips: read whole, and the same output', async () => {
    const file = path.join(dir, 'nhs-in-skipped.csv');
    // ethnicity (column 7) is mapped and skipped by the plan: valid NHS numbers there stop the scan.
    const rows = sample.filter((l) => l.trim() !== '').map((l, i) => l.split(',').map((v, k) => (k === 6 && i > 0 ? '943 476 5919' : v)).join(','));
    writeFileSync(file, rows.join('\n'));
    expect(await streamedOrWhy(file)).toMatch(/NHS numbers/);
    const streamed = await analyse([file], true);
    expect(streamed.out).toBe((await analyse([file], false)).out);
    expect(streamed.out).not.toContain('943 476 5919');
  });

  it('a header that names a date of birth', async () => {
    const file = path.join(dir, 'dob.csv');
    writeFileSync(file, sample.map((l, i) => `${l},${i === 0 ? 'date_of_birth' : '1980-01-01'}`).join('\n'));
    expect(await streamedOrWhy(file)).toMatch(/birth/);
  });
});
