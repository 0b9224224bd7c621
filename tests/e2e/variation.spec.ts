/**
 * The clinical lead's path: load an extract, pick 4+4 part 1, see which centres are outliers and
 * where their own centre sits, and export a chart and a suppressed table for a business case.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function loadSample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
}

test('4+4 part 1 funnel: one point per centre, outliers agree with the league table, exports are suppressed', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  await expect(page.getByRole('status').filter({ hasText: '4+4 part 1' }).first()).toContainText('Provisional');

  const table = page.getByRole('table', { name: 'League table: 4+4 part 1' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const rows = await table.getByRole('row').count();
  const centres = rows - 1;
  expect(centres).toBeGreaterThan(100);

  const chart = page.getByRole('img', { name: /Funnel plot of 4\+4 part 1/ });
  await expect(chart.locator('g.mark-symbol.role-mark path')).toHaveCount(centres);

  // The centres named on the chart are among those the table puts outside the 99.8% limits (the 12 furthest).
  const bands = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    centre: tr.querySelector('th')?.textContent?.trim() ?? '',
    band: tr.querySelectorAll('td')[4]?.textContent ?? '',
  })));
  const tableOutliers = bands.filter((b) => /99\.8%/.test(b.band)).map((b) => b.centre).sort();
  expect(tableOutliers.length).toBeGreaterThan(0);
  const labels = [...new Set((await chart.locator('g.mark-text.role-mark text').allTextContents()).map((t) => t.trim()).filter(Boolean))];
  expect(labels.length).toBe(Math.min(12, tableOutliers.length));
  for (const label of labels) expect(tableOutliers).toContain(label);
  await expect(page.getByText(`Outside the 99.8% limits: `)).toContainText(tableOutliers[0]);

  // Hovering a point shows its tooltip: centre, n, % and band.
  const firstPoint = chart.locator('g.mark-symbol.role-mark path').first();
  await firstPoint.hover({ force: true });
  await expect(page.locator('#vg-tooltip-element')).toBeVisible();
  await expect(page.locator('#vg-tooltip-element')).toContainText(/Centre|n/);

  // Choosing your centre highlights it and the banner says where it sits; clicking a table row selects too.
  await page.getByRole('combobox', { name: 'Your centre' }).selectOption(tableOutliers[1] ?? tableOutliers[0]);
  await expect(page.getByText(new RegExp(`Selected ${tableOutliers[1] ?? tableOutliers[0]}:`))).toBeVisible();
  await table.getByRole('button', { name: `Select centre ${tableOutliers[0]}` }).click();
  await expect(page.getByText(new RegExp(`Selected ${tableOutliers[0]}:`))).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Your centre' })).toHaveValue(tableOutliers[0]);
  await page.screenshot({ path: 'test-results/screens/variation-funnel.png' });

  // Export the chart as SVG and the table as CSV: footnote present, small numbers suppressed.
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart SVG' }).click()]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  expect(svg).toContain('<svg');
  expect(svg).toMatch(/As of: 2026-09-30/);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Table CSV' }).click()]);
  const csv = readFileSync(await csvDownload.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.split(/\r\n/);
  expect(lines[0]).toBe('Centre,n,Numerator,%,95% CI lower,95% CI upper,Band,Tier,Median days');
  const body = lines.slice(1, lines.indexOf(''));
  expect(body).toHaveLength(centres);
  // No published count of 1 to 7 people; some cells are suppressed.
  for (const line of body) {
    const [, n, numerator] = line.split(',');
    for (const v of [n, numerator]) if (v !== '*') expect(Number(v) === 0 || Number(v) >= 8, line).toBe(true);
  }
  expect(body.some((l) => l.includes('*'))).toBe(true);
  expect(csv).toMatch(/suppressed/i);

  // PNG (2x) and XLSX exports are real files.
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart PNG' }).click()]);
  const png = readFileSync(await pngDownload.path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1200); // width at 2x
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Table XLSX' }).click()]);
  const xlsx = readFileSync(await xlsxDownload.path());
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);

  // Turning suppression off warns before exporting identifiable small numbers.
  await page.getByRole('checkbox', { name: 'Suppress small numbers' }).uncheck();
  await expect(page.getByRole('alert').filter({ hasText: 'may identify people' })).toBeVisible();
});

test('a filter change re-runs the analysis and the caterpillar, tier summary and profile views render', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  const banner = page.getByRole('status').filter({ hasText: 'patients in the denominator' }).first();
  await expect(banner).toBeVisible();
  const before = await banner.textContent();
  await page.locator('summary', { hasText: 'Filters' }).click();
  await page.getByRole('group', { name: 'MS type' }).getByRole('checkbox', { name: 'RRMS' }).check();
  await expect(banner).not.toHaveText(before ?? '');

  await page.getByRole('tab', { name: 'Caterpillar plot' }).click();
  await expect(page.getByRole('img', { name: /Caterpillar plot of/ }).locator('svg')).toBeVisible();
  await page.getByRole('tab', { name: 'Tier summary' }).click();
  await expect(page.getByRole('img', { name: /Tier summary of/ }).locator('svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/variation-tiers.png' });
  await page.getByRole('tab', { name: 'Centre profile' }).click();
  await expect(page.getByRole('img', { name: /Centre profile of/ }).locator('svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/variation-profile.png' });
});
