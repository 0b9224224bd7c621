/**
 * Holds the open dataset off the UI thread: decodes it from the local store, keeps the current
 * sort/filter order, and answers row windows and column summaries.
 */
import type { ColumnarTable } from '../../../shared/data/table';
import { filterRows, rowWindow, sortRows, summariseColumn, type ColumnFilter, type SortKey } from '../../../shared/data/view';
import { loadDataset } from '../store/datasets';
import { analyseVariation, type MeasureSpec, type VariationOptions } from '../../../shared/analysis/variation';
import { tierSummary } from '../../../shared/analysis/tiers';
import { centreProfile, type ProfileOptions } from '../../../shared/analysis/profile';
import type { Standard } from '../../../shared/standards/schema';
import { datasetFacets } from '../../../shared/data/facets';
import { kpiPeriods, periodOptions } from '../../../shared/analysis/periods';
import { serveRpc } from './rpc';
import type { OpenedDataset } from './dataset-api';

let table: ColumnarTable | null = null;
let order: Int32Array = new Int32Array(0);

function current(): ColumnarTable {
  if (!table) throw new Error('No dataset is open. Choose one from the list.');
  return table;
}

function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

serveRpc({
  async open({ datasetId }: { datasetId: string }): Promise<OpenedDataset> {
    const started = performance.now();
    const loaded = await loadDataset(datasetId);
    const opened = loaded.table;
    table = opened;
    order = allRows(opened.rowCount);
    return {
      datasetId,
      rowCount: opened.rowCount,
      columns: opened.columns.map((c) => ({ name: c.name, kind: c.kind })),
      openMs: performance.now() - started,
    };
  },
  async setView({ sort, filters }: { sort: SortKey[]; filters: ColumnFilter[] }) {
    const started = performance.now();
    const t = current();
    const filtered = filters.some((f) => f.query.trim()) ? filterRows(t, filters) : allRows(t.rowCount);
    order = sortRows(t, filtered, sort);
    return { rowCount: order.length, ms: performance.now() - started };
  },
  async rows({ start, end }: { start: number; end: number }) {
    return rowWindow(current(), order, start, end);
  },
  async summary({ column }: { column: string }) {
    return summariseColumn(current(), column, order.length === current().rowCount ? undefined : order);
  },
  async facets() {
    return datasetFacets(current());
  },
  async kpiPeriods() {
    return periodOptions(kpiPeriods(current()));
  },
  async analyse({ spec, options }: { spec: MeasureSpec; options: VariationOptions }) {
    const started = performance.now();
    const result = analyseVariation(current(), spec, options);
    return { result, ms: performance.now() - started };
  },
  async tierSummary({ standards, options }: { standards: Standard[]; options: VariationOptions }) {
    return tierSummary(current(), standards, options);
  },
  async profile({ centre, standards, options }: { centre: string; standards: Standard[]; options: ProfileOptions }) {
    return centreProfile(current(), centre, standards, options);
  },
});
