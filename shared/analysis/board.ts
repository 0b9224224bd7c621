/**
 * The board (summary matrix): groups (centres) x measures, each cell the latest value of that
 * group's SPC chart with its variation and assurance icons (Making Data Count). One pass over
 * the rows per measure builds every group's series (trends.ts); each chart is then a few dozen
 * points, so 120 centres x 10 measures x 36 months is well under a second on a 1M-row extract.
 *
 * A cell keeps the engine's reading (the on-screen board, like the Trends page's chart, is the
 * user's own workspace) and its whole chart: an export publishes each cell through the Trends
 * page's SPC publication of that chart (shared/analysis/trend-export.ts boardTableRows).
 */
import type { ColumnarTable } from '../data/table';
import type { Standard } from '../standards/schema';
import { MeasureError } from './filter';
import { DEFAULT_SPC_CHOICES, type SpcChartType, type SpcChoices } from './spc-choices';
import { improvementDirection, spcSeries, type AssuranceIconName, type SpcPointType, type SpcSeriesResult, type VariationIconName } from './spc-series';
import { buildTrendSeries, type TrendSeriesOptions } from './trends';

export interface BoardOptions extends Omit<TrendSeriesOptions, 'statistic'> {
  /** Chart choices shared by every cell (direction and target come from each standard unless `targets` says otherwise). */
  readonly choices?: Partial<Omit<SpcChoices, 'direction' | 'target'>>;
  /** Target per measure id (null for none); default the standard's target. */
  readonly targets?: Readonly<Record<string, number | null>>;
}

/** One cell: the latest point of one group's chart for one measure. */
export interface BoardCell {
  readonly group: string;
  readonly measureId: string;
  /** Latest period with data, or null when the group has none for this measure. */
  readonly period: string | null;
  readonly value: number | null;
  readonly n: number | null;
  readonly numerator: number | null;
  /** Points in the group's chart. */
  readonly points: number;
  readonly chart: SpcChartType | null;
  readonly trial: boolean;
  readonly provisional: boolean;
  readonly pointType: SpcPointType | null;
  readonly variationIcon: VariationIconName | null;
  readonly assuranceIcon: AssuranceIconName | null;
  /** The group's whole chart (the engine's), from which an export publishes the cell; null without data. */
  readonly spc: SpcSeriesResult | null;
}

export interface BoardMeasure {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly direction: Standard['direction'];
  readonly provenance: Standard['provenance'];
  readonly target: number | null;
  /** Every choice the measure's charts were drawn with (the shared rule choices, its direction and target). */
  readonly choices: SpcChoices;
}

export interface BoardResult {
  readonly measures: BoardMeasure[];
  /** Row labels, sorted. */
  readonly groups: string[];
  /** One cell per group and measure, row-major: cells[g * measures.length + m]. */
  readonly cells: BoardCell[];
  /** Measures that cannot be charted over time, with the reason (e.g. status measures). */
  readonly skipped: { measureId: string; message: string }[];
  readonly asOf: string | null;
}

/** Board of every group (or `groups`) against every standard given. */
export function computeBoard(table: ColumnarTable, standards: readonly Standard[], options: BoardOptions = {}): BoardResult {
  const measures: BoardMeasure[] = [];
  const skipped: { measureId: string; message: string }[] = [];
  const byMeasure: Map<string, BoardCell>[] = [];
  const groupSet = new Set<string>();
  let asOf: string | null = null;
  for (const standard of standards) {
    let trend;
    try {
      trend = buildTrendSeries(table, standard, { ...options, statistic: 'proportion' });
    } catch (err) {
      if (err instanceof MeasureError) { skipped.push({ measureId: standard.id, message: err.message }); continue; }
      throw err;
    }
    asOf = asOf ?? trend.asOf;
    const target = options.targets && standard.id in options.targets ? options.targets[standard.id] : trend.target;
    const choices: SpcChoices = { ...DEFAULT_SPC_CHOICES, ...options.choices, direction: improvementDirection(standard.direction), target };
    measures.push({ id: standard.id, title: standard.title, shortTitle: standard.shortTitle, direction: standard.direction, provenance: standard.provenance, target, choices });
    const cells = new Map<string, BoardCell>();
    for (const series of trend.series) {
      groupSet.add(series.group);
      if (series.points.length === 0) continue;
      cells.set(series.group, boardCell(standard.id, spcSeries(series.group, series.points, choices)));
    }
    byMeasure.push(cells);
  }
  const groups = [...groupSet].sort();
  const cells: BoardCell[] = [];
  for (const group of groups) {
    measures.forEach((m, k) => {
      cells.push(byMeasure[k].get(group) ?? emptyCell(group, m.id));
    });
  }
  return { measures, groups, cells, skipped, asOf };
}

/** The cell of one group's chart (with at least one point) for a measure: its latest point and icons. */
export function boardCell(measureId: string, chart: SpcSeriesResult): BoardCell {
  const last = chart.points[chart.points.length - 1];
  return {
    group: chart.group,
    measureId,
    period: last.period,
    value: last.value,
    n: last.n,
    numerator: last.numerator,
    points: chart.points.length,
    chart: chart.chart,
    trial: chart.trial,
    provisional: last.provisional,
    pointType: last.pointType,
    variationIcon: chart.variationIcon,
    assuranceIcon: chart.assuranceIcon,
    spc: chart,
  };
}

/** A cell for a group with no data for a measure. */
function emptyCell(group: string, measureId: string): BoardCell {
  return {
    group, measureId, period: null, value: null, n: null, numerator: null, points: 0, chart: null, trial: false, provisional: false,
    pointType: null, variationIcon: null, assuranceIcon: null, spc: null,
  };
}
