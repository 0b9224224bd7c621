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
import { formatPercent } from '../../../shared/charts/describe';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, GroupResult>();

const BAND_LABELS: Record<GroupResult['band'], string> = {
  'below99.8': 'Below 99.8% limit',
  below95: 'Below 95% limit',
  within: 'Within limits',
  above95: 'Above 95% limit',
  'above99.8': 'Above 99.8% limit',
};

/** A band in words. */
export function bandLabel(band: GroupResult['band']): string {
  return BAND_LABELS[band];
}

const columns = helper.columns([
  helper.accessor('group', { header: 'Centre', sortFn: 'alphanumeric' }),
  helper.accessor('n', { header: 'n' }),
  helper.accessor('numerator', { header: 'Met' }),
  helper.accessor('proportion', { header: '%', cell: (info) => formatPercent(info.getValue()) }),
  helper.accessor((g) => g.ci95[0], { id: 'ci', header: '95% CI', cell: (info) => `${formatPercent(info.row.original.ci95[0])} to ${formatPercent(info.row.original.ci95[1])}` }),
  helper.accessor('band', { header: 'Band', cell: (info) => <span className={`band band--${info.getValue().replace('.', '')}`}>{BAND_LABELS[info.getValue()]}</span> }),
  helper.accessor((g) => g.tier ?? '', { id: 'tier', header: 'Tier' }),
  helper.accessor((g) => g.medianDays ?? Number.POSITIVE_INFINITY, { id: 'median', header: 'Median days', cell: (info) => info.row.original.medianDays ?? '–' }),
]);

export function LeagueTable({ result, selected, onSelect }: { result: VariationResult; selected: string | null; onSelect: (centre: string) => void }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'proportion', desc: result.measure.direction === 'higher-is-better' }]);
  const data = useMemo(() => result.groups, [result]);
  const table = useTable({ features, columns, data, state: { sorting }, onSortingChange: setSorting });
  return (
    <div className="league" role="region" aria-label="League table (scrollable)" tabIndex={0}>
      <table className="league__table" aria-label={`League table: ${result.measure.shortTitle}`}>
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
                    <button type="button" className="link" onClick={(e) => { e.stopPropagation(); onSelect(row.original.group); }} aria-label={`Select centre ${row.original.group}`}>
                      {row.original.group}
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
