/**
 * Keyboard and screen-reader use (WCAG 2.1 AA): axe over every screen and state, focus moved to
 * the new heading after an action, the column summary as a dialog, chart tabs with arrow keys,
 * and the first screen reflowing at 320 px.
 */
import { test, expect } from './fixtures';
import { expectNoSeriousViolations } from './accessibility';

// axe walks every node of the chart SVGs and the 120-row league table: slow on a shared machine.
test.describe.configure({ timeout: 300_000 });

test('the Data screens pass axe, and focus follows what the person did', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Start with an extract' })).toBeVisible();
  await expectNoSeriousViolations(page, 'the first screen');

  // Opening the sample moves focus to the mapping heading.
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  const mappingHeading = page.getByRole('heading', { name: /Check how audit-sample\.csv will be read/ });
  await expect(mappingHeading).toBeFocused();
  await expectNoSeriousViolations(page, 'the mapping step');

  // Importing moves focus to the dataset's heading.
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  const datasetHeading = page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true });
  await expect(datasetHeading).toBeFocused();
  await expectNoSeriousViolations(page, 'the Data view with a dataset open');
  await page.locator('summary', { hasText: 'Row accounting' }).click();
  await expectNoSeriousViolations(page, 'the row accounting, open');

  // The column summary takes focus, closes on Escape and gives focus back to its button.
  const summarise = page.getByRole('button', { name: 'Summarise edss' });
  await summarise.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Summary of edss' });
  await expect(dialog.getByRole('heading', { name: 'Summary of edss' })).toBeFocused();
  await expect(dialog).toContainText(/Range\s*0\.0 to \d\.\d/);
  await page.screenshot({ path: 'test-results/screens/column-summary.png' });
  await expectNoSeriousViolations(page, 'the column summary');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(summarise).toBeFocused();
});

test('the Variation, Standards and About screens pass axe, and the chart tabs work with arrow keys', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();

  // The Variation view, each chart tab reached with the arrow keys (the tabs pattern).
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  await expect(page.getByRole('img', { name: /Funnel plot of/ }).locator('svg')).toBeVisible();
  await expectNoSeriousViolations(page, 'the funnel plot');

  // The sticky header of the league table never hides the focused control.
  const league = page.getByRole('table', { name: /^League table/ });
  await page.getByRole('region', { name: 'League table (scrollable)' }).evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const target = league.getByRole('button', { name: /^Select centre/ }).nth(2);
  await target.focus();
  await expect(target).toBeFocused();
  const header = await league.locator('thead').boundingBox();
  const focused = await target.boundingBox();
  expect(focused!.y).toBeGreaterThanOrEqual(header!.y + header!.height - 1);
  const funnelTab = page.getByRole('tab', { name: 'Funnel plot' });
  await funnelTab.focus();
  await expect(page.getByRole('tab', { name: 'Caterpillar plot' })).toHaveAttribute('tabindex', '-1');
  for (const [name, chart] of [['Caterpillar plot', /Caterpillar plot of/], ['Tier summary', /Tier summary of/], ['Centre profile', /Centre profile of/]] as const) {
    await page.keyboard.press('ArrowRight');
    const tab = page.getByRole('tab', { name });
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('img', { name: chart }).locator('svg')).toBeVisible();
    await expectNoSeriousViolations(page, name);
  }
  await page.keyboard.press('ArrowRight'); // wraps round to the first tab
  await expect(funnelTab).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Centre profile' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(funnelTab).toHaveAttribute('aria-selected', 'true');

  await page.locator('summary', { hasText: 'Filters' }).click();
  await expectNoSeriousViolations(page, 'the Variation filters, open');

  // Help and glossary open; overdispersion off (the Limits control free); a centre chosen; exports unsuppressed (the warning).
  await page.locator('summary', { hasText: 'How to read this chart' }).click();
  await page.locator('summary', { hasText: 'Glossary' }).click();
  await page.getByRole('combobox', { name: 'Overdispersion' }).selectOption('none');
  await page.getByRole('combobox', { name: 'Your centre' }).fill('R02');
  await page.getByRole('combobox', { name: 'Small numbers' }).selectOption('none');
  await expect(page.getByRole('combobox', { name: 'Limits' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/screens/variation-help-glossary.png', fullPage: true });
  await expectNoSeriousViolations(page, 'the funnel with help, glossary, a selected centre and no suppression');

  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Standards' }).click();
  await expectNoSeriousViolations(page, 'the Standards view');
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'About & privacy' }).click();
  await expectNoSeriousViolations(page, 'the About view');
});

test('a KPI extract with its period choice passes axe', async ({ page }) => {
  await page.goto('/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
  await chooser.setFiles('samples/data/kpi-sample.csv');
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'kpi-sample.csv', level: 2, exact: true })).toBeFocused();
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  await page.getByRole('combobox', { name: 'Period' }).selectOption('range');
  await expect(page.getByRole('group', { name: 'Periods between' })).toBeVisible();
  await expectNoSeriousViolations(page, 'a KPI extract with a range of periods');
});

test('the first screen reflows at 320 px wide without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Open sample extract' })).toBeVisible();
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  await page.screenshot({ path: 'test-results/screens/first-screen-320.png', fullPage: true });
  await expectNoSeriousViolations(page, 'the first screen at 320 px');
});
