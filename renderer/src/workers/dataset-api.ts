/**
 * What the dataset worker offers the UI: one open dataset, viewed through sort and filters. The
 * worker (dataset.worker.ts) serves `datasetRpc` and the page connects to it, both checked
 * against DatasetApi (see rpc.ts).
 */
import type { ColumnFilter, ColumnSummary, SortKey } from '../../../shared/data/view';
import type { ColumnKind } from '../../../shared/data/table';
import type { MeasureSpec, VariationOptions, VariationResult } from '../../../shared/analysis/variation';
import type { TierSummaryRow } from '../../../shared/analysis/tiers';
import type { ProfileOptions, ProfileRow } from '../../../shared/analysis/profile';
import type { Standard } from '../../../shared/standards/schema';
import { defineRpc } from './rpc';
import type { DatasetMeta } from '../store/database';
import type { TrendsApi } from './trends-api';
import type { CentreAnalysis, TargetChoice } from '../../../shared/business-case/prefill';
import type { ReportInput } from '../../../shared/report/build';

/** A report to build in the worker: the builder's input, with the tier summary worked out there from these standards and options. */
export interface ReportRequestParams {
  input: Omit<ReportInput, 'tierRows'>;
  tiers?: { standards: Standard[]; options: VariationOptions };
}
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

/** The dataset worker's operations: one params object in, a result out. */
export interface DatasetApi extends TrendsApi {
  open(params: { datasetId: string }): Promise<OpenedDataset>;
  setView(params: { sort: SortKey[]; filters: ColumnFilter[] }): Promise<{ rowCount: number; ms: number }>;
  rows(params: { start: number; end: number }): Promise<(string | number | null)[][]>;
  summary(params: { column: string }): Promise<ColumnSummary>;
  facets(params: Record<string, never>): Promise<DatasetFacets>;
  /** Map a kept column of a stored dataset to a field from its stored values (no re-read of the file), or to none (field null: a plain column again, NHS numbers and titled names in its text masked as an import masks them); rewrites its chunks. */
  remap(params: { datasetId: string; column: string; field: string | null }): Promise<{ meta: DatasetMeta; unreadable: number; masked: number }>;
  /** A KPI extract's period choices (latest, last 4, all) with the dates each covers; [] without periods. */
  kpiPeriods(params: Record<string, never>): Promise<PeriodOption[]>;
  analyse(params: { spec: MeasureSpec; options: VariationOptions }): Promise<{ result: VariationResult; ms: number }>;
  tierSummary(params: { standards: Standard[]; options: VariationOptions }): Promise<TierSummaryRow[]>;
  profile(params: { centre: string; standards: Standard[]; options: ProfileOptions }): Promise<ProfileRow[]>;
  /** Where one centre stands on one standard and its demand, for the business case (shared/business-case). */
  businessCase(params: { centre: string; standard: Standard; target: TargetChoice }): Promise<CentreAnalysis>;
  /** The A4 report as one self-contained HTML document (shared/report buildReport; charts rendered to SVG here). */
  report(params: ReportRequestParams): Promise<{ bodyHtml: string; css: string; title: string }>;
}

/** The dataset worker's RPC, for both sides. */
export const datasetRpc = defineRpc<DatasetApi>();
