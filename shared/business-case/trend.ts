/**
 * The centre's trend for the business case and the report (issue 9, "where the centre stands ...
 * and the trend"; "the trend when available"): the measure's share by month of the start event as
 * the Trends page draws it (shared/analysis/spc-report.ts spcFromTable: a p-chart, Making Data
 * Count rules and icons with the default choices, direction and target from the standard), and a
 * reading in plain words.
 *
 * Publication is the Trends page's SPC export (shared/analysis/trend-export.ts publishSpcReport):
 * counts of 1-7 are hidden, with what is computed from them; the chart draws only the published
 * points with their published signals (spcChartSeries: a month whose count or centre line is hidden
 * is left off); the icons, the sentence and the footnote read the published series, so an icon read
 * from a hidden month is not shown and the words say so instead of giving its reading.
 */
import { MeasureError } from '../analysis/filter';
import { spcChoiceLabels, spcChoicesSubtitle } from '../analysis/spc-choices';
import { spcFromTable, type SpcReport } from '../analysis/spc-report';
import type { AssuranceIconName, SpcSeriesResult, VariationIconName } from '../analysis/spc-series';
import { publishSpcReport, spcChartSeries } from '../analysis/trend-export';
import { ASSURANCE_ICON_LABEL, VARIATION_ICON_LABEL } from '../charts/mdc-icons';
import { SUPPRESSED_ICON, SUPPRESSED_ICON_LABEL, type SuppressedIcon } from '../output/words';
import { NHS_DIGITAL_THRESHOLD, type SuppressionThreshold } from '../privacy/suppression';
import type { Standard, Tier } from '../standards/schema';

/** How the centre's trend is built (the same as the business case's facts). */
export interface CentreTrendOptions {
  /** Grouping column holding the centre (default centre_code). */
  by?: string;
  /** As-of date, ISO. */
  asOf?: string;
  /** Tier whose time frame decides "met" (default core, as the Trends page). */
  tier?: Tier;
}

/**
 * The centre's monthly SPC chart of the measure (one series), or null when the extract cannot give
 * one (no start dates, or no months with people at the centre): the report then says so.
 */
export function centreTrend(table: Parameters<typeof spcFromTable>[0], standard: Standard, centre: string, options: CentreTrendOptions = {}): SpcReport | null {
  try {
    const report = spcFromTable(table, standard, {
      by: options.by ?? 'centre_code', groups: [centre], granularity: 'month', asOf: options.asOf, tier: options.tier, statistic: 'proportion',
    });
    const series = report.series.find((s) => s.group === centre && s.points.length > 0);
    return series ? { ...report, series: [series] } : null;
  } catch (err) {
    if (err instanceof MeasureError) return null;
    throw err;
  }
}

/** The trend as it may be published, and read in words. */
export interface TrendReading {
  /** The series drawn on a published chart: published points with their published signals (spcChartSeries). */
  chartSeries: SpcSeriesResult;
  /** Every month of the chart, drawn or not (periods only: where the published chart's lines break). */
  periods: { period: string; periodStart: string }[];
  /** Periods left off the published chart because their counts (or their segment's centre line) are suppressed. */
  hiddenPeriods: string[];
  /** The published icons: 'suppressed' where they would be read from something hidden. */
  variationIcon: VariationIconName | SuppressedIcon;
  assuranceIcon: AssuranceIconName | null | SuppressedIcon;
  /** The reading in plain words (one or two sentences). */
  sentence: string;
  /** The reading in one short sentence (the report's summary page). */
  brief: string;
  /** Footnote lines: chart, rule choices, icons, suppression, periods left off. */
  footnote: string[];
  /** Chart subtitle naming every rule choice (as the Trends page's chart). */
  subtitle: string;
  /** The chart drawn (p, or run with too few months), the target and the span. */
  chart: SpcSeriesResult['chart'];
  target: number | null;
  from: string;
  to: string;
  months: number;
}

/** "Mar 2024" from "2024-03". */
export function monthWords(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${names[Number(m[2]) - 1]} ${m[1]}`;
}

/** What the variation icon means for the share, in plain words. */
function variationWords(icon: VariationIconName): string {
  switch (icon) {
    case 'common_cause': return 'the changes from month to month are no more than chance would give: there is no sign of a real change';
    case 'improvement_high': return 'the share has risen by more than chance would give: a real improvement (special cause)';
    case 'improvement_low': return 'the share has fallen by more than chance would give, and lower is better here: a real improvement (special cause)';
    case 'concern_high': return 'the share has risen by more than chance would give, and lower is better here: a real change for the worse (special cause)';
    case 'concern_low': return 'the share has fallen by more than chance would give: a real change for the worse (special cause)';
    case 'neutral_high': return 'the share has risen by more than chance would give (special cause, neither better nor worse)';
    case 'neutral_low': return 'the share has fallen by more than chance would give (special cause, neither better nor worse)';
  }
}

/** The variation reading in a few words. */
const VARIATION_BRIEF: Readonly<Record<VariationIconName, string>> = Object.freeze({
  common_cause: 'no sign of a real change (common cause)',
  improvement_high: 'a real improvement, the share rising (special cause)',
  improvement_low: 'a real improvement, the share falling (special cause)',
  concern_high: 'a real change for the worse, the share rising (special cause)',
  concern_low: 'a real change for the worse, the share falling (special cause)',
  neutral_high: 'a real rise, neither better nor worse (special cause)',
  neutral_low: 'a real fall, neither better nor worse (special cause)',
});

/** The assurance reading in a few words. */
const ASSURANCE_BRIEF: Readonly<Record<AssuranceIconName, string>> = Object.freeze({
  consistent_pass: 'as things stand it will meet the target every month',
  consistent_fail: 'as things stand it will keep missing the target',
  inconsistent: 'it will meet the target in some months and miss it in others',
});

/** What the assurance icon means against the target, in plain words. */
function assuranceWords(icon: AssuranceIconName | null | SuppressedIcon, target: number | null, chart: SpcSeriesResult['chart']): string {
  const t = target === null ? '' : `${(target * 100).toFixed(0)}%`;
  if (target === null) return 'No target is set, so there is no reading against one.';
  if (icon === SUPPRESSED_ICON) return `The reading against the target of ${t} is not shown: the latest limits would give back counts suppressed as small numbers.`;
  if (icon === null) {
    return chart === 'run'
      ? `With too few months for control limits, there is no reading yet against the target of ${t}.`
      : `There is no reading against the target of ${t} (the chart has no limits).`;
  }
  switch (icon) {
    case 'consistent_pass': return `The whole range the process varies over is on the right side of the target of ${t}: as things stand it will meet the target month after month.`;
    case 'consistent_fail': return `The whole range the process varies over is on the wrong side of the target of ${t}: it will keep missing the target unless the service changes.`;
    case 'inconsistent': return `The target of ${t} lies within the range the process varies over: some months will meet it and others will not (hit and miss).`;
  }
}

/** Why the variation reading is withheld, in words. */
const VARIATION_WITHHELD = 'the latest reading is not shown, because it would be read from months whose counts are suppressed as small numbers';

/** An icon as the footnote names it (as the Trends page's SPC export does). */
function iconLabel(kind: 'Variation' | 'Assurance', icon: VariationIconName | AssuranceIconName | SuppressedIcon | null): string {
  if (icon === null) return 'no assurance icon';
  if (icon === SUPPRESSED_ICON) return `${kind} icon: ${SUPPRESSED_ICON_LABEL}`;
  return kind === 'Variation' ? VARIATION_ICON_LABEL[icon as VariationIconName] : ASSURANCE_ICON_LABEL[icon as AssuranceIconName];
}

/**
 * The centre's trend published under suppression (null: none, the user's explicit choice) and read
 * in plain words. Everything here comes from the publication (publishSpcReport), as the Trends
 * page's SPC export: the chart's points and signals, the icons (withheld where read from something
 * hidden), the sentence and the footnote; nothing reads the engine's numbers for a hidden month.
 */
export function trendReading(report: SpcReport, threshold: SuppressionThreshold | null = NHS_DIGITAL_THRESHOLD): TrendReading {
  const series = report.series[0];
  const published = publishSpcReport({ ...report, series: [series] }, threshold ? { threshold } : { suppress: false });
  const shown = published.series[0];
  const chartSeries = spcChartSeries(series, shown);
  const drawn = new Set(chartSeries.points.map((p) => p.period));
  const hiddenPeriods = series.points.filter((p) => !drawn.has(p.period)).map((p) => p.period);
  const { variationIcon, assuranceIcon } = shown;
  const from = series.points[0].period;
  const to = series.points[series.points.length - 1].period;
  const months = series.points.length;
  const target = report.options.target;
  const span = `Over the ${months} month${months === 1 ? '' : 's'} from ${monthWords(from)} to ${monthWords(to)}`;
  const variation = variationIcon === SUPPRESSED_ICON ? VARIATION_WITHHELD : variationWords(variationIcon);
  const sentence = series.chart === 'run'
    ? `${span}, there are too few months (fewer than 12) to set control limits, so the chart is a run chart and cannot yet show a real change. ${assuranceWords(null, target, 'run')}`
    : `${span}, ${variation}. ${assuranceWords(assuranceIcon, target, series.chart)}`;
  const assuranceBrief = assuranceIcon === null ? '' : assuranceIcon === SUPPRESSED_ICON ? '; the reading against the target is not shown either' : `; ${ASSURANCE_BRIEF[assuranceIcon]}`;
  const brief = series.chart === 'run'
    ? `${months} month${months === 1 ? '' : 's'} of data: too few to tell a real change from chance yet.`
    : variationIcon === SUPPRESSED_ICON
      ? `Over ${months} months to ${monthWords(to)}: the latest reading is not shown (small numbers)${assuranceBrief}.`
      : `Over ${months} months to ${monthWords(to)}: ${VARIATION_BRIEF[variationIcon]}${assuranceBrief}.`;
  const choices = spcChoiceLabels(report.options, series.chart).map((c) => c.label).join('; ');
  const footnote = [
    `Chart: ${series.chart === 'run' ? 'run chart (fewer than 12 months)' : 'p-chart'} of the share meeting the standard by month of the start event; Making Data Count rules and icons (names as NHSRplotthedots).`,
    `Rules: ${choices}${series.trial ? '; trial limits (fewer than 13 months in the baseline)' : ''}.`,
    `Latest reading: ${iconLabel('Variation', variationIcon)}; ${iconLabel('Assurance', assuranceIcon)}.`,
    ...(published.suppression ? [`Suppression: ${published.suppression}`] : threshold ? [] : ['Small numbers NOT suppressed (chosen by the user): this chart may identify people.']),
    ...(hiddenPeriods.length ? [`${hiddenPeriods.length} month(s) with suppressed counts or centre lines are not drawn on the chart (${hiddenPeriods.map(monthWords).join(', ')}).`] : []),
  ];
  return {
    chartSeries, periods: series.points.map((p) => ({ period: p.period, periodStart: p.periodStart })), hiddenPeriods, variationIcon, assuranceIcon,
    sentence, brief, footnote, subtitle: spcChoicesSubtitle(report.options, series.chart, true), chart: series.chart, target, from, to, months,
  };
}
