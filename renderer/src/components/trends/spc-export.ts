/**
 * What an SPC export contains: the points table (suppressed by default: n and the number met are
 * counts of people; the value and p-chart limits derive from them), the footnote with every rule
 * choice and every note of a change, and the points left off the exported chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SpcSeriesResult } from '../../../../shared/analysis/spc-series';
import { spcChoiceLabels } from '../../../../shared/analysis/spc-choices';
import { VARIATION_ICON_LABEL, ASSURANCE_ICON_LABEL } from '../../../../shared/charts/mdc-icons';
import { footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import type { TableValue } from '../../../../shared/privacy/suppression';
import { NO_SUPPRESSION_WARNING, type SuppressionRule } from '../../../../shared/output/publish';
import { formatUkDate, SUPPRESSED_ICON, SUPPRESSED_ICON_LABEL } from '../../../../shared/output/words';
import { publishSpcReport, SPC_TABLE_COLUMNS, spcChartSeries, spcTableRows } from '../../../../shared/analysis/trend-export';
import { spcSpec } from '../../../../shared/charts/spc-spec';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import type { TrendResult } from '../../workers/trends-api';

/**
 * What one of the Trends page's exports publishes under a suppression rule (the table, its columns
 * and the footnote lines ExportBar writes), and the groups or periods left off its exported chart.
 */
export interface TrendPublication {
  columns: readonly string[];
  rows: Record<string, TableValue>[];
  footnote: string[];
  hiddenGroups: string[];
  /** SPC only: the series the exported chart draws (published points and signals, shared/analysis/trend-export.ts spcChartSeries). */
  drawn?: SpcSeriesResult;
}

/** Provenance of the dataset for a footnote, with the import date as dd/mm/yyyy. */
export function datasetProvenance(dataset: DatasetMeta): ExportFootnote['dataset'] {
  return { fileName: dataset.fileName, sha256: dataset.sha256, importedAt: formatUkDate(dataset.importedAt.slice(0, 10)) };
}

/**
 * ISO dates inside a label (the rule choices' "rebased at 2025-04-01", shared with the CLI) as
 * dd/mm/yyyy for the page and its exports; month periods (2025-04) are left as they are.
 */
export function ukDatesIn(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) => `${d}/${m}/${y}`);
}

/** Notes of changes as footnote lines. */
export function noteLines(notes: readonly Pick<AnnotationRecord, 'date' | 'text'>[]): string[] {
  return notes.length === 0 ? ['Notes of changes: none.'] : notes.map((n) => `Note ${formatUkDate(n.date)}: ${n.text}`);
}

/** Words for the chart drawn, for the method line. */
const METHOD_CHART: Record<SpcSeriesResult['chart'], string> = { p: 'p-chart', pprime: "Laney p'-chart", xmr: 'XmR chart', run: 'run chart' };

/**
 * The export of one chart: rows as `msvw spc --format csv` writes them (shared/analysis/trend-export:
 * suppressed first, then tabulated), the footnote with the choices of the chart drawn, its icons and
 * every note, and the periods left off the exported chart because their counts are hidden.
 */
export function planSpcExport({ report, spc, notes, dataset, rule }: {
  report: TrendResult['report'];
  spc: SpcSeriesResult;
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  rule: SuppressionRule;
}): TrendPublication {
  const published = publishSpcReport({ ...report, series: [spc] }, { rule });
  const rows = spcTableRows(published);
  const choices = ukDatesIn(spcChoiceLabels(report.options, spc.chart).map((c) => c.label).join('; '));
  // The icons as published: 'suppressed' where they would be read from something hidden.
  const { variationIcon, assuranceIcon } = published.series[0];
  const icons = [
    variationIcon === SUPPRESSED_ICON ? `Variation icon: ${SUPPRESSED_ICON_LABEL}` : VARIATION_ICON_LABEL[variationIcon],
    assuranceIcon === null ? 'no assurance icon' : assuranceIcon === SUPPRESSED_ICON ? `Assurance icon: ${SUPPRESSED_ICON_LABEL}` : ASSURANCE_ICON_LABEL[assuranceIcon],
  ].join('; ');
  // A point's position would reveal a hidden count, and so would a centre line or limits the
  // publication hides (shared/analysis/trend-export.ts): such points are left off the exported chart.
  const hidden = published.series[0].points.filter((p) => typeof p.value === 'string' || typeof p.n === 'string' || typeof p.mean === 'string').map((p) => p.period);
  const extra = [`Rules: ${choices}${spc.trial ? '; trial limits' : ''}.`, `Latest reading: ${icons}.`, ...noteLines(notes)];
  if (rule === 'none') extra.push(NO_SUPPRESSION_WARNING);
  if (hidden.length) extra.push(`${hidden.length} period(s) with suppressed counts or centre lines are not drawn on exported charts (${hidden.join(', ')}); quarters hide fewer.`);
  const footnote: ExportFootnote = {
    measure: { title: `${report.measure?.title ?? 'Measure'}, ${spc.group}` },
    method: `Statistical process control (${METHOD_CHART[spc.chart]}; Making Data Count rules and icons, names as NHSRplotthedots), by ${report.granularity ?? 'period'}.`,
    asOf: report.asOf ? formatUkDate(report.asOf) : null,
    dataset: datasetProvenance(dataset),
    suppressionNote: published.suppression ?? undefined,
    notes: extra,
  };
  return { columns: SPC_TABLE_COLUMNS, rows, footnote: footnoteLines(footnote), hiddenGroups: hidden, drawn: spcChartSeries(spc, published.series[0]) };
}

/** The chart spec of a series with the notes of changes drawn on it. */
export function buildSpcChart(spc: SpcSeriesResult, options: {
  title: string;
  subtitle: string;
  notes: readonly Pick<AnnotationRecord, 'date' | 'text'>[];
  proportion: boolean;
  /** Title of the value axis. */
  yTitle: string;
  target: number | null;
  width: number;
  height: number;
}): TopLevelSpec {
  return spcSpec(spc, {
    width: options.width,
    height: options.height,
    title: options.title,
    subtitle: options.subtitle,
    annotations: options.notes.map((n) => ({ date: n.date, text: n.text })),
    target: options.target,
    proportion: options.proportion,
    yTitle: options.yTitle,
  });
}
