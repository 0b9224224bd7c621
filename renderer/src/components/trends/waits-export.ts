/**
 * What a waiting-time export contains: one row per curve (counts suppressed by default; the
 * median, percentiles and share within derive from them), the footnote (method, log-rank test,
 * notes of changes), and curves left off the exported chart because their counts are hidden.
 * Exported curves are coarsened so that every drop comes from at least the smallest publishable
 * number of people (shared/analysis/waits.ts, coarsenSteps).
 */
import type { TopLevelSpec } from 'vega-lite';
import { coarsenSteps, type WaitGroup, type WaitsResult } from '../../../../shared/analysis/waits';
import { curveLabel, kmSpec } from '../../../../shared/charts/km-spec';
import { exportFileName, footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, suppressTable } from '../../../../shared/privacy/suppression';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import type { ExportPlan, Threshold } from '../ExportBar';
import { noteLines, wrapFootnote } from './spc-export';

/** Days rounded for reading (medians can be half days). */
function day(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

/** Percentage rounded to one decimal place. */
function pct(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 1000) / 10;
}

/** The percentile of a curve, in days, or null when the curve never falls that far. */
export function percentileDays(g: Pick<WaitGroup, 'percentiles'>, p: number): number | null {
  return g.percentiles.find((x) => x.p === p)?.days ?? null;
}

/** One export row per curve. */
export function waitRows(result: WaitsResult): Record<string, string | number | null>[] {
  const within = result.days === null ? null : `Within ${result.days} days %`;
  return result.groups.map((g) => ({
    Curve: curveLabel(g, result.splitAt),
    n: g.n,
    Seen: g.events,
    'Still waiting': g.censored,
    'Median days': day(g.median),
    'Median lower': day(g.medianCi[0]),
    'Median upper': day(g.medianCi[1]),
    ...(within ? { [within]: pct(g.withinDays) } : {}),
    'P50 days': day(percentileDays(g, 0.5)),
    'P90 days': day(percentileDays(g, 0.9)),
    'P95 days': day(percentileDays(g, 0.95)),
  }));
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
  const rows = waitRows(result);
  const extra = [logRankText(result), ...noteLines(notes)].filter((x): x is string => x !== null);
  const base: Omit<ExportFootnote, 'notes' | 'suppressionNote'> = {
    measure: { title },
    method: waitsMethod(result),
    asOf: result.asOf,
    dataset: { fileName: dataset.fileName, sha256: dataset.sha256, importedAt: dataset.importedAt },
  };
  if (!suppress) {
    const footnote = { ...base, notes: [...extra, 'Small numbers NOT suppressed: this export may identify people. Do not share it outside your organisation.'] };
    return { rows, footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: [] };
  }
  const within = Object.keys(rows[0] ?? {}).find((k) => k.startsWith('Within '));
  const derivedFromN = ['Median days', 'Median lower', 'Median upper', 'P50 days', 'P90 days', 'P95 days', ...(within ? [within] : [])];
  const suppressed = suppressTable(rows, {
    threshold: threshold === 'nhs-digital' ? NHS_DIGITAL_THRESHOLD : HES_LEGACY_THRESHOLD,
    countColumns: ['Seen', 'Still waiting'],
    totalColumn: 'n',
    derived: Object.fromEntries(derivedFromN.map((c) => [c, ['n']])),
  });
  const hidden = [...new Set(suppressed.suppressedCells.map((c) => String(rows[c.row].Curve)))];
  const footnote = {
    ...base,
    suppressionNote: suppressed.note,
    notes: [
      ...extra,
      'Exported curves step only where at least 8 people were seen, so no drop comes from fewer people.',
      ...(hidden.length ? [`${hidden.length} curve(s) with suppressed counts are not drawn on exported charts.`] : []),
    ],
  };
  return { rows: suppressed.rows as Record<string, string | number | null>[], footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: hidden };
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
