/**
 * Holds the open dataset off the UI thread: decodes it from the local store, keeps the current
 * sort/filter order, and answers row windows and column summaries. Its handlers are checked
 * against DatasetApi (dataset-api.ts), the same interface the page calls.
 */
import type { ColumnarTable } from '../../../shared/data/table';
import { filterRows, rowWindow, sortRows, summariseColumn } from '../../../shared/data/view';
import { loadDataset, remapStoredColumn } from '../store/datasets';
import { analyseVariation } from '../../../shared/analysis/variation';
import { tierSummary } from '../../../shared/analysis/tiers';
import { centreProfile } from '../../../shared/analysis/profile';
import { datasetFacets } from '../../../shared/data/facets';
import { datasetRpc } from './dataset-api';
import { trendsOperations } from './trends-ops';
import { analyseCentre } from '../../../shared/business-case/prefill';
import { buildReport } from '../../../shared/report/build';
import { kpiPeriods, periodOptions } from '../../../shared/analysis/periods';

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

datasetRpc.serve({
  async open({ datasetId }) {
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
  async setView({ sort, filters }) {
    const started = performance.now();
    const t = current();
    const filtered = filters.some((f) => f.query.trim()) ? filterRows(t, filters) : allRows(t.rowCount);
    order = sortRows(t, filtered, sort);
    return { rowCount: order.length, ms: performance.now() - started };
  },
  async rows({ start, end }) {
    return rowWindow(current(), order, start, end);
  },
  async summary({ column }) {
    return summariseColumn(current(), column, order.length === current().rowCount ? undefined : order);
  },
  async remap({ datasetId, column, field }) {
    // Re-typing and re-encoding a big dataset's chunks is heavy: it runs here, off the UI thread.
    return remapStoredColumn(datasetId, column, field);
  },
  async facets() {
    return datasetFacets(current());
  },
  async kpiPeriods() {
    return periodOptions(kpiPeriods(current()));
  },
  async analyse({ spec, options }) {
    const started = performance.now();
    const result = analyseVariation(current(), spec, options);
    return { result, ms: performance.now() - started };
  },
  async tierSummary({ standards, options }) {
    return tierSummary(current(), standards, options);
  },
  async profile({ centre, standards, options }) {
    return centreProfile(current(), centre, standards, options);
  },
  ...trendsOperations(current),
  async businessCase({ centre, standard, target }) {
    return analyseCentre(current(), standard, centre, { target });
  },
  async report({ input, tiers }) {
    const tierRows = tiers ? tierSummary(current(), tiers.standards, tiers.options) : undefined;
    const built = await buildReport({ ...input, tierRows });
    return { bodyHtml: built.bodyHtml, css: built.css, title: built.title };
  },
});
