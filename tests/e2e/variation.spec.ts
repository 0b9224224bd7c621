/**
 * The clinical lead's path: load an extract, pick 4+4 part 1, read in words which centres are
 * better or worse than expected once the real spread between centres is allowed for, find their
 * own centre by name, and export a chart and a suppressed table for a business case.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

async function loadSample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
}

/** The number in "Worse than expected (3): ..." (0 for "none"). */
function listed(sentence: string | null): number {
  const m = /than expected \((\d+)\)/.exec(sentence ?? '');
  return m ? Number(m[1]) : 0;
}

/** The sample generator plants 4 very poor and 2 very good centres (samples/generator.ts); a few more may stand out by chance. */
const PLANTED_WORSE = ['R3L', 'R7G', 'RUZ', 'RZS'];
const PLANTED_BETTER = ['R02', 'R7V'];
const CHANCE_ALLOWANCE = 3;

test('the default funnel on the sample allows for overdispersion, splits better and worse, and names centres', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  const banner = page.getByRole('status').filter({ hasText: '4+4 part 1' }).first();
  await expect(banner).toContainText('Provisional');

  // Automatic overdispersion by default, said in plain words; the Limits control shows what is drawn and why it is fixed.
  await expect(page.getByRole('combobox', { name: 'Overdispersion' })).toHaveValue('auto');
  await expect(banner).toContainText(/Centres vary far more than chance alone explains \(phi = 19\.\d\), so the limits allow for that; choose 'None' to see unadjusted limits\./);
  const limits = page.getByRole('combobox', { name: 'Limits' });
  await expect(limits).toBeDisabled();
  await expect(limits).toContainText('Arcsine, widened for overdispersion');
  await expect(limits).toHaveAccessibleDescription(/Set by the overdispersion adjustment/);

  // Few outliers, better and worse listed separately with counts.
  const worse = banner.getByRole('listitem').filter({ hasText: /^Worse than expected/ });
  const better = banner.getByRole('listitem').filter({ hasText: /^Better than expected/ });
  const worseCount = listed(await worse.textContent());
  const betterCount = listed(await better.textContent());
  expect(worseCount + betterCount).toBeGreaterThanOrEqual(2);
  expect(worseCount + betterCount).toBeLessThanOrEqual(PLANTED_WORSE.length + PLANTED_BETTER.length + CHANCE_ALLOWANCE);
  for (const code of PLANTED_BETTER) await expect(worse).not.toContainText(code);
  for (const code of PLANTED_WORSE) await expect(better).not.toContainText(code);

  // Names in the league table: code and name for every centre; the chart has a point per compared centre.
  const table = page.getByRole('table', { name: 'League table: 4+4 part 1' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(table.getByRole('button', { name: 'Select centre R02 Wyndworth and Penhalholt NHS Foundation Trust' })).toBeVisible();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    centre: tr.querySelector('th')?.textContent?.trim() ?? '',
    band: tr.querySelectorAll('td')[4]?.textContent ?? '',
  })));
  expect(rows.length).toBeGreaterThan(100);
  expect(rows.every((r) => /^Select centre R[0-9A-Z]{2}\S/.test(r.centre))).toBe(true); // code followed by a name
  const compared = rows.filter((r) => !/Not compared/.test(r.band));
  const chart = page.getByRole('img', { name: /Funnel plot of 4\+4 part 1/ });
  await expect(chart.locator('g.mark-symbol.role-mark path')).toHaveCount(compared.length);
  const outside = rows.filter((r) => /99\.8%/.test(r.band));
  expect(outside).toHaveLength(worseCount + betterCount);
  await page.screenshot({ path: 'test-results/screens/variation-funnel-default.png' });

  // Your centre, found by name: its own line comes first.
  const picker = page.getByRole('combobox', { name: 'Your centre' });
  await picker.fill('R7U University Hospitals of Oakenham NHS Trust');
  await expect(banner.locator('.variation__selected')).toHaveText(/^Your centre R7U University Hospitals of Oakenham NHS Trust: \d+\.\d% of [\d,]+, /);
  await table.getByRole('button', { name: /^Select centre R02 / }).click();
  await expect(picker).toHaveValue('R02 Wyndworth and Penhalholt NHS Foundation Trust');
  await expect(banner.locator('.variation__selected')).toHaveText(/^Your centre R02 Wyndworth and Penhalholt NHS Foundation Trust: .*better than expected/);

  // Choosing None shows unadjusted limits: the Limits control is free again and says what it draws; about half the centres are flagged.
  await page.getByRole('combobox', { name: 'Overdispersion' }).selectOption('none');
  await expect(limits).toBeEnabled();
  await expect(limits).toHaveValue('exact');
  await expect(banner).toContainText('Limits not adjusted');
  await expect.poll(async () => listed(await worse.textContent()) + listed(await better.textContent())).toBeGreaterThan(40);
  await limits.selectOption('normal');
  await expect(banner).toContainText('normal-approximation limits');
  await page.screenshot({ path: 'test-results/screens/variation-funnel-none.png' });
});

test('exports of the funnel carry the footnote and suppress small numbers', async ({ page }) => {
  mkdirSync('test-results/screens', { recursive: true });
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  const table = page.getByRole('table', { name: 'League table: 4+4 part 1' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();

  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart SVG' }).click()]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  expect(svg).toContain('<svg');
  expect(svg).toContain('As of: 30/09/2026');
  // The footnote sits inside the image, wrapped to the chart's width, on one white background.
  const svgWidth = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
  expect(svg).toMatch(new RegExp(`<rect x="0" y="0" width="${svgWidth}" height="\\d+(\\.\\d+)?" fill="#ffffff"`));
  const footnoteSvgLines = [...(/<g class="footnote">([\s\S]*?)<\/g>/.exec(svg)?.[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Table CSV' }).click()]);
  const csv = readFileSync(await csvDownload.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.split(/\r\n/);
  expect(lines[0]).toMatch(/^Centre,/);
  const body = lines.slice(1, lines.indexOf(''));
  expect(body.length).toBeGreaterThan(100);
  const header = lines[0].split(',');
  const nColumn = header.indexOf('n');
  const numeratorColumn = header.indexOf('Numerator');
  // No published count of 1 to 7 people; some cells are suppressed.
  for (const line of body) {
    const cells = line.split(',');
    for (const v of [cells[nColumn], cells[numeratorColumn]]) if (v !== '*') expect(Number(v) === 0 || Number(v) >= 8, line).toBe(true);
  }
  expect(body.some((l) => l.includes('*'))).toBe(true);
  expect(csv).toMatch(/suppressed/i);
  // The chart's footnote is the table's footnote, wrapped: long lines take more than one line in the image, none is lost.
  const footnote = lines.slice(lines.indexOf('') + 1).filter(Boolean).map((l) => l.replace(/^"|"$/g, '').replace(/""/g, '"'));
  expect(footnote.some((l) => l.startsWith('Suppression:'))).toBe(true);
  expect(footnoteSvgLines.length).toBeGreaterThan(footnote.length);
  expect(footnoteSvgLines.join(' ').replace(/\s+/g, ' ')).toContain('Minimum n: centres with fewer than 5 patients are not compared');

  // PNG (2x) and XLSX exports are real files.
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart PNG' }).click()]);
  const png = readFileSync(await pngDownload.path());
  writeFileSync('test-results/screens/export-funnel.png', png);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(1200); // width at 2x
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Table XLSX' }).click()]);
  const xlsx = readFileSync(await xlsxDownload.path());
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(page.getByRole('status').filter({ hasText: /^Exported the table/ })).toBeVisible();

  // A stale "Exported ..." message clears when the view changes.
  await page.getByRole('tab', { name: 'Caterpillar plot' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Exported/ })).toHaveCount(0);

  // Turning suppression off warns before exporting identifiable small numbers.
  const rule = page.getByRole('combobox', { name: 'Small numbers' });
  await expect(rule).toHaveValue('1-7');
  await rule.selectOption('none');
  await expect(page.getByRole('alert').filter({ hasText: 'may identify people' })).toBeVisible();
});

test('a filter change re-runs the analysis and the caterpillar, tier summary and profile views render with their help', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  const banner = page.getByRole('status').filter({ hasText: /patients in \d+ centres/ }).first();
  await expect(banner).toBeVisible();
  const before = await banner.textContent();
  await page.locator('summary', { hasText: 'Filters' }).click();
  await page.getByRole('group', { name: 'MS type' }).getByRole('checkbox', { name: 'RRMS' }).check();
  await expect(banner).not.toHaveText(before ?? '');

  // Dates are typed as dd/mm/yyyy whatever the locale; a wrong one gets a specific message.
  const from = page.getByRole('textbox', { name: 'From' });
  await from.fill('31/02/2024');
  await from.blur();
  await expect(page.getByRole('alert').filter({ hasText: 'is not a date: write it as dd/mm/yyyy' })).toBeVisible();
  await from.fill('01/01/2025');
  await expect(banner).toContainText(/period 01\/01\/2025 to /);

  // Help beside each chart, linking to the glossary.
  const help = page.locator('summary', { hasText: 'How to read this chart' });
  await help.click();
  await page.getByRole('link', { name: 'control limits' }).click();
  await expect(page.locator('#glossary-limits')).toBeFocused();
  await expect(page.locator('#glossary')).toHaveAttribute('open', '');

  await page.getByRole('tab', { name: 'Caterpillar plot' }).click();
  const caterpillar = page.getByRole('img', { name: /Caterpillar plot of/ });
  await expect(caterpillar.locator('svg')).toBeVisible();
  await expect(page.locator('summary', { hasText: 'How to read this chart' })).toBeVisible();
  // The vertical axis can be fixed at 0-100% (for a business case).
  await page.getByRole('checkbox', { name: 'Vertical axis 0-100%' }).check();
  const yLabels = caterpillar.locator('g.role-axis').filter({ hasText: '% meeting standard' }).locator('g.role-axis-label text');
  await expect(yLabels.first()).toHaveText('0%');
  await expect(yLabels.last()).toHaveText('100%');
  await page.getByRole('tab', { name: 'Tier summary' }).click();
  await expect(page.getByRole('img', { name: /Tier summary of/ }).locator('svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/variation-tiers.png' });
  await page.getByRole('tab', { name: 'Centre profile' }).click();
  await expect(page.getByRole('img', { name: /Centre profile of/ }).locator('svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/variation-profile.png' });
});

test('the tier summary and the centre profile each have their own table, and export that table, chart and footnote', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  await expect(page.getByRole('table', { name: 'League table: 4+4 part 1' })).toBeVisible();

  // Tier summary: per standard, centres and patients at each tier; the league table is not beside it.
  await page.getByRole('tab', { name: 'Tier summary' }).click();
  const tiers = page.getByRole('table', { name: /^Tier summary table/ });
  await expect(tiers).toBeVisible();
  await expect(page.getByRole('table', { name: /^League table/ })).toHaveCount(0);
  await expect(tiers.getByRole('columnheader')).toContainText(['Standard', 'Period', 'Centres: Aspirational', 'Centres: Achievable', 'Centres: Core', 'Centres: Below core']);
  await expect(tiers.getByRole('rowheader').filter({ hasText: '(provisional)' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/variation-tier-table.png' });

  const [tierCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Table CSV' }).click()]);
  expect(tierCsv.suggestedFilename()).toContain('tier-table');
  const tierLines = readFileSync(await tierCsv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r\n/);
  expect(tierLines[0]).toMatch(/^Standard,Period,Centres: Aspirational,Centres: Achievable,Centres: Core,Centres: Below core,Patients: Aspirational/);
  const tierHeader = tierLines[0].split(',');
  const patientColumns = tierHeader.map((h, i) => (h.startsWith('Patients:') ? i : -1)).filter((i) => i >= 0);
  for (const line of tierLines.slice(1, tierLines.indexOf(''))) {
    const cells = line.split(',');
    for (const i of patientColumns) if (/^\d+$/.test(cells[i] ?? '')) expect(Number(cells[i]) === 0 || Number(cells[i]) >= 8, line).toBe(true);
  }
  expect(tierLines.join('\n')).toMatch(/highest tier it meets/);
  const [tierSvg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Chart SVG' }).click()]);
  expect(tierSvg.suggestedFilename()).toContain('tier-summary');
  expect(readFileSync(await tierSvg.path(), 'utf8')).toContain('highest tier it meets');

  // Centre profile: Fingertips' columns for the chosen centre.
  await page.getByRole('tab', { name: 'Centre profile' }).click();
  await page.getByRole('combobox', { name: 'Centre', exact: true }).selectOption('R02');
  const profile = page.getByRole('table', { name: /^Profile of R02 Wyndworth and Penhalholt NHS Foundation Trust/ });
  await expect(profile).toBeVisible();
  await expect(profile.getByRole('columnheader')).toHaveText(['Indicator', 'Period', 'Count', 'Value', 'Benchmark value', 'Worst', 'Best', 'Band']);
  await expect(page.getByRole('img', { name: /Centre profile of R02 Wyndworth/ }).locator('svg')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/variation-profile-table.png' });
  const [profileCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Table CSV' }).click()]);
  expect(profileCsv.suggestedFilename()).toContain('profile-table');
  const profileText = readFileSync(await profileCsv.path(), 'utf8').replace(/^\uFEFF/, '');
  expect(profileText.split(/\r\n/)[0]).toBe('Indicator,Period,Count,Value,Benchmark value,Worst,Best,Band');
  expect(profileText).toContain('Centre R02 Wyndworth and Penhalholt NHS Foundation Trust');
  expect(profileText).not.toMatch(/^Centre,n,/m);
});

/** Rows of a CSV without quoted commas (both tables here have none), keyed by their first column. */
function rowsByKey(lines: string[]): { header: string[]; rows: Map<string, string[]> } {
  const header = lines[0].split(',');
  return { header, rows: new Map(lines.slice(1).map((l) => l.split(',')).map((cells) => [cells[0], cells])) };
}

test('the app\'s table and `msvw analyse` give the same numbers for every centre of the sample', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Variation' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Table CSV' }).click()]);
  const appLines = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r\n/);
  const app = rowsByKey(appLines.slice(0, appLines.indexOf('')));
  // The CLI as a person runs it, on the same file, with its defaults (4+4 part 1 by centre, suppression 1-7).
  const cliCsv = execFileSync(process.execPath, ['bin/msvw.js', 'analyse', 'samples/data/audit-sample.csv', '--format', 'csv'], { encoding: 'utf8' });
  const cliAll = cliCsv.split(/\r?\n/);
  // The table, then a blank line and its footnote (as the app's).
  const cli = rowsByKey(cliAll.slice(0, cliAll.indexOf('')).map((l) => l.split(',').slice(2).join(',')));
  expect(cliAll.slice(cliAll.indexOf('') + 1).join('\n')).toMatch(/Suppression:/);
  expect([...app.rows.keys()].sort()).toEqual([...cli.rows.keys()].sort());
  expect(app.rows.size).toBeGreaterThan(100);
  const a = (name: string) => app.header.indexOf(name);
  const c = (name: string) => cli.header.indexOf(name);
  for (const [code, cells] of cli.rows) {
    const mine = app.rows.get(code)!;
    // Counts, words and suppression marks exactly; decimals as the app rounds them (percentages to 0.1, z to 0.01).
    for (const [appName, cliName] of [['Name', 'centre_name'], ['n', 'n'], ['Numerator', 'numerator'], ['Band', 'band'], ['Tier', 'tier'], ['Median days', 'median_days'],
      ['Excluded: clock running', 'excluded_clock_running'], ['Excluded: invalid', 'excluded_invalid'], ['Excluded: missing', 'excluded_missing']] as const) {
      expect(mine[a(appName)], `${code} ${appName}`).toBe(cells[c(cliName)]);
    }
    for (const [appName, cliName, scale, step] of [['%', 'proportion', 100, 0.1], ['95% CI lower', 'ci95_lower', 100, 0.1], ['95% CI upper', 'ci95_upper', 100, 0.1],
      ['95% limit lower', 'l95', 100, 0.1], ['95% limit upper', 'u95', 100, 0.1], ['99.8% limit lower', 'l998', 100, 0.1], ['99.8% limit upper', 'u998', 100, 0.1], ['z', 'z', 1, 0.01]] as const) {
      const cliValue = cells[c(cliName)];
      if (cliValue === '' || cliValue === '*') { expect(mine[a(appName)], `${code} ${appName}`).toBe(cliValue); continue; }
      expect(Math.abs(Number(mine[a(appName)]) - Number(cliValue) * scale), `${code} ${appName}: ${mine[a(appName)]} vs ${cliValue}`).toBeLessThanOrEqual(step / 2 + 1e-9);
    }
  }
  // The same as-of date: in the app's footnote and in every CLI row.
  const asOf = cli.rows.values().next().value![c('as_of')];
  const [y, m, d] = asOf.split('-');
  expect(appLines.join('\n')).toContain(`${d}/${m}/${y}`);
});
