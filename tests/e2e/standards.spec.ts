/**
 * The Standards page as a person uses it: find a standard and its provenance, change a time
 * frame, see it marked as edited, find the edit again after a reload, and reset it; export the
 * edits and import them back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function openStandards(page: Page) {
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Standards' }).click();
  await expect(page.getByRole('heading', { name: 'Standards', level: 2 })).toBeVisible();
}

const part1 = (page: Page) => page.getByRole('article', { name: /^4\+4 part 1:/ });

test('edits 4+4 part 1, keeps the edit across a reload, and resets it to the shipped version', async ({ page }) => {
  await page.goto('/');
  await openStandards(page);

  // Grouped by family; 4+4 part 1 is marked provisional and not edited.
  await expect(page.getByRole('heading', { name: '4+4 ambition', level: 3 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'NICE quality standard QS108', level: 3 })).toBeVisible();
  const card = part1(page);
  await expect(card.getByText('Provisional', { exact: true })).toBeVisible();
  await expect(card.getByText('Provisional', { exact: true })).toHaveAttribute('title', /not yet confirmed against the source/);
  await expect(card).toContainText('Referral date to First seen by MS specialist within 28 days');
  await expect(card.getByText('Edited locally', { exact: true })).toHaveCount(0);

  // Search narrows the list.
  await page.getByRole('searchbox', { name: 'Search standards' }).fill('qs108-s5');
  await expect(page.getByRole('article')).toHaveCount(1);
  await expect(page.getByRole('article')).toHaveAccessibleName(/^QS108 statement 5: relapse treatment within 14 days/);
  await expect(page.getByRole('status').filter({ hasText: /standards/ })).toContainText(/Showing 1 of \d+ standards/);
  await page.getByRole('searchbox', { name: 'Search standards' }).fill('');

  // Edit the time frame; a wrong value is explained next to the field and nothing is saved.
  await card.getByRole('button', { name: 'Edit 4+4 part 1' }).click();
  const days = card.getByRole('spinbutton', { name: 'Time frame (days)' });
  await expect(days).toHaveValue('28');
  await days.fill('0');
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(days).toHaveAccessibleDescription(/must be a whole number of days, 1 or more/);
  await expect(days).toBeFocused();
  await days.fill('35');
  await card.getByRole('button', { name: 'Save changes' }).click();

  await expect(card.getByText('Edited locally', { exact: true })).toBeVisible();
  await expect(card).toContainText('within 35 days');
  await expect(card.getByRole('button', { name: 'Edit 4+4 part 1' })).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/standards.png', fullPage: false });

  // The edit is kept on this computer.
  await page.reload();
  await openStandards(page);
  await expect(part1(page).getByText('Edited locally', { exact: true })).toBeVisible();
  await expect(part1(page)).toContainText('within 35 days');
  await expect(page.getByRole('status').filter({ hasText: /edited locally/ })).toContainText('1 edited locally');

  // Reset brings back the shipped version, also after another reload.
  await part1(page).getByRole('button', { name: 'Reset 4+4 part 1 to shipped' }).click();
  await expect(part1(page).getByText('Edited locally', { exact: true })).toHaveCount(0);
  await expect(part1(page)).toContainText('within 28 days');
  await page.reload();
  await openStandards(page);
  await expect(part1(page)).toContainText('within 28 days');
  await expect(part1(page).getByText('Edited locally', { exact: true })).toHaveCount(0);
});

test('exports the edits as JSON and imports them back', async ({ page }, testInfo) => {
  await page.goto('/');
  await openStandards(page);

  await part1(page).getByRole('button', { name: 'Edit 4+4 part 1' }).click();
  await part1(page).getByRole('spinbutton', { name: 'Time frame (days)' }).fill('21');
  await part1(page).getByRole('button', { name: 'Save changes' }).click();
  await expect(part1(page).getByText('Edited locally', { exact: true })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my edits' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('msvw-standards-my-edits.json');
  const file = testInfo.outputPath('my-edits.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; standards: { id: string; thresholds?: { single?: number } }[] };
  expect(exported.format).toBe('msvw-standards');
  expect(exported.standards).toEqual([expect.objectContaining({ id: '4plus4-part1', thresholds: { single: 21 } })]);

  await part1(page).getByRole('button', { name: 'Reset 4+4 part 1 to shipped' }).click();
  await expect(part1(page)).toContainText('within 28 days');

  const choosing = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON…' }).click();
  await (await choosing).setFiles(file);
  await expect(page.getByText('Imported my-edits.json: 0 added, 1 replaced, 0 unchanged.')).toBeVisible();
  await expect(part1(page)).toContainText('within 21 days');

  // A broken file imports nothing and says why.
  const broken = testInfo.outputPath('broken.json');
  writeFileSync(broken, '{"format": "msvw-standards", "version": 1, "standards": [{"id": "x"');
  const choosingAgain = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON…' }).click();
  await (await choosingAgain).setFiles(broken);
  await expect(page.getByRole('heading', { name: 'Nothing was imported from broken.json' })).toBeVisible();
  await expect(page.getByText(/broken\.json: not valid JSON/)).toBeVisible();
});

test('adds an interval standard of its own, removes it and takes the removal back', async ({ page }) => {
  await page.goto('/');
  await openStandards(page);
  await page.getByRole('button', { name: 'Add standard' }).click();
  const form = page.getByRole('form', { name: 'Add a standard' });
  await expect(form.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused();
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill('MRI to diagnosis within 6 weeks');
  await form.getByRole('textbox', { name: 'Short title' }).fill('MRI to diagnosis');
  await expect(form.getByRole('textbox', { name: 'Id' })).toHaveValue('mri-to-diagnosis-within-6-weeks');
  await form.getByRole('combobox', { name: 'Start event' }).selectOption('mri_date');
  await form.getByRole('combobox', { name: 'End event' }).selectOption('diagnosis_date');
  await form.getByRole('spinbutton', { name: 'Time frame (days)' }).fill('42');
  await form.getByRole('button', { name: 'Add standard' }).click();
  // A new standard must cite its source.
  await expect(form.getByRole('textbox', { name: 'Source' })).toHaveAccessibleDescription(/cite the source of the standard/);
  await form.getByRole('textbox', { name: 'Source' }).fill('Trust audit plan 2025');
  await form.getByRole('button', { name: 'Add standard' }).click();

  const added = page.getByRole('region', { name: 'Added on this computer' }).getByRole('article', { name: 'MRI to diagnosis within 6 weeks' });
  await expect(added.getByText('Added locally', { exact: true })).toBeVisible();
  await expect(added).toContainText('MRI date to Diagnosis date within 42 days');

  await added.getByRole('button', { name: 'Remove MRI to diagnosis' }).click();
  await expect(page.getByRole('article', { name: 'MRI to diagnosis within 6 weeks' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('article', { name: 'MRI to diagnosis within 6 weeks' })).toBeVisible();
});
