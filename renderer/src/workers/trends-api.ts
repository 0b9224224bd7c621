/**
 * The dataset worker's operations for the Trends page (SPC charts, the board, before / after and
 * waiting-time curves). Every number comes from shared/ functions run in the worker.
 */
import type { MeasureSpec } from '../../../shared/analysis/variation';
import type { TrendGranularity, TrendStatistic } from '../../../shared/analysis/trends';
import type { SpcChoices } from '../../../shared/analysis/spc-choices';
import type { SpcReport } from '../../../shared/analysis/spc-report';
import type { SpcSeriesResult } from '../../../shared/analysis/spc-series';
import type { BoardResult } from '../../../shared/analysis/board';
import type { BeforeAfter } from '../../../shared/analysis/before-after';
import type { Standard } from '../../../shared/standards/schema';
import type { WaitsOptions, WaitsResult } from '../../../shared/analysis/waits';
import type { TrendGroups } from './trend-groups';

/** One trend asked for: a measure for one group (or the nation) by month or quarter, with the chart choices. */
export interface TrendRequest {
  spec: MeasureSpec;
  /** Grouping column (centre_code, region), or null for the whole extract (the nation). */
  by: string | null;
  /** The group's label (centre code, region name); ignored for the nation. */
  group: string | null;
  granularity: TrendGranularity;
  statistic: TrendStatistic;
  /** Chart and rule choices; direction and target default to the standard's. */
  choices: Partial<SpcChoices>;
}

/** A trend as drawn: the engine's SPC report (measure, as-of, resolved choices and their labels) and its one series. */
export interface TrendResult {
  report: SpcReport;
  /** The chart of the group, or null when it has no points. */
  spc: SpcSeriesResult | null;
  ms: number;
}

export interface TrendsApi {
  /** Centres (code, name, region) and regions of the open extract, for the group picker. */
  trendGroups(params: Record<string, never>): Promise<TrendGroups>;
  /** The SPC chart of one measure for one group. */
  trend(params: TrendRequest): Promise<TrendResult>;
  /** The board: every centre against every measure given, latest value and icons per cell. */
  board(params: { standards: Standard[]; granularity: TrendGranularity; choices: Partial<SpcChoices> }): Promise<{ board: BoardResult; ms: number }>;
  /** Before / after a date for one group's proportion (periods before the date against those from it on). */
  beforeAfter(params: { spec: MeasureSpec; by: string | null; group: string | null; granularity: TrendGranularity; date: string }): Promise<BeforeAfter>;
  /** Kaplan-Meier waiting-time curves per group (or one group split at a date), with medians, shares within and percentiles. */
  waits(params: Omit<WaitsOptions, 'keep' | 'runDate'>): Promise<{ result: WaitsResult; ms: number }>;
}
