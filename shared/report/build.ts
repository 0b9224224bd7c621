/**
 * The report (issue 9, item 3): one self-contained A4 HTML document from an analysis and, when
 * given, a business case. Inline SVG and CSS only: no scripts, no images or fonts fetched, no link
 * of any kind, so it prints the same anywhere and nothing leaves the machine. The app (inside its
 * dataset worker) and `msvw report` both call buildReport.
 *
 * Parts, each starting on a new page: summary in plain words (with sign-off); where the centre
 * stands (funnel with the centre highlighted, its figures, the tier summary); the centre's trend
 * (its monthly SPC chart, Making Data Count icons and a sentence in plain words); the business case
 * (what it takes, year by year, discounted); sensitivity (tornado, best and worst cases);
 * assumptions with sources; methods and dataset provenance; optionally a page for patient partners.
 * Suppression as everywhere else: the league table, the funnel and its footnote are what the
 * Variation export publishes (shared/output/publish.ts publishVariation: the centres it hides are
 * left off the funnel, which is drawn from its published statistics); the trend as the Trends
 * page's SPC export publishes it (shared/business-case/trend.ts trendReading: the chart draws the
 * published points and signals, the icons, sentences and footnote read the published series); the
 * business case through publishBusinessCase (counts of 1-7 and what follows from them).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TierSummaryRow } from '../analysis/tiers';
import type { GroupResult, VariationResult } from '../analysis/variation';
import type { CentreFacts } from '../business-case/prefill';
import { EXTRA, isHiddenFigure, publishBusinessCase, type PublishedCase } from '../business-case/publish';
import { lineTotals, type BusinessCaseInput, type InputGroup } from '../business-case/model';
import { trendReading, type TrendReading } from '../business-case/trend';
import { limitMethodText, overdispersionText, targetText } from '../charts/describe';
import { funnelSpec } from '../charts/funnel-spec';
import { assuranceIconSvg, variationIconSvg } from '../charts/mdc-icons';
import { spcSpec } from '../charts/spc-spec';
import { tornadoSpec, DEFAULT_TORNADO_BARS } from '../charts/tornado-spec';
import { publishedTableRows, publishVariation, type Publication, type SuppressionRule } from '../output/publish';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, SUPPRESSION_MARKER, type SuppressionThreshold, type TableValue } from '../privacy/suppression';
import { SUPPRESSED_ICON, SUPPRESSED_ICON_LABEL } from '../output/words';
import { footerCss, REPORT_CSS } from './css';
import { count, esc, inputValue, money, pct, type Shown } from './format';
import { patientSummary, timeFrameWords } from './patient-summary';
import { renderSpecToSvg } from './svg';

/** Where the numbers came from. */
export interface ReportDataset {
  fileName: string;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** ISO date-time of the import. */
  importedAt: string;
  rowsRead?: number;
  rowsImported?: number;
}

export interface ReportInput {
  /** The analysis of the measure across centres (the funnel is drawn from it). */
  variation: VariationResult;
  /** The centre the report is about (from analyseCentre); without it the report covers all centres. */
  facts?: CentreFacts;
  businessCase?: { inputs: BusinessCaseInput[]; years: number; scenarioName?: string };
  /** Centres per tier class for each standard (shared/analysis/tiers.ts). */
  tierRows?: TierSummaryRow[];
  dataset: ReportDataset;
  /** When the report was made, ISO date-time. */
  generatedAt: string;
  /** Add the plain-English page for patient partners. */
  patientSummary?: boolean;
  /** Counts hidden (default 1-7); false publishes everything (the user's explicit choice). */
  suppression?: SuppressionThreshold | false;
  /** Who made it (shown in the sign-off block), e.g. "MS Variation Workbench 0.1.0". */
  producedBy?: string;
}

export interface ReportDocument {
  /** The full self-contained document. */
  html: string;
  /** The markup inside <body> (one element with class "msvw-report"). */
  bodyHtml: string;
  /** REPORT_CSS plus this report's running footer. */
  css: string;
  title: string;
  /** Centres left off the funnel: counts suppressed, or too few to compare (publishVariation's hiddenGroups). */
  hiddenCentres: string[];
  /** The league table, funnel and footnote as the Variation export publishes them. */
  publication: Publication;
  /** The centre's trend as published, when the report has one. */
  trend: TrendReading | null;
  /** The business case as published (suppression applied), when there is one. */
  published: PublishedCase | null;
}

/** Chart width in CSS pixels (the SVG scales to the page; this sets the text size relative to it). */
const CHART_WIDTH = 560;
const FUNNEL_HEIGHT = 240;
const TREND_HEIGHT = 180;
/** Drawn size of the Making Data Count icons beside the trend sentence (CSS sets the printed size). */
const ICON_SIZE = 48;

/** The centre's published league-table columns the report shows, in order (headings as publishVariation's). */
export const REPORT_CENTRE_COLUMNS = Object.freeze(['Centre', 'n', 'Numerator', '%', '95% CI lower', '95% CI upper', 'Band', 'Tier', 'Median days'] as const);

const GROUP_TITLES: Readonly<Record<InputGroup, string>> = Object.freeze({
  centre: 'The centre (from its data, editable)',
  capacity: 'Capacity',
  costs: 'Unit costs',
  benefits: 'Benefits',
  discounting: 'Discounting',
});

/** Band of a centre in words for a sentence. */
function bandWords(band: GroupResult['band']): string {
  switch (band) {
    case 'below99.8': return 'below the 99.8% limit (a clear outlier on the low side)';
    case 'below95': return 'below the 95% limit (possibly low; about 1 centre in 20 is here by chance)';
    case 'within': return 'within the limits (its result is consistent with the target given its size)';
    case 'above95': return 'above the 95% limit (possibly high)';
    case 'above99.8': return 'above the 99.8% limit (a clear outlier on the high side)';
  }
}

/** A table row of cells (first cell text, others numeric unless marked). */
function row(cells: (string | { text: string; num?: boolean; cls?: string })[], cls?: string): string {
  const tds = cells.map((c, i) => {
    if (typeof c === 'string') return i === 0 ? `<td>${esc(c)}</td>` : `<td class="num">${esc(c)}</td>`;
    const classes = [c.num ? 'num' : '', c.cls ?? ''].filter(Boolean).join(' ');
    return `<td${classes ? ` class="${classes}"` : ''}>${esc(c.text)}</td>`;
  });
  return `<tr${cls ? ` class="${cls}"` : ''}>${tds.join('')}</tr>`;
}

/** A header row; columns from `numericFrom` up to (not including) `numericTo` are right-aligned. */
function head(cells: string[], numericFrom = 1, numericTo = cells.length): string {
  return `<thead><tr>${cells.map((c, i) => `<th${i >= numericFrom && i < numericTo ? ' class="num"' : ''}>${esc(c)}</th>`).join('')}</tr></thead>`;
}

/** A figure box of the summary. */
function figure(value: string, label: string): string {
  return `<div class="figure"><span class="value">${esc(value)}</span><span class="label">${esc(label)}</span></div>`;
}

/** The publication rule for a report's suppression threshold (null: none, the user's explicit choice). */
export function reportSuppressionRule(threshold: SuppressionThreshold | null): SuppressionRule {
  if (!threshold) return 'none';
  if (threshold.min === NHS_DIGITAL_THRESHOLD.min && threshold.max === NHS_DIGITAL_THRESHOLD.max) return '1-7';
  if (threshold.min === HES_LEGACY_THRESHOLD.min && threshold.max === HES_LEGACY_THRESHOLD.max) return '1-5';
  throw new Error(`Suppression of counts ${threshold.min}-${threshold.max} is not a published rule: use 1-7 (NHS Digital) or 1-5 (HES).`);
}

/** A published table cell as the report prints it: counts with thousands separators, percentages as published. */
export function reportCell(value: TableValue | Shown): string {
  if (value === null || value === undefined || value === '') return 'n/a';
  if (typeof value === 'number') return value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return String(value);
}

/** An SVG string from the engine made ready to inline in HTML: no namespace URL (the report references nothing outside itself). */
function inlineSvg(svg: string): string {
  return svg.replace(/\sxmlns(?::\w+)?="[^"]*"/g, '');
}

interface Context {
  input: ReportInput;
  facts: CentreFacts | undefined;
  published: PublishedCase | null;
  years: number;
  publication: Publication;
  centreRow: Record<string, Shown> | undefined;
  centreHidden: boolean;
  hidden: Set<string>;
  suppressionNote: string;
  trend: TrendReading | null;
  centreLabel: string;
  frame: string;
}

/** The requirements as they may be shown: a figure worked out from a hidden count is the marker. */
export function shownRequirements(pub: PublishedCase): Record<keyof PublishedCase['result']['requirements'], Shown> {
  const r = pub.result.requirements;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, isHiddenFigure(pub, `${EXTRA}requirements.${k}`) ? SUPPRESSION_MARKER : v])) as Record<keyof typeof r, Shown>;
}

/** A figure outside the JSON shape (see publish.ts, extraFigures), or the marker when hidden. */
function extraFigure(pub: PublishedCase, path: string, value: number): Shown {
  return isHiddenFigure(pub, `${EXTRA}${path}`) ? SUPPRESSION_MARKER : value;
}

/** A published input's value by name. */
function published(ctx: Context, name: string): Shown {
  return ctx.published?.json.inputs.find((i) => i.name === name)?.value;
}

/** Page 1: the summary in plain words, key figures and the sign-off block. */
function summaryPage(ctx: Context, title: string): string {
  const { input, facts, published: pub } = ctx;
  const v = input.variation;
  const parts: string[] = [];
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(`<p class="subtitle">${esc(v.measure.title)}. ${facts ? `Data to ${esc(facts.asOf)}` : `As of ${esc(v.asOf ?? 'no date')}`}. Prepared ${esc(input.generatedAt.slice(0, 10))}${input.businessCase?.scenarioName ? `; scenario "${esc(input.businessCase.scenarioName)}"` : ''}.</p>`);
  if (facts) {
    const x = ctx.centreRow?.Numerator;
    const n = ctx.centreRow?.n;
    const ci = ctx.centreRow?.['95% CI lower'] === SUPPRESSION_MARKER ? 'not shown (small numbers)' : `${pct(facts.ci95[0])} to ${pct(facts.ci95[1])}`;
    const share = ctx.centreRow?.['%'] === SUPPRESSION_MARKER ? SUPPRESSION_MARKER : pct(facts.share);
    const figures = [figure(share, `seen within ${ctx.frame} in the 12 months to ${facts.asOf} (95% interval ${ci})`), figure(pct(facts.target.value), `target (${facts.target.label})`)];
    if (pub) {
      figures.push(figure(count(published(ctx, 'backlog')), `people waiting beyond ${ctx.frame} now`));
      figures.push(figure(count(shownRequirements(pub).peopleNewlySeenPerYear), 'more people a year to see within the time frame'));
      figures.push(figure(money(pub.json.totals.discountedNet), `net cost over ${ctx.years} year${ctx.years > 1 ? 's' : ''}, discounted (costs less benefits)`));
      const per = pub.json.perPersonReachingStandard;
      figures.push(figure(per === null ? 'n/a' : money(per), 'net cost per extra person reaching the standard'));
    } else {
      figures.push(figure(count(n), 'people in the denominator'), figure(ctx.centreHidden ? SUPPRESSION_MARKER : `${facts.funnel.rank} of ${facts.funnel.centres}`, 'rank among centres (1 = highest share)'));
    }
    parts.push(`<div class="figures">${figures.join('')}</div>`);
    parts.push('<h2>Where the centre stands</h2>');
    const stats = ctx.publication.statistics;
    const own = ctx.publication.chart.groups.find((g) => g.group === facts.centre);
    const position = own ? `${esc(facts.centre)} lies ${esc(bandWords(own.band))}` : `${esc(facts.centre)} is not placed on the funnel because its counts are suppressed`;
    parts.push(`<p class="lead">In the 12 months to ${esc(facts.asOf)}, ${esc(ctx.centreLabel)} saw ${esc(count(x))} of ${esc(count(n))} people within ${esc(ctx.frame)} (${esc(share)}). The target is ${esc(pct(facts.target.value))}. Across the ${esc(count(stats.centres))} centres compared the pooled figure is ${esc(pct(stats.target))}; ${position}.</p>`);
    if (ctx.trend) parts.push(readingBlock(ctx.trend, 'Trend', `${ctx.trend.brief} The chart is in the section “The trend”.`, 'reading inline'));
  } else {
    const shownGroups = ctx.publication.chart.groups;
    const outliers = shownGroups.filter((g) => g.band === 'below99.8' || g.band === 'above99.8').length;
    parts.push(`<p class="lead">${shownGroups.length} centres were compared on ${esc(v.measure.shortTitle)}${ctx.hidden.size ? ` (${ctx.hidden.size} more ${ctx.hidden.size > 1 ? 'are' : 'is'} not shown: too few patients, or counts suppressed)` : ''}. The pooled figure is ${esc(pct(ctx.publication.statistics.target))}. ${outliers} centre${outliers === 1 ? ' lies' : 's lie'} outside the 99.8% limits.</p>`);
  }
  if (facts && pub) {
    const r = pub.result.requirements;
    const q = shownRequirements(pub);
    const refs = published(ctx, 'referralsPerYear');
    parts.push('<h2>What meeting the target takes</h2>');
    parts.push(`<p>${esc(count(refs))} people were referred in the last 12 months and ${esc(count(published(ctx, 'backlog')))} are waiting beyond ${esc(ctx.frame)} now. Meeting the target means seeing about ${esc(count(q.peopleNewlySeenPerYear))} more people a year within ${esc(ctx.frame)}: about ${esc(count(q.keepSlotsPerWeek, 1))} extra new-patient slots a week, plus ${esc(count(q.backlogSlotsPerWeek, 1))} a week for ${esc(count(published(ctx, 'backlogClearanceWeeks')))} weeks to clear the backlog. The caseload of ${esc(count(published(ctx, 'caseload')))} people needs ${esc(count(q.nurseWteNeeded, 1))} WTE MS nurses at ${esc(count(published(ctx, 'nurseCaseloadPerWte')))} people per nurse; with ${esc(count(published(ctx, 'currentNurseWte'), 1))} WTE in post, ${esc(count(q.nurseWteGap, 1))} WTE nurses and ${esc(count(q.adminWteGap, 1))} WTE admin support are needed.</p>`);
    parts.push('<h2>Costs and benefits</h2>');
    const t = pub.json.totals;
    const s = pub.sensitivity;
    const top = s.bars[0];
    const barsHidden = pub.json.sensitivity.some((b) => b.netLow === SUPPRESSION_MARKER);
    parts.push(`<p>Over ${ctx.years} year${ctx.years > 1 ? 's' : ''} the plan costs ${esc(money(t.costs))} and brings benefits valued at ${esc(money(t.benefits))} (undiscounted). The net cost, discounted at ${esc(inputValue(published(ctx, 'discountRate'), 'per year'))} a year as the HM Treasury Green Book requires, is ${esc(money(t.discountedNet))}.${barsHidden ? '' : ` Varying one assumption at a time over its range, it lies between ${esc(money(Math.min(...s.bars.map((b) => Math.min(b.netLow, b.netHigh)))))} and ${esc(money(Math.max(...s.bars.map((b) => Math.max(b.netLow, b.netHigh)))))}; with every assumption at its best it is ${esc(money(extraFigure(pub, 'best', s.best)))}, at its worst ${esc(money(extraFigure(pub, 'worst', s.worst)))}.${top ? ` The assumption that matters most is "${esc(top.label)}".` : ''}`}</p>`);
    parts.push('<h2>Decision requested</h2>');
    const asks: string[] = [];
    if (r.nurseWteGap > 0) asks.push(`${count(q.nurseWteGap, 1)} WTE MS specialist nurses and ${count(q.adminWteGap, 1)} WTE administrative support (recurrent)`);
    if (r.keepSlotsPerWeek > 0) asks.push(`${count(q.keepSlotsPerWeek, 1)} extra new-patient clinic slots a week (recurrent)`);
    if (r.backlogSlotsPerWeek > 0) asks.push(`${count(q.backlogSlotsPerWeek, 1)} further slots a week for ${count(published(ctx, 'backlogClearanceWeeks'))} weeks to clear the backlog (one-off)`);
    parts.push(asks.length ? `<ul>${asks.map((a) => `<li>Fund ${esc(a)}.</li>`).join('')}</ul>` : '<p>No extra capacity is needed to meet the target on these figures.</p>');
  }
  const warnings = reportWarnings(ctx);
  if (warnings.length) parts.push(`<div class="warning">${warnings.map((w) => `<p>${esc(w)}</p>`).join('')}</div>`);
  parts.push(`<table class="signoff"><thead><tr><th>Role</th><th>Name</th><th>Signature</th><th>Date</th></tr></thead><tbody>${['Prepared by', 'Clinical lead', 'Service manager', 'Finance'].map((r) => `<tr><th>${r}</th><td></td><td></td><td></td></tr>`).join('')}</tbody></table>`);
  return `<section class="page summary" aria-label="Summary">${parts.join('\n')}</section>`;
}

/** Caveats a reader must see on page 1. */
function reportWarnings(ctx: Context): string[] {
  const out: string[] = [];
  const v = ctx.input.variation;
  if (v.measure.provenance === 'provisional') out.push(`The standard "${v.measure.shortTitle}" is a provisional reading (${v.measure.source}); check its definition before relying on the figures.`);
  const nurses = ctx.input.businessCase?.inputs.find((i) => i.name === 'currentNurseWte');
  if (nurses && nurses.origin !== 'user' && nurses.value === 0) out.push('The MS nurse WTE in post was not entered, so the case costs the whole nurse team the caseload needs. Enter the current WTE to cost only the gap.');
  if (ctx.published?.suppressedInputs.length) out.push(ctx.published.note);
  return out;
}

/**
 * The published SPC chart with its lines broken where months were left off: without this the value
 * line, the mean and the limits would join the months either side of a gap as if it were one month.
 * Each run of consecutive published months gets its own line (a `run` field, drawn as a detail).
 */
export function breakAtLeftOffMonths(spec: TopLevelSpec, allPeriods: readonly { period: string; periodStart: string }[], hidden: readonly string[]): TopLevelSpec {
  if (hidden.length === 0) return spec;
  const left = new Set(hidden);
  const runOf = new Map<string, number>();
  let run = 0;
  let gap = false;
  for (const p of allPeriods) {
    if (left.has(p.period)) { gap = true; continue; }
    if (gap) { run++; gap = false; }
    runOf.set(p.periodStart, run);
  }
  type Datum = Record<string, unknown> & { periodStart: string };
  type Layer = { data?: { name?: string }; mark?: { type?: string }; encoding?: Record<string, unknown> };
  const out = spec as TopLevelSpec & { datasets: Record<string, Datum[]>; layer: Layer[] };
  const points = out.datasets.points.map((d) => ({ ...d, run: runOf.get(d.periodStart) ?? 0 }));
  const lines = out.datasets.lines.map((d) => ({ ...d, series: `${String(d.series)} run ${runOf.get(d.periodStart) ?? 0}` }));
  const layer = out.layer.map((l) => (l.data?.name === 'points' && l.mark?.type === 'line'
    ? { ...l, encoding: { ...l.encoding, detail: { field: 'run', type: 'nominal' } } }
    : l));
  return { ...out, datasets: { ...out.datasets, points, lines }, layer } as TopLevelSpec;
}

/**
 * In place of an icon the publication withholds (read from something hidden): a dashed grey ring
 * with the suppression marker, named as the Trends page's export names it.
 */
function withheldIconSvg(kind: 'Variation' | 'Assurance', size: number): string {
  const label = `${kind} icon: ${SUPPRESSED_ICON_LABEL}`;
  return `<svg viewBox="0 0 40 40" width="${size}" height="${size}" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title>`
    + '<circle cx="20" cy="20" r="17" fill="#FFFFFF" stroke="#7F7F7F" stroke-width="2" stroke-dasharray="4 3"/>'
    + `<text x="20" y="28" text-anchor="middle" font-family="Arial, Helvetica, sans-serif" font-size="22" font-weight="bold" fill="#595959">${SUPPRESSION_MARKER}</text></svg>`;
}

/** The Making Data Count icons as published (a withheld one as withheldIconSvg) and the trend sentence, side by side. */
function readingBlock(trend: TrendReading, lead: string, text: string = trend.sentence, cls = 'reading'): string {
  const variation = trend.variationIcon === SUPPRESSED_ICON ? withheldIconSvg('Variation', ICON_SIZE) : variationIconSvg(trend.variationIcon, ICON_SIZE);
  const assurance = trend.assuranceIcon === null ? '' : trend.assuranceIcon === SUPPRESSED_ICON ? withheldIconSvg('Assurance', ICON_SIZE) : assuranceIconSvg(trend.assuranceIcon, ICON_SIZE);
  const icons = [variation, assurance].filter(Boolean).map(inlineSvg).join('');
  return `<div class="${cls}"><div class="icons">${icons}</div><p><strong>${esc(lead)}:</strong> ${esc(text)}</p></div>`;
}

/** The tier summary (centres at each tier, by standard) under a heading of the given level. */
function tierSummaryHtml(ctx: Context, level: 2 | 3): string {
  const tiers = ctx.input.tierRows;
  if (!tiers || tiers.length === 0) return '';
  const parts: string[] = [];
  parts.push(`<h${level}>Tier summary: centres at each tier, by standard</h${level}>`);
  parts.push('<p class="caption">Counts are centres, not people. A centre is classed at the most demanding tier whose time frame its required share of people meets (tier thresholds are provisional).</p>');
  parts.push(`<table class="compact">${head(['Standard', 'Aspirational', 'Achievable', 'Core', 'Below core', 'No tiers'])}<tbody>`
    + tiers.map((t) => t.error
      ? row([t.shortTitle, { text: `Not measured: ${t.error}`, cls: 'source' }, '', '', '', ''])
      : row([t.shortTitle, count(t.groups.aspirational), count(t.groups.achievable), count(t.groups.core), count(t.groups['below core']), count(t.groups.unclassed)])).join('')
    + '</tbody></table>');
  return parts.join('\n');
}

/** Page: the funnel with the centre highlighted, its figures, and the tier summary. */
function standingPage(ctx: Context, funnelSvg: string): string {
  const pub = ctx.publication;
  const stats = pub.statistics;
  const f = ctx.facts;
  const heading = f ? 'Where the centre stands' : 'How the centres compare';
  const parts: string[] = [`<h2>${heading}</h2>`];
  parts.push(`<div class="chart">${funnelSvg}</div>`);
  parts.push(`<p class="caption">Each point is a centre: its share meeting the standard against the number of people counted. Dashed lines are 95% and solid lines 99.8% control limits around the ${esc(targetText(stats.target, stats.targetSource))} (method in the footnote below).${f && !ctx.centreHidden ? ` ${esc(f.centre)} is ringed and named.` : ''}${ctx.hidden.size ? ` ${ctx.hidden.size} centre${ctx.hidden.size > 1 ? 's are' : ' is'} not drawn (too few patients to compare, or counts suppressed).` : ''}</p>`);
  parts.push(`<ul class="footnote" aria-label="Footnote of the funnel and table">${pub.footnote.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`);
  if (f) {
    const r = ctx.centreRow ?? {};
    parts.push(`<table class="centre-row">${head([...REPORT_CENTRE_COLUMNS], 1, 6)}<tbody>`
      + row(REPORT_CENTRE_COLUMNS.map((c, i) => (i === 0 ? reportCell(r[c] ?? f.centre) : { text: reportCell(r[c]), num: i < 6 })))
      + '</tbody></table>');
    parts.push(`<p class="meta">Percentages and limits as published (0-100). All centres compared: ${esc(pct(stats.target))} pooled. Period ${esc(f.period.from)} to ${esc(f.period.to)} (people whose clock started in it).${ctx.centreHidden ? '' : ` Rank ${f.funnel.rank} of ${f.funnel.centres} by share.`}${ctx.trend ? ' The centre\'s monthly trend is in the section “The trend”.' : ' Trend: not shown, because the extract has no monthly series for this centre and measure.'}</p>`);
  }
  if (!ctx.trend) parts.push(tierSummaryHtml(ctx, 3));
  return `<section class="page" aria-label="${heading}">${parts.join('\n')}</section>`;
}

/** Page: the centre's monthly SPC chart, its icons and reading, what was left off, then the tier summary. */
function trendPage(ctx: Context, trendSvg: string): string {
  const trend = ctx.trend as TrendReading;
  const f = ctx.facts as CentreFacts;
  const parts: string[] = ['<h2>The trend</h2>'];
  parts.push(readingBlock(trend, `${f.centre}, ${ctx.input.variation.measure.shortTitle}`));
  parts.push(`<div class="chart">${trendSvg}</div>`);
  parts.push(`<p class="caption">Each point is one month: the share of the people whose clock started that month who were seen within ${esc(ctx.frame)}. Solid line: the mean; dashed: the process limits (3 sigma); points are coloured and shaped by their reading${trend.target === null ? '' : `; the target of ${esc(pct(trend.target, 0))} is drawn`}. Icons: H or L, the share is high or low; "+" improvement, "!" concern; P, F or "?", the target consistently met, consistently missed, or hit and miss.${trend.variationIcon === SUPPRESSED_ICON || trend.assuranceIcon === SUPPRESSED_ICON ? ' A dashed ring with * is an icon not shown because it would be read from months whose counts are suppressed.' : ''}</p>`);
  parts.push(`<ul class="footnote" aria-label="Footnote of the trend">${trend.footnote.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`);
  parts.push(tierSummaryHtml(ctx, 2));
  return `<section class="page" aria-label="The trend">${parts.join('\n')}</section>`;
}

/** Page: what it takes, and the year-by-year table. */
function casePage(ctx: Context): string {
  const pub = ctx.published as PublishedCase;
  const q = shownRequirements(pub);
  const json = pub.json;
  const parts: string[] = ['<h2>The business case</h2>', '<h3>What meeting the target takes</h3>'];
  parts.push(`<table class="compact">${head(['Requirement', 'Value', 'How it is worked out'], 1, 2)}<tbody>`
    + row(['People a year newly seen within the time frame', { text: count(q.peopleNewlySeenPerYear, 1), num: true }, { text: '(target share − current share) × referrals a year', cls: 'source' }])
    + row(['Extra new-patient slots a week to keep the target', { text: count(q.keepSlotsPerWeek, 1), num: true }, { text: 'people newly seen a year ÷ clinic weeks a year', cls: 'source' }])
    + row(['Extra slots a week while clearing the backlog', { text: count(q.backlogSlotsPerWeek, 1), num: true }, { text: `people waiting beyond the time frame ÷ ${count(published(ctx, 'backlogClearanceWeeks'))} weeks`, cls: 'source' }])
    + row(['MS nurse WTE the caseload needs', { text: count(q.nurseWteNeeded, 2), num: true }, { text: `caseload ÷ sustainable caseload per WTE (${count(published(ctx, 'nurseCaseloadPerWte'))}; MS Trust 2018: 315)`, cls: 'source' }])
    + row(['MS nurse WTE in post', { text: count(published(ctx, 'currentNurseWte'), 2), num: true }, { text: 'entered by the user', cls: 'source' }])
    + row(['Extra MS nurse WTE', { text: count(q.nurseWteGap, 2), num: true }, { text: 'needed − in post (not below 0)', cls: 'source' }])
    + row(['Extra admin WTE', { text: count(q.adminWteGap, 2), num: true }, { text: `extra nurse WTE × admin per nurse (${inputValue(published(ctx, 'adminWtePerNurse'), 'WTE')}; MS Trust 2018: 0.6)`, cls: 'source' }])
    + '</tbody></table>');
  parts.push('<h3>Costs and benefits, year by year (GBP)</h3>');
  const years = pub.result.years;
  const yearHead = ['Line', ...years.map((y) => `Year ${y.year}`), 'Total'];
  let body = '';
  const lines = lineTotals(pub.result);
  for (const kind of ['cost', 'benefit'] as const) {
    body += `<tr class="section"><td colspan="${years.length + 2}">${kind === 'cost' ? 'Costs' : 'Benefits'}</td></tr>`;
    for (const line of lines.filter((l) => l.kind === kind)) {
      const shown = line.amounts.map((x, t) => money(extraFigure(pub, `lines.${t}.${line.key}`, x)));
      const total = shown.includes(SUPPRESSION_MARKER) ? SUPPRESSION_MARKER : money(line.total);
      body += row([line.label, ...shown, total]);
    }
    const field = kind === 'cost' ? 'costs' : 'benefits';
    body += row([`Total ${field}`, ...years.map((_, t) => money(json.years[t][field])), money(json.totals[field])], 'total');
  }
  body += row(['Net cost (costs − benefits)', ...years.map((_, t) => money(json.years[t].net)), money(json.totals.net)], 'total');
  body += row(['Discount factor, 1 ÷ (1 + rate)^year', ...years.map((y) => y.discountFactor.toFixed(4)), '']);
  body += row(['Discounted net cost', ...years.map((_, t) => money(json.years[t].discountedNet)), money(json.totals.discountedNet)], 'total');
  parts.push(`<table>${head(yearHead)}<tbody>${body}</tbody></table>`);
  const per = json.perPersonReachingStandard;
  parts.push(`<p>People reaching the standard because of the plan over ${ctx.years} year${ctx.years > 1 ? 's' : ''}: ${esc(count(extraFigure(pub, 'peopleReachingStandard', pub.result.peopleReachingStandard)))}. Discounted net cost per person reaching the standard: <strong>${esc(per === null ? 'n/a (nobody newly reaches it)' : money(per))}</strong>.</p>`);
  parts.push('<p class="note">Year 0 is the first year and is not discounted; year t is divided by (1 + rate)^t, rate 3.5% by default (HM Treasury Green Book). Staff costs start in year 0; the backlog is cleared at an even rate over the weeks chosen; benefits are counted in the year the person is seen. Net cost is costs minus benefits: a negative figure is a net saving.</p>');
  return `<section class="page" aria-label="The business case">${parts.join('\n')}</section>`;
}

/** Page: tornado and best / worst cases. */
function sensitivityPage(ctx: Context, tornadoSvg: string | null): string {
  const pub = ctx.published as PublishedCase;
  const s = pub.sensitivity;
  const parts: string[] = ['<h2>Sensitivity</h2>'];
  parts.push(`<p>Each assumption in turn is set to its low and then its high value, every other assumption at its base value, and the discounted net cost over ${ctx.years} year${ctx.years > 1 ? 's' : ''} worked out again. Ranges are ±25% of the value unless a source gives a range (relapse cost: the mild and severe medians) or the data does (current share: its 95% interval).</p>`);
  if (tornadoSvg) {
    parts.push(`<div class="chart">${tornadoSvg}</div>`);
    parts.push(`<p class="caption">Base case ${esc(money(s.base))} (vertical line). The ${Math.min(DEFAULT_TORNADO_BARS, s.bars.length)} assumptions with the widest swing are drawn${s.bars.length > DEFAULT_TORNADO_BARS ? `; the table lists all ${s.bars.length}` : ''}.</p>`);
  } else {
    parts.push('<p class="warning">The tornado chart is not shown: its figures would reveal a small count of people (see the suppression note).</p>');
  }
  const jsonBars = pub.json.sensitivity;
  parts.push(`<table>${head(['Case', 'Discounted net cost'])}<tbody>`
    + row(['Best case: every assumption at the end that lowers the net cost', money(extraFigure(pub, 'best', s.best))])
    + row(['Base case', money(pub.json.totals.discountedNet)], 'total')
    + row(['Worst case: every assumption at the end that raises the net cost', money(extraFigure(pub, 'worst', s.worst))])
    + '</tbody></table>');
  parts.push('<h3>Every assumption at its low and high value</h3>');
  parts.push(`<table class="compact">${head(['Assumption', 'Low', 'High', 'Net cost at low', 'Net cost at high'])}<tbody>`
    + jsonBars.map((b, k) => row([s.bars[k].label, inputValue(b.low, s.bars[k].unit), inputValue(b.high, s.bars[k].unit), money(b.netLow), money(b.netHigh)])).join('')
    + '</tbody></table>');
  return `<section class="page" aria-label="Sensitivity">${parts.join('\n')}</section>`;
}

/** Page: every assumption with its value, unit, range and source. */
function assumptionsPage(ctx: Context): string {
  const pub = ctx.published as PublishedCase;
  const inputs = ctx.input.businessCase?.inputs ?? [];
  const parts: string[] = ['<h2>Assumptions and their sources</h2>'];
  parts.push('<p>Every figure in the case is one of these inputs, the centre\'s data, or arithmetic on them. Each can be changed by name in the app or with <span class="mono">msvw business-case --set name=value</span>.</p>');
  let body = '';
  let group: InputGroup | null = null;
  inputs.forEach((input, k) => {
    if (input.group !== group) {
      group = input.group;
      body += `<tr class="section"><td colspan="4">${esc(GROUP_TITLES[group])}</td></tr>`;
    }
    const shown = pub.json.inputs[k].value;
    const hidden = shown === SUPPRESSION_MARKER;
    const range = hidden ? SUPPRESSION_MARKER : `${inputValue(input.low, input.unit)} to ${inputValue(input.high, input.unit)}`;
    const origin = input.origin === 'user' ? '[set by user] ' : input.origin === 'data' ? '[from data] ' : '';
    body += `<tr><td>${esc(input.label)}<span class="input-name">${esc(input.name)}</span></td><td class="num">${esc(inputValue(shown, input.unit))}</td>`
      + `<td class="num">${esc(range)}</td><td class="source">${esc(`${origin}${input.source}`)} <em>(${esc(input.unit)})</em></td></tr>`;
  });
  parts.push(`<table>${head(['Input (name)', 'Value', 'Tornado range', 'Source (unit)'], 1, 3)}<tbody>${body}</tbody></table>`);
  parts.push('<p class="note">Figures labelled "Workbench assumption" or "Placeholder" have no published source we hold: replace them with local figures before relying on the case.</p>');
  return `<section class="page" aria-label="Assumptions">${parts.join('\n')}</section>`;
}

/** Page: methods, dataset provenance and suppression. */
function methodsPage(ctx: Context): string {
  const v = ctx.input.variation;
  const d = ctx.input.dataset;
  const f = ctx.facts;
  const parts: string[] = ['<h2>Methods and data</h2>', '<h3>The measure</h3>'];
  parts.push(`<p><strong>${esc(v.measure.title)}</strong> (${esc(v.measure.id)}, ${esc(v.measure.provenance)}). Source: ${esc(v.measure.source)}.${v.measure.thresholdDays !== null ? ` Met when the end event is within ${v.measure.thresholdDays} days of the start event (calendar days).` : ''} People still waiting at the as-of date count as not met once they have waited longer than the time frame, and are left out (counted) until then. Invalid dates are left out and counted.</p>`);
  parts.push('<h3>Statistics</h3>');
  const stats = ctx.publication.statistics;
  const trendLine = ctx.trend
    ? `<li>Trend: ${ctx.trend.chart === 'run' ? 'run chart (fewer than 12 months)' : 'p-chart'} of the share by month of the start event, with the Making Data Count rules and icons (NHS England 2019; names as NHSRplotthedots), as on the Trends page; months with suppressed counts (or whose centre line would give one back) are left off the chart, and the chart, icons and words show only what the Trends page's export publishes.</li>`
    : '';
  parts.push(`<ul><li>Share meeting the standard with a Wilson 95% interval.</li><li>Funnel plot: ${esc(limitMethodText(stats.limits))}, ${esc(targetText(stats.target, stats.targetSource))}; 95% and 99.8% limits; a centre is an outlier only when strictly outside them. ${esc(overdispersionText(stats.overdispersion))}${stats.basis === 'published' ? ' Target and limits are computed from the published figures (see the funnel\'s footnote).' : ''}</li>${trendLine}<li>Tier classes as in the workbench's standards catalogue (Hobart et al. 2019 tiers; required share per tier).</li></ul>`);
  if (ctx.published) {
    parts.push('<h3>The business-case model</h3>');
    parts.push(`<ul>
<li>People newly seen in time a year = max(0, target share − current share) × referrals in the last 12 months.</li>
<li>Slots a week to keep the target = people newly seen a year ÷ clinic weeks a year; to clear the backlog = people waiting beyond the time frame ÷ weeks chosen, one new appointment each.</li>
<li>MS nurse WTE needed = caseload ÷ sustainable caseload per WTE (default 315, MS Trust 2018); extra WTE = needed − in post, not below 0; admin = admin WTE per nurse (default 0.6, MS Trust 2018) × extra nurse WTE.</li>
<li>Costs = extra WTE × cost per WTE + slots × new-appointment price (+ MRI scans × price when chosen). Benefits = relapses avoided × relapse cost + emergency admissions avoided × admission cost + follow-ups avoided × follow-up price.</li>
<li>Discounting: HM Treasury Green Book, 3.5% a year by default (the rate used is in the assumptions); year 0 undiscounted, year t divided by (1 + rate)^t. Net cost per person reaching the standard = discounted net cost ÷ (people newly seen a year × years).</li>
<li>Sensitivity: one assumption at a time at its low and high value (tornado); best and worst cases set every assumption at once.</li></ul>`);
  }
  parts.push('<h3>Dataset provenance</h3>');
  parts.push(`<table><tbody>
${row(['File', { text: d.fileName }])}
${row(['SHA-256', { text: d.sha256.toLowerCase(), cls: 'mono' }])}
${row(['Imported', { text: d.importedAt }])}
${d.rowsRead !== undefined ? row(['Rows read / imported', { text: `${count(d.rowsRead)} / ${count(d.rowsImported ?? d.rowsRead)}` }]) : ''}
${row(['As-of date', { text: f?.asOf ?? v.asOf ?? 'not dated' }])}
${row(['Report made', { text: ctx.input.generatedAt }])}
${ctx.input.producedBy ? row(['Made with', { text: ctx.input.producedBy }]) : ''}
</tbody></table>`);
  parts.push('<h3>Small-number suppression</h3>');
  parts.push(`<p>${esc(ctx.publication.suppressed ? `Counts of ${ctx.publication.rule} people are shown as * (${ctx.publication.rule === '1-5' ? 'HES practice before 2018' : 'NHS Digital'}), and whatever could reveal them is hidden too: the footnotes under the funnel and the trend say what.` : ctx.suppressionNote)}${ctx.published ? ` ${esc(ctx.published.note)}` : ''}</p>`);
  parts.push('<p class="meta">This document is self-contained: it references no web address, file, image or font outside itself. Patient-level data never leaves the machine; only the aggregate figures above are included.</p>');
  return `<section class="page methods" aria-label="Methods and data">${parts.join('\n')}</section>`;
}

/** Page: the plain-English summary for patient partners. */
function patientPage(ctx: Context): string {
  const sections = patientSummary(ctx.facts as CentreFacts, ctx.published ?? undefined, ctx.trend);
  const body = sections.map((s) => `<h3>${esc(s.heading)}</h3>${s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}`).join('\n');
  return `<section class="page plain" aria-label="For patient partners"><h2>For patient partners: what this means for people waiting</h2>\n${body}</section>`;
}

/** The report as one self-contained HTML document (and its parts for the app). */
export async function buildReport(input: ReportInput): Promise<ReportDocument> {
  const threshold = input.suppression === false ? null : (input.suppression ?? NHS_DIGITAL_THRESHOLD);
  const facts = input.facts;
  const years = input.businessCase?.years ?? 0;
  const publication = publishVariation(input.variation, {
    suppression: reportSuppressionRule(threshold),
    dataset: { fileName: input.dataset.fileName, sha256: input.dataset.sha256, importedAt: input.dataset.importedAt },
  });
  const tableRows = publishedTableRows(publication);
  const rows = new Map(tableRows.map((r) => [String(r.Centre), r]));
  const hidden = new Set(publication.hiddenGroups);
  const note = publication.warning ?? publication.footnote.find((l) => l.startsWith('Suppression: '))?.slice('Suppression: '.length) ?? 'No counts needed suppressing.';
  // The share the league table hides (small or secondary suppression) is hidden in the case too.
  const shareHidden = facts !== undefined && rows.get(facts.centre)?.['%'] === SUPPRESSION_MARKER;
  const trend = facts?.trend ? trendReading(facts.trend, threshold) : null;
  const pub = input.businessCase
    ? publishBusinessCase(input.businessCase.inputs, input.businessCase.years, { suppression: threshold ?? false, alsoHide: shareHidden ? ['currentShare'] : [] })
    : null;
  const centreLabel = facts ? (facts.centreName ? `${facts.centreName} (${facts.centre})` : facts.centre) : 'all centres';
  const ctx: Context = {
    input, facts, published: pub, years, publication, trend,
    // Published cells are numbers, words, the marker or null (never booleans).
    centreRow: facts ? rows.get(facts.centre) as Record<string, Shown> | undefined : undefined,
    centreHidden: facts ? hidden.has(facts.centre) : false,
    hidden, suppressionNote: note, centreLabel,
    frame: timeFrameWords(facts?.thresholdDays ?? input.variation.measure.thresholdDays),
  };
  const title = facts
    ? `${pub ? 'Business case' : 'Report'}: ${input.variation.measure.shortTitle} at ${centreLabel}`
    : `Report: ${input.variation.measure.shortTitle}, all centres`;

  // The funnel as the Variation export draws it: centres shown in full, statistics as published.
  const funnel = funnelSpec(publication.chart, { width: CHART_WIDTH, height: FUNNEL_HEIGHT, selected: facts && !ctx.centreHidden ? facts.centre : undefined, title: input.variation.measure.shortTitle });
  const funnelSvg = await renderSpecToSvg(funnel, 'funnel');
  let tornadoSvg: string | null = null;
  if (pub && pub.sensitivity.bars.length && !pub.json.sensitivity.some((b) => b.netLow === SUPPRESSION_MARKER)) {
    tornadoSvg = await renderSpecToSvg(tornadoSpec(pub.sensitivity, { width: CHART_WIDTH - 160, years }) as TopLevelSpec, 'tornado');
  }

  const pages = [summaryPage(ctx, title), standingPage(ctx, funnelSvg)];
  if (trend && facts) {
    const spec = spcSpec(trend.chartSeries, {
      width: CHART_WIDTH, height: TREND_HEIGHT, title: `${facts.centre}: ${input.variation.measure.shortTitle} by month`,
      subtitle: trend.subtitle,
      target: trend.target, proportion: true, yTitle: `% seen within ${ctx.frame}`,
    });
    const broken = breakAtLeftOffMonths(spec, trend.periods, trend.hiddenPeriods);
    pages.push(trendPage(ctx, await renderSpecToSvg({ ...broken, description: `Monthly SPC chart of ${input.variation.measure.shortTitle} at ${facts.centre}` } as TopLevelSpec, 'trend')));
  }
  if (pub) pages.push(casePage(ctx), sensitivityPage(ctx, tornadoSvg), assumptionsPage(ctx));
  pages.push(methodsPage(ctx));
  if (input.patientSummary && facts) pages.push(patientPage(ctx));

  const bodyHtml = `<main class="msvw-report">\n${pages.join('\n')}\n</main>`;
  const footer = `${facts ? `${facts.centre} · ` : ''}${input.variation.measure.shortTitle} · data to ${facts?.asOf ?? input.variation.asOf ?? 'n/a'} · MS Variation Workbench`;
  const css = `${REPORT_CSS}\n${footerCss(footer)}`;
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
  return { html, bodyHtml, css, title, hiddenCentres: [...hidden].sort(), published: pub, publication, trend };
}
