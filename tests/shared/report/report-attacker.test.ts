// The attacker's pass over the report and the business case's trend (shared/report/build.ts,
// shared/business-case/trend.ts trendReading, shared/report/patient-summary.ts): the centre's trend
// has two months of 1-7 people. Everything the report publishes by design (the centre's totals, its
// 12 months' figures, the chart's centre line) is the same however those months' counts are split,
// so the report must be byte for byte the same for every split: the HTML with its SVG charts, the
// trend's reading and footnote, the patient partners' page. The engine's own reading differs.
import { describe, expect, it } from 'vitest';
import { analyseCentre, prefillInputs, setInput, trendReading } from '../../../shared/business-case';
import { buildReport, patientSummary, patientSummaryText } from '../../../shared/report';
import { HES_LEGACY_THRESHOLD, type SuppressionThreshold } from '../../../shared/privacy/suppression';
import { SUPPRESSED_ICON } from '../../../shared/output/words';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import type { Standard } from '../../../shared/standards/schema';
import { centreTrendExtract, SMALL_MONTH_SPLITS, SMALL_MONTHS_AS_OF, SMALL_MONTHS_CENTRE } from '../../helpers/hidden-months';

const standard = findStandard(SHIPPED_STANDARDS, '4plus4-part1') as Standard;
const DATASET = { fileName: 'trend.csv', sha256: 'cd'.repeat(32), importedAt: '2025-06-01T09:00:00.000Z' };
const SLOW = 120_000;

function centre(people: number, met: number) {
  return analyseCentre(centreTrendExtract(people, met), standard, SMALL_MONTHS_CENTRE, { asOf: SMALL_MONTHS_AS_OF });
}

/** The whole report (business case, patient partners' page) as it is written out. */
async function reportHtml(people: number, met: number, suppression?: SuppressionThreshold): Promise<string> {
  const { facts, variation } = centre(people, met);
  const inputs = setInput(prefillInputs(facts), 'currentNurseWte', 0.1);
  const doc = await buildReport({
    variation, facts, businessCase: { inputs, years: 3 }, dataset: DATASET, generatedAt: '2025-06-01T10:00:00.000Z', patientSummary: true, suppression,
  });
  return doc.html;
}

describe('a centre\'s trend with two months of 1-7 people, split every way', () => {
  const analyses = SMALL_MONTH_SPLITS.map(([k, x]) => centre(k, x));

  it('the engine\'s trend does depend on the split (the attack has something to find)', () => {
    const engine = new Set(analyses.map((a) => JSON.stringify(a.facts.trend?.series[0].points.map((p) => [p.n, p.value, p.rules, p.pointType]))));
    expect(engine.size).toBe(SMALL_MONTH_SPLITS.length);
  });

  it('the trend reading (chart series, icons, sentences, footnote) is byte-identical for every split', () => {
    const readings = analyses.map((a) => JSON.stringify(a.facts.trend ? trendReading(a.facts.trend) : null));
    for (const [i, r] of readings.entries()) expect(r, `split ${SMALL_MONTH_SPLITS[i].join(' ')}`).toBe(readings[0]);
    const reading = analyses[0].facts.trend ? trendReading(analyses[0].facts.trend) : null;
    expect(reading?.variationIcon).toBe(SUPPRESSED_ICON);
    expect(reading?.hiddenPeriods).toEqual(expect.arrayContaining(['2023-08', '2023-10']));
    expect(JSON.stringify(reading?.chartSeries.points)).not.toContain('"*"');
  });

  it('the patient partners\' page is byte-identical for every split', () => {
    const texts = analyses.map((a) => patientSummaryText(patientSummary(a.facts)));
    for (const t of texts) expect(t).toBe(texts[0]);
    expect(texts[0]).toContain('too few people to share safely');
  });

  it('the report HTML, with its SVG charts, is byte-identical for every split', async () => {
    const first = await reportHtml(...SMALL_MONTH_SPLITS[0]);
    expect(first).toContain('aria-label="The trend"');
    expect(first).toContain('<svg');
    for (const split of SMALL_MONTH_SPLITS.slice(1)) expect(await reportHtml(...split), `split ${split.join(' ')}`).toBe(first);
  }, SLOW);

  it('under the 1-5 rule, splits whose months both hold 1-5 people give the same report', async () => {
    const splits = SMALL_MONTH_SPLITS.filter(([k]) => k >= 3 && k <= 5);
    const first = await reportHtml(...splits[0], HES_LEGACY_THRESHOLD);
    for (const split of splits.slice(1)) expect(await reportHtml(...split, HES_LEGACY_THRESHOLD), `split ${split.join(' ')}`).toBe(first);
  }, SLOW);
});
