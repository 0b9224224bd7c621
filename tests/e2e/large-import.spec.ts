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

/**
 * A stand-in for the Electron preload (the same WorkbenchHost seam), installed before the app
 * picks its host: openFiles hands out a token for a ~13 MB extract (the sample three times over,
 * made in the page), and readFileChunk serves it as main does (token checked, at most 4 MiB a
 * call), recording every request; from `failFrom` on it refuses, as main does for a file changed
 * after it was chosen.
 */
function installDesktopHost({ failFrom }: { failFrom: number | null }): void {
  let made: Promise<Blob> | null = null;
  const extract = (): Promise<Blob> => (made ??= fetch('./audit-sample.csv').then((r) => r.text()).then((text) => {
    const [header, ...rows] = text.trimEnd().split('\n');
    const parts = [header];
    for (let copy = 0; copy < 3; copy++) for (const row of rows) parts.push(row.replace(/^([^,]*)/, `$1d${copy}`));
    return new Blob([`${parts.join('\n')}\n`]);
  }));
  const requests: { offset: number; length: number }[] = [];
  const w = window as unknown as { chunkRequests: typeof requests; workbench: unknown };
  w.chunkRequests = requests;
  const TOKEN = 'a1'.repeat(16);
  w.workbench = {
    kind: 'electron',
    openFiles: async () => [{ name: 'desktop-extract.csv', size: (await extract()).size, lastModified: 0, source: { kind: 'token', token: TOKEN } }],
    readFileChunk: async (request: { token: string; offset: number; length: number }) => {
      requests.push({ offset: request.offset, length: request.length });
      if (request.token !== TOKEN) throw new Error('The workbench can only read a file you chose in this window, and this one was not (or is no longer) open here. Open the file again.');
      if (request.length > 4 * 1024 * 1024) throw new Error('The workbench refused a workbench:read-file-chunk request: length: at most 4194304 bytes are read at a time.');
      if (failFrom !== null && request.offset >= failFrom) throw new Error('"desktop-extract.csv" changed after you chose it, so the workbench stopped reading it. Open the file again.');
      const blob = await extract();
      return new Uint8Array(await blob.slice(request.offset, request.offset + request.length).arrayBuffer());
    },
    saveFile: async () => null,
    print: async () => undefined,
    savePdf: async () => null,
    onMenuCommand: () => () => undefined,
    info: async () => ({ kind: 'electron', appVersion: 'test', platform: 'test' }),
  };
}

test('in the desktop app a chosen file streams to the import worker in chunks of at most 4 MB, pulled through the host', async ({ page }) => {
  test.setTimeout(300_000);
  await page.addInitScript(installDesktopHost, { failFrom: null });
  await page.goto('/');
  await page.getByRole('button', { name: 'Open extract…' }).click();
  await expect(page.getByRole('heading', { name: /Check how desktop-extract\.csv will be read/ })).toBeVisible({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Import 60,000 rows' }).click();
  await expect(page.getByText(/^Row accounting: 60,000 rows read = /)).toBeVisible({ timeout: 120_000 });

  const { requests, size } = await page.evaluate(async () => {
    const w = window as unknown as { chunkRequests: { offset: number; length: number }[]; workbench: { openFiles: () => Promise<{ size: number }[]> } };
    return { requests: w.chunkRequests, size: (await w.workbench.openFiles())[0].size };
  });
  expect(size).toBeGreaterThan(12 * 1024 * 1024);
  expect(requests.length).toBe(Math.ceil(size / (4 * 1024 * 1024)));
  let offset = 0;
  for (const request of requests) {
    expect(request.offset).toBe(offset);
    expect(request.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    offset += request.length;
  }
  expect(offset).toBe(size);
});

test('in the desktop app a file refused part-way (changed since chosen) stops the import with main\'s sentence, and nothing is stored', async ({ page }) => {
  await page.addInitScript(installDesktopHost, { failFrom: 4 * 1024 * 1024 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Open extract…' }).click();
  await expect(page.getByText('"desktop-extract.csv" changed after you chose it, so the workbench stopped reading it. Open the file again.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('No datasets yet.')).toBeVisible();
});
