/**
 * The improvement-project path: open the sample, chart 4+4 part 1 for a centre whose waits the
 * generator shortens over the window (RME: one of the two large centres that always improve, see
 * samples/generator.ts and samples/data/README.md), see special-cause improvement, note a dated
 * change, rebase at it, compare before / after, and export the chart and its table. Then the board.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { BOARD_TABLE_COLUMNS, SPC_TABLE_COLUMNS, WAIT_SUMMARY_COLUMNS } from '../../shared/analysis/trend-export';

const IMPROVING_CENTRE = 'RME';
const NOTE_DATE = '2025-04-01';
/** The note's date as the page takes and shows it (dd/mm/yyyy whatever the browser locale). */
const NOTE_UK = '01/04/2025';
/** The small-number rules offered by the export bars (shared/output/publish.ts SUPPRESSION_RULE_WORDS). */
const ROUND5 = { label: 'Counts of 1-7 shown as *, the rest rounded to the nearest 5 (OpenSAFELY)' };
const NO_SUPPRESSION = { label: 'No suppression: the output may identify people' };
const NOTE_TEXT = 'New triage clinic started';

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

async function loadSample(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Open sample extract' }).click();
  await page.getByRole('button', { name: /^Import 20,000 rows$/ }).click();
  await expect(page.getByRole('heading', { name: 'audit-sample.csv', level: 2, exact: true })).toBeVisible();
}

async function openTrends(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Trends' }).click();
  await page.getByRole('combobox', { name: 'Measure' }).selectOption({ label: '4+4 part 1 (provisional)' });
  const picker = page.getByRole('combobox', { name: 'Centre (code or name)' });
  await picker.fill(IMPROVING_CENTRE);
  await expect(page.getByRole('option', { name: new RegExp(`^${IMPROVING_CENTRE} · `) })).toBeVisible();
  await picker.press('Enter');
  await expect(picker).toHaveValue(new RegExp(`^${IMPROVING_CENTRE} · `));
}

test('an improving centre: special-cause improvement, a dated note, rebase, before / after, exports', async ({ page }) => {
  await loadSample(page);
  await openTrends(page);

  const chart = page.getByRole('img', { name: new RegExp(`SPC chart of 4\\+4 part 1: ${IMPROVING_CENTRE}`) });
  await expect(chart).toBeVisible();
  await expect(chart.locator('svg')).toBeVisible();
  const points = page.getByRole('table', { name: new RegExp(`Points of 4\\+4 part 1: ${IMPROVING_CENTRE}`) });
  const rows = await points.locator('tbody tr').count();
  expect(rows).toBeGreaterThanOrEqual(24);
  // Special-cause improvement somewhere in the series, and the latest reading named by the icon.
  await expect(points.getByRole('cell', { name: 'Special cause: improvement' }).first()).toBeVisible();
  const icons = page.getByRole('complementary', { name: 'Making Data Count icons' });
  await expect(icons.getByRole('img', { name: /Special cause variation: improvement \(high\)/ })).toBeVisible();
  // Each rule choice is said on the chart's banner (and its subtitle).
  const banner = page.getByRole('status').filter({ hasText: 'p-chart' }).first();
  await expect(banner).toContainText('2 of 3: NHSRplotthedots: near points only');
  await expect(banner).toContainText('trend and shift of 7 points');
  await page.screenshot({ path: 'test-results/screens/trends-chart.png', fullPage: true });

  // A rule choice changes the subtitle.
  await page.getByRole('combobox', { name: '2 of 3 near a limit' }).selectOption({ label: 'Making Data Count (2023): points beyond the limits count' });
  await expect(banner).toContainText('2 of 3: Making Data Count (2023)');

  // Add a dated note; it is listed and drawn on the chart.
  const noteForm = page.getByRole('form', { name: 'Add a note' });
  await noteForm.getByLabel('Date of change').fill(NOTE_UK);
  await noteForm.getByLabel('What changed').fill(NOTE_TEXT);
  await noteForm.getByRole('button', { name: 'Add note' }).click();
  const notes = page.getByRole('list', { name: 'Notes' });
  await expect(notes).toContainText(`${NOTE_UK} ${NOTE_TEXT}`);
  await expect(notes.getByRole('button', { name: `Rebased here: ${NOTE_UK} ${NOTE_TEXT}` })).toHaveCount(0);
  await expect(chart.locator('text', { hasText: NOTE_TEXT })).toHaveCount(1);

  // Rebase at the note: the subtitle says so and the mean steps up after it.
  await notes.getByRole('button', { name: `Rebase here: ${NOTE_UK} ${NOTE_TEXT}` }).click();
  await expect(banner).toContainText(`rebased at ${NOTE_UK}`);
  await expect(notes.getByRole('button', { name: `Rebased here: ${NOTE_UK} ${NOTE_TEXT}` })).toBeDisabled();
  await expect(page.getByRole('list', { name: 'Rebase dates' })).toContainText(NOTE_UK);
  const means = await points.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    period: tr.querySelector('th')?.textContent ?? '',
    mean: parseFloat(tr.querySelectorAll('td')[3]?.textContent ?? ''),
  })));
  const before = means.filter((m) => m.period < NOTE_DATE.slice(0, 7));
  const after = means.filter((m) => m.period >= NOTE_DATE.slice(0, 7));
  expect(new Set(before.map((m) => m.mean)).size).toBe(1);
  expect(new Set(after.map((m) => m.mean)).size).toBe(1);
  expect(after[0].mean).toBeGreaterThan(before[0].mean);

  // Before / after at the note: proportions with intervals, the change with its interval.
  await notes.getByRole('button', { name: `Before / after: ${NOTE_UK} ${NOTE_TEXT}` }).click();
  const comparison = page.getByRole('table', { name: new RegExp(`Before and after ${NOTE_UK}`) });
  await expect(comparison.getByRole('row', { name: /^Change/ })).toContainText(/\+\d+\.\d points/);
  const [comparisonCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export the before / after table' }).getByRole('button', { name: 'Table CSV' }).click()]);
  const comparisonText = readFileSync(await comparisonCsv.path(), 'utf8');
  expect(comparisonText).toMatch(new RegExp(`^\uFEFF?Side,From,To,Periods,n,Numerator,Proportion,95% CI lower,95% CI upper\r\nBefore ${NOTE_UK},`));
  expect(comparisonText).toContain(`Note ${NOTE_UK}: ${NOTE_TEXT}`);
  await page.screenshot({ path: 'test-results/screens/trends-note-rebase.png', fullPage: true });

  // Exports: the chart as SVG with the rule choices and the note in the footnote; the table as CSV, suppressed.
  const exportBar = page.getByRole('group', { name: 'Export chart and points' });
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), exportBar.getByRole('button', { name: 'Chart SVG' }).click()]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  expect(svgDownload.suggestedFilename()).toMatch(/^msvw-4plus4-part1-rme-spc-chart-.*\.svg$/);
  expect(svg).toContain('<svg');
  expect(svg).toContain(`Note ${NOTE_UK}: ${NOTE_TEXT}`);
  expect(svg).toMatch(/Making Data Count \(2023\)/);
  expect(svg).toContain(`rebased at ${NOTE_UK}`);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), exportBar.getByRole('button', { name: 'Table CSV' }).click()]);
  const csv = readFileSync(await csvDownload.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.split(/\r\n/);
  // The same columns as `msvw spc --format csv`.
  expect(lines[0]).toBe(SPC_TABLE_COLUMNS.join(','));
  const body = lines.slice(1, lines.indexOf(''));
  expect(body).toHaveLength(rows);
  expect(body.some((l) => l.includes('special_cause_improvement'))).toBe(true);
  for (const line of body) {
    const [, , , , n, met] = line.split(',');
    for (const v of [n, met]) if (v !== '*') expect(Number(v) === 0 || Number(v) >= 8, line).toBe(true);
  }
  expect(csv).toContain(`Note ${NOTE_UK}: ${NOTE_TEXT}`);
  expect(csv).toMatch(/Suppression:/);

  // The same small-number rules as the Variation view: suppress 1-7 then round to 5 ...
  const rule = exportBar.getByRole('combobox', { name: 'Small numbers' });
  await rule.selectOption(ROUND5);
  const [roundedDownload] = await Promise.all([page.waitForEvent('download'), exportBar.getByRole('button', { name: 'Table CSV' }).click()]);
  const rounded = readFileSync(await roundedDownload.path(), 'utf8').replace(/^\uFEFF/, '');
  const roundedBody = rounded.split(/\r\n/).slice(1, rounded.split(/\r\n/).indexOf(''));
  expect(roundedBody).toHaveLength(rows);
  for (const line of roundedBody) {
    const [, , , , n, met, value] = line.split(',');
    for (const v of [n, met]) if (v !== '*') expect(Number(v) === 0 || (Number(v) >= 8 && Number(v) % 5 === 0), line).toBe(true);
    // The value is recomputed from the rounded counts.
    if (n !== '*' && met !== '*' && Number(n) > 0) expect(Math.abs(Number(value) - Number(met) / Number(n)), line).toBeLessThan(1e-9);
  }
  expect(rounded).toMatch(/rounded to the nearest 5/);
  // ... or none at all, after a warning.
  await rule.selectOption(NO_SUPPRESSION);
  await expect(exportBar.getByRole('alert')).toContainText('may identify people');
  await rule.selectOption({ index: 0 });
  await expect(exportBar.getByRole('alert')).toHaveCount(0);

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), exportBar.getByRole('button', { name: 'Chart PNG' }).click()]);
  const png = readFileSync(await pngDownload.path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  await pngDownload.saveAs('test-results/screens/trends-export-chart.png');
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), exportBar.getByRole('button', { name: 'Table XLSX' }).click()]);
  expect(readFileSync(await xlsxDownload.path()).subarray(0, 2).toString('latin1')).toBe('PK');

  // The Trends page passes an automated accessibility check.
  await expectNoAxeViolations(page);

  // Waiting-time curves before / after the note, compared with the log-rank test; every centre's percentiles.
  await page.getByRole('tab', { name: 'Waiting times' }).click();
  await expect(page.getByRole('img', { name: new RegExp(`Waiting-time curves of Waiting times, 4\\+4 part 1: ${IMPROVING_CENTRE}`) })).toBeVisible();
  await page.getByRole('combobox', { name: 'Curves' }).selectOption({ label: `Before / after ${NOTE_UK}: ${NOTE_TEXT}` });
  await expect(page.getByRole('status').filter({ hasText: /^Log-rank test: chi-square [\d.]+ on 1 df, p (< 0\.001|= [\d.]+)\.$/ })).toBeVisible();
  const summary = page.getByRole('table', { name: new RegExp(`Waiting-time summary: ${IMPROVING_CENTRE}`) });
  await expect(summary.locator('tbody tr')).toHaveCount(2);
  await expect(summary.locator('tbody tr').first()).toContainText(`before ${NOTE_UK}`);
  const distribution = page.getByRole('table', { name: 'Wait distribution by centre' });
  expect(await distribution.locator('tbody tr').count()).toBeGreaterThan(100);
  // Sortable: P90 descending puts the longest 90th percentile first.
  await distribution.getByRole('button', { name: /^P90 days/ }).click();
  await distribution.getByRole('button', { name: /^P90 days/ }).click();
  await expect(distribution.getByRole('columnheader', { name: /^P90 days/ })).toHaveAttribute('aria-sort', 'descending');
  const p90 = (await distribution.locator('tbody tr td:nth-of-type(3)').allTextContents()).map((t) => parseFloat(t)).filter((v) => Number.isFinite(v));
  expect(p90.length).toBeGreaterThan(50);
  for (let i = 1; i < p90.length; i++) expect(p90[i]).toBeLessThanOrEqual(p90[i - 1]);
  // Exported (suppressed by default), in the order shown.
  const distributionExport = page.getByRole('group', { name: 'Export the wait distribution' });
  await expect(distributionExport.getByRole('button', { name: 'Chart SVG' })).toHaveCount(0);
  const [distributionCsv] = await Promise.all([page.waitForEvent('download'), distributionExport.getByRole('button', { name: 'Table CSV' }).click()]);
  const distributionText = readFileSync(await distributionCsv.path(), 'utf8').replace(/^\uFEFF/, '');
  const distributionLines = distributionText.split(/\r\n/);
  // The waits summary columns with each centre's name after its code.
  const distributionColumns = ['group', 'name', ...WAIT_SUMMARY_COLUMNS.slice(1)];
  expect(distributionLines[0]).toBe(distributionColumns.join(','));
  const distributionRows = distributionLines.slice(1, distributionLines.indexOf('')).map(csvCells);
  expect(distributionRows.find((c) => c[0] === IMPROVING_CENTRE)?.[1]).toMatch(/NHS/);
  const csvP90 = distributionRows.map((c) => parseFloat(c[distributionColumns.indexOf('p90')])).filter((v) => Number.isFinite(v));
  for (let i = 1; i < csvP90.length; i++) expect(csvP90[i]).toBeLessThanOrEqual(csvP90[i - 1]);
  for (const cells of distributionRows) {
    const [, , , n, events, censored] = cells;
    for (const v of [n, events, censored]) if (v !== '*') expect(Number(v) === 0 || Number(v) >= 8, cells.join(',')).toBe(true);
  }
  expect(distributionText).toMatch(/Suppression:/);
  await page.screenshot({ path: 'test-results/screens/trends-waits.png', fullPage: true });
  const waitsExport = page.getByRole('group', { name: 'Export waiting-time curves' });
  const [waitsSvg] = await Promise.all([page.waitForEvent('download'), waitsExport.getByRole('button', { name: 'Chart SVG' }).click()]);
  const waitsText = readFileSync(await waitsSvg.path(), 'utf8');
  const [waitsCsv] = await Promise.all([page.waitForEvent('download'), waitsExport.getByRole('button', { name: 'Table CSV' }).click()]);
  const waitsCsvText = readFileSync(await waitsCsv.path(), 'utf8').replace(/^\uFEFF/, '');
  expect(waitsCsvText.split(/\r\n/)[0]).toBe(WAIT_SUMMARY_COLUMNS.join(','));
  expect(waitsCsvText.split(/\r\n/)[1]).toMatch(new RegExp(`^${IMPROVING_CENTRE},before,`));
  const [waitsPng] = await Promise.all([page.waitForEvent('download'), waitsExport.getByRole('button', { name: 'Chart PNG' }).click()]);
  await waitsPng.saveAs('test-results/screens/trends-export-waits.png');
  expect(waitsText).toMatch(/Log-rank test/);
  expect(waitsText).toContain(`Note ${NOTE_UK}: ${NOTE_TEXT}`);

  // One curve per quarter of the start event, for the last few quarters.
  await page.getByRole('combobox', { name: 'Curves' }).selectOption({ label: 'One curve per quarter started (last 4)' });
  await expect(summary.locator('tbody tr')).toHaveCount(4);
  await expect(summary.getByRole('rowheader').first()).toHaveText(new RegExp(`^${IMPROVING_CENTRE} \\(\\d{4}-Q[1-4]\\)$`));
  await page.screenshot({ path: 'test-results/screens/trends-waits-quarters.png', fullPage: true });
  const [quartersCsv] = await Promise.all([page.waitForEvent('download'), waitsExport.getByRole('button', { name: 'Table CSV' }).click()]);
  expect(readFileSync(await quartersCsv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r\n/)[1]).toMatch(new RegExp(`^${IMPROVING_CENTRE},\\d{4}-Q[1-4],`));
  await expectNoAxeViolations(page);
});

async function expectNoAxeViolations(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).include('#main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('the board: every centre against every measure, sortable, filterable, a cell opens its chart', async ({ page }) => {
  await loadSample(page);
  await openTrends(page);
  await page.getByRole('tab', { name: 'Board (all centres)' }).click();
  const board = page.getByRole('table', { name: 'Board: centres by measure' });
  await expect(board.locator('tbody tr').first()).toBeVisible();
  expect(await board.locator('tbody tr').count()).toBeGreaterThan(100);

  // Finding by code keeps the centre (and any whose name contains the letters).
  await page.getByRole('searchbox', { name: 'Find centre' }).fill(IMPROVING_CENTRE);
  await expect(board.getByRole('rowheader', { name: new RegExp(`^${IMPROVING_CENTRE} · `) })).toBeVisible();
  expect(await board.locator('tbody tr').count()).toBeLessThan(5);
  const cell = board.getByRole('button', { name: new RegExp(`^Open chart: ${IMPROVING_CENTRE} · .*, 4\\+4 part 1: `) });
  await expect(cell).toHaveAccessibleName(/Special cause variation: improvement/);
  await expect(cell.getByRole('img').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/trends-board.png', fullPage: true });
  await expectNoAxeViolations(page);

  await page.getByRole('searchbox', { name: 'Find centre' }).fill('');
  await page.getByRole('combobox', { name: 'Filter by reading' }).selectOption({ label: 'Rows with special-cause improvement' });
  const shown = await board.locator('tbody tr').count();
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(120);

  // The board's table exports as CSV, suppressed.
  const [boardCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('group', { name: 'Export the board' }).getByRole('button', { name: 'Table CSV' }).click()]);
  const boardText = readFileSync(await boardCsv.path(), 'utf8').replace(/^\uFEFF/, '');
  expect(boardText.split(/\r\n/)[0]).toBe(BOARD_TABLE_COLUMNS.join(','));
  expect(boardText).toMatch(/Suppression:/);
  // Each row is its chart's latest point as the chart's own SPC export publishes it: a latest month
  // with a hidden count is *, with its point type, and the variation icon read from it is withheld.
  const boardLines = boardText.split(/\r\n/);
  const col = (name: (typeof BOARD_TABLE_COLUMNS)[number]) => BOARD_TABLE_COLUMNS.indexOf(name);
  const hiddenLatest = boardLines.slice(1, boardLines.indexOf('')).map(csvCells).filter((cells) => cells[col('n')] === '*');
  expect(hiddenLatest.length).toBeGreaterThan(0);
  for (const cells of hiddenLatest) {
    expect([cells[col('Value')], cells[col('Point type')], cells[col('Variation icon')]], cells.join(',')).toEqual(['*', '*', 'suppressed']);
  }
  const boardBar = page.getByRole('group', { name: 'Export the board' });
  await boardBar.getByRole('combobox', { name: 'Small numbers' }).selectOption(ROUND5);
  const [boardRounded] = await Promise.all([page.waitForEvent('download'), boardBar.getByRole('button', { name: 'Table CSV' }).click()]);
  const boardRoundedLines = readFileSync(await boardRounded.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r\n/);
  const nAt = BOARD_TABLE_COLUMNS.indexOf('n');
  const metAt = BOARD_TABLE_COLUMNS.indexOf('Numerator');
  for (const line of boardRoundedLines.slice(1, boardRoundedLines.indexOf(''))) {
    const cells = csvCells(line);
    for (const v of [cells[nAt], cells[metAt]]) if (v !== '*' && v !== '') expect(Number(v) === 0 || (Number(v) >= 8 && Number(v) % 5 === 0), line).toBe(true);
  }
  await expect(page.getByRole('group', { name: 'Export the board' }).getByRole('button', { name: 'Chart SVG' })).toHaveCount(0);

  // Keyboard: Enter on a cell opens that chart.
  await page.getByRole('searchbox', { name: 'Find centre' }).fill(IMPROVING_CENTRE);
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'SPC chart' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('img', { name: new RegExp(`SPC chart of 4\\+4 part 1: ${IMPROVING_CENTRE}`) })).toBeVisible();
});

test('a region and the nation, by quarter, and an XmR chart of the median wait', async ({ page }) => {
  await loadSample(page);
  await page.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: 'Trends' }).click();

  // The nation by month: every centre pooled.
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'The nation (all centres)' });
  await expect(page.getByRole('img', { name: /SPC chart of 4\+4 part 1: All centres/ })).toBeVisible();
  const nationRows = await page.getByRole('table', { name: /Points of 4\+4 part 1: All centres/ }).locator('tbody tr').count();
  expect(nationRows).toBeGreaterThanOrEqual(30);

  // A region, picked by typing part of its name.
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'A region' });
  const region = page.getByRole('combobox', { name: 'Region' });
  await region.fill('lond');
  await page.getByRole('option', { name: 'London' }).click();
  await expect(page.getByRole('img', { name: /SPC chart of 4\+4 part 1: London/ })).toBeVisible();

  // By quarter: fewer points; under 12 the chart is a run chart, and the subtitle says why.
  await page.getByRole('combobox', { name: 'Period' }).selectOption('quarter');
  const quarters = page.getByRole('table', { name: /Points of 4\+4 part 1: London/ }).locator('tbody tr');
  await expect(quarters.first().locator('th')).toHaveText(/^\d{4}-Q[1-4]$/);
  const count = await quarters.count();
  const banner = page.getByRole('status').filter({ hasText: /chart/ }).first();
  if (count < 12) await expect(banner).toContainText('Run chart (fewer than 12 points; p-chart asked for)');
  else await expect(banner).toContainText('p-chart');

  // Typing a centre's exact code and leaving the field chooses it (keyboard only).
  await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'A centre' });
  const centre = page.getByRole('combobox', { name: 'Centre (code or name)' });
  await centre.fill('RJY');
  await centre.press('Tab');
  await expect(centre).toHaveValue(/^RJY · /);
  await expect(page.getByRole('img', { name: /(SPC|Run) chart of 4\+4 part 1: RJY/ })).toBeVisible();

  // XmR of the median wait in days, by month.
  await page.getByRole('combobox', { name: 'Period' }).selectOption('month');
  await page.getByRole('combobox', { name: 'Chart' }).selectOption({ label: 'XmR chart (values: median wait, counts)' });
  await page.getByRole('combobox', { name: 'Plot' }).selectOption({ label: 'Median wait (days)' });
  await expect(banner).toContainText('XmR chart');
  await expect(banner).toContainText('lower is better');
  await expect(page.getByRole('checkbox', { name: 'Screen large moving ranges' })).toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Value' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/trends-xmr-region.png', fullPage: true });
  await expectNoAxeViolations(page);
});
