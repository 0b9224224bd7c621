/**
 * A large extract streams in: a ~30 MB CSV made at test time (the bundled sample's rows seven
 * times over, each copy with its own patient ids) is chosen, streamed to the import worker and
 * imported, and the row accounting adds up to every row read. The fingerprint the Data view shows
 * is the file's own SHA-256, computed in the worker as the bytes passed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from './fixtures';

const COPIES = 7;

test('a 30 MB extract streams in and every row is accounted for', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const [header, ...rows] = readFileSync('samples/data/audit-sample.csv', 'utf8').trimEnd().split(/\r?\n/);
  const patientId = header.split(',').indexOf('patient_id');
  expect(patientId).toBe(0);
  const parts = [header];
  for (let copy = 0; copy < COPIES; copy++) {
    // A distinct patient per copy: "P98cdbee0" becomes "P98cdbee0x3", so no row repeats another.
    for (const row of rows) parts.push(row.replace(/^([^,]*)/, `$1x${copy}`));
  }
  const csv = Buffer.from(`${parts.join('\n')}\n`, 'utf8');
  expect(csv.byteLength).toBeGreaterThan(30 * 1000 * 1000);
  const file = testInfo.outputPath('extract-30mb.csv');
  writeFileSync(file, csv);
  const expectedRows = rows.length * COPIES;
  const rowsText = expectedRows.toLocaleString('en-GB');

  await page.goto('/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
  await chooser.setFiles(file);

  await expect(page.getByRole('heading', { name: /Check how extract-30mb\.csv will be read/ })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: `Import ${rowsText} rows` }).click();

  await expect(page.getByRole('heading', { name: 'extract-30mb.csv', level: 2, exact: true })).toBeVisible({ timeout: 180_000 });
  const accounting = page.getByText(new RegExp(`^Row accounting: ${rowsText} rows read = `));
  await expect(accounting).toBeVisible();
  const [, clean, warned, excluded] = /= ([\d,]+) imported \+ ([\d,]+) imported with warnings \+ ([\d,]+) excluded/
    .exec((await accounting.textContent()) ?? '')!
    .map((s) => Number(s.replace(/,/g, '')));
  expect(clean + warned + excluded).toBe(expectedRows);
  await expect(page.getByRole('status').filter({ hasText: /of [\d,]+ rows/ })).toHaveText(
    `${(expectedRows - excluded).toLocaleString('en-GB')} of ${(expectedRows - excluded).toLocaleString('en-GB')} rows`,
  );

  // The stored dataset's fingerprint is the file's own SHA-256 (hashed as it streamed).
  const sha256 = createHash('sha256').update(csv).digest('hex');
  await expect(page.getByText(`SHA-256 ${sha256.slice(0, 12)}…`)).toBeVisible();

  await page.screenshot({ path: 'test-results/screens/data-large-import.png' });
});
