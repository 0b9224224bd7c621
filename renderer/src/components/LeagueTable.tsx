/**
 * League table: the variation result as a sortable table with band and tier, and a sticky header.
 * It is the text alternative of every variation chart; clicking a row selects that centre.
 */
import { useMemo, useState } from 'react';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import type { GroupResult, VariationResult } from '../../../shared/analysis/variation';
import { bandJudgement, bandWord, formatInterval, formatPercent, NOT_COMPARED_WORD, PROVISIONAL_MARKER, tierWord } from '../../../shared/output/words';

/** A row of the table: a compared centre, or one below the minimum n listed without a judgement. */
type LeagueRow = GroupResult & { compared: boolean };

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, LeagueRow>();

/** A band in words. */
export function bandLabel(band: GroupResult['band']): string {
  return bandWord(band);
}

function bandCell(row: LeagueRow, direction: VariationResult['measure']['direction']) {
  if (!row.compared) return <span className="band band--not-compared">{NOT_COMPARED_WORD}</span>;
  const judgement = bandJudgement(row.band, direction);
  return (
    <span className={`band band--${row.band.replace('.', '')}`}>
      {bandWord(row.band)}{judgement ? ` (${judgement})` : ''}
    </span>
  );
}

function columnsFor(direction: VariationResult['measure']['direction']) {
  return helper.columns([
    helper.accessor('group', { header: 'Centre', sortFn: 'alphanumeric' }),
    helper.accessor('n', { header: 'n' }),
    helper.accessor('numerator', { header: 'Met' }),
    helper.accessor('proportion', { header: '%', cell: (info) => formatPercent(info.getValue()) }),
    helper.accessor((g) => g.ci95[0], { id: 'ci', header: '95% CI', cell: (info) => formatInterval(info.row.original.ci95[0], info.row.original.ci95[1]) }),
    helper.accessor((g) => (g.compared ? g.band : 'zz'), { id: 'band', header: 'Band', cell: (info) => bandCell(info.row.original, direction) }),
    helper.accessor((g) => tierWord(g.tier), { id: 'tier', header: 'Tier' }),
    helper.accessor((g) => g.medianDays ?? Number.POSITIVE_INFINITY, { id: 'median', header: 'Median days', cell: (info) => info.row.original.medianDays ?? '–' }),
  ]);
}

export function LeagueTable({ result, selected, onSelect }: { result: VariationResult; selected: string | null; onSelect: (centre: string) => void }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'proportion', desc: result.measure.direction === 'higher-is-better' }]);
  const data = useMemo<LeagueRow[]>(() => [
    ...result.groups.map((g) => ({ ...g, compared: true })),
    ...result.notCompared.map((g) => ({ ...g, compared: false })),
  ], [result]);
  const columns = useMemo(() => columnsFor(result.measure.direction), [result.measure.direction]);
  const table = useTable({ features, columns, data, state: { sorting }, onSortingChange: setSorting });
  const provisional = result.measure.provenance === 'provisional';
  return (
    <div className="league" role="region" aria-label="League table (scrollable)" tabIndex={0}>
      <table className="league__table" aria-label={`League table: ${result.measure.shortTitle}`}>
        {provisional && <caption className="league__caption"><span className="badge badge--provisional">{PROVISIONAL_MARKER}</span> standard: its definition or threshold is not yet confirmed.</caption>}
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
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
            <tr
              key={row.id}
              className={row.original.group === selected ? 'is-selected' : ''}
              aria-selected={row.original.group === selected}
              onClick={() => onSelect(row.original.group)}
            >
              {row.getAllCells().map((cell, i) => (
                i === 0 ? (
                  <th key={cell.id} scope="row">
                    <button type="button" className="link league__centre" onClick={(e) => { e.stopPropagation(); onSelect(row.original.group); }}>
                      <span className="visually-hidden">Select centre </span>
                      <span className="league__code">{row.original.group}</span>
                      {row.original.name && <span className="league__name">{row.original.name}</span>}
                    </button>
                  </th>
                ) : (
                  <td key={cell.id} className={i <= 4 || i === 7 ? 'num' : ''}><table.FlexRender cell={cell} /></td>
                )
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
