/**
 * Importing what analysts actually receive: an Excel workbook (sheet picker), and files that
 * cannot be used, which get a specific message and leave nothing stored.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

/**
 * Patients (summed denominators) and centres of one KPI in the sample over its last `count`
 * quarters, skipping the latest `skip` quarters: read from the CSV itself, independently of the app.
 */
function kpiTotals(kpi: string, count: number, skip = 0): { patients: number; centres: number } {
  const [header, ...lines] = readFileSync('samples/data/kpi-sample.csv', 'utf8').trimEnd().split(/\r?\n/).map((l) => l.split(','));
  const col = (name: string) => header.indexOf(name);
  const rows = lines.filter((r) => r[col('kpi_id')] === kpi);
  const ends = [...new Set(rows.map((r) => r[col('period_end')]))].sort().reverse().slice(skip, skip + count);
  const chosen = rows.filter((r) => ends.includes(r[col('period_end')]));
  return { patients: chosen.reduce((s, r) => s + Number(r[col('denominator')]), 0), centres: new Set(chosen.map((r) => r[col('centre_code')])).size };
}

async function openFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
  await chooser.setFiles(file);
}

test('an Excel extract opens with a sheet picker and imports with every row accounted for', async ({ page }) => {
  await page.goto('/');
  await openFile(page, path.resolve('samples/data/audit-sample.xlsx'));
  await expect(page.getByRole('heading', { name: /Check how audit-sample\.xlsx will be read/ })).toBeVisible();
  const sheet = page.getByRole('combobox', { name: 'Sheet' });
  await expect(sheet).toHaveValue('Audit extract');
  await expect(sheet.getByRole('option')).toHaveText(['Audit extract', 'About']);
  // Another sheet is read on request; the notes sheet is not an extract, and the screen says why.
  await sheet.selectOption('About');
  await expect(page.getByRole('alert', { name: 'Mapping problems' })).toContainText('No column is mapped to centre_code');
  await expect(page.getByRole('button', { name: /^Import / })).toBeDisabled();
  await page.getByRole('combobox', { name: 'Sheet' }).selectOption('Audit extract');
  await expect(page.getByRole('combobox', { name: 'Field for column referral_date' })).toHaveValue('referral_date');
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: /^audit-sample\.xlsx/, level: 2 })).toBeVisible();
  const accounting = page.getByText(/^Row accounting: 20,000 rows read = /);
  await expect(accounting).toBeVisible();
  const [, clean, warned, excluded] = /= ([\d,]+) imported \+ ([\d,]+) imported with warnings \+ ([\d,]+) excluded/.exec((await accounting.textContent()) ?? '')!.map((s) => Number(s.replace(/,/g, '')));
  expect(clean + warned + excluded).toBe(20_000);
  expect(excluded).toBe(3);
});

test('a binary file named .csv, and an empty file, get a specific message and nothing is stored', async ({ page }) => {
  await page.goto('/');
  await openFile(page, path.resolve('tests/fixtures/bad/binary.csv'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import binary.csv');
  await expect(alert).toContainText(/binary\.csv/);
  await expect(alert).not.toContainText(/at \w+ \(|\.ts:\d+/); // no stack trace
  await page.getByRole('button', { name: 'Dismiss' }).click();

  await openFile(page, path.resolve('tests/fixtures/bad/empty.csv'));
  await expect(page.getByRole('alert')).toContainText('Could not import empty.csv');
  await expect(page.getByText('No datasets yet.')).toBeVisible();
});

test('editing a standard\'s time frame changes the variation results', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Workbench' });
  await nav.getByRole('button', { name: 'Variation' }).click();
  const banner = page.getByRole('status').filter({ hasText: 'target' }).first();
  await expect(banner).toContainText(/target (\d+\.\d)%/);
  const before = Number(/target (\d+\.\d)%/.exec((await banner.textContent()) ?? '')![1]);

  await nav.getByRole('button', { name: 'Standards' }).click();
  const card = page.getByRole('article', { name: /^4\+4 part 1:/ });
  await card.getByRole('button', { name: 'Edit 4+4 part 1' }).click();
  await card.getByRole('spinbutton', { name: 'Time frame (days)' }).fill('56');
  await card.getByRole('button', { name: 'Save changes' }).click();

  await nav.getByRole('button', { name: 'Variation' }).click();
  await expect(async () => {
    const after = Number(/target (\d+\.\d)%/.exec((await banner.textContent()) ?? '')![1]);
    expect(after).toBeGreaterThan(before);
  }).toPass();
});

test('NHS numbers are found on import and dropped by default: they never reach the stored table', async ({ page }) => {
  await page.goto('/');
  await openFile(page, path.resolve('tests/fixtures/bad/nhs-numbers.csv'));
  const action = page.getByRole('combobox', { name: 'Action for identifier column NHS Number' });
  await expect(action).toHaveValue('drop');
  await page.getByRole('button', { name: /^Import \d+ rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'nhs-numbers.csv', level: 2, exact: true })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Rows of nhs-numbers.csv' });
  await expect(grid.getByRole('columnheader', { name: /centre_code/ }).first()).toBeVisible();
  await expect(grid).not.toContainText('NHS');
  await expect(grid).not.toContainText('9990001006');
  await page.getByText(/^Row accounting:/).click();
  await expect(page.getByRole('table', { name: 'Direct identifiers found' })).toContainText('dropped');
});

test('a centre-level KPI extract is recognised; its KPIs are shown by title and counted in patients, for a period you choose', async ({ page }) => {
  await page.goto('/');
  await openFile(page, path.resolve('samples/data/kpi-sample.csv'));
  await expect(page.getByRole('radio', { name: 'Centre-level KPI extract' })).toBeChecked();
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'kpi-sample.csv', level: 2, exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();

  // KPI measures by title, not by raw id.
  const measure = page.getByRole('combobox', { name: 'Measure' });
  await expect(measure.getByRole('option', { name: /4plus4_part1/ })).toHaveCount(0);
  await measure.selectOption({ label: '4+4 part 1 (provisional)' });
  const table = page.getByRole('table', { name: /League table/ });
  await expect(table.getByRole('row').nth(1)).toBeVisible();

  // The banner counts patients (summed denominators) in centres and names the period: the latest quarter by default.
  const latest = kpiTotals('4plus4_part1', 1);
  const banner = page.getByRole('status').filter({ hasText: 'patients in' }).first();
  await expect(banner).toContainText(`${latest.patients.toLocaleString('en-GB')} patients in ${latest.centres} centres, period 01/07/2026 to 30/09/2026.`);
  const period = page.getByRole('combobox', { name: 'Period' });
  await expect(period).toHaveValue('latest');
  await expect(period.getByRole('option')).toHaveText([/^Latest period \(01\/07\/2026 to 30\/09\/2026\)$/, /^Last 4 periods \(01\/10\/2025 to 30\/09\/2026\)$/, /^All periods \(01\/10\/2023 to 30\/09\/2026\)$/, 'A range of dates…']);

  // The latest quarter has centres with one or two completed pathways: listed, not judged.
  await expect(page.getByText(/^Not compared \(\d+ with fewer than 5 patients, too few to judge\)/)).toBeVisible();
  const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ n: Number(tr.querySelectorAll('td')[0]?.textContent), band: tr.querySelectorAll('td')[4]?.textContent ?? '' })));
  expect(cells.filter((c) => !/Not compared/.test(c.band)).every((c) => c.n >= 5)).toBe(true);
  expect(cells.filter((c) => /Not compared/.test(c.band)).every((c) => c.n < 5)).toBe(true);
  await expect(page.getByRole('img', { name: /Funnel plot of/ }).locator('g.mark-symbol.role-mark path').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/variation-kpi.png' });

  // The last four quarters, then all of them.
  const year = kpiTotals('4plus4_part1', 4);
  await period.selectOption('last4');
  await expect(banner).toContainText(`${year.patients.toLocaleString('en-GB')} patients in ${year.centres} centres, period 01/10/2025 to 30/09/2026.`);
  const all = kpiTotals('4plus4_part1', Infinity);
  await period.selectOption('all');
  await expect(banner).toContainText(`${all.patients.toLocaleString('en-GB')} patients in ${all.centres} centres, period 01/10/2023 to 30/09/2026.`);

  // A range of dates, typed as dd/mm/yyyy: the quarters lying wholly inside it.
  await period.selectOption('range');
  const range = page.getByRole('group', { name: 'Periods between' });
  await range.getByRole('textbox', { name: 'From' }).fill('01/01/2026');
  await range.getByRole('textbox', { name: 'To' }).fill('30/06/2026');
  const half = kpiTotals('4plus4_part1', 2, 1);
  await expect(banner).toContainText(`${half.patients.toLocaleString('en-GB')} patients in ${half.centres} centres, period 01/01/2026 to 30/06/2026.`);
});

test('a trust extract with a notes sheet first, a title row, NHS headers, a DOB and free text imports without editing it in Excel', async ({ page }, testInfo) => {
  const { buildWorkbook, sheetXml } = await import('../fixtures/bad/build-xlsx');
  const { writeFileSync } = await import('node:fs');
  const rows: (string | null)[][] = [['MS audit extract, Q1 2025 (BI team)'], [], ['Trust ODS', 'Hospital', 'Pt DOB', 'date referral received', 'Date 1st Neuro Appt', 'Clinician comments']];
  for (let i = 0; i < 30; i++) {
    rows.push([['RTH', 'RGT', 'RHQ'][i % 3], ['John Radcliffe', 'Addenbrookes', 'Royal Hallamshire'][i % 3], `0${1 + (i % 9)}/03/19${50 + i}`, `0${1 + (i % 9)}/01/2025`, `2${i % 9}/02/2025`,
      i % 3 === 0 ? `Discussed options with Mr Smith, NHS 943 476 5919, agreed review (${i})` : `Stable since the last review and walking unaided (${i})`]);
  }
  rows.push(['Total', null, null, null, null, null]);
  const file = testInfo.outputPath('trust-extract.xlsx');
  writeFileSync(file, buildWorkbook([{ name: 'Notes', xml: sheetXml([['About this extract'], ['Made by the BI team']]) }, { name: 'Data', xml: sheetXml(rows) }]));

  await page.goto('/');
  await openFile(page, file);
  await expect(page.getByRole('heading', { name: /Check how trust-extract\.xlsx will be read/ })).toBeVisible();
  // The data sheet, not the notes sheet first in the workbook; the header below the title.
  await expect(page.getByRole('combobox', { name: 'Sheet' })).toHaveValue('Data');
  await expect(page.getByText(/Read sheet "Data" because it holds the most data/)).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: 'Header is on row' })).toHaveValue('3');
  await expect(page.getByRole('combobox', { name: 'Field for column Trust ODS' })).toHaveValue('centre_code');
  await expect(page.getByRole('combobox', { name: 'Field for column Date 1st Neuro Appt' })).toHaveValue('first_seen_date');
  await expect(page.getByRole('combobox', { name: 'Action for identifier column Pt DOB' })).toHaveValue('drop');
  await expect(page.getByRole('combobox', { name: 'Action for identifier column Clinician comments' })).toHaveValue('drop');
  await expect(page.getByRole('group', { name: 'Fields no column is mapped to' })).toContainText(/Diagnosis date: needed for /);
  await expect(page.locator('body')).not.toContainText('943 476 5919');
  await page.screenshot({ path: testInfo.outputPath('mapping-trust-extract.png'), fullPage: true });

  // "Header is on row" reads the sheet again from another row.
  const headerRow = page.getByRole('spinbutton', { name: 'Header is on row' });
  await headerRow.fill('1');
  await page.getByRole('button', { name: 'Read again' }).click();
  await expect(page.getByRole('combobox', { name: /^Field for column MS audit extract/ })).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Header is on row' }).fill('3');
  await page.getByRole('button', { name: 'Read again' }).click();
  await expect(page.getByRole('combobox', { name: 'Field for column Trust ODS' })).toHaveValue('centre_code');

  await page.getByRole('button', { name: /^Import 31 rows$/ }).click();
  await expect(page.getByRole('heading', { name: /^trust-extract\.xlsx/, level: 2 })).toBeVisible();
  await expect(page.getByText(/^Row accounting: 31 rows read = /)).toBeVisible();
  await expect(page.locator('body')).not.toContainText('943 476 5919');
  await expect(page.locator('body')).not.toContainText('Mr Smith');
});
