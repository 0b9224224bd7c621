/**
 * The Data view's table: TanStack Table owns columns, sorting and filter state; the rows live in
 * the dataset worker, which sorts and filters 1M rows off the UI thread and hands back only the
 * window being shown. TanStack Virtual keeps the DOM to the visible rows.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  columnFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ColumnKind } from '../../../shared/data/table';
import type { ColumnSummary } from '../../../shared/data/view';
import { dateQueryToIso, formatFieldNumber, ukDate } from '../display/format';

type Cell = string | number | null;
type Row = Cell[];

export interface DataTableSource {
  rowCount: number;
  columns: { name: string; kind: ColumnKind }[];
  setView(sort: SortingState, filters: ColumnFiltersState): Promise<number>;
  rows(start: number, end: number): Promise<Row[]>;
  summary(column: string): Promise<ColumnSummary>;
}

const features = tableFeatures({ rowSortingFeature, columnFilteringFeature });
/** What each kind of column's filter accepts, shown as its placeholder. */
const FILTER_HINTS: Record<ColumnKind, string> = { text: 'contains…', number: '> 5, <= 3.5…', date: '< 31/03/2024, 03/2024…' };
const ROW_HEIGHT = 30;
const WINDOW = 200;

/** A cell as shown: dates dd/mm/yyyy, numbers at their field's precision (EDSS 3.5, not 3.50). */
function formatCell(value: Cell, column: { name: string; kind: ColumnKind }): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatFieldNumber(column.name, value);
  return column.kind === 'date' ? ukDate(value) : value;
}

/** A summary value (min, max, bin start) as shown for its column. */
function formatSummaryValue(value: string | number, summary: ColumnSummary): string {
  if (typeof value === 'number') return formatFieldNumber(summary.column, value);
  return summary.kind === 'date' ? ukDate(value) : value;
}

export function DataTable({ source, caption }: { source: DataTableSource; caption: string }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [rowCount, setRowCount] = useState(source.rowCount);
  const [windowStart, setWindowStart] = useState(0);
  const [windowRows, setWindowRows] = useState<Row[]>([]);
  const [viewVersion, setViewVersion] = useState(0);
  const [summary, setSummary] = useState<ColumnSummary | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The "i" button that opened the column summary: focus goes back there when it closes.
  const summaryOpener = useRef<HTMLButtonElement | null>(null);
  const kinds = useMemo(() => new Map(source.columns.map((c) => [c.name, c.kind])), [source.columns]);

  const columns = useMemo<ColumnDef<typeof features, Row>[]>(
    () => source.columns.map((c, i) => ({ id: c.name, header: c.name, accessorFn: (row: Row) => row[i], meta: { kind: c.kind } })),
    [source.columns],
  );
  const emptyData = useMemo<Row[]>(() => [], []);
  const table = useTable({
    features,
    columns,
    data: emptyData,
    manualSorting: true,
    manualFiltering: true,
    state: { sorting, columnFilters },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
  });

  // Re-order in the worker whenever sort or filters change.
  useEffect(() => {
    let live = true;
    // Dates are typed as dd/mm/yyyy; the worker reads ISO.
    const filters = columnFilters.map((f) => (kinds.get(f.id) === 'date' ? { ...f, value: dateQueryToIso(String(f.value ?? '')) } : f));
    source.setView(sorting, filters).then((count) => {
      if (!live) return;
      setRowCount(count);
      setViewVersion((v) => v + 1);
    });
    return () => { live = false; };
  }, [source, sorting, columnFilters, kinds]);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;

  // Fetch a window of rows around what is visible.
  useEffect(() => {
    if (rowCount === 0) { setWindowRows([]); return; }
    if (first >= windowStart && last < windowStart + windowRows.length && viewVersion === fetchedVersion.current) return;
    let live = true;
    const start = Math.max(0, first - WINDOW / 4);
    source.rows(start, start + WINDOW).then((rows) => {
      if (!live) return;
      fetchedVersion.current = viewVersion;
      setWindowStart(start);
      setWindowRows(rows);
    });
    return () => { live = false; };
  }, [source, first, last, rowCount, viewVersion, windowStart, windowRows.length]);
  const fetchedVersion = useRef(-1);

  const headerGroup = table.getHeaderGroups()[0];
  const filterValue = (id: string) => (columnFilters.find((f) => f.id === id)?.value as string | undefined) ?? '';

  return (
    <div className="data-table">
      <p className="data-table__status" role="status" aria-live="polite">
        {rowCount.toLocaleString('en-GB')} of {source.rowCount.toLocaleString('en-GB')} rows
        {columnFilters.length > 0 ? ' (filtered)' : ''}
      </p>
      <div
        ref={scrollRef}
        className="data-table__scroll"
        role="region"
        aria-label={`${caption}: scrollable table`}
        tabIndex={0}
      >
        <table role="grid" aria-label={caption} aria-rowcount={rowCount + 2}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="data-table__rownum">#</th>
              {headerGroup.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    <button type="button" className="data-table__sort" onClick={header.column.getToggleSortingHandler()} aria-label={`Sort by ${header.id}`}>
                      {header.id}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                    <button type="button" className="data-table__summary-button" onClick={(e) => { summaryOpener.current = e.currentTarget; void source.summary(header.id).then(setSummary); }} aria-label={`Summarise ${header.id}`} title={`Summarise ${header.id}`}>
                      i
                    </button>
                  </th>
                );
              })}
            </tr>
            <tr aria-rowindex={2}>
              <th scope="col" className="data-table__rownum"><span className="visually-hidden">Filters</span></th>
              {headerGroup.headers.map((header) => (
                <th key={header.id} scope="col">
                  <input
                    className="data-table__filter"
                    type="search"
                    aria-label={`Filter ${header.id}`}
                    placeholder={FILTER_HINTS[(header.column.columnDef.meta as { kind: ColumnKind }).kind]}
                    value={filterValue(header.id)}
                    onChange={(e) => header.column.setFilterValue(e.target.value || undefined)}
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = windowRows[item.index - windowStart];
              return (
                <tr
                  key={item.key}
                  aria-rowindex={item.index + 3}
                  style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  <td className="data-table__rownum">{(item.index + 1).toLocaleString('en-GB')}</td>
                  {source.columns.map((c, i) => (
                    <td key={c.name} className={c.kind === 'text' ? '' : 'num'}>{row ? formatCell(row[i], c) : '…'}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {summary && <ColumnSummaryPanel summary={summary} onClose={() => { setSummary(null); summaryOpener.current?.focus(); }} />}
    </div>
  );
}

/**
 * The column summary: a non-modal dialog that takes focus when it opens, closes on Escape or its
 * Close button, and hands focus back to the button that opened it.
 */
function ColumnSummaryPanel({ summary, onClose }: { summary: ColumnSummary; onClose: () => void }) {
  const peak = Math.max(1, ...(summary.histogram ?? summary.top ?? []).map((b) => b.count));
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => { headingRef.current?.focus(); }, [summary]);
  const titleId = `summary-title-${summary.column.replace(/\W/g, '_')}`;
  return (
    <aside
      className="column-summary"
      role="dialog"
      aria-labelledby={titleId}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}
    >
      <header>
        <h3 id={titleId} ref={headingRef} tabIndex={-1}>Summary of {summary.column}</h3>
        <button type="button" onClick={onClose} aria-label={`Close summary of ${summary.column}`}>×</button>
      </header>
      <dl>
        <dt>Type</dt><dd>{summary.kind}</dd>
        <dt>Rows</dt><dd>{summary.count.toLocaleString('en-GB')}</dd>
        <dt>Missing</dt><dd>{summary.missing.toLocaleString('en-GB')}</dd>
        <dt>Distinct</dt><dd>{summary.distinct.toLocaleString('en-GB')}</dd>
        {summary.min !== undefined && summary.max !== undefined && (<><dt>Range</dt><dd>{formatSummaryValue(summary.min, summary)} to {formatSummaryValue(summary.max, summary)}</dd></>)}
      </dl>
      <table className="column-summary__bars">
        <caption>{summary.top ? 'Most frequent values' : 'Distribution'}</caption>
        <tbody>
          {(summary.top ?? []).map((t) => (
            <tr key={t.value}><th scope="row">{t.value}</th><td><span className="bar" style={{ width: `${(100 * t.count) / peak}%` }} />{t.count.toLocaleString('en-GB')}</td></tr>
          ))}
          {(summary.histogram ?? []).map((b) => (
            <tr key={String(b.from)}><th scope="row">{formatSummaryValue(b.from, summary)}</th><td><span className="bar" style={{ width: `${(100 * b.count) / peak}%` }} />{b.count.toLocaleString('en-GB')}</td></tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
