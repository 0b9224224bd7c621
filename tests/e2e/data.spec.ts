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

test.describe('in a browser set to US English', () => {
  // Dates must read day first whatever the browser's locale: run this one as a US-set browser would.
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('the Data view shows dates as dd/mm/yyyy and numbers at their field precision, scrolls inside its panel, and reopens after a reload', async ({ page }) => {
    const headers = SAMPLE_HEADERS;
    const cell = (name: string) => FIRST_ROW[headers.indexOf(name)];
    const uk = (iso: string) => iso.split('-').reverse().join('/');

    await page.goto('/');
    // The app ships its own icon: no 404 for /favicon.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    const iconResponse = await page.request.get(new URL(icon!, page.url()).toString());
    expect(iconResponse.status()).toBe(200);
    expect(iconResponse.headers()['content-type']).toContain('image/svg+xml');

    await page.getByRole('button', { name: 'Open sample extract' }).click();
    await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
    const grid = page.getByRole('grid', { name: 'Rows of audit-sample.csv' });
    const firstRow = grid.getByRole('row').nth(2);
    await expect(firstRow).toContainText(uk(cell('referral_date')));
    await expect(firstRow).not.toContainText(cell('referral_date'));
    // EDSS moves in steps of 0.5 and is shown to one decimal (3.5, not 3.50).
    await expect(firstRow.getByRole('gridcell').nth(headers.indexOf('edss') + 1)).toHaveText(Number(cell('edss')).toFixed(1));
    await expect(firstRow.getByRole('gridcell').nth(headers.indexOf('bmi') + 1)).toHaveText(Number(cell('bmi')).toFixed(1));

    // The wide table scrolls inside its own panel; the page never scrolls sideways.
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);

    // A date filter is typed as dd/mm/yyyy.
    const status = page.getByRole('status').filter({ hasText: /of [\d,]+ rows/ });
    const before = await status.textContent();
    await page.getByRole('searchbox', { name: 'Filter referral_date' }).fill('< 01/01/2025');
    await expect(status).toContainText('(filtered)');
    await expect(status).not.toHaveText(before ?? '');
    // The rows follow the filter (they arrive from the worker just after the count).
    const firstDate = grid.getByRole('row').nth(2).getByRole('gridcell').nth(headers.indexOf('referral_date') + 1);
    await expect.poll(async () => {
      const [d, m, y] = ((await firstDate.textContent()) ?? '').split('/').map(Number);
      return Date.UTC(y, m - 1, d);
    }).toBeLessThan(Date.UTC(2025, 0, 1));

    // After a reload, the last dataset opens again by itself.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
    await expect(page.getByRole('grid', { name: 'Rows of audit-sample.csv' }).getByRole('row').nth(2)).toContainText(uk(cell('referral_date')));
  });
});

test('a database saved by a newer version of the workbench is refused with its message, and left exactly as it was', async ({ page }) => {
  const NAME = 'ms-variation-workbench';
  // IndexedDB versions are Dexie's times 10: schema 8 is a workbench newer than this one (3).
  const NEWER = 80;
  await page.goto('/');
  const stores = (): Promise<{ version: number; stores: string[] }> => page.evaluate((name) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const out = { version: request.result.version, stores: [...request.result.objectStoreNames].sort() };
      request.result.close();
      resolve(out);
    };
    request.onerror = () => reject(request.error);
  }), NAME);
  await page.evaluate(([name, version]) => new Promise<void>((resolve, reject) => {
    // The app opened it at load: close the page's connection by deleting and making the newer one.
    const deleted = indexedDB.deleteDatabase(name as string);
    deleted.onsuccess = () => {
      const request = indexedDB.open(name as string, version as number);
      request.onupgradeneeded = () => {
        request.result.createObjectStore('datasets', { keyPath: 'id' });
        request.result.createObjectStore('future', { keyPath: 'id' });
      };
      request.onsuccess = () => { request.result.close(); resolve(); };
      request.onerror = () => reject(request.error);
    };
    deleted.onerror = () => reject(deleted.error);
  }), [NAME, NEWER]);
  expect(await stores()).toEqual({ version: NEWER, stores: ['datasets', 'future'] });

  await page.reload();
  await expect(page.getByRole('alert')).toHaveText(
    'The data on this computer was saved by a newer version of the workbench (database version 8; this version reads up to 3). Update the workbench to open it; this version leaves it unchanged.',
  );
  await expect(page.getByText('No datasets yet.')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/data-newer-database.png' });
  // Nothing was added to it (no tables of this version, no version bump), across the app's start-up reads.
  expect(await stores()).toEqual({ version: NEWER, stores: ['datasets', 'future'] });
});
