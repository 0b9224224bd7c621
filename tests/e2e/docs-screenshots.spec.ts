/**
 * Refreshes the README's screenshots (docs/screenshot-*.png) from the real web build. Skipped in
 * the normal suite; run with DOCS_SCREENSHOTS=1 after changing how the Data or Variation view looks.
 */
import { test, expect } from './fixtures';

test.skip(!process.env.DOCS_SCREENSHOTS, 'set DOCS_SCREENSHOTS=1 to refresh docs/screenshot-*.png');

test('README screenshots: the Data view and the default funnel on the sample', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('grid', { name: 'Rows of audit-sample.csv' }).getByRole('row').nth(2)).toBeVisible();
  await page.screenshot({ path: 'docs/screenshot-data.png' });

  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  await page.getByRole('combobox', { name: 'Your centre' }).fill('R7U');
  await expect(page.locator('.variation__selected')).toContainText('Your centre R7U');
  await expect(page.getByRole('img', { name: /Funnel plot of 4\+4 part 1/ }).locator('g.mark-symbol.role-mark path').first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Your centre' }).blur();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'docs/screenshot-variation.png' });
});
