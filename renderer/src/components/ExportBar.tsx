/**
 * Exports of exactly the current view: the chart as SVG or 2x PNG, the league table as CSV or
 * XLSX. Small-number suppression is on by default (1-7 people shown as *, with secondary
 * suppression); centres whose counts are suppressed are left off exported charts too, since a
 * point's position would reveal them. Every export carries the footnote: measure, method, as-of
 * date, dataset provenance and the suppression rule.
 */
import { useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import type { VariationResult } from '../../../shared/analysis/variation';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, SuppressionError } from '../../../shared/privacy/suppression';
import {
  exportCsv, exportFileName, exportXlsx, footnoteLines, suppressVariationTable, variationFootnote, variationTableRows, type ExportFootnote,
} from '../../../shared/export/table-export';
import type { DatasetMeta } from '../store/database';
import { host } from '../host';
import { chartPng, chartSvg } from '../export/chart-image';

type Threshold = 'nhs-digital' | 'hes-legacy';

export interface ExportPlan {
  rows: Record<string, string | number | null>[];
  footnote: ExportFootnote;
  /** The footnote as lines, as drawn under exported charts. */
  footnoteText: string[];
  /** Groups left off exported charts because their counts are suppressed. */
  hiddenGroups: string[];
}

/** What an export of this result contains, with or without suppression. */
export function planExport(result: VariationResult, dataset: DatasetMeta, suppress: boolean, threshold: Threshold): ExportPlan {
  const rows = variationTableRows(result);
  const dataProvenance = { fileName: dataset.fileName, sha256: dataset.sha256, importedAt: dataset.importedAt };
  const notes: string[] = [];
  if (!suppress) {
    const footnote = variationFootnote(result, { dataset: dataProvenance, notes: [...notes, 'Small numbers NOT suppressed: this export may identify people. Do not share it outside your organisation.'] });
    return { rows, footnote, footnoteText: footnoteLines(footnote), hiddenGroups: [] };
  }
  const suppressed = suppressVariationTable(rows, { threshold: threshold === 'nhs-digital' ? NHS_DIGITAL_THRESHOLD : HES_LEGACY_THRESHOLD });
  const hidden = new Set<number>(suppressed.suppressedCells.map((c) => c.row));
  const hiddenGroups = [...hidden].map((i) => String(rows[i].Centre));
  const footnote = variationFootnote(result, {
    dataset: dataProvenance,
    suppressionNote: suppressed.note,
    notes: hiddenGroups.length ? [...notes, `${hiddenGroups.length} centre(s) with suppressed counts are not drawn on exported charts.`] : notes,
  });
  return { rows: suppressed.rows as Record<string, string | number | null>[], footnote, footnoteText: footnoteLines(footnote), hiddenGroups };
}

export function ExportBar({ result, dataset, chartName, buildChart }: {
  result: VariationResult;
  dataset: DatasetMeta;
  chartName: string;
  /** The current chart's spec, built from the given result (suppressed centres removed for export), or null when there is none. */
  buildChart: (result: VariationResult) => TopLevelSpec | null;
}) {
  const [suppress, setSuppress] = useState(true);
  const [threshold, setThreshold] = useState<Threshold>('nhs-digital');
  // The last export's message belongs to the view it was made from: it clears when the view changes.
  const [report, setReport] = useState<{ view: unknown[]; text: string } | null>(null);
  const view = [result, chartName];
  const status = report && report.view.every((v, i) => v === view[i]) ? report.text : null;
  const setStatus = (text: string | null) => setReport(text ? { view, text } : null);

  const run = async (what: string, make: (plan: ExportPlan) => Promise<{ data: Uint8Array | string; ext: string; mime: string; kind: string }>) => {
    try {
      const plan = planExport(result, dataset, suppress, threshold);
      const file = await make(plan);
      const saved = await host.saveFile({ suggestedName: exportFileName(result.measure.id, file.kind, file.ext, result.asOf), mimeType: file.mime, data: file.data });
      setStatus(saved ? `Exported ${what} as ${saved}.` : null);
    } catch (err) {
      setStatus(err instanceof SuppressionError || err instanceof Error ? `Could not export ${what}: ${err.message}` : `Could not export ${what}.`);
    }
  };

  const chartFor = (plan: ExportPlan): TopLevelSpec => {
    const visible = { ...result, groups: result.groups.filter((g) => !plan.hiddenGroups.includes(g.group)) };
    const spec = buildChart(visible);
    if (!spec) throw new Error('this chart is still being computed');
    return spec;
  };

  return (
    <div className="export-bar" role="group" aria-label="Export">
      <label>
        <input type="checkbox" checked={suppress} onChange={(e) => setSuppress(e.target.checked)} />
        Suppress small numbers
      </label>
      {suppress && (
        <label>
          Threshold
          <select value={threshold} onChange={(e) => setThreshold(e.target.value as Threshold)}>
            <option value="nhs-digital">1-7 (NHS Digital)</option>
            <option value="hes-legacy">1-5 (HES, before 2018)</option>
          </select>
        </label>
      )}
      <button type="button" onClick={() => run('the chart', async (plan) => ({ data: await chartSvg(chartFor(plan), plan.footnoteText), ext: 'svg', mime: 'image/svg+xml', kind: chartName }))}>Chart SVG</button>
      <button type="button" onClick={() => run('the chart', async (plan) => ({ data: await chartPng(chartFor(plan), plan.footnoteText), ext: 'png', mime: 'image/png', kind: chartName }))}>Chart PNG</button>
      <button type="button" onClick={() => run('the table', async (plan) => ({ data: exportCsv(plan.rows, { footnote: plan.footnote }), ext: 'csv', mime: 'text/csv', kind: 'league-table' }))}>Table CSV</button>
      <button type="button" onClick={() => run('the table', async (plan) => ({ data: await exportXlsx(plan.rows, { sheetName: result.measure.shortTitle, footnote: plan.footnote }), ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'league-table' }))}>Table XLSX</button>
      {status && <span role="status" className="muted">{status}</span>}
      {!suppress && <span className="warning-text" role="alert">Small numbers will not be suppressed: the export may identify people.</span>}
    </div>
  );
}
