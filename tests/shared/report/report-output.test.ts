/**
 * The report's league table, funnel and footnote are the Variation export's (shared/output/publish.ts);
 * the centre's trend is in it, suppressed as the Trends page's exports; headings and table headers
 * are in order for assistive technology.
 */
import { describe, expect, it } from 'vitest';
import { analyseCentre, centreTrend, computeBusinessCase, lineTotals, prefillInputs, setInput, trendReading } from '../../../shared/business-case';
import { targetText } from '../../../shared/charts/describe';
import { isoFromDays, daysFromIso } from '../../../shared/data/table';
import { publishedTableRows, publishVariation } from '../../../shared/output/publish';
import { spcSpec } from '../../../shared/charts/spc-spec';
import { publishSpcReport, spcChartSeries } from '../../../shared/analysis/trend-export';
import { SUPPRESSED_ICON, SUPPRESSED_ICON_LABEL } from '../../../shared/output/words';
import {
  breakAtLeftOffMonths, buildReport, fleschReadingEase, patientSummary, patientSummaryText, REPORT_CENTRE_COLUMNS, reportCell, trendWords,
} from '../../../shared/report';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import type { Standard } from '../../../shared/standards/schema';
import { buildTable } from '../analysis/build-table';

const AS_OF = '2025-05-31';
const standard = findStandard(SHIPPED_STANDARDS, '4plus4-part1') as Standard;
const DATASET = { fileName: 'trend.csv', sha256: 'cd'.repeat(32), importedAt: '2025-06-01T09:00:00.000Z' };
/** The month (index from Apr 2023) at RUP with only 3 people: its counts are suppressed. */
const SMALL_MONTH = 4;

/**
 * RUP improves: 24 months from Apr 2023, 40 people a month, 14 seen within 28 days in the first 12
 * months and 30 in the last 12, except one month (Aug 2023) with 3 people. RIM improves the same way
 * with no small month. RST is steady at half; RSM has 5.
 */
function trendTable() {
  const cols: Record<string, (string | number | null)[]> = { patient_id: [], centre_code: [], centre_name: [], referral_date: [], first_seen_date: [] };
  let id = 0;
  const add = (centre: string, referral: number, wait: number) => {
    cols.patient_id.push(`P${id++}`);
    cols.centre_code.push(centre);
    cols.centre_name.push(`${centre} Hospital`);
    cols.referral_date.push(isoFromDays(referral));
    cols.first_seen_date.push(isoFromDays(referral + wait));
  };
  for (let m = 0; m < 24; m++) {
    const start = daysFromIso(`${2023 + Math.floor((m + 3) / 12)}-${String(((m + 3) % 12) + 1).padStart(2, '0')}-03`);
    const people = m === SMALL_MONTH ? 3 : 40;
    const met = m === SMALL_MONTH ? 1 : m < 12 ? 14 : 30;
    for (let i = 0; i < people; i++) add('RUP', start + (i % 20), i < met ? 10 : 40);
    for (let i = 0; i < 40; i++) add('RIM', start + (i % 20), i < (m < 12 ? 14 : 30) ? 10 : 40);
    for (let i = 0; i < 16; i++) add('RST', start + i, i % 2 === 0 ? 10 : 40);
  }
  for (let i = 0; i < 5; i++) add('RSM', daysFromIso('2025-01-10') + i, i < 2 ? 10 : 40);
  return buildTable(cols);
}

const table = trendTable();

async function report(centre: string, withCase = true) {
  const { facts, variation } = analyseCentre(table, standard, centre, { asOf: AS_OF });
  const inputs = setInput(prefillInputs(facts), 'currentNurseWte', 0.1);
  const doc = await buildReport({
    variation, facts, businessCase: withCase ? { inputs, years: 3 } : undefined, dataset: DATASET, generatedAt: '2025-06-01T10:00:00.000Z',
  });
  return { doc, facts, variation };
}

/** Text of the cells of the report's centre table (the row after its header). */
function centreCells(html: string): string[] {
  const table = /<table class="centre-row">(.*?)<\/table>/s.exec(html)?.[1] ?? '';
  const body = /<tbody>(.*?)<\/tbody>/s.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

describe('one output path: the report publishes what the Variation export publishes', () => {
  for (const centre of ['RUP', 'RSM']) {
    it(`${centre}: the centre's table cells are publishVariation's row, and the footnote is its footnote`, async () => {
      const { doc, variation } = await report(centre);
      const publication = publishVariation(variation, { suppression: '1-7', dataset: DATASET });
      const row = publishedTableRows(publication).find((r) => r.Centre === centre);
      expect(row).toBeDefined();
      const cells = centreCells(doc.html);
      expect(cells).toEqual(REPORT_CENTRE_COLUMNS.map((c) => reportCell(row?.[c])));
      if (centre === 'RSM') expect(cells.slice(1, 4)).toEqual(['*', '*', '*']);
      else expect(cells.slice(1, 3)).toEqual([reportCell(variation.groups.find((g) => g.group === 'RUP')?.n), reportCell(variation.groups.find((g) => g.group === 'RUP')?.numerator)]);
      for (const line of publication.footnote) expect(doc.html).toContain(line.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      expect(doc.hiddenCentres).toEqual([...publication.hiddenGroups].sort());
      expect(doc.publication.rows).toEqual(publication.rows);
      // The funnel's caption states the published target, computed from published cells only.
      expect(doc.html).toContain(targetText(publication.statistics.target, publication.statistics.targetSource).replace(/'/g, '&#39;'));
    }, 30_000);
  }

  it('draws the funnel from the publication: a centre the export hides is not on the chart', async () => {
    const { doc } = await report('RUP');
    expect(doc.hiddenCentres).toContain('RSM');
    expect(doc.html).not.toMatch(/<text[^>]*>RSM( [^<]*)?<\/text>/);
    expect(doc.html).toMatch(/<text[^>]*>RUP( [^<]*)?<\/text>/);
  }, 30_000);
});

describe('the trend in the report', () => {
  it('reads the centre whose trend improves as special-cause improvement, with its icons and a sentence', async () => {
    const trend = centreTrend(table, standard, 'RIM', { asOf: AS_OF });
    expect(trend?.series).toHaveLength(1);
    expect(trend?.series[0].chart).toBe('p');
    expect(trend?.series[0].variationIcon).toBe('improvement_high');
    const { doc } = await report('RIM');
    expect(doc.trend?.variationIcon).toBe('improvement_high');
    expect(doc.bodyHtml).toContain('aria-label="The trend"');
    expect(doc.html).toContain('a real improvement (special cause)');
    expect(doc.html).toContain('aria-label="Special cause variation: improvement (high)"');
    // The sentence is on the summary page as well as the trend page.
    const summary = /<section class="page summary".*?<\/section>/s.exec(doc.html)?.[0] ?? '';
    expect(summary).toContain("a real improvement, the share rising (special cause)");
    // Still self-contained: the icons carry no namespace URL.
    expect(doc.html).not.toMatch(/https?:/i);
  }, 30_000);

  it('withholds the reading read from a month of 3 people: icon, sentence and footnote say it is not shown', async () => {
    const trend = centreTrend(table, standard, 'RUP', { asOf: AS_OF });
    if (!trend) throw new Error('no trend');
    // The engine reads the same improvement as at RIM ...
    expect(trend.series[0].variationIcon).toBe('improvement_high');
    // ... but its segment has a hidden month, so the publication (the Trends page's SPC export) withholds it.
    const reading = trendReading(trend);
    expect(reading.variationIcon).toBe(SUPPRESSED_ICON);
    expect(reading.sentence).toMatch(/the latest reading is not shown/);
    expect(reading.brief).toMatch(/not shown \(small numbers\)/);
    expect(reading.footnote.join(' ')).toContain(`Variation icon: ${SUPPRESSED_ICON_LABEL}`);
    const { doc } = await report('RUP');
    expect(doc.html).not.toContain('a real improvement');
    expect(doc.html).not.toContain('Special cause variation');
    expect(doc.html).toContain(`aria-label="Variation icon: ${SUPPRESSED_ICON_LABEL}"`);
    // Every point drawn is a published point with its published signals.
    const published = publishSpcReport(trend).series[0];
    expect(reading.chartSeries).toEqual(spcChartSeries(trend.series[0], published));
  }, 30_000);

  it('leaves months with suppressed counts off the chart and says so, as the Trends page exports', async () => {
    const trend = centreTrend(table, standard, 'RUP', { asOf: AS_OF });
    if (!trend) throw new Error('no trend');
    const reading = trendReading(trend);
    expect(reading.hiddenPeriods).toContain('2023-08');
    // Only as many months as suppression needs: the small month and a few more to protect it (secondary suppression).
    expect(reading.hiddenPeriods.length).toBeLessThanOrEqual(3);
    expect(reading.chartSeries.points.map((p) => p.period)).not.toContain('2023-08');
    expect(reading.chartSeries.points.length + reading.hiddenPeriods.length).toBe(trend.series[0].points.length);
    expect(reading.footnote.join(' ')).toMatch(/not drawn on the chart \(.*Aug 2023.*\)/);
    const { doc } = await report('RUP');
    expect(doc.html).toMatch(/month\(s\) with suppressed counts or centre lines are not drawn on the chart \([^)]*Aug 2023/);
    // Without suppression (the user's explicit choice) every month is drawn.
    expect(trendReading(trend, null).hiddenPeriods).toEqual([]);
  }, 30_000);

  it('breaks the chart\'s lines where months were left off, so no line joins across a gap', () => {
    const trend = centreTrend(table, standard, 'RUP', { asOf: AS_OF });
    if (!trend) throw new Error('no trend');
    const reading = trendReading(trend);
    const spec = spcSpec(reading.chartSeries, { width: 400, height: 200, title: 'RUP', proportion: true, target: reading.target });
    const broken = breakAtLeftOffMonths(spec, reading.periods, reading.hiddenPeriods) as unknown as {
      datasets: { points: { period: string; run: number }[]; lines: { series: string }[] }; layer: { data?: { name?: string }; mark?: { type?: string }; encoding?: { detail?: unknown } }[];
    };
    const runs = new Map(broken.datasets.points.map((p) => [p.period, p.run]));
    // Months next to each other share a line; months either side of a left-off month never do.
    const all = trend.series[0].points.map((p) => p.period);
    for (let i = 1; i < all.length; i++) {
      if (reading.hiddenPeriods.includes(all[i])) { expect(runs.has(all[i])).toBe(false); continue; }
      if (!reading.hiddenPeriods.includes(all[i - 1])) expect(runs.get(all[i]), all[i]).toBe(runs.get(all[i - 1]));
      else {
        const before = all.slice(0, i).reverse().find((p) => !reading.hiddenPeriods.includes(p));
        if (before) expect(runs.get(all[i]), all[i]).not.toBe(runs.get(before));
      }
    }
    expect(new Set(runs.values()).size).toBeGreaterThanOrEqual(2);
    expect(new Set(broken.datasets.lines.map((l) => l.series.split(' run ')[1])).size).toBeGreaterThan(1);
    expect(broken.layer.find((l) => l.data?.name === 'points' && l.mark?.type === 'line')?.encoding?.detail).toEqual({ field: 'run', type: 'nominal' });
    // Nothing left off: the spec is unchanged.
    expect(breakAtLeftOffMonths(spec, trend.series[0].points, [])).toBe(spec);
  });

  it('says when the trend is a run chart (fewer than 12 months) and gives no assurance reading', async () => {
    const short = analyseCentre(table, standard, 'RSM', { asOf: AS_OF });
    const reading = short.facts.trend ? trendReading(short.facts.trend, null) : null;
    expect(reading?.chart).toBe('run');
    expect(reading?.sentence).toMatch(/too few months/);
  });
});

describe('the trend for patient partners', () => {
  it('says in plain words that things have got better at the improving centre, and stays easy to read', async () => {
    const { facts } = analyseCentre(table, standard, 'RIM', { asOf: AS_OF });
    const reading = (f: typeof facts) => (f.trend ? trendReading(f.trend) : null);
    expect(trendWords(reading(facts))).toBe('Over the last 24 months, things have got better. More people are now seen in time.');
    const text = patientSummaryText(patientSummary(facts));
    expect(text).toContain('things have got better');
    expect(fleschReadingEase(text)).toBeGreaterThanOrEqual(60);
    expect(text).not.toMatch(/special cause|variation|limit|chart|signal/i);
    const { facts: small } = analyseCentre(table, standard, 'RSM', { asOf: AS_OF });
    expect(trendWords(reading(small))).toMatch(/not yet have enough months/);
    // RUP's engine reads the same improvement, but from a month of 3 people: the page does not say it.
    const { facts: withSmallMonth } = analyseCentre(table, standard, 'RUP', { asOf: AS_OF });
    const plain = patientSummaryText(patientSummary(withSmallMonth));
    expect(plain).not.toContain('got better');
    expect(plain).toContain('too few people to share safely');
    expect(fleschReadingEase(plain)).toBeGreaterThanOrEqual(60);
  });
});

describe('report accessibility', () => {
  it('has no empty table header and never skips a heading level', async () => {
    for (const withCase of [true, false]) {
      const { doc } = await report('RUP', withCase);
      expect(doc.bodyHtml).not.toMatch(/<th[^>]*><\/th>/);
      const levels = [...doc.bodyHtml.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1], `heading ${i}`).toBeLessThanOrEqual(1);
    }
  }, 30_000);
});

describe('line totals', () => {
  it('gives each cash line its amounts by year and total, and the totals of a kind add up to the model\'s', () => {
    const { facts } = analyseCentre(table, standard, 'RUP', { asOf: AS_OF });
    const result = computeBusinessCase(setInput(prefillInputs(facts), 'currentNurseWte', 0.1), 4);
    const lines = lineTotals(result);
    expect(lines.map((l) => l.key)).toEqual(result.years[0].lines.map((l) => l.key));
    for (const line of lines) {
      expect(line.amounts).toHaveLength(4);
      expect(line.total).toBeCloseTo(line.amounts.reduce((a, b) => a + b, 0), 9);
      result.years.forEach((y, t) => expect(line.amounts[t]).toBe(y.lines.find((l) => l.key === line.key)?.amount));
    }
    expect(lines.filter((l) => l.kind === 'cost').reduce((s, l) => s + l.total, 0)).toBeCloseTo(result.totals.costs, 6);
    expect(lines.filter((l) => l.kind === 'benefit').reduce((s, l) => s + l.total, 0)).toBeCloseTo(result.totals.benefits, 6);
    expect(lines.some((l) => l.total > 0)).toBe(true);
  });
});
