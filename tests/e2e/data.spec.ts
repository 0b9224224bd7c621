/**
 * The foundation path, as a person does it: open the app, open the bundled sample, confirm the
 * mapping, and see the right number of rows, the first rows, and the row accounting.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

const SAMPLE = readFileSync('samples/data/audit-sample.csv', 'utf8').trimEnd().split(/\r?\n/);
const SAMPLE_HEADERS = SAMPLE[0].split(',');
const FIRST_ROW = SAMPLE[1].split(',');

test('opens the bundled sample and shows its rows with every row accounted for', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'MS Variation Workbench' })).toBeVisible();
  await page.getByRole('button', { name: 'Open sample extract' }).click();

  // Mapping screen: every canonical header recognised; import.
  await expect(page.getByRole('heading', { name: /Check how audit-sample\.csv will be read/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Field for column referral_date' })).toHaveValue('referral_date');
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();

  // The dataset opens: its rows and the accounting that adds up to the rows read.
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
  const accounting = page.getByText(/^Row accounting: 20,000 rows read = /);
  await expect(accounting).toBeVisible();
  const [, clean, warned, excluded] = /= ([\d,]+) imported \+ ([\d,]+) imported with warnings \+ ([\d,]+) excluded/.exec((await accounting.textContent()) ?? '')!.map((s) => Number(s.replace(/,/g, '')));
  expect(clean + warned + excluded).toBe(20_000);
  expect(excluded).toBeGreaterThan(0);

  const grid = page.getByRole('grid', { name: 'Rows of audit-sample.csv' });
  await expect(page.getByRole('status').filter({ hasText: /of [\d,]+ rows/ })).toHaveText(`${(20_000 - excluded).toLocaleString('en-GB')} of ${(20_000 - excluded).toLocaleString('en-GB')} rows`);
  const firstRow = grid.getByRole('row').nth(2);
  const patientIdColumn = SAMPLE_HEADERS.indexOf('patient_id');
  const centreColumn = SAMPLE_HEADERS.indexOf('centre_code');
  await expect(firstRow).toContainText(FIRST_ROW[centreColumn]);
  expect(patientIdColumn).toBeGreaterThanOrEqual(0);

  // The rows scroll: a row far down renders when scrolled to.
  await page.getByRole('region', { name: /scrollable table/ }).evaluate((el) => { el.scrollTop = 30 * 5000; });
  await expect(grid.getByRole('row').filter({ hasText: /^5,0\d\d/ }).first()).toBeVisible();

  await page.screenshot({ path: 'test-results/screens/data-view.png', fullPage: false });

  // Reopening: the dataset is listed and opens again without re-reading the file.
  await page.reload();
  await page.getByRole('button', { name: /Open dataset audit-sample\.csv/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
});
