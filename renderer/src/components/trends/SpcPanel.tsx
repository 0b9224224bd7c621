/**
 * One SPC chart with its Making Data Count icons, a reading in words, the points table and the
 * exports. The chart is the engine's spec (shared/charts/spc-spec); the notes of changes are drawn
 * on it and listed in the exports' footnote.
 */
import { useCallback, useMemo, type ReactNode } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import type { SpcSeriesPoint, SpcSeriesResult } from '../../../../shared/analysis/spc-series';
import type { TrendStatistic } from '../../../../shared/analysis/trends';
import { spcChoicesSubtitle } from '../../../../shared/analysis/spc-choices';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import type { TrendResult } from '../../workers/trends-api';
import { VegaChart } from '../charts/VegaChart';
import { ExportBar, type ViewExport } from '../ExportBar';
import { SpcIcons } from './SpcIcons';
import { SpcPointsTable, formatValue } from './SpcPointsTable';
import { POINT_TYPE_TEXT } from './icon-text';
import { buildSpcChart, planSpcExport, ukDatesIn } from './spc-export';
import { STATISTIC_LABELS } from './settings';

const CHART_WIDTH = 760;

/** The latest point in words: "81.5% of 27", "27 days (n 88)", "88 patients". */
function latestText(point: SpcSeriesPoint, statistic: TrendStatistic): string {
  if (statistic === 'proportion') return `${formatValue(point.value, true)} of ${point.n}`;
  if (statistic === 'medianWait') return `median ${formatValue(point.value, false)} days (n ${point.n})`;
  return `${point.value} patients`;
}
const CHART_HEIGHT = 340;

export function SpcPanel({ trend, groupLabel, notes, dataset, statistic, children }: {
  trend: TrendResult;
  /** Shown between the chart and the points table (the notes and the before / after comparison), so they share a screen with the chart. */
  children?: ReactNode;
  /** What the series plots: a proportion (shown as %), the median wait in days, or a count. */
  statistic: TrendStatistic;
  groupLabel: string;
  notes: AnnotationRecord[];
  dataset: DatasetMeta;
}) {
  const { report, spc } = trend;
  const proportion = statistic === 'proportion';
  const yTitle = STATISTIC_LABELS[statistic];
  const subtitle = spc ? ukDatesIn(spcChoicesSubtitle(report.options, spc.chart)) : '';
  const title = `${report.measure?.shortTitle ?? 'Measure'}: ${groupLabel}`;
  const build = useCallback((series: SpcSeriesResult): TopLevelSpec => buildSpcChart(series, {
    title, subtitle, notes, proportion, yTitle, target: report.options.target, width: CHART_WIDTH, height: CHART_HEIGHT,
  }), [title, subtitle, notes, proportion, yTitle, report.options.target]);
  const spec = useMemo(() => (spc ? build(spc) : null), [spc, build]);
  const exportView = useMemo((): ViewExport | null => (spc ? {
    chartKind: 'spc-chart',
    tableKind: 'spc-points',
    sheetName: `${report.measure?.shortTitle ?? 'SPC'} ${groupLabel}`,
    measureId: `${report.measure?.id ?? 'measure'}-${groupLabel.split(' · ')[0]}`,
    asOf: report.asOf,
    key: [report, spc, notes],
    publish: (rule) => {
      const plan = planSpcExport({ report, spc, notes, dataset, rule });
      // A point whose counts are hidden is left off the exported chart: its position would reveal them.
      return { ...plan, chart: build(plan.drawn ?? spc) };
    },
  } : null), [report, spc, notes, dataset, groupLabel, build]);

  if (!spc) {
    return <p className="muted" role="status">No {report.measure?.shortTitle ?? ''} data for {groupLabel} in this extract.</p>;
  }
  const last = spc.points[spc.points.length - 1];
  const signals = spc.points.filter((p) => p.pointType !== 'common_cause').length;
  return (
    <div className="trends__chart-row">
      <section className="panel trends__chart" aria-label="SPC chart">
        <div className="variation__banner" role="status" aria-live="polite">
          <p>
            <strong>{report.measure?.title}</strong>
            {report.measure?.provenance === 'provisional' && <span className="badge badge--provisional">Provisional</span>}
            {' '}· {groupLabel} · {spc.points.length} {report.granularity === 'quarter' ? 'quarters' : 'months'}
            <span className="muted"> · computed in {Math.round(trend.ms)} ms</span>
          </p>
          <p className="muted">{subtitle}{spc.trial ? '; trial limits (fewer than 13 points since the last rebase)' : ''}.</p>
          <p>
            Latest ({last.period}): {latestText(last, statistic)} · {POINT_TYPE_TEXT[last.pointType]}.
            {' '}{signals === 0 ? 'No special-cause points.' : `${signals} special-cause point${signals === 1 ? '' : 's'}.`}
          </p>
        </div>
        <VegaChart
          spec={spec as TopLevelSpec}
          label={`${spc.chart === 'run' ? 'Run chart' : 'SPC chart'} of ${title}`}
          description={`${spc.points.length} points from ${spc.points[0].period} to ${last.period}; ${signals} special-cause points; ${notes.length} notes of changes. The table below lists every point.`}
        />
        {exportView && <ExportBar view={exportView} label="Export chart and points" />}
      </section>
      <SpcIcons variation={spc.variationIcon} assurance={spc.assuranceIcon} target={report.options.target} proportion={proportion} />
      {children}
      <section className="panel trends__points-panel" aria-labelledby="points-heading">
        <h3 id="points-heading">Points</h3>
        <SpcPointsTable spc={spc} proportion={proportion} caption={`Points of ${title}`} />
      </section>
    </div>
  );
}
