/**
 * The clinical lead's business case, as a new user would go: open the sample, choose their centre,
 * build the case for 4+4 part 1, change an assumption and see the numbers move, save the scenario,
 * export and re-import it (and see a clear message on a bad file), then produce the report and save
 * it as a PDF whose pages are rendered to PNG for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const SCREENS = 'test-results/screens';
const PDF_DIR = 'test-results/business-case-pdf';

async function loadSample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
}

/** The text of the definition after a term in a <dl>. */
function definition(scope: Locator, term: string): Locator {
  return scope.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

/** An editable value by its exact accessible name (label and unit). */
function field(page: Page, name: string): Locator {
  return page.getByRole('spinbutton', { name, exact: true });
}

/** Pounds written on the page as a number ("£12,345" -> 12345, "-£1,200" -> -1200). */
function pounds(text: string): number {
  const m = /(-?)£([\d,]+)/.exec(text);
  if (!m) throw new Error(`No amount in "${text}"`);
  return Number(`${m[1]}${m[2].replace(/,/g, '')}`);
}

test('business case: build for a centre from the sample, edit an assumption, save, export and import the scenario, report as PDF', async ({ page }) => {
  test.setTimeout(240_000);
  mkdirSync(SCREENS, { recursive: true });
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Business case' }).click();

  const settings = page.getByRole('form', { name: 'Business case settings' });
  await expect(settings.getByRole('combobox', { name: 'Measure' })).toHaveValue('4plus4-part1');
  const centre = settings.getByRole('combobox', { name: 'Centre' });
  await expect(centre.locator('option', { hasText: 'RNJ' })).toHaveCount(1);
  await centre.selectOption('RNJ');
  await settings.getByRole('button', { name: 'Build business case' }).click();

  // Where the centre stands: share with its interval, funnel position, the funnel with the centre highlighted.
  const stands = page.getByRole('region', { name: 'Where RNJ stands' });
  await expect(stands).toBeVisible();
  await expect(definition(stands, 'Seen within the time frame')).toContainText(/\d+(\.\d)?% \([\d,]+ of [\d,]+; 95% interval \d+(\.\d)?% to \d+(\.\d)?%\)/);
  await expect(definition(stands, 'Funnel position')).toContainText(/of \d+ centres/);
  await expect(stands.getByRole('img', { name: /Funnel plot of 4\+4 part 1 with RNJ highlighted/ })).toBeVisible();
  // The trend: the centre's monthly reading with its Making Data Count icons, in plain words.
  const trend = definition(stands, 'Trend');
  await expect(trend).toContainText(/(Over \d+ months to \w{3} \d{4}: .*\(special cause\)|\(common cause\))/);
  await expect(trend.getByRole('img', { name: /^(Common cause variation|Special cause variation: .*)$/ })).toBeVisible();

  // Demand prefilled from the data, every value editable with its unit in the accessible name, and a source.
  const referrals = field(page, 'Referrals a year (people per year)');
  expect(Number(await referrals.inputValue())).toBeGreaterThan(0);
  const caseload = field(page, 'People with MS under the centre\'s care (people)');
  expect(Number(await caseload.inputValue())).toBeGreaterThan(0);
  await expect(page.locator('tr[data-input="referralsPerYear"] .assumptions__source')).toContainText('Centre data (RNJ');
  await expect(page.locator('tr[data-input="emergencyAdmissionCost"] .assumptions__source')).toContainText('Hospital Episode Statistics');
  await expect(field(page, 'Cost of an emergency admission (GBP per admission)')).toHaveValue('2844');
  await expect(field(page, 'Sustainable caseload per MS nurse WTE (people per WTE)')).toHaveValue('315');
  await expect(field(page, 'Discount rate (% (per year))')).toHaveValue('3.5');

  // What meeting the target takes, costs by year and the tornado.
  const takes = page.getByRole('region', { name: 'What meeting the target takes' });
  await expect(definition(takes, 'Extra MS nurse WTE')).toHaveText(/^\d+\.\d$/);
  const headline = page.getByLabel('Net cost per person reaching the standard');
  await expect(headline).toContainText('Discounted net cost over 5 years');
  const before = pounds((await headline.locator('strong').first().textContent()) ?? '');
  const cash = page.getByRole('table', { name: /Costs and benefits by year/ });
  await expect(cash.getByRole('columnheader')).toHaveText(['Line', 'Year 0', 'Year 1', 'Year 2', 'Year 3', 'Year 4', 'Total']);
  // Each line has its total over the years (from the model's lineTotals: the page adds nothing itself).
  const nurseCells = await cash.getByRole('row', { name: /^MS nurses/ }).getByRole('cell').allTextContents();
  expect(nurseCells).toHaveLength(6);
  expect(pounds(nurseCells[5])).toBeCloseTo(nurseCells.slice(0, 5).reduce((sum, c) => sum + pounds(c), 0), -1);
  await expect(page.getByRole('img', { name: /Tornado chart/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Tornado chart/ }).locator('g.mark-rect.role-mark path').first()).toBeVisible();

  await page.screenshot({ path: `${SCREENS}/business-case-top.png`, fullPage: false });
  const axe = await new AxeBuilder({ page }).include('.business-case').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);

  // Change an assumption: nurses in post now. Fewer extra nurses, so the net cost falls; the requirement updates.
  const gapBefore = Number(await definition(takes, 'Extra MS nurse WTE').textContent());
  await field(page, 'MS nurse WTE in post now (WTE)').fill('1');
  await expect(definition(takes, 'Extra MS nurse WTE')).not.toHaveText(String(gapBefore.toFixed(1)));
  const gapAfter = Number(await definition(takes, 'Extra MS nurse WTE').textContent());
  expect(gapAfter).toBeCloseTo(Math.max(0, gapBefore - 1), 1);
  await expect.poll(async () => pounds((await headline.locator('strong').first().textContent()) ?? '')).toBeLessThan(before);
  await expect(page.locator('tr[data-input="currentNurseWte"] .origin')).toHaveText('Yours');

  // A refused value says what is allowed, beside the field.
  await field(page, 'Target share (%)').fill('150');
  await expect(page.locator('tr[data-input="targetShare"]').getByRole('alert')).toContainText('between 0 and 1');
  await field(page, 'Target share (%)').fill('80');
  await expect(page.locator('tr[data-input="targetShare"]').getByRole('alert')).toHaveCount(0);

  await page.getByRole('region', { name: 'Assumptions' }).screenshot({ path: `${SCREENS}/business-case-assumptions.png` });
  await page.getByRole('region', { name: 'Sensitivity' }).screenshot({ path: `${SCREENS}/business-case-sensitivity.png` });
  await takes.screenshot({ path: `${SCREENS}/business-case-takes.png` });
  await page.getByRole('region', { name: 'Costs and benefits over 5 years' }).screenshot({ path: `${SCREENS}/business-case-costs.png` });
  await page.screenshot({ path: `${SCREENS}/business-case-full.png`, fullPage: true });

  // Save the scenario by name on this computer; it is listed, and loading it brings the values back.
  const scenarios = page.getByRole('region', { name: 'Scenarios' });
  await scenarios.getByRole('textbox', { name: 'Scenario name' }).fill('RNJ one nurse in post');
  await scenarios.getByRole('button', { name: 'Save scenario' }).click();
  await expect(scenarios.getByRole('status')).toHaveText('Saved scenario “RNJ one nurse in post” on this computer.');
  await field(page, 'MS nurse WTE in post now (WTE)').fill('2');
  await scenarios.getByRole('combobox', { name: 'Saved scenarios' }).selectOption('RNJ one nurse in post');
  await scenarios.getByRole('button', { name: 'Load' }).click();
  await expect(field(page, 'MS nurse WTE in post now (WTE)')).toHaveValue('1');

  // Export it as JSON: the shared scenario format, with the edited value.
  const [download] = await Promise.all([page.waitForEvent('download'), scenarios.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toBe('rnj-one-nurse-in-post.json');
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { format: string; centre: string; measureId: string; years: number; inputs: { name: string; value: number }[] };
  expect(exported).toMatchObject({ format: 'msvw-business-case', centre: 'RNJ', measureId: '4plus4-part1', years: 5 });
  expect(exported.inputs.find((i) => i.name === 'currentNurseWte')?.value).toBe(1);
  expect(exported.inputs.find((i) => i.name === 'emergencyAdmissionCost')?.value).toBe(2844);

  // A bad file gets a clear message, and nothing changes.
  const importFile = async (name: string, content: string) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), scenarios.getByRole('button', { name: 'Import JSON' }).click()]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  };
  await importFile('notes.json', 'this is not a scenario');
  await expect(scenarios.getByRole('alert')).toHaveText('notes.json is not JSON: export a scenario from the Business case page, or write one as in the README.');
  await importFile('wrong.json', JSON.stringify({ ...exported, inputs: [{ name: 'nurseWte', value: 2 }] }));
  await expect(scenarios.getByRole('alert')).toContainText('wrong.json at inputs.0.name');
  await expect(field(page, 'MS nurse WTE in post now (WTE)')).toHaveValue('1');

  // Importing the exported file (renamed) restores its values after a change, and keeps it under its name.
  await field(page, 'MS nurse WTE in post now (WTE)').fill('3');
  await importFile('shared-by-a-colleague.json', JSON.stringify({ ...exported, name: 'From a colleague' }));
  await expect(scenarios.getByRole('status')).toHaveText('Imported scenario “From a colleague” from shared-by-a-colleague.json and saved it on this computer.');
  await expect(field(page, 'MS nurse WTE in post now (WTE)')).toHaveValue('1');
  await expect(scenarios.getByRole('combobox', { name: 'Saved scenarios' }).locator('option')).toHaveText(['Choose one…', 'From a colleague · RNJ · 5 y', 'RNJ one nurse in post · RNJ · 5 y']);
  // A scenario made for a centre this extract does not have is applied to the centre in hand, and says so.
  await importFile('elsewhere.json', JSON.stringify({ ...exported, name: 'Made elsewhere', centre: 'ZZZ' }));
  await expect(scenarios.getByRole('status')).toContainText('It was made for centre ZZZ, which is not in this extract: applied to RNJ');
  await expect(field(page, 'MS nurse WTE in post now (WTE)')).toHaveValue('1');
  await scenarios.screenshot({ path: `${SCREENS}/business-case-scenarios.png` });

  // The report: the print view shows the shared builder's A4 document alone, under the page's strict CSP.
  await settings.getByRole('button', { name: 'Report' }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Report' });
  await expect(toolbar.getByRole('heading', { name: 'Business case: 4+4 part 1 at RNJ' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Workbench' })).toBeHidden();
  const documentView = page.getByRole('document', { name: 'Business case: 4+4 part 1 at RNJ' });
  await expect(documentView).toHaveAttribute('aria-busy', 'false');
  await expect(documentView.locator('.msvw-report')).toBeVisible();
  await expect(documentView.locator('.msvw-report')).toContainText('scenario "Made elsewhere"');
  // The report's styles apply (constructed stylesheets): A4-wide white sheets.
  const sheetWidth = await documentView.locator('.msvw-report .page').first().evaluate((el) => el.getBoundingClientRect().width);
  expect(sheetWidth).toBeGreaterThan(780);
  expect(sheetWidth).toBeLessThan(800);
  await expect(documentView.locator('.msvw-report svg').first()).toBeVisible();
  const pagesWithout = await documentView.locator('.msvw-report .page').count();

  // The optional plain-English page for patient partners.
  await toolbar.getByRole('checkbox', { name: 'Add a summary page for patient partners' }).check();
  await expect(documentView.locator('.msvw-report .page')).toHaveCount(pagesWithout + 1);
  await page.screenshot({ path: `${SCREENS}/business-case-report-view.png` });
  // The trend is in the report: its chart and the icons beside the reading, as published. The
  // sample's monthly counts at RNJ include months of 1-7 people, so the variation reading, which
  // would be read from them, is withheld (as the Trends page's SPC export withholds it).
  const trendPage = documentView.locator('section[aria-label="The trend"]');
  await expect(trendPage.locator('.chart svg')).toBeVisible();
  await expect(trendPage.getByRole('img', { name: 'Variation icon: Not shown (suppressed)' })).toBeVisible();
  await expect(trendPage.locator('.reading')).toContainText('the latest reading is not shown');
  await expect(trendPage.getByRole('img', { name: /^(Common cause variation|Special cause variation: .*)$/ })).toHaveCount(0);
  await trendPage.screenshot({ path: `${SCREENS}/business-case-report-trend.png` });
  // The print view passes axe: headings in order, every table header named.
  const reportAxe = await new AxeBuilder({ page }).include('.report-view__document').analyze();
  expect(reportAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  // ... and axe did read inside the document (its shadow root): these rules found headings and table headers to pass.
  expect(reportAxe.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['heading-order', 'empty-table-header']));

  // Save as PDF (headless Chromium prints with the print CSS), then render every page to PNG to look at.
  rmSync(PDF_DIR, { recursive: true, force: true });
  mkdirSync(PDF_DIR, { recursive: true });
  const pdfPath = join(PDF_DIR, 'business-case-RNJ.pdf');
  writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(PDF_DIR, 'page')]);
  const pngs = readdirSync(PDF_DIR).filter((f) => f.endsWith('.png'));
  expect(pngs.length).toBeGreaterThanOrEqual(pagesWithout + 1);
  const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
  // Nothing of the app's chrome is printed.
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).not.toContain('Offline · data stays on this device');
  expect(text).not.toContain('Print or save as PDF');
  expect(text).toContain('RNJ');
  // The running footer (an @page margin box, moved to the document's sheet) prints on every page.
  expect(text).toContain(`Page 1 of ${pngs.length}`);
  expect(text).toContain(`Page ${pngs.length} of ${pngs.length}`);

  // Back to the business case, as it was.
  await toolbar.getByRole('button', { name: '← Back' }).click();
  await expect(page.getByRole('region', { name: 'Where RNJ stands' })).toBeVisible();
  await expect(settings.getByRole('button', { name: 'Report' })).toBeFocused();
  await expect(field(page, 'MS nurse WTE in post now (WTE)')).toHaveValue('1');
});

test('Variation view: Report for the chosen centre, and for all centres', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  const controls = page.getByRole('form', { name: 'Analysis settings' });
  await expect(page.getByRole('table', { name: 'League table: 4+4 part 1' }).getByRole('row').nth(1)).toBeVisible();

  await controls.screenshot({ path: `${SCREENS}/variation-controls-report.png` });
  // All centres: no plain-English page on offer (it speaks about one centre).
  await controls.getByRole('button', { name: 'Report' }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Report' });
  await expect(toolbar.getByRole('heading', { name: 'Report: 4+4 part 1, all centres' })).toBeVisible();
  const all = page.getByRole('document', { name: 'Report: 4+4 part 1, all centres' });
  await expect(all).toHaveAttribute('aria-busy', 'false');
  await expect(all.locator('.msvw-report h1')).toContainText('all centres');
  await expect(toolbar.getByRole('checkbox')).toHaveCount(0);
  mkdirSync(PDF_DIR, { recursive: true });
  const pdfPath = join(PDF_DIR, 'variation-all.pdf');
  writeFileSync(pdfPath, await page.pdf({ preferCSSPageSize: true }));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(PDF_DIR, 'variation-all')]);
  await toolbar.getByRole('button', { name: '← Back' }).click();

  // The chosen centre: its standing, with the plain-English page on offer.
  await controls.getByRole('combobox', { name: 'Your centre' }).fill('R7U');
  await expect(page.locator('.variation__selected')).toContainText('Your centre R7U');
  await controls.getByRole('button', { name: 'Report' }).click();
  const centre = page.getByRole('document', { name: 'Report: 4+4 part 1 at R7U' });
  await expect(centre).toHaveAttribute('aria-busy', 'false');
  await expect(centre.locator('.msvw-report')).toContainText('R7U');
  await toolbar.getByRole('checkbox', { name: 'Add a summary page for patient partners' }).check();
  await expect(centre.locator('.msvw-report')).toContainText('For patient partners');
  await page.screenshot({ path: `${SCREENS}/variation-report-view.png` });
  await toolbar.getByRole('button', { name: '← Back' }).click();
  await expect(page.locator('.variation__selected')).toContainText('Your centre R7U');
});

test('business case on a centre-level KPI extract: 4+4 part 1 KPI by default, demand it cannot count is asked for', async ({ page }) => {
  await page.goto('/');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open extract…' }).click()]);
  await chooser.setFiles(resolve('samples/data/kpi-sample.csv'));
  await page.getByRole('button', { name: /^Import [\d,]+ rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'kpi-sample.csv', level: 2, exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Business case' }).click();
  const settings = page.getByRole('form', { name: 'Business case settings' });
  await expect(settings.getByRole('combobox', { name: 'Measure' })).toHaveValue('kpi-4plus4_part1');
  await settings.getByRole('combobox', { name: 'Centre' }).selectOption('R02');
  await settings.getByRole('button', { name: 'Build business case' }).click();
  await expect(page.getByRole('region', { name: 'Where R02 stands' })).toBeVisible();
  await expect(page.locator('tr[data-input="backlog"] .assumptions__source')).toContainText(/enter/i);
  await expect(page.getByLabel('Net cost per person reaching the standard')).toContainText('Discounted net cost');
  await page.screenshot({ path: `${SCREENS}/business-case-kpi.png` });
});

test('in the desktop app the print view saves the PDF through the host (printToPDF), named after the report', async ({ page }) => {
  // A stand-in for the Electron preload: the same WorkbenchHost seam, recording what savePdf is asked.
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { pdfCalls: unknown[] }).pdfCalls = calls;
    (window as unknown as { workbench: unknown }).workbench = {
      kind: 'electron',
      openFiles: async () => [],
      saveFile: async (request: { suggestedName: string }) => request.suggestedName,
      print: async () => undefined,
      savePdf: async (request: { suggestedName: string }) => { calls.push(request); return `/home/lead/${request.suggestedName}`; },
      onMenuCommand: () => () => undefined,
      info: async () => ({ kind: 'electron', appVersion: 'test', platform: 'test' }),
    };
  });
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Business case' }).click();
  const settings = page.getByRole('form', { name: 'Business case settings' });
  await settings.getByRole('combobox', { name: 'Centre' }).selectOption('R7U');
  await settings.getByRole('button', { name: 'Build business case' }).click();
  await settings.getByRole('button', { name: 'Report' }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Report' });
  await expect(page.getByRole('document', { name: 'Business case: 4+4 part 1 at R7U' })).toHaveAttribute('aria-busy', 'false');
  await expect(toolbar.getByRole('button', { name: 'Print', exact: true })).toBeVisible();
  await toolbar.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as' })).toHaveText('Saved as /home/lead/business-case-r7u-4plus4-part1.pdf.');
  expect(await page.evaluate(() => (window as unknown as { pdfCalls: unknown[] }).pdfCalls)).toEqual([{ suggestedName: 'business-case-r7u-4plus4-part1.pdf' }]);
});

test('a Brain Health tier as the target reads the centre again for that tier\'s time frame, keeping the values you set', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Business case' }).click();
  const settings = page.getByRole('form', { name: 'Business case settings' });
  await settings.getByRole('combobox', { name: 'Measure' }).selectOption('bh-referral-to-seen');
  await settings.getByRole('combobox', { name: 'Centre' }).selectOption('RNJ');
  await settings.getByRole('button', { name: 'Build business case' }).click();
  const stands = page.getByRole('region', { name: 'Where RNJ stands' });
  const share = definition(stands, 'Seen within the time frame');
  await expect(share).toContainText('%');
  const coreShare = await share.textContent();
  await field(page, 'MS nurse WTE in post now (WTE)').fill('2');

  await stands.getByRole('radio', { name: 'A tier’s target' }).check();
  await stands.getByRole('combobox', { name: 'Tier' }).selectOption('aspirational');
  await expect(share).not.toHaveText(coreShare ?? '');
  await expect(stands.getByText(/^Now: /)).toContainText('aspirational');
  await expect(field(page, 'MS nurse WTE in post now (WTE)')).toHaveValue('2');
  await expect(page.locator('tr[data-input="referralsPerYear"] .origin')).toHaveText('From your data');
});
