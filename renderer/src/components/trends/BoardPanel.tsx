/**
 * The board (summary matrix): centres against measures (or measures against centres), each cell
 * the latest value of that chart with its variation and assurance icons. Sortable by any column,
 * filterable by name and by reading; a click or Enter on a cell opens that chart. Numbers come from
 * shared/analysis/board.ts in the dataset worker. Like the Trends page's chart, the matrix on screen
 * shows the engine's reading (the user's own workspace); its export publishes every cell as that
 * chart's SPC export would (table-exports.ts planBoardExport).
 */
import { useEffect, useMemo, useState } from 'react';
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import type { BoardCell, BoardResult } from '../../../../shared/analysis/board';
import { DEFAULT_SPC_CHOICES, spcChoiceLabels, type SpcChoices } from '../../../../shared/analysis/spc-choices';
import type { TrendGranularity } from '../../../../shared/analysis/trends';
import type { Standard } from '../../../../shared/standards/schema';
import { ASSURANCE_ICON_LABEL, VARIATION_ICON_LABEL } from '../../../../shared/charts/mdc-icons';
import { formatPercent } from '../../../../shared/charts/describe';
import { datasetWorker } from '../../state/current-dataset';
import type { TrendCentre } from '../../workers/trend-groups';
import { AssuranceIcon, VariationIcon } from './SpcIcons';
import type { DatasetMeta } from '../../store/database';
import { ExportBar, type ViewExport } from '../ExportBar';
import { planBoardExport } from './table-exports';

const CELL_ICON_SIZE = 22;

/** One row of the matrix: a centre (or a measure), its label, and its cells keyed by column id. */
interface MatrixRow {
  id: string;
  label: string;
  cells: Record<string, BoardCell>;
  /** Readings present in the row, for the reading filter. */
  readings: string;
}

type Layout = 'centres' | 'measures';
type ReadingFilter = 'any' | 'improvement' | 'concern' | 'special';

const READING_FILTERS: Record<ReadingFilter, string> = {
  any: 'All rows',
  improvement: 'Rows with special-cause improvement',
  concern: 'Rows with special-cause concern',
  special: 'Rows with any special cause',
};

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  filterFns: { includesString: filterFn_includesString },
});
const helper = createColumnHelper<typeof features, MatrixRow>();

/** What a cell says in words (accessible name and tooltip). */
function cellText(cell: BoardCell): string {
  if (cell.value === null) return 'no data';
  const parts = [`${formatPercent(cell.value)} in ${cell.period} (n ${cell.n})`];
  if (cell.variationIcon) parts.push(VARIATION_ICON_LABEL[cell.variationIcon]);
  if (cell.assuranceIcon) parts.push(ASSURANCE_ICON_LABEL[cell.assuranceIcon]);
  if (cell.chart === 'run') parts.push('run chart (fewer than 12 points)');
  return parts.join('; ');
}

export function BoardPanel({ standards, granularity, choices, centres, dataset, onOpen }: {
  standards: Standard[];
  dataset: DatasetMeta;
  granularity: TrendGranularity;
  choices: Partial<SpcChoices>;
  centres: TrendCentre[];
  /** Open the chart of this centre and measure. */
  onOpen: (centre: string, measureId: string) => void;
}) {
  const [board, setBoard] = useState<BoardResult | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [layout, setLayout] = useState<Layout>('centres');
  const [reading, setReading] = useState<ReadingFilter>('any');
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);

  useEffect(() => {
    let live = true;
    setError(null);
    void datasetWorker().call('board', { standards, granularity, choices }).then(
      (r) => { if (live) { setBoard(r.board); setMs(r.ms); } },
      (err: Error) => { if (live) { setBoard(null); setError(err.message); } },
    );
    return () => { live = false; };
  }, [standards, granularity, choices]);

  const names = useMemo(() => new Map(centres.map((c) => [c.code, c.name])), [centres]);
  const centreLabel = (code: string) => (names.get(code) ? `${code} · ${names.get(code)}` : code);

  const { rows, columnIds, columnLabels } = useMemo(() => {
    if (!board) return { rows: [] as MatrixRow[], columnIds: [] as string[], columnLabels: new Map<string, string>() };
    const m = board.measures.length;
    const readingsOf = (cells: BoardCell[]) => cells.map((c) => c.pointType ?? '').join(' ');
    if (layout === 'centres') {
      const out = board.groups.map((g, i) => {
        const cells = board.cells.slice(i * m, (i + 1) * m);
        return { id: g, label: centreLabel(g), cells: Object.fromEntries(cells.map((c) => [c.measureId, c])), readings: readingsOf(cells) };
      });
      return { rows: out, columnIds: board.measures.map((x) => x.id), columnLabels: new Map(board.measures.map((x) => [x.id, x.shortTitle])) };
    }
    const out = board.measures.map((measure, k) => {
      const cells = board.groups.map((_, i) => board.cells[i * m + k]);
      return { id: measure.id, label: measure.shortTitle, cells: Object.fromEntries(cells.map((c) => [c.group, c])), readings: readingsOf(cells) };
    });
    return { rows: out, columnIds: board.groups, columnLabels: new Map(board.groups.map((g) => [g, g])) };
    // centreLabel reads `names` only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [board, layout, names]);

  const filtered = useMemo(() => rows.filter((r) => {
    if (reading === 'any') return true;
    if (reading === 'improvement') return r.readings.includes('special_cause_improvement');
    if (reading === 'concern') return r.readings.includes('special_cause_concern');
    return r.readings.includes('special_cause');
  }), [rows, reading]);

  const columns = useMemo(() => helper.columns([
    helper.accessor('label', { id: 'label', header: layout === 'centres' ? 'Centre' : 'Measure', sortFn: 'alphanumeric', filterFn: 'includesString' }),
    ...columnIds.map((id) => helper.accessor((r) => r.cells[id]?.value ?? Number.NEGATIVE_INFINITY, {
      id,
      header: columnLabels.get(id) ?? id,
      sortFn: 'basic',
      enableColumnFilter: false,
    })),
  ]), [columnIds, columnLabels, layout]);

  const table = useTable({ features, columns, data: filtered, state: { sorting, columnFilters }, onSortingChange: setSorting, onColumnFiltersChange: setColumnFilters });
  const nameFilter = (columnFilters.find((f) => f.id === 'label')?.value as string | undefined) ?? '';

  if (error) return <p className="alert" role="alert">{error}</p>;
  if (!board) return <p className="muted" role="status">Computing the board…</p>;

  // The rule choices shared by every cell (direction and target come from each measure).
  const choicesText = `Choices: ${spcChoiceLabels({ ...DEFAULT_SPC_CHOICES, ...choices }).filter((l) => !['drawn', 'target', 'direction'].includes(l.key)).map((l) => l.label).join('; ')}.`;
  const exportView: ViewExport = {
    chartKind: 'board', tableKind: 'board', sheetName: 'Board', measureId: 'trends', asOf: board.asOf, tableOnly: true,
    key: [board, choicesText],
    publish: (rule) => ({ ...planBoardExport({ board, choicesText, dataset, rule }), chart: null }),
  };
  const open = (row: MatrixRow, columnId: string) => {
    if (layout === 'centres') onOpen(row.id, columnId);
    else onOpen(columnId, row.id);
  };

  return (
    <section className="panel trends__board" aria-label="Board">
      <p className="muted" role="status">
        {board.groups.length} centres × {board.measures.length} measures, latest {granularity === 'quarter' ? 'quarter' : 'month'} of each chart
        {ms !== null && ` · computed in ${Math.round(ms)} ms`}
        {board.skipped.length > 0 && ` · not charted over time: ${board.skipped.map((s) => s.measureId).join(', ')}`}.
        {' '}Choose a cell (click or Enter) to open its chart.
      </p>
      <div className="trends__board-controls">
        <label>
          Rows
          <select value={layout} onChange={(e) => { setLayout(e.target.value as Layout); setSorting([]); setColumnFilters([]); }}>
            <option value="centres">Centres (columns: measures)</option>
            <option value="measures">Measures (columns: centres)</option>
          </select>
        </label>
        <label>
          Find {layout === 'centres' ? 'centre' : 'measure'}
          <input type="search" value={nameFilter} onChange={(e) => setColumnFilters(e.target.value ? [{ id: 'label', value: e.target.value }] : [])} />
        </label>
        <label>
          Filter by reading
          <select value={reading} onChange={(e) => setReading(e.target.value as ReadingFilter)}>
            {(Object.keys(READING_FILTERS) as ReadingFilter[]).map((k) => <option key={k} value={k}>{READING_FILTERS[k]}</option>)}
          </select>
        </label>
        <span className="muted">{table.getRowModel().rows.length} rows shown</span>
      </div>
      <div className="league trends__matrix" role="region" aria-label="Board matrix (scrollable)" tabIndex={0}>
        <table className="league__table" aria-label={`Board: ${layout === 'centres' ? 'centres by measure' : 'measures by centre'}`}>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                      <button type="button" onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.original.label}</th>
                {columnIds.map((id) => {
                  const cell = row.original.cells[id];
                  if (!cell || cell.value === null) return <td key={id} className="muted">–</td>;
                  const name = `${row.original.label}, ${columnLabels.get(id) ?? id}: ${cellText(cell)}`;
                  return (
                    <td key={id} className="trends__cell">
                      <button type="button" className="trends__cell-button" aria-label={`Open chart: ${name}`} title={name} onClick={() => open(row.original, id)}>
                        <span className="num">{formatPercent(cell.value)}</span>
                        {cell.variationIcon && <VariationIcon icon={cell.variationIcon} size={CELL_ICON_SIZE} />}
                        {cell.assuranceIcon && <AssuranceIcon icon={cell.assuranceIcon} size={CELL_ICON_SIZE} />}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ExportBar view={exportView} label="Export the board" />
    </section>
  );
}
