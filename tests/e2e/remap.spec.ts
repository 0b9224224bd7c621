/**
 * Re-mapping a stored dataset without importing its file again (issue 10 item 4): a column the
 * synonyms do not know is left unmapped at import, mapped to first_seen_date afterwards in the Data
 * view, and the Variation view's 4+4 part 1 funnel appears for it; a local standard's end event
 * names a kept date column that is no canonical field, and its funnel is drawn. A file over the
 * size limit is refused from its size, before it is read, with the CLI's message. A mapped column
 * taken back to "None" is kept as a plain column, and the measure that needed it says so again; a
 * free-text one has the NHS numbers and titled names in it masked, as an import of a plain column does.
 */
import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectNoSeriousViolations } from './accessibility';

const SCREENS = 'test-results/screens';
const EXTRACT = path.resolve('test-results/remap/trust-extract.csv');
/** Days from referral to the triage clinic cycle 0..TRIAGE_CYCLE-1 over the rows (so 15 of every 30 are within 14 days). */
const TRIAGE_CYCLE = 30;

/** ISO date `days` after an ISO date. */
function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The fields of one CSV record (RFC 4180 quoting; the sample has no line breaks inside values). */
function fields(line: string): string[] {
  const out: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { value += '"'; i++; } else if (ch === '"') quoted = false; else value += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(value); value = ''; } else value += ch;
  }
  out.push(value);
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The header and the records of a CSV file, each as its fields and its raw line. */
function readCsv(file: string): { header: string[]; records: { cells: string[]; line: string }[] } {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split(/\r?\n/);
  return { header: fields(head), records: lines.map((line) => ({ cells: fields(line), line })) };
}

/**
 * The bundled sample as a trust might send it: first_seen_date headed "Appt 1 date" (no synonym
 * knows it), plus a "Date triage clinic" column (referral + 0..29 days, blank without a referral).
 */
function writeExtract(): { rows: number; triageWithin14: number; triageTotal: number } {
  const { header, records } = readCsv('samples/data/audit-sample.csv');
  const referral = header.indexOf('referral_date');
  const firstSeen = header.indexOf('first_seen_date');
  const renamed = header.map((h, i) => (i === firstSeen ? 'Appt 1 date' : h));
  let triageWithin14 = 0;
  let triageTotal = 0;
  const out = [[...renamed, 'Date triage clinic'].join(',')];
  records.forEach(({ cells, line }, i) => {
    const ref = cells[referral];
    const days = i % TRIAGE_CYCLE;
    const dated = ISO_DATE.test(ref);
    if (dated) { triageTotal++; if (days <= 14) triageWithin14++; }
    out.push(`${line},${dated ? addDays(ref, days) : ''}`);
  });
  mkdirSync(path.dirname(EXTRACT), { recursive: true });
  writeFileSync(EXTRACT, out.join('\n') + '\n');
  return { rows: records.length, triageWithin14, triageTotal };
}

async function importExtract(page: Page, rows: number): Promise<void> {
  await page.goto('/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
  await chooser.setFiles(EXTRACT);
  await expect(page.getByRole('heading', { name: /Check how trust-extract\.csv will be read/ })).toBeVisible();
  // Left unmapped on purpose (whatever the matcher guessed), so it is kept under its own name.
  const appt = page.getByRole('combobox', { name: 'Field for column Appt 1 date' });
  await appt.selectOption('');
  await expect(appt).toHaveValue('');
  await page.getByRole('button', { name: `Import ${rows.toLocaleString('en-GB')} rows` }).click();
  await expect(page.getByRole('heading', { name: 'trust-extract.csv', level: 2, exact: true })).toBeVisible();
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name }).click();

test('a column left unmapped at import is mapped to first_seen_date in the Data view, and 4+4 part 1 is drawn from it', async ({ page }) => {
  mkdirSync(SCREENS, { recursive: true });
  const { rows } = writeExtract();
  await importExtract(page, rows);

  // Before: 4+4 part 1 cannot be measured, first_seen_date is missing.
  await nav(page, 'Variation');
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  await expect(page.getByRole('table', { name: 'League table: 4+4 part 1' })).toHaveCount(0);
  await expect(page.getByText(/The extract has no "first_seen_date" column, which the end of standard "4plus4-part1" needs/).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/remap-before-variation.png` });

  // The Data view's column mapping panel lists every kept column; Appt 1 date has no field.
  await nav(page, 'Data');
  const panel = page.locator('details.remap-panel');
  await panel.getByText(/^Column mapping: /).click();
  const picker = page.getByRole('combobox', { name: 'Field for kept column Appt 1 date' });
  await expect(picker).toHaveValue('');
  await expect(panel).toContainText('Not mapped to a field: Appt 1 date, Date triage clinic.');
  await expect(page.getByRole('combobox', { name: 'Field for kept column referral_date' })).toHaveValue('referral_date');
  await expect(page.getByRole('combobox', { name: 'Field for kept column Date triage clinic' })).toHaveValue('');
  // A field another column holds cannot be chosen twice.
  await expect(picker.getByRole('option', { name: /^Referral date \(referral_date\) \(held by referral_date\)$/ })).toBeDisabled();

  // By keyboard: focus the picker, choose the field, then the Map button.
  await picker.focus();
  await picker.selectOption('first_seen_date');
  const map = page.getByRole('button', { name: 'Map Appt 1 date to First seen by MS specialist' });
  await expect(map).toBeEnabled();
  await map.focus();
  await page.keyboard.press('Enter');
  const status = panel.getByRole('status');
  await expect(status).toContainText('Column "Appt 1 date" is now mapped to First seen by MS specialist (first_seen_date).');
  await expect(page.getByRole('combobox', { name: 'Field for kept column Appt 1 date' })).toHaveValue('first_seen_date');
  await expect(panel.getByRole('row', { name: /Appt 1 date/ })).toContainText('first_seen_date');
  // The column report of the validation report says the same.
  await page.getByText(/^Row accounting: /).click();
  await expect(page.getByRole('table', { name: 'Columns', exact: true }).getByRole('row', { name: /^Appt 1 date/ })).toContainText('first_seen_date');
  await expectNoSeriousViolations(page, 'the column mapping panel after a re-mapping');
  await panel.getByRole('row', { name: /Appt 1 date/ }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENS}/remap-data-panel.png` });

  // After: the same dataset, reopened with the new mapping, draws the 4+4 part 1 funnel.
  await nav(page, 'Variation');
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  const table = page.getByRole('table', { name: 'League table: 4+4 part 1' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('img', { name: /Funnel plot of 4\+4 part 1/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/remap-after-variation.png` });

  // Kept after a reload: the mapping is stored, not just held on screen.
  await page.reload();
  await nav(page, 'Data');
  await page.locator('details.remap-panel').getByText(/^Column mapping: /).click();
  await expect(page.getByRole('combobox', { name: 'Field for kept column Appt 1 date' })).toHaveValue('first_seen_date');
});

test('a mapped column is moved back to "None": kept as a plain column under its header name, and 4+4 part 1 says the field is missing again', async ({ page }) => {
  mkdirSync(SCREENS, { recursive: true });
  const { rows } = writeExtract();
  await importExtract(page, rows);

  // Before: the sample's referral_date column is mapped, and 4+4 part 1 is drawn.
  await nav(page, 'Variation');
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  await expect(page.getByText(/The extract has no "first_seen_date" column/).first()).toBeVisible();

  await nav(page, 'Data');
  const panel = page.locator('details.remap-panel');
  await panel.getByText(/^Column mapping: /).click();
  // Map Appt 1 date first (so 4+4 part 1 can be measured), then take referral_date back to none.
  await page.getByRole('combobox', { name: 'Field for kept column Appt 1 date' }).selectOption('first_seen_date');
  await page.getByRole('button', { name: 'Map Appt 1 date to First seen by MS specialist' }).click();
  await expect(panel.getByRole('status')).toContainText('Column "Appt 1 date" is now mapped to First seen by MS specialist (first_seen_date).');

  const picker = page.getByRole('combobox', { name: 'Field for kept column referral_date' });
  await expect(picker).toHaveValue('referral_date');
  const none = picker.getByRole('option', { name: 'None (keep as a plain column)' });
  await expect(none).toBeEnabled();
  // By keyboard: choose "None", then the Unmap button; no question is asked (no value changes).
  await picker.focus();
  await picker.selectOption({ label: 'None (keep as a plain column)' });
  await expect(picker).toHaveValue('');
  const unmap = page.getByRole('button', { name: 'Unmap referral_date, keeping it as a plain column' });
  await expect(unmap).toBeEnabled();
  await expect(unmap).toHaveText('Unmap');
  let asked = 0;
  page.on('dialog', (d) => { asked++; void d.dismiss(); });
  await unmap.focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toHaveText(
    'Column "referral_date" is no longer mapped to a field; it is kept as a plain column, stored as "referral_date_source". Measures that need Referral date (referral_date) cannot be worked out until a column is mapped to it.',
  );
  expect(asked).toBe(0);
  await expect(page.getByRole('combobox', { name: 'Field for kept column referral_date' })).toHaveValue('');
  const row = panel.getByRole('row', { name: /^referral_date/ });
  await expect(row.getByRole('cell').first()).toHaveText('referral_date_source');
  await expect(panel).toContainText(/Not mapped to a field: .*referral_date/);
  // The field is free again: another column may take it.
  await expect(page.getByRole('combobox', { name: 'Field for kept column Date triage clinic' }).getByRole('option', { name: 'Referral date (referral_date)', exact: true })).toBeEnabled();
  await page.getByText(/^Row accounting: /).click();
  // The column report says the same: no field, kept as is.
  await expect(page.getByRole('table', { name: 'Columns', exact: true }).getByRole('row', { name: /^referral_date/ }).getByRole('cell').first()).toHaveText('(kept as is)');
  await expectNoSeriousViolations(page, 'the column mapping panel after unmapping a column');
  await row.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENS}/remap-unmapped-panel.png` });

  // The measure that needed referral_date says so again, in the usual words.
  await nav(page, 'Variation');
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  await expect(page.getByRole('table', { name: 'League table: 4+4 part 1' })).toHaveCount(0);
  await expect(page.getByText(/The extract has no "referral_date" column, which the start of standard "4plus4-part1" needs/).first()).toBeVisible();

  // Kept after a reload, and it can be mapped back.
  await page.reload();
  await nav(page, 'Data');
  await page.locator('details.remap-panel').getByText(/^Column mapping: /).click();
  const again = page.getByRole('combobox', { name: 'Field for kept column referral_date' });
  await expect(again).toHaveValue('');
  await again.selectOption('referral_date');
  await page.getByRole('button', { name: 'Map referral_date to Referral date' }).click();
  await expect(page.locator('details.remap-panel').getByRole('status')).toContainText('Column "referral_date" is now mapped to Referral date (referral_date).');
  await nav(page, 'Variation');
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  await expect(page.getByRole('table', { name: 'League table: 4+4 part 1' }).getByRole('row').nth(1)).toBeVisible();
});

test('re-mapping text to a date field counts the values it cannot read, in the panel and the column report', async ({ page }) => {
  const { rows } = writeExtract();
  await importExtract(page, rows);
  const { header, records } = readCsv(EXTRACT);
  const col = header.indexOf('dmt_name');
  const nonEmpty = records.filter(({ cells }) => cells[col] !== '').length;
  expect(nonEmpty).toBeGreaterThan(0);

  const panel = page.locator('details.remap-panel');
  await panel.getByText(/^Column mapping: /).click();
  // first_seen_date is free in this extract (Appt 1 date was left unmapped); dmt_name holds drug names, not dates.
  const picker = page.getByRole('combobox', { name: 'Field for kept column dmt_name' });
  await picker.selectOption('first_seen_date');
  await expect(picker.locator('xpath=..')).toContainText('Values will be read as dates.');
  // Re-typing replaces the stored values, so it asks first; declining changes nothing.
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await page.getByRole('button', { name: 'Map dmt_name to First seen by MS specialist' }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/^Read "dmt_name" as dates for First seen by MS specialist\? Its stored values are replaced/);
  await expect(panel.getByRole('status')).toHaveCount(0);
  await expect(picker).toHaveValue('first_seen_date');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Map dmt_name to First seen by MS specialist' }).click();
  const status = panel.getByRole('status');
  await expect(status).toContainText(/^Column "dmt_name" is now mapped to First seen by MS specialist \(first_seen_date\)\. Its values were read again as dates; [\d,]+ values could not be read as dates and are now missing \(counted as invalid in the column report\)\.$/);
  // Every stored DMT name is unreadable as a date: the count is the file's non-empty names, less at most the rows excluded at import.
  const unreadable = Number(/dates; ([\d,]+) values/.exec((await status.textContent()) ?? '')![1].replace(/,/g, ''));
  await page.getByText(/^Row accounting: /).click();
  const excluded = Number(/\+ ([\d,]+) excluded/.exec((await page.getByText(/^Row accounting: /).textContent()) ?? '')![1].replace(/,/g, ''));
  expect(unreadable).toBeLessThanOrEqual(nonEmpty);
  expect(unreadable).toBeGreaterThanOrEqual(nonEmpty - excluded);
  // The column report counts them as invalid, under the new field.
  const report = page.getByRole('table', { name: 'Columns', exact: true }).getByRole('row', { name: /^dmt_name/ });
  await expect(report).toContainText('first_seen_date');
  await expect(report.getByRole('cell').nth(3)).toHaveText(unreadable.toLocaleString('en-GB'));
  await panel.screenshot({ path: `${SCREENS}/remap-unreadable.png` });
});

test('a local standard ends at a kept date column that is no canonical field, and its funnel is drawn', async ({ page }) => {
  const { rows, triageWithin14, triageTotal } = writeExtract();
  expect(triageWithin14 / triageTotal).toBeCloseTo(15 / TRIAGE_CYCLE, 2);
  await importExtract(page, rows);

  await nav(page, 'Standards');
  await page.getByRole('button', { name: 'Add standard' }).click();
  const form = page.getByRole('form', { name: 'Add a standard' });
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill('Referral to triage clinic within 14 days');
  await form.getByRole('textbox', { name: 'Short title' }).fill('Referral to triage');
  await form.getByRole('textbox', { name: 'Source' }).fill('Trust triage pathway 2026');
  const end = form.getByRole('combobox', { name: 'End event' });
  // The open dataset's other kept date column is offered by its stored name, beside the canonical fields.
  await expect(end.getByRole('option', { name: 'date_triage_clinic' })).toHaveCount(1);
  await expect(end.getByRole('option', { name: /First seen by MS specialist/ })).toHaveCount(1);
  await form.getByRole('combobox', { name: 'Start event' }).selectOption('referral_date');
  await end.selectOption('date_triage_clinic');
  await form.getByRole('spinbutton', { name: 'Time frame (days)' }).fill('14');
  await page.screenshot({ path: `${SCREENS}/remap-standard-form.png` });
  await form.getByRole('button', { name: 'Add standard' }).click();
  await expect(page.getByRole('region', { name: 'Added on this computer' }).getByRole('article', { name: 'Referral to triage clinic within 14 days' })).toBeVisible();

  await nav(page, 'Variation');
  const measure = page.getByRole('combobox', { name: 'Measure' });
  await measure.selectOption({ label: await measure.getByRole('option', { name: /Referral to triage/ }).first().innerText() });
  const table = page.getByRole('table', { name: /League table: Referral to triage/ });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('img', { name: /Funnel plot of Referral to triage/ })).toBeVisible();
  // The pooled share met is the one built into the file: referral + 0..14 days of every 30.
  const pooled = ((100 * triageWithin14) / triageTotal).toFixed(1);
  await expect(page.getByRole('status').filter({ hasText: 'Referral to triage clinic within 14 days' }).first()).toContainText(`target ${pooled}% (all centres pooled)`);
  await page.screenshot({ path: `${SCREENS}/remap-triage-variation.png` });
});

test('a file over the 400 MB limit is refused before it is read, with the same message as msvw', async ({ page }) => {
  // A sparse file: 401 MiB on paper, nothing on disk; the page gets its size without reading it.
  const huge = path.resolve('test-results/remap/huge-extract.csv');
  mkdirSync(path.dirname(huge), { recursive: true });
  writeFileSync(huge, '');
  truncateSync(huge, 401 * 1024 ** 2);
  await page.goto('/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
  await chooser.setFiles(huge);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not import huge-extract.csv');
  await expect(alert).toContainText('"huge-extract.csv" is 401 MB, larger than the 400 MB the workbench can read. Split the extract (for example by year or centre) or leave out columns you do not need, and import the parts.');
  await expect(page.getByRole('heading', { name: /Check how huge-extract\.csv/ })).toHaveCount(0);
  await expect(page.getByText('No datasets yet.')).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/remap-too-large.png` });
});

/**
 * A messy clinic extract (CRLF, a blank row, an untrimmed code, "NA", day-first dates) whose free-text
 * "Current treatment" column is mapped to dmt_name: a mapped field is stored as read, so its NHS
 * numbers and titled names are in the dataset until the column is unmapped.
 */
const NOTES_EXTRACT = path.resolve('test-results/remap/clinic-notes.csv');
function writeNotesExtract(): void {
  const lines = [
    'Trust ODS,Patient ID,Referral date,Date first seen,Current treatment,Sex',
    'rth ,P001,02/01/2025,20/01/2025,Ocrelizumab,Female',
    'RTH,P002,03/01/2025,21/01/2025,"Ocrelizumab, NHS 943 476 5919 on letter",Male',
    'RGT,P003,04/01/2025,22/01/2025,NHS no 4010232137 given at clinic,Female',
    'RGT,P004,05/01/2025,23/01/2025,Seen by Mrs Jane Smith,Female',
    '',
    'RTH,P005,06/01/2025,24/01/2025,Seen by Dr Alan Brown,Male',
    'RTH,P006,07/01/2025,25/01/2025,NA,Female',
    'RGT,P007,08/01/2025,26/01/2025,,Male',
    'RGT,P008,09/01/2025,27/01/2025,Natalizumab,Female',
    'RTH,P009,10/01/2025,28/01/2025,Seen by Mrs Jane Smith,Female',
  ];
  mkdirSync(path.dirname(NOTES_EXTRACT), { recursive: true });
  writeFileSync(NOTES_EXTRACT, lines.join('\r\n') + '\r\n');
}

test('a free-text column mapped to a field is unmapped: its NHS numbers and titled names are masked, said and recorded', async ({ page }) => {
  mkdirSync(SCREENS, { recursive: true });
  writeNotesExtract();
  await page.goto('/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
  await chooser.setFiles(NOTES_EXTRACT);
  await expect(page.getByRole('heading', { name: /Check how clinic-notes\.csv will be read/ })).toBeVisible();
  // One blank row, said in the singular.
  await expect(page.getByText(/ · 1 blank row will be excluded$/)).toBeVisible();
  const treatment = page.getByRole('combobox', { name: 'Field for column Current treatment' });
  await treatment.selectOption('dmt_name');
  await expect(treatment).toHaveValue('dmt_name');
  await page.getByRole('button', { name: /^Import \d+ rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'clinic-notes.csv', level: 2, exact: true })).toBeVisible();

  // Mapped to dmt_name, the text is stored as read: the NHS number and the name are in the table.
  const grid = page.getByRole('grid', { name: 'Rows of clinic-notes.csv' });
  await expect(grid.getByRole('columnheader', { name: /dmt_name/ }).first()).toBeVisible();
  await expect(grid).toContainText('943 476 5919');
  await expect(grid).toContainText('Mrs Jane Smith');

  const panel = page.locator('details.remap-panel');
  await panel.getByText(/^Column mapping: /).click();
  const picker = page.getByRole('combobox', { name: 'Field for kept column Current treatment' });
  await expect(picker).toHaveValue('dmt_name');
  await picker.selectOption({ label: 'None (keep as a plain column)' });
  await page.getByRole('button', { name: 'Unmap Current treatment, keeping it as a plain column' }).click();
  await expect(panel.getByRole('status')).toHaveText(
    'Column "Current treatment" is no longer mapped to a field; it is kept as a plain column, stored as "current_treatment". '
    + '4 values held an NHS number or a name after a title (such as "Mr Smith"); they are now masked, as an import masks a plain column. '
    + 'Measures that need DMT name (dmt_name) cannot be worked out until a column is mapped to it.',
  );

  // The reopened dataset shows the masked text only.
  const after = page.getByRole('grid', { name: 'Rows of clinic-notes.csv' });
  await expect(after.getByRole('columnheader', { name: /current_treatment/ }).first()).toBeVisible();
  await expect(after).toContainText('Seen by [name]');
  await expect(after).toContainText('Ocrelizumab, NHS [NHS number] on letter');
  await expect(after).toContainText('NHS no [NHS number] given at clinic');
  for (const shown of ['943 476 5919', '4010232137', 'Jane Smith', 'Alan Brown']) await expect(after).not.toContainText(shown);
  // The import report lists the masking as an import of a plain column does.
  await page.getByText(/^Row accounting: /).click();
  await expect(page.getByRole('table', { name: 'Direct identifiers found' }).getByRole('row', { name: /^Current treatment/ })).toHaveText(/Current treatment\s*free text\s*kept; identifiers inside 4 values masked/);
  await expectNoSeriousViolations(page, 'the column mapping panel after unmapping a free-text column');
  await panel.getByRole('status').scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENS}/remap-unmapped-masked-panel.png` });

  // Stored, not just shown: after a reload the masked values are what the dataset holds.
  await page.reload();
  await nav(page, 'Data');
  const reloaded = page.getByRole('grid', { name: 'Rows of clinic-notes.csv' });
  await expect(reloaded).toContainText('Seen by [name]');
  await expect(reloaded).not.toContainText('943 476 5919');
});
