/**
 * What a waiting-time export contains: one row per curve as `msvw waits --format csv` prints it
 * (shared/analysis/trend-export: counts suppressed by default, with the median, percentiles and
 * share within of a small curve), the footnote (method, log-rank test, notes of changes), and
 * curves left off the exported chart. Exported curves are coarsened so that every drop comes from
 * at least the smallest publishable number of people (shared/analysis/waits.ts, coarsenSteps).
 */
import type { TopLevelSpec } from 'vega-lite';
import { coarsenSteps, type WaitGroup, type WaitsResult } from '../../../../shared/analysis/waits';
import { curveLabel, kmSpec } from '../../../../shared/charts/km-spec';
import { footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import { NHS_DIGITAL_THRESHOLD } from '../../../../shared/privacy/suppression';
import { NO_SUPPRESSION_WARNING, suppressionThreshold, type SuppressionRule } from '../../../../shared/output/publish';
import { formatUkDate } from '../../../../shared/output/words';
import { publishWaits, WAIT_SUMMARY_COLUMNS, waitSummaryRows } from '../../../../shared/analysis/trend-export';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import { datasetProvenance, noteLines, ukDatesIn, type TrendPublication } from './spc-export';

/** The label of a curve on the page and in exports: "RME (2025-Q2)" by period; "RME (before 01/04/2025)" at a note. */
export function waitCurveLabel(g: Pick<WaitGroup, 'group' | 'period'>, result: Pick<WaitsResult, 'splitAt' | 'splitBy'>): string {
  if (result.splitBy && g.period) return `${g.group} (${g.period})`;
  return ukDatesIn(curveLabel(g, result.splitAt));
}

/** The percentile of a curve, in days, or null when the curve never falls that far. */
export function percentileDays(g: Pick<WaitGroup, 'percentiles'>, p: number): number | null {
  return g.percentiles.find((x) => x.p === p)?.days ?? null;
}

/** The method line of a waits export. */
export function waitsMethod(result: WaitsResult): string {
  const conf = result.conf === 'log-log' ? 'log-log' : 'log';
  return `Kaplan-Meier (as R survival::survfit), ${result.start} to ${result.end}; people still waiting censored at the as-of date; pointwise 95% intervals on the ${conf} scale; median and percentiles with survfit's intervals.`;
}

/** The log-rank line, when two curves are compared. */
export function logRankText(result: Pick<WaitsResult, 'logRank'>): string | null {
  if (!result.logRank) return null;
  const p = result.logRank.p;
  return `Log-rank test: chi-square ${result.logRank.chiSquare.toFixed(2)} on ${result.logRank.df} df, p ${p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`}.`;
}

export function planWaitsExport({ result, title, notes, dataset, rule }: {
  result: WaitsResult;
  title: string;
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  rule: SuppressionRule;
}): TrendPublication & { rule: SuppressionRule } {
  // The rows and suppression `msvw waits --format csv` prints (shared/analysis/trend-export).
  const published = publishWaits(result, { rule });
  const rows = waitSummaryRows(published);
  // A curve of 1-7 people is not drawn: its steps would show them.
  const hidden = published.groups.filter((g) => typeof g.n === 'string').map((g) => waitCurveLabel(g, result));
  const extra = [logRankText(published), ...noteLines(notes)].filter((x): x is string => x !== null);
  if (rule === 'none') extra.push(NO_SUPPRESSION_WARNING);
  if (hidden.length) extra.push(`${hidden.length} curve(s) with suppressed counts are not drawn on exported charts.`);
  const footnote: ExportFootnote = {
    measure: { title },
    method: waitsMethod(result),
    asOf: result.asOf ? formatUkDate(result.asOf) : null,
    dataset: datasetProvenance(dataset),
    suppressionNote: published.suppression ?? undefined,
    notes: extra,
  };
  return { columns: WAIT_SUMMARY_COLUMNS, rows, footnote: footnoteLines(footnote), hiddenGroups: hidden, rule };
}

/** The waits chart; for export, curves coarsened to publishable steps and hidden curves left off. */
export function buildWaitsChart(result: WaitsResult, options: { title: string; subtitle?: string; width: number; height: number }, plan?: Pick<TrendPublication, 'hiddenGroups'> & { rule: SuppressionRule }): TopLevelSpec {
  const threshold = plan ? suppressionThreshold(plan.rule) : null;
  const minCount = (threshold ?? NHS_DIGITAL_THRESHOLD).max + 1;
  const shown = plan
    ? {
      ...result,
      groups: result.groups
        .filter((g) => !plan.hiddenGroups.includes(waitCurveLabel(g, result)))
        .map((g) => (threshold ? { ...g, steps: coarsenSteps(g.steps, minCount) } : g)),
    }
    : result;
  // Curves per period or before / after a note: each named as on the page (the chart keys curves by label).
  const split = result.splitBy !== null || result.splitAt !== null;
  const labelled = split ? { ...shown, splitAt: null, groups: shown.groups.map((g) => ({ ...g, group: waitCurveLabel(g, result), period: null })) } : shown;
  const spec = kmSpec(labelled, options);
  // The as-of date in the chart's subtitle as dd/mm/yyyy, as everywhere on the page.
  const title = spec.title;
  if (title && typeof title === 'object' && !Array.isArray(title) && Array.isArray(title.subtitle)) {
    return { ...spec, title: { ...title, subtitle: title.subtitle.map((line) => ukDatesIn(String(line))) } } as TopLevelSpec;
  }
  return spec;
}

/** Columns the by-centre wait distribution can be sorted on. */
export type WaitSortKey = 'group' | 'n' | 'p50' | 'p90' | 'p95' | 'withinDays';

/**
 * Curves sorted on a column; a percentile never reached (null) sorts after every reached one in
 * either direction, ties by centre code.
 */
export function sortWaitGroups(groups: readonly WaitGroup[], key: WaitSortKey, descending: boolean): WaitGroup[] {
  const value = (g: WaitGroup): number | string | null =>
    key === 'group' ? g.group : key === 'n' ? g.n : key === 'withinDays' ? g.withinDays : percentileDays(g, key === 'p50' ? 0.5 : key === 'p90' ? 0.9 : 0.95);
  const byCode = (a: WaitGroup, b: WaitGroup) => a.group.localeCompare(b.group, 'en', { numeric: true });
  return [...groups].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? byCode(a, b) : x === null ? 1 : -1;
    const c = typeof x === 'string' ? x.localeCompare(String(y), 'en', { numeric: true }) : x - (y as number);
    return (descending ? -c : c) || byCode(a, b);
  });
}

/**
 * The by-centre wait distribution (50th, 90th, 95th percentiles and the share within the
 * threshold per centre) as published: the waits summary rows under the rule, in the order shown.
 */
export function planWaitDistributionExport({ result, title, dataset, rule, names }: {
  result: WaitsResult;
  title: string;
  dataset: DatasetMeta;
  rule: SuppressionRule;
  /** Centre name by code, for the "name" column ('' when the extract has none). */
  names: ReadonlyMap<string, string>;
}): TrendPublication {
  const plan = planWaitsExport({ result, title, notes: [], dataset, rule });
  const [first, ...rest] = plan.columns;
  return {
    ...plan,
    columns: [first, WAIT_NAME_COLUMN, ...rest],
    rows: plan.rows.map((row) => ({ ...row, [WAIT_NAME_COLUMN]: names.get(String(row.group)) || null })),
    footnote: plan.footnote.filter((line) => line !== 'Notes of changes: none.'),
  };
}

/** The centre name column of the wait distribution export (after the code). */
export const WAIT_NAME_COLUMN = 'name';
