import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run as runCase } from '../../cli/commands/business-case';
import { run } from '../../cli/commands/report';
import type { BusinessCaseJson } from '../../shared/business-case';
import { fleschReadingEase } from '../../shared/report';
import { captureCli } from '../helpers/capture-cli';

const root = path.resolve(__dirname, '../..');
const audit = path.join(root, 'samples/data/audit-sample.csv');
const hasSamples = existsSync(audit);
const CHROMIUM = '/usr/bin/chromium';
const hasPdfTools = existsSync(CHROMIUM) && existsSync('/usr/bin/pdfinfo');
const SLOW = 120_000;
const exec = promisify(execFile);

afterEach(() => vi.restoreAllMocks());

describe('msvw report: options', () => {
  it.each([
    [[audit, '--centre', 'R7U'], /give the file to write with --out/],
    [[audit, '--centre', 'R7U', '--out', 'report.pdf'], /--out must name an .html file/],
    [['--centre', 'R7U', '--out', 'r.html'], /give the extract to read/],
  ])('%j exits 2 with one line', async (args, message) => {
    const { code, err } = await captureCli(run, args as string[]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!hasSamples)('msvw report on the committed sample', () => {
  let dir: string;
  let html: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'msvw-report-'));
    file = path.join(dir, 'report.html');
    const { code, out, err } = await captureCli(run, [audit, '--centre', 'R7U', '--set', 'currentNurseWte=1.2', '--patient-summary', '--out', file]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^wrote .*report\.html: Business case: 4\+4 part 1 at .*\(R7U\)\n$/);
    html = await readFile(file, 'utf8');
  }, SLOW);

  it('writes one self-contained HTML file', () => {
    expect(html).not.toMatch(/https?:|\bsrc\s*=|\bhref\s*=|<script|<link|@import|@font-face/i);
    for (const m of html.matchAll(/url\(\s*['"]?([^)'"]*)/gi)) expect(m[1]).toMatch(/^(#|data:)/);
  });

  it('gives the same numbers as msvw business-case', async () => {
    const { out } = await captureCli(runCase, [audit, '--centre', 'R7U', '--set', 'currentNurseWte=1.2']);
    const json = JSON.parse(out) as BusinessCaseJson;
    const pounds = (x: unknown) => `£${Math.round(x as number).toLocaleString('en-GB')}`;
    expect(html).toContain(pounds(json.totals.discountedNet));
    expect(html).toContain(pounds(json.totals.costs));
    expect(html).toContain(pounds(json.perPersonReachingStandard));
    for (const y of json.years) expect(html).toContain(pounds(y.discountedNet));
  }, SLOW);

  it('has a patient-partner page in plain English (Flesch reading ease >= 60)', () => {
    const page = /<section class="page plain" aria-label="For patient partners">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    const text = page.replace(/<\/(h2|h3|p)>/g, '.\n').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/\.\.+/g, '.');
    expect(text.length).toBeGreaterThan(500);
    expect(fleschReadingEase(text)).toBeGreaterThanOrEqual(60);
  });

  it('records the dataset: file name, SHA-256 and import time', async () => {
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(await readFile(audit)).digest('hex');
    expect(html).toContain('audit-sample.csv');
    expect(html).toContain(sha);
    expect(html).toMatch(/Imported<\/td><td>\d{4}-\d\d-\d\dT/);
  });

  it.skipIf(!hasPdfTools)('prints to A4 PDF pages in Chromium', async () => {
    const pdf = path.join(dir, 'report.pdf');
    await exec(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${file}`], { timeout: 90_000 });
    const { stdout } = await exec('/usr/bin/pdfinfo', [pdf]);
    const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
    expect(stdout).toMatch(/Page size:\s+594\.\d+ x 841\.\d+ pts \(A4\)/);
    // Eight parts (the trend among them), a few of which run over one page; never a page per table row.
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(12);
  }, SLOW);
});

describe.skipIf(!hasSamples)('msvw report for a lower-is-better measure', () => {
  it('refuses a business case in one line, and reports the analysis with --analysis-only', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'msvw-report-'));
    const out = path.join(dir, 'emergency.html');
    const refused = await captureCli(run, [audit, '--centre', 'R7U', '--measure', 'status-emergency-admissions', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^msvw report: A business case needs a standard where a higher share is better .*"Emergency admissions" is lower-is-better/);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    const ok = await captureCli(run, [audit, '--centre', 'R7U', '--measure', 'status-emergency-admissions', '--analysis-only', '--out', out]);
    expect(ok.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('Report: Emergency admissions at');
    expect(html).not.toContain('aria-label="The business case"');
  }, SLOW);
});
