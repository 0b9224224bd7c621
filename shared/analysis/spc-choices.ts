/**
 * The choices behind an SPC chart (chart type and the Making Data Count rule variants of
 * methods.md, "SPC"), their defaults, and the human label of each choice for chart subtitles and
 * export footnotes. Pure: the chart, the table, the export and the CLI all label from here.
 */
import { SPC_MIN_BASELINE, SPC_RUN_POINTS_VARIANT, SPC_SHIFT_POINTS } from '../stats/constants';
import type { ImprovementDirection, TrendTies, TwoOfThreeVariant } from '../stats/spc-rules';

/** Chart types: p-chart, Laney p'-chart, XmR (individuals) chart, run chart. */
export const SPC_CHART_TYPES = ['p', 'pprime', 'xmr', 'run'] as const;
export type SpcChartType = (typeof SPC_CHART_TYPES)[number];

/** Run lengths offered for the trend and shift rules. */
export const SPC_RUN_LENGTHS = [SPC_SHIFT_POINTS, SPC_RUN_POINTS_VARIANT] as const;
export type SpcRunLength = (typeof SPC_RUN_LENGTHS)[number];

/** Every choice of an SPC chart. */
export interface SpcChoices {
  /** Requested chart; a series with fewer than 12 points is drawn as a run chart whatever is asked. */
  readonly chart: SpcChartType;
  /** Limits from the first k points of each segment (k >= 12), or from all points. */
  readonly baseline: number | 'all';
  /** Rebase dates (ISO yyyy-mm-dd): a new segment starts at the first period starting on or after each. */
  readonly rebase: readonly string[];
  /** Screen moving ranges >= 3.267 x average before recomputing it (XmR; NHSRplotthedots default on). */
  readonly screen: boolean;
  readonly twoOfThree: TwoOfThreeVariant;
  readonly trendTies: TrendTies;
  /** Points in a trend and in a shift (7, or the 6-point variant). */
  readonly runLength: SpcRunLength;
  /** Target for the assurance icon and the target line, or null for none. */
  readonly target: number | null;
  /** Which way is better (from the standard). */
  readonly direction: ImprovementDirection;
}

/**
 * Defaults: p-chart, every point in the baseline, screening on (NHSRplotthedots), 2 of 3 as
 * NHSRplotthedots (the engine is checked against it), ties break a trend, 7-point runs.
 */
export const DEFAULT_SPC_CHOICES: SpcChoices = Object.freeze({
  chart: 'p',
  baseline: 'all',
  rebase: Object.freeze([]) as readonly string[],
  screen: true,
  twoOfThree: 'nhsr',
  trendTies: 'break',
  runLength: SPC_SHIFT_POINTS,
  target: null,
  direction: 'neither',
});

/** Fewer points than this: a run chart instead of control limits (methods.md: baseline k >= 12). */
export const SPC_MIN_POINTS_FOR_LIMITS = SPC_MIN_BASELINE;

/** Human name of each chart type. */
export const CHART_TYPE_LABEL: Readonly<Record<SpcChartType, string>> = Object.freeze({
  p: 'p-chart',
  pprime: "Laney p'-chart",
  xmr: 'XmR chart',
  run: 'Run chart',
});

/** Human label of each 2-of-3 variant (as the issue and methods.md name them). */
export const TWO_OF_THREE_LABEL: Readonly<Record<TwoOfThreeVariant, string>> = Object.freeze({
  mdc2023: 'Making Data Count (2023): points beyond the limits count',
  nhsr: 'NHSRplotthedots: near points only',
});

/** Human label of each trend-ties choice. */
export const TREND_TIES_LABEL: Readonly<Record<TrendTies, string>> = Object.freeze({
  break: 'a tie breaks a trend',
  ignore: 'a tie neither adds to nor breaks a trend (NHS run-chart guide)',
});

/** One labelled choice: a stable key, its value as text, and the sentence a reader sees. */
export interface ChoiceLabel {
  readonly key: keyof SpcChoices | 'drawn';
  readonly value: string;
  readonly label: string;
}

/** Format a proportion or value target for a label. */
function targetText(target: number, proportion: boolean): string {
  return proportion ? `${Number((target * 100).toFixed(1))}%` : String(Number(target.toPrecision(6)));
}

/**
 * The human label of every choice, in reading order, for chart subtitles and export footnotes.
 * `drawn` is the chart actually drawn (a run chart when there are too few points); `proportion`
 * says whether the values are proportions (target as a percentage; default: a p or p' chart).
 */
export function spcChoiceLabels(choices: SpcChoices, drawn: SpcChartType = choices.chart, proportion: boolean = drawn === 'p' || drawn === 'pprime'): ChoiceLabel[] {
  const labels: ChoiceLabel[] = [];
  labels.push({
    key: 'drawn',
    value: drawn,
    label: drawn === choices.chart ? CHART_TYPE_LABEL[drawn] : `${CHART_TYPE_LABEL[drawn]} (fewer than ${SPC_MIN_POINTS_FOR_LIMITS} points; ${CHART_TYPE_LABEL[choices.chart]} asked for)`,
  });
  if (drawn !== 'run') {
    labels.push({
      key: 'baseline',
      value: String(choices.baseline),
      label: choices.baseline === 'all' ? 'limits from all points' : `limits from the first ${choices.baseline} points`,
    });
  } else {
    labels.push({ key: 'baseline', value: String(choices.baseline), label: choices.baseline === 'all' ? 'median of all points' : `median of the first ${choices.baseline} points` });
  }
  if (choices.rebase.length) labels.push({ key: 'rebase', value: choices.rebase.join(','), label: `rebased at ${choices.rebase.join(', ')}` });
  if (drawn === 'xmr') {
    labels.push({ key: 'screen', value: String(choices.screen), label: choices.screen ? 'moving ranges screened' : 'moving ranges not screened' });
  }
  if (drawn !== 'run') labels.push({ key: 'twoOfThree', value: choices.twoOfThree, label: `2 of 3: ${TWO_OF_THREE_LABEL[choices.twoOfThree]}` });
  labels.push({ key: 'runLength', value: String(choices.runLength), label: `trend and shift of ${choices.runLength} points` });
  labels.push({ key: 'trendTies', value: choices.trendTies, label: TREND_TIES_LABEL[choices.trendTies] });
  if (choices.target !== null) labels.push({ key: 'target', value: String(choices.target), label: `target ${targetText(choices.target, proportion)}` });
  labels.push({
    key: 'direction',
    value: choices.direction,
    label: choices.direction === 'increase' ? 'higher is better' : choices.direction === 'decrease' ? 'lower is better' : 'no improvement direction',
  });
  return labels;
}

/** One-line subtitle of the choices ("p-chart; limits from all points; ..."). */
export function spcChoicesSubtitle(choices: SpcChoices, drawn: SpcChartType = choices.chart, proportion?: boolean): string {
  return spcChoiceLabels(choices, drawn, proportion).map((c) => c.label).join('; ');
}
