/**
 * The hostile corpus (tests/fixtures/hostile/generate.ts) in the app, as an analyst would meet it:
 * each refused file opened through the file picker gets a specific message naming the file and
 * no stack trace, nothing is stored, and the same page then still opens and imports the sample
 * (the import worker survived zip bombs, a far cell, a million-column header and the rest).
 * The CLI meets every file of the corpus in tests/shared/io/hostile-corpus.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { generateHostileCorpus, type CorpusFile } from '../fixtures/hostile/generate';

/** The refused files the browser can be handed (not /dev/zero or a FIFO). */
const CHOSEN = [
  'far-cell.xlsx', 'wide-sheet.xlsx', 'zip-bomb-declared.xlsx', 'zip-bomb-lying.xlsx', 'zip-bomb-huge-declared.xlsx',
  'sheet-xml-too-large.xlsx', 'million-column-header.csv', '2001-columns.csv', 'endless-header.csv', 'random-bytes.csv',
  'nul-bytes.csv', 'gzip-bomb.csv.gz', 'gzipped-workbook.csv.gz', 'corrupted.parquet', 'corrupted.arrow',
];

let dir = '';
let corpus: CorpusFile[] = [];

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'msvw-hostile-web-'));
  corpus = generateHostileCorpus(dir).filter((f) => CHOSEN.includes(f.name));
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('hostile files each get a specific message, and the app still imports the sample after them all', async ({ page }) => {
  test.setTimeout(300_000);
  expect(corpus.map((f) => f.name).sort()).toEqual([...CHOSEN].sort());
  expect(corpus.every((f) => f.expect === 'refused')).toBe(true);
  await page.goto('/');
  for (const file of corpus) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
    await chooser.setFiles(file.path);
    const alert = page.getByRole('alert');
    await expect(alert, file.what).toContainText(`Could not import ${file.name}`, { timeout: 60_000 });
    const message = (await alert.textContent()) ?? '';
    // More than the heading: what is wrong with this file.
    expect(message.replace(`Could not import ${file.name}`, '').trim().length, `${file.name}: ${message}`).toBeGreaterThan(20);
    // No stack trace, and none of the engine's words about a library's variables (a damaged Arrow
    // file once showed "Cannot destructure property 'version' of 'n' as it is null").
    expect(message, file.name).not.toMatch(/at \w+ \(|\.ts:\d+|\.js:\d+|undefined|\[object |Cannot (read|destructure|set)|is not (a function|defined)|of null/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByText('No datasets yet.')).toBeVisible();
  }
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
});
