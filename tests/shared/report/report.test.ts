import { describe, expect, it } from 'vitest';
import { tierSummary } from '../../../shared/analysis/tiers';
import { analyseCentre, prefillInputs, publishBusinessCase, setInput } from '../../../shared/business-case';
import { tornadoData, tornadoSpec } from '../../../shared/charts/tornado-spec';
import { isoFromDays, daysFromIso } from '../../../shared/data/table';
import {
  buildReport, cleanSvg, countSyllables, fleschReadingEase, patientSummary, patientSummaryText, renderSpecToSvg, REPORT_CSS, type ReportInput,
} from '../../../shared/report';
import { findStandard, SHIPPED_STANDARDS } from '../../../shared/standards/catalogue';
import { isTiered, type Standard } from '../../../shared/standards/schema';
import { buildTable } from '../analysis/build-table';
import { seeded } from '../../helpers/seeded';

const AS_OF = '2025-03-31';
const asOfDays = daysFromIso(AS_OF);
const found = findStandard(SHIPPED_STANDARDS, '4plus4-part1');
if (!found) throw new Error('4plus4-part1 missing from the catalogue');
const standard: Standard = found;

/**
 * Five centres. RAA: 80 people referred in the year, 40 seen within 28 days, 30 later, 10 still
 * waiting (6 of them beyond 28 days, 4 referred in the last 28 days), plus 3 people referred the
 * year before still waiting (backlog 6 + 3 = 9). RBB..RDD: 40-60 people. RSM: 5 people (small).
 */
function sampleTable() {
  const rand = seeded(9);
  const cols: Record<string, (string | number | null)[]> = {
    patient_id: [], centre_code: [], centre_name: [], referral_date: [], first_seen_date: [], diagnosis_date: [],
  };
  let id = 0;
  const add = (centre: string, referral: number, seen: number | null, diagnosed: boolean) => {
    cols.patient_id.push(`P${id++}`);
    cols.centre_code.push(centre);
    cols.centre_name.push(`${centre} Hospital`);
    cols.referral_date.push(isoFromDays(referral));
    cols.first_seen_date.push(seen === null ? null : isoFromDays(seen));
    cols.diagnosis_date.push(diagnosed && seen !== null ? isoFromDays(Math.min(asOfDays, seen + 10)) : null);
  };
  const inYear = () => asOfDays - 40 - Math.floor(rand() * 300);
  for (let i = 0; i < 40; i++) { const r = inYear(); add('RAA', r, r + 5 + Math.floor(rand() * 20), true); }
  for (let i = 0; i < 30; i++) { const r = inYear(); add('RAA', r, r + 29 + Math.floor(rand() * 10), i < 20); }
  for (let i = 0; i < 6; i++) add('RAA', asOfDays - 60 - i, null, false);
  for (let i = 0; i < 4; i++) add('RAA', asOfDays - 3 - i, null, false);
  for (let i = 0; i < 3; i++) add('RAA', asOfDays - 400 - i, null, false);
  for (const [centre, n, good] of [['RBB', 60, 0.6], ['RCC', 50, 0.3], ['RDD', 40, 0.5]] as const) {
    for (let i = 0; i < n; i++) { const r = inYear(); add(centre, r, r + (rand() < good ? 10 : 35), true); }
  }
  for (let i = 0; i < 5; i++) { const r = inYear(); add('RSM', r, r + (i < 2 ? 10 : 35), true); }
  return buildTable(cols);
}

const table = sampleTable();
const DATASET = { fileName: 'synthetic.csv', sha256: 'ab'.repeat(32), importedAt: '2025-04-02T09:00:00.000Z', rowsRead: table.rowCount, rowsImported: table.rowCount };

describe('centre facts from the data', () => {
  it('counts referrals in the last 12 months, open clocks in breach now, and distinct diagnosed patients', () => {
    const { facts } = analyseCentre(table, standard, 'raa', { asOf: AS_OF });
    expect(facts.centre).toBe('RAA');
    expect(facts.centreName).toBe('RAA Hospital');
    expect(facts.period).toEqual({ from: '2024-04-01', to: AS_OF });
    expect(facts.demand.referralsPerYear).toBe(80);
    expect(facts.demand.backlog).toBe(9);
    expect(facts.demand.caseload).toBe(60);
    // Denominator: 40 met + 30 late + 6 open beyond 28 days (4 clocks still running are left out).
    expect(facts.n).toBe(76);
    expect(facts.numerator).toBe(40);
    expect(facts.share).toBeCloseTo(40 / 76, 12);
    expect(facts.ci95[0]).toBeLessThan(facts.share);
    expect(facts.target).toMatchObject({ value: 0.8, kind: 'standard' });
    expect(facts.funnel.centres).toBe(5);
  });

  it('aims at the standard\'s share, a tier\'s (with that tier\'s time frame), or the user\'s own target', () => {
    const tiered = findStandard(SHIPPED_STANDARDS, 'bh-referral-to-seen') as Standard;
    const core = analyseCentre(table, tiered, 'RAA', { asOf: AS_OF });
    const aspirational = analyseCentre(table, tiered, 'RAA', { asOf: AS_OF, target: { kind: 'tier', tier: 'aspirational' } });
    expect(core.facts.thresholdDays).toBe(28);
    expect(aspirational.facts.thresholdDays).toBe(tiered.kind === 'interval' && isTiered(tiered.thresholds) ? tiered.thresholds.aspirational : NaN);
    expect(aspirational.facts.share).toBeLessThan(core.facts.share);
    expect(aspirational.facts.target.kind).toBe('tier');
    const user = analyseCentre(table, standard, 'RAA', { asOf: AS_OF, target: { kind: 'user', value: 0.65 } });
    expect(user.facts.target).toMatchObject({ value: 0.65, kind: 'user' });
    expect(prefillInputs(user.facts).find((i) => i.name === 'targetShare')).toMatchObject({ value: 0.65, origin: 'user' });
    expect(() => analyseCentre(table, standard, 'RAA', { asOf: AS_OF, target: { kind: 'user', value: 1.5 } })).toThrow(/between 0 and 1/);
  });

  it('says which centres exist when the centre is unknown', () => {
    expect(() => analyseCentre(table, standard, 'RZZ', { asOf: AS_OF })).toThrow(/No centre "RZZ".*RAA, RBB/);
  });
});

async function report(centre: string, extra: Partial<ReportInput> = {}) {
  const { facts, variation } = analyseCentre(table, standard, centre, { asOf: AS_OF });
  const inputs = setInput(prefillInputs(facts), 'currentNurseWte', 0.1);
  const tierRows = tierSummary(table, SHIPPED_STANDARDS.filter((s) => s.kind !== 'kpi').slice(0, 4), { asOf: AS_OF, filters: { period: facts.period } });
  const doc = await buildReport({
    variation, facts, businessCase: { inputs, years: 3, scenarioName: 'Test' }, tierRows, dataset: DATASET,
    generatedAt: '2025-04-02T10:00:00.000Z', patientSummary: true, ...extra,
  });
  return { doc, facts, inputs };
}

describe('the report document', () => {
  it('is one self-contained HTML file: no web address, no src=, no url() outside the document, no script or link', async () => {
    const { doc } = await report('RAA');
    const html = doc.html;
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/\bhref\s*=/i);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|<img|@import|@font-face/i);
    for (const m of html.matchAll(/url\(\s*['"]?([^)'"]*)/gi)) expect(m[1], m[0]).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/\sstyle="/);
    // Clip-path ids are unique across the two charts.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  }, 30_000);

  it('prints on A4 with a page per part, and carries every part the issue asks for', async () => {
    const { doc, facts } = await report('RAA');
    expect(doc.css).toContain('size: A4');
    expect(doc.css).toBe(`${REPORT_CSS}\n${doc.css.slice(REPORT_CSS.length + 1)}`);
    expect(doc.css).toMatch(/counter\(pages\)/);
    for (const part of ['Summary', 'Where the centre stands', 'The trend', 'The business case', 'Sensitivity', 'Assumptions', 'Methods and data', 'For patient partners']) {
      expect(doc.bodyHtml).toContain(`aria-label="${part}"`);
    }
    expect(doc.html.match(/<section class="page/g)).toHaveLength(8);
    // The funnel with the centre highlighted and named, the trend and the tornado, as inline SVG.
    expect(doc.html.match(/<div class="chart"><svg/g)?.length).toBe(3);
    expect(doc.html).toMatch(/<text[^>]*>RAA( [^<]*)?<\/text>/);
    expect(doc.html).toContain('Tier summary');
    expect(doc.html).toContain(DATASET.sha256);
    expect(doc.html).toContain(DATASET.importedAt);
    expect(doc.html).toContain('synthetic.csv');
    expect(doc.html).toContain('MS Trust');
    expect(doc.html).toContain('Green Book');
    // The headline figures are the model's.
    const pub = publishBusinessCase(setInput(prefillInputs(facts), 'currentNurseWte', 0.1), 3);
    const money = `£${Math.round(pub.result.totals.discountedNet).toLocaleString('en-GB')}`;
    expect(doc.html).toContain(money);
  }, 30_000);

  it('applies small-number suppression: a small centre\'s counts, and figures from them, are shown as *', async () => {
    const { doc, facts } = await report('RSM');
    expect(facts.n).toBe(5);
    expect(doc.hiddenCentres).toContain('RSM');
    expect(doc.html).toContain('RSM is not placed on the funnel because its counts are suppressed');
    // The centre's own table row: n and numerator hidden.
    const row = /<tr><td>RSM<\/td>(.*?)<\/tr>/.exec(doc.html)?.[1] ?? '';
    expect(row).toMatch(/<td class="num">\*<\/td><td class="num">\*<\/td>/);
    // Referrals (5) and caseload (5) are data counts of 1-7: hidden in the assumptions and the summary.
    expect(doc.published?.suppressedInputs).toEqual(expect.arrayContaining(['referralsPerYear', 'caseload']));
    expect(doc.html).not.toMatch(/saw \d+ of \d+ people/);
    expect(doc.html).toMatch(/saw \* of \* people/);
    // The small centre is not on the chart.
    expect(doc.html).not.toMatch(/<text[^>]*>RSM( [^<]*)?<\/text>/);
    // Turning suppression off is explicit and said in the report.
    const open = await report('RSM', { suppression: false });
    expect(open.doc.html).toContain('NOT suppressed');
    expect(open.doc.html).toMatch(/saw 2 of 5 people/);
  }, 30_000);

  it('builds an analysis-only report without a business case', async () => {
    const { facts, variation } = analyseCentre(table, standard, 'RBB', { asOf: AS_OF });
    const doc = await buildReport({ variation, facts, dataset: DATASET, generatedAt: '2025-04-02T10:00:00.000Z' });
    // Summary, where the centre stands, its trend, methods.
    expect(doc.html.match(/<section class="page/g)).toHaveLength(4);
    expect(doc.published).toBeNull();
    expect(doc.html).not.toContain('Sensitivity');
    // Without a centre: the report covers all centres.
    const all = await buildReport({ variation, dataset: DATASET, generatedAt: '2025-04-02T10:00:00.000Z', patientSummary: true });
    expect(all.title).toBe('Report: 4+4 part 1, all centres');
    // RSM's counts are suppressed: the published comparison has the other four (as the Variation export).
    expect(all.html).toMatch(/4 centres were compared on 4\+4 part 1 \(1 more is not shown/);
    expect(all.html.match(/<section class="page/g)).toHaveLength(3);
  }, 30_000);
});

describe('the page for patient partners', () => {
  it('reads as plain English (Flesch reading ease >= 60) with no statistical terms', () => {
    const { facts } = analyseCentre(table, standard, 'RAA', { asOf: AS_OF });
    const pub = publishBusinessCase(prefillInputs(facts), 5);
    const text = patientSummaryText(patientSummary(facts, pub));
    expect(fleschReadingEase(text)).toBeGreaterThanOrEqual(60);
    expect(text).not.toMatch(/confidence|interval|proportion|funnel|median|statistic|signific|percentile|denominator|numerator|outlier|WTE|discount/i);
    expect(text).toContain('about 5 in every 10 people');
    expect(text).toContain('9 people have waited more than 4 weeks');
  });

  it('never shows a count of 1-7 people from the data', () => {
    const { facts } = analyseCentre(table, standard, 'RSM', { asOf: AS_OF });
    const pub = publishBusinessCase(prefillInputs(facts), 5);
    const text = patientSummaryText(patientSummary(facts, pub));
    expect(text).not.toMatch(/\b[1-7] (people|person)\b/);
    expect(fleschReadingEase(text)).toBeGreaterThanOrEqual(60);
  });

  it('scores reference texts as Flesch does', () => {
    expect(countSyllables('cat')).toBe(1);
    expect(countSyllables('table')).toBe(2);
    expect(countSyllables('education')).toBe(4);
    expect(countSyllables('appointment')).toBe(3);
    // Short words in short sentences score very high; long words in long sentences score low.
    expect(fleschReadingEase('The cat sat on the mat. It was fat.')).toBeGreaterThan(100);
    expect(fleschReadingEase('Multidisciplinary organisational considerations necessitate comprehensive reconfiguration of neurological services throughout the administrative jurisdiction.')).toBeLessThan(0);
  });
});

describe('charts for the report', () => {
  it('renders a Vega-Lite spec to clean inline SVG headlessly', async () => {
    const { facts } = analyseCentre(table, standard, 'RAA', { asOf: AS_OF });
    const pub = publishBusinessCase(prefillInputs(facts), 5);
    const spec = tornadoSpec(pub.sensitivity, { width: 400, years: 5 });
    const data = tornadoData(pub.sensitivity);
    expect(data).toHaveLength(Math.min(10, pub.sensitivity.bars.length) * 2);
    expect(data.every((d) => d.from === pub.sensitivity.base)).toBe(true);
    const svg = await renderSpecToSvg(spec, 'torn');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/xmlns|http/);
    expect(svg).toMatch(/role="img"/);
    expect(svg).toContain(pub.sensitivity.bars[0].label);
  });

  it('cleans ids, namespaces and inline styles', () => {
    const out = cleanSvg('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5" viewBox="0 0 10 5"><clipPath id="clip1"/><g clip-path="url(#clip1)" style="font-size: 11px; fill: red"/></svg>', 'a', 'A "chart"');
    expect(out).toBe('<svg viewBox="0 0 10 5" role="img" aria-label="A &quot;chart&quot;" preserveAspectRatio="xMidYMid meet"><clipPath id="a-clip1"/><g clip-path="url(#a-clip1)" font-size="11px" fill="red"/></svg>');
    // vega's ids count on from the charts drawn before: renumbered from 1 in order of first use.
    expect(cleanSvg('<svg><g clip-path="url(#clip17)"/><clipPath id="clip17"/><clipPath id="clip16"/></svg>', 'b', 'B'))
      .toBe('<svg role="img" aria-label="B" preserveAspectRatio="xMidYMid meet"><g clip-path="url(#b-clip1)"/><clipPath id="b-clip1"/><clipPath id="b-clip2"/></svg>');
  });
});
