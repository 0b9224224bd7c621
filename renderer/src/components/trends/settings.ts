/**
 * What the person chose on the Trends page: measure, group, period, chart type and the Making
 * Data Count rule variants (methods.md, "SPC"). UI state only; the dataset worker turns it into
 * the engine's options.
 */
import { DEFAULT_SPC_CHOICES, SPC_MIN_POINTS_FOR_LIMITS, type SpcChartType, type SpcRunLength } from '../../../../shared/analysis/spc-choices';
import type { TrendGranularity, TrendStatistic } from '../../../../shared/analysis/trends';
import type { TrendTies, TwoOfThreeVariant } from '../../../../shared/stats/spc-rules';

/** Which groups a trend is drawn for: one centre, one region or the whole nation. */
export type TrendLevel = 'centre_code' | 'region' | 'nation';

export interface TrendSettings {
  measureId: string;
  level: TrendLevel;
  /** Centre code or region name; null for the nation. */
  group: string | null;
  period: TrendGranularity;
  /** Chart asked for; the engine draws a run chart when there are fewer than 12 points. */
  chart: SpcChartType;
  /** What an XmR or run chart plots (p and p' charts always plot the proportion). */
  statistic: TrendStatistic;
  twoOfThree: TwoOfThreeVariant;
  trendTies: TrendTies;
  runLength: SpcRunLength;
  screen: boolean;
  /** Baseline: all points, or the first k (k >= 12) of each segment. */
  baseline: 'all' | number;
  /** Rebase dates, ISO yyyy-mm-dd, ascending. */
  rebase: string[];
  /** Target as a percentage, or null to use the standard's target. */
  targetPercent: number | null;
}

/** Smallest fixed baseline (methods.md: k >= 12). */
export const MIN_BASELINE_POINTS = SPC_MIN_POINTS_FOR_LIMITS;

/** The page starts on 4+4 part 1, monthly p-chart, with the engine's default rule choices. */
export const DEFAULT_TREND_SETTINGS: TrendSettings = {
  measureId: '4plus4-part1',
  level: 'centre_code',
  group: null,
  period: 'month',
  chart: DEFAULT_SPC_CHOICES.chart,
  statistic: 'proportion',
  twoOfThree: DEFAULT_SPC_CHOICES.twoOfThree,
  trendTies: DEFAULT_SPC_CHOICES.trendTies,
  runLength: DEFAULT_SPC_CHOICES.runLength,
  screen: DEFAULT_SPC_CHOICES.screen,
  baseline: DEFAULT_SPC_CHOICES.baseline,
  rebase: [],
  targetPercent: null,
};

/** Chart choices as the picker lists them. */
export const CHART_OPTION_LABELS: Record<SpcChartType, string> = {
  p: 'p-chart (proportions)',
  pprime: "Laney p'-chart (large denominators)",
  xmr: 'XmR chart (values: median wait, counts)',
  run: 'Run chart',
};

export const STATISTIC_LABELS: Record<TrendStatistic, string> = {
  proportion: '% meeting the standard',
  medianWait: 'Median wait (days)',
  count: 'Patients (count)',
};

/** Add a rebase date (kept sorted, no duplicates). */
export function withRebase(rebase: readonly string[], date: string): string[] {
  return [...new Set([...rebase, date])].sort();
}
