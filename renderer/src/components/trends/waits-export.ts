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
import { exportFileName, footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD } from '../../../../shared/privacy/suppression';
import { publishWaits, waitSummaryRows } from '../../../../shared/analysis/trend-export';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import type { ExportPlan, Threshold } from '../ExportControls';
import { noteLines, wrapFootnote } from './spc-export';

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
export function logRankText(result: WaitsResult): string | null {
  if (!result.logRank) return null;
  const p = result.logRank.p;
  return `Log-rank test: chi-square ${result.logRank.chiSquare.toFixed(2)} on ${result.logRank.df} df, p ${p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`}.`;
}

export function planWaitsExport({ result, title, notes, dataset, suppress, threshold }: {
  result: WaitsResult;
  title: string;
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  suppress: boolean;
  threshold: Threshold;
}): ExportPlan {
  // The rows and suppression `msvw waits --format csv` prints (shared/analysis/trend-export).
  const published = publishWaits(result, { suppress, threshold: threshold === 'nhs-digital' ? NHS_DIGITAL_THRESHOLD : HES_LEGACY_THRESHOLD });
  const rows = waitSummaryRows(published);
  // A curve of 1-7 people is not drawn: its steps would show them.
  const hidden = published.groups.filter((g) => typeof g.n === 'string').map((g) => curveLabel(g, result.splitAt));
  const extra = [logRankText(result), ...noteLines(notes)].filter((x): x is string => x !== null);
  if (!suppress) extra.push('Small numbers NOT suppressed: this export may identify people. Do not share it outside your organisation.');
  if (hidden.length) extra.push(`${hidden.length} curve(s) with suppressed counts are not drawn on exported charts.`);
  const footnote: ExportFootnote = {
    measure: { title },
    method: waitsMethod(result),
    asOf: result.asOf,
    dataset: { fileName: dataset.fileName, sha256: dataset.sha256, importedAt: dataset.importedAt },
    suppressionNote: published.suppression ?? undefined,
    notes: extra,
  };
  return { rows, footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: hidden };
}

/** The waits chart; for export, curves coarsened to publishable steps and hidden curves left off. */
export function buildWaitsChart(result: WaitsResult, options: { title: string; subtitle?: string; width: number; height: number }, plan?: ExportPlan): TopLevelSpec {
  const minCount = NHS_DIGITAL_THRESHOLD.max + 1;
  const shown = plan
    ? {
      ...result,
      groups: result.groups
        .filter((g) => !plan.hiddenGroups.includes(curveLabel(g, result.splitAt)))
        .map((g) => (plan.footnote.suppressionNote ? { ...g, steps: coarsenSteps(g.steps, minCount) } : g)),
    }
    : result;
  return kmSpec(shown, options);
}

/** File name of a waits export. */
export function waitsExportFileName(measureId: string, groupCode: string, kind: string, ext: string, asOf: string | null): string {
  return exportFileName(`${measureId}-${groupCode}`, kind, ext, asOf);
}
