/** What the dataset worker offers the UI: one open dataset, viewed through sort and filters. */
import type { ColumnFilter, ColumnSummary, SortKey } from '../../../shared/data/view';
import type { ColumnKind } from '../../../shared/data/table';
import type { MeasureSpec, VariationOptions, VariationResult } from '../../../shared/analysis/variation';
import type { TierSummaryRow } from '../../../shared/analysis/tiers';
import type { ProfileOptions, ProfileRow } from '../../../shared/analysis/profile';
import type { Standard } from '../../../shared/standards/schema';
import type { PeriodOption } from '../../../shared/analysis/periods';

/** Values a filter can choose from, per filterable field present in the dataset. */
export interface DatasetFacets {
  values: Record<string, (string | number)[]>;
  /** Earliest and latest referral (or period start) date, ISO. */
  dateRange: { field: string; from: string; to: string } | null;
  /** Columns that can group an analysis (text or small-cardinality numbers). */
  groupable: string[];
  kpiIds: string[];
}

export interface OpenedDataset {
  datasetId: string;
  rowCount: number;
  columns: { name: string; kind: ColumnKind }[];
  /** Milliseconds to decode the stored chunks (reopen time). */
  openMs: number;
}

export interface DatasetApi extends Record<string, (params: never) => unknown> {
  open(params: { datasetId: string }): Promise<OpenedDataset>;
  setView(params: { sort: SortKey[]; filters: ColumnFilter[] }): Promise<{ rowCount: number; ms: number }>;
  rows(params: { start: number; end: number }): Promise<(string | number | null)[][]>;
  summary(params: { column: string }): Promise<ColumnSummary>;
  facets(params: Record<string, never>): Promise<DatasetFacets>;
  /** A KPI extract's period choices (latest, last 4, all) with the dates each covers; [] without periods. */
  kpiPeriods(params: Record<string, never>): Promise<PeriodOption[]>;
  analyse(params: { spec: MeasureSpec; options: VariationOptions }): Promise<{ result: VariationResult; ms: number }>;
  tierSummary(params: { standards: Standard[]; options: VariationOptions }): Promise<TierSummaryRow[]>;
  profile(params: { centre: string; standards: Standard[]; options: ProfileOptions }): Promise<ProfileRow[]>;
}
