/**
 * The attacker's pass over `msvw report` and `msvw business-case`: a centre whose monthly trend has
 * two months of 1-7 people, split every way (the totals, and so everything published by design,
 * kept). The report written, with its trend chart, icons, sentences and the patient partners' page,
 * and the business case printed, must be the same bytes for every split, but for the lines that
 * name the file read (its SHA-256) and when it was read.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { run as businessCase } from '../../cli/commands/business-case';
import { run as report } from '../../cli/commands/report';
import { captureCli } from '../helpers/capture-cli';
import { centreTrendCsv, SMALL_MONTH_SPLITS, SMALL_MONTHS_AS_OF, SMALL_MONTHS_CENTRE } from '../helpers/hidden-months';

const work = mkdtempSync(path.join(os.tmpdir(), 'msvw-report-attacker-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());
const SLOW = 240_000;

/** The extract of one split, written where msvw can read it (under the same file name every time). */
function extractFile(people: number, met: number): string {
  const dir = path.join(work, `${people}-${met}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'extract.csv');
  writeFileSync(file, centreTrendCsv(people, met));
  return file;
}

/** The report's HTML without the provenance that names the file's bytes and the time it was read. */
function withoutProvenance(html: string): string {
  return html
    .replace(/\b[0-9a-f]{12}(?:[0-9a-f]{52})?\b/g, 'hash')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, 'time read')
    .replace(/Prepared \d{4}-\d{2}-\d{2}/, 'Prepared');
}

describe('msvw report and business-case: two months of 1-7 people at the centre, split every way', () => {
  it('write the same report (trend chart, icons, words, patient partners\' page) and print the same case', async () => {
    const reports: string[] = [];
    const cases: string[] = [];
    for (const [k, x] of SMALL_MONTH_SPLITS) {
      const file = extractFile(k, x);
      const out = path.join(work, `${k}-${x}.html`);
      const args = [file, '--centre', SMALL_MONTHS_CENTRE, '--as-of', SMALL_MONTHS_AS_OF, '--set', 'currentNurseWte=0.1'];
      const written = await captureCli(report, [...args, '--patient-summary', '--out', out]);
      expect(written.err).toBe('');
      expect(written.code).toBe(0);
      reports.push(withoutProvenance(readFileSync(out, 'utf8')));
      const printed = await captureCli(businessCase, [...args, '--format', 'json']);
      expect(printed.code).toBe(0);
      cases.push(printed.out);
    }
    expect(reports[0]).toContain('aria-label="The trend"');
    expect(reports[0]).toContain('Variation icon: Not shown (suppressed)');
    for (const [i, r] of reports.entries()) expect(r, `split ${SMALL_MONTH_SPLITS[i].join(' ')}`).toBe(reports[0]);
    for (const c of cases) expect(c).toBe(cases[0]);
  }, SLOW);
});
