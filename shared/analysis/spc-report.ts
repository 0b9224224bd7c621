/**
 * One call from an extract to the SPC output the app, the exports and `msvw spc` share:
 * `{chart, options, series: [{group, trial, variationIcon, assuranceIcon, points}]}` (issue 8,
 * "Headless"). Measure series come from trends.ts; plain series files (a value column and a
 * period column) from seriesFromColumns.
 */
import { isoFromDays, type ColumnarTable } from '../data/table';
import type { Standard } from '../standards/schema';
import { MeasureError, requireColumn } from './filter';
import { DEFAULT_SPC_CHOICES, spcChoiceLabels, type ChoiceLabel, type SpcChartType, type SpcChoices } from './spc-choices';
import { improvementDirection, spcSeries, type SpcSeriesResult } from './spc-series';
import { buildTrendSeries, trendGroupIndex, type TrendPoint, type TrendSeriesOptions, type TrendSeriesResult } from './trends';

/** The SPC output of one or more series. */
export interface SpcReport {
  /** Chart asked for (each series says the chart drawn). */
  readonly chart: SpcChartType;
  /** Every choice, with the standard's direction and target filled in. */
  readonly options: SpcChoices;
  /** Label of every choice for subtitles and footnotes (for the chart asked for). */
  readonly labels: ChoiceLabel[];
  readonly measure: TrendSeriesResult['measure'] | null;
  readonly granularity: TrendSeriesResult['granularity'] | null;
  readonly asOf: string | null;
  readonly series: SpcSeriesResult[];
}

/** Options of spcFromTable: how to build the series, and the chart choices. */
export interface SpcFromTableOptions extends TrendSeriesOptions {
  /** Chart choices; direction and target default to the standard's. The chart defaults to p for proportions, XmR otherwise. */
  readonly choices?: Partial<SpcChoices>;
}

/** SPC charts of a measure per group (or one group, or the whole extract with `by: null`). */
export function spcFromTable(table: ColumnarTable, standard: Standard, options: SpcFromTableOptions = {}): SpcReport {
  const trend = buildTrendSeries(table, standard, options);
  const proportion = trend.statistic === 'proportion';
  const direction = trend.statistic === 'count' ? 'neither' : trend.statistic === 'medianWait' ? 'decrease' : improvementDirection(standard.direction);
  const choices: SpcChoices = {
    ...DEFAULT_SPC_CHOICES,
    chart: proportion ? 'p' : 'xmr',
    direction,
    target: trend.target,
    ...options.choices,
  };
  if (!proportion && (choices.chart === 'p' || choices.chart === 'pprime')) {
    throw new MeasureError(`A ${choices.chart === 'p' ? 'p-chart' : "Laney p'-chart"} plots proportions; a ${trend.statistic === 'count' ? 'count' : 'median wait'} needs an XmR or run chart.`);
  }
  return {
    chart: choices.chart,
    options: choices,
    labels: spcChoiceLabels(choices, choices.chart, proportion),
    measure: trend.measure,
    granularity: trend.granularity,
    asOf: trend.asOf,
    series: trend.series.map((s) => spcSeries(s.group, s.points, choices)),
  };
}

/** A plain series file as trend points: one value per period (and group), in period order. */
export interface PlainSeries {
  readonly group: string;
  readonly points: TrendPoint[];
}

/**
 * Series from a plain file: a value column, a period column (dates, or text such as "2024-03"
 * sorted as text) and an optional group column; one row per period and group.
 */
export function seriesFromColumns(table: ColumnarTable, valueField: string, periodField: string, by: string | null = null): PlainSeries[] {
  const value = requireColumn(table, valueField, 'the value to chart');
  if (value.kind !== 'number') throw new MeasureError(`"${valueField}" holds ${value.kind} values, but an XmR chart needs numbers: choose a number column with --value.`, valueField);
  const period = requireColumn(table, periodField, 'the period of each value');
  const { index, labels } = trendGroupIndex(table, by);
  const rows = new Map<number, { key: number | string; label: string; start: string; value: number; row: number }[]>();
  for (let i = 0; i < table.rowCount; i++) {
    const g = index[i];
    if (g < 0) throw new MeasureError(`Row ${i + 2}: "${by}" is empty; give every row a group.`, by ?? undefined);
    const v = value.values[i];
    if (!Number.isFinite(v)) throw new MeasureError(`Row ${i + 2}, column "${valueField}": no number; fill it in or remove the row.`, valueField);
    let key: number | string;
    let label: string;
    let start: string;
    if (period.kind === 'date') {
      const d = period.values[i];
      if (Number.isNaN(d)) throw new MeasureError(`Row ${i + 2}, column "${periodField}": no date; fill it in or remove the row.`, periodField);
      key = d;
      label = isoFromDays(d);
      start = label;
    } else if (period.kind === 'text') {
      const code = period.codes[i];
      if (code < 0) throw new MeasureError(`Row ${i + 2}, column "${periodField}": no period; fill it in or remove the row.`, periodField);
      key = label = period.dictionary[code];
      start = periodTextStart(label);
    } else {
      const p = period.values[i];
      if (!Number.isFinite(p)) throw new MeasureError(`Row ${i + 2}, column "${periodField}": no period; fill it in or remove the row.`, periodField);
      key = p;
      label = start = String(p);
    }
    const list = rows.get(g) ?? [];
    list.push({ key, label, start, value: v, row: i });
    rows.set(g, list);
  }
  const out: PlainSeries[] = [];
  const groups = [...rows.keys()].sort((a, b) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0));
  for (const g of groups) {
    const list = rows.get(g) ?? [];
    list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let k = 1; k < list.length; k++) {
      if (list[k].key === list[k - 1].key) {
        throw new MeasureError(`Rows ${list[k - 1].row + 2} and ${list[k].row + 2} give the same period "${list[k].label}"${by ? ` for ${labels[g]}` : ''}: keep one value per period${by ? ' and group' : ''}.`, periodField);
      }
    }
    out.push({ group: labels[g], points: list.map((r) => ({ period: r.label, periodStart: r.start, n: 1, numerator: null, value: r.value })) });
  }
  return out;
}

/** First day (ISO) of a text period "yyyy-mm", "yyyy-Qn" or "yyyy-mm-dd"; the text itself otherwise. */
function periodTextStart(text: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) return `${month[1]}-${month[2]}-01`;
  const quarter = /^(\d{4})-?Q([1-4])$/i.exec(text);
  if (quarter) return `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return text;
}

/** SPC charts of a plain series file (XmR or run; `n` is 1 and `numerator` null for every point). */
export function spcFromColumns(
  table: ColumnarTable,
  valueField: string,
  periodField: string,
  by: string | null,
  choices: Partial<SpcChoices> = {},
): SpcReport {
  const c: SpcChoices = { ...DEFAULT_SPC_CHOICES, chart: 'xmr', ...choices };
  if (c.chart === 'p' || c.chart === 'pprime') {
    throw new MeasureError('A plain series file has values, not counts: use --chart xmr or run (a p-chart needs a measure on an extract).');
  }
  const series = seriesFromColumns(table, valueField, periodField, by);
  return {
    chart: c.chart,
    options: c,
    labels: spcChoiceLabels(c),
    measure: null,
    granularity: null,
    asOf: null,
    series: series.map((s) => spcSeries(s.group, s.points, c)),
  };
}
