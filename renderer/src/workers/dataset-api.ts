/** What the dataset worker offers the UI: one open dataset, viewed through sort and filters. */
import type { ColumnFilter, ColumnSummary, SortKey } from '../../../shared/data/view';
import type { ColumnKind } from '../../../shared/data/table';

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
}
