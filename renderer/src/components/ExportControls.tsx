/**
 * Export controls for the Trends page's charts and tables (SPC chart, board, before / after,
 * waiting times): suppression on by default with its threshold, chart SVG / PNG with the footnote
 * drawn under it, table CSV / XLSX with the footnote. The caller says what an export contains
 * (`plan`, built from shared/analysis/trend-export) and how to draw the chart from that plan.
 */
import { useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import { SuppressionError } from '../../../shared/privacy/suppression';
import { exportCsv, exportXlsx, type ExportFootnote, type ExportRow } from '../../../shared/export/table-export';
import { host } from '../host';
import { chartPng, chartSvg } from '../export/chart-image';

/** Which small-number rule an export applies. */
export type Threshold = 'nhs-digital' | 'hes-legacy';

export interface ExportPlan {
  rows: readonly ExportRow[];
  footnote: ExportFootnote;
  /** The footnote as lines, as drawn under exported charts. */
  footnoteText: string[];
  /** Groups left off exported charts because their counts are suppressed. */
  hiddenGroups: string[];
}

/**
 * The export controls for any chart and its table: suppression (on by default) with its threshold,
 * chart SVG / PNG with the footnote drawn under it, table CSV / XLSX with the footnote. The caller
 * says what an export contains (`plan`) and how to draw the chart from that plan.
 */
export function ExportControls({ plan: makePlan, chart, fileName, chartName, tableName, sheetName, label = 'Export' }: {
  /** The rows, footnote and hidden groups of an export, with or without suppression. */
  plan: (suppress: boolean, threshold: Threshold) => ExportPlan;
  /** The chart as exported from this plan (suppressed groups left off), or null while it is being computed; omit for a table without a chart. */
  chart?: (plan: ExportPlan) => TopLevelSpec | null;
  fileName: (kind: string, ext: string) => string;
  chartName: string;
  tableName: string;
  sheetName: string;
  /** Accessible name of the group of controls (several export bars may share a page). */
  label?: string;
}) {
  const [suppress, setSuppress] = useState(true);
  const [threshold, setThreshold] = useState<Threshold>('nhs-digital');
  const [status, setStatus] = useState<string | null>(null);

  const run = async (what: string, make: (plan: ExportPlan) => Promise<{ data: Uint8Array | string; ext: string; mime: string; kind: string }>) => {
    try {
      const plan = makePlan(suppress, threshold);
      const file = await make(plan);
      const saved = await host.saveFile({ suggestedName: fileName(file.kind, file.ext), mimeType: file.mime, data: file.data });
      setStatus(saved ? `Exported ${what} as ${saved}.` : null);
    } catch (err) {
      setStatus(err instanceof SuppressionError || err instanceof Error ? `Could not export ${what}: ${err.message}` : `Could not export ${what}.`);
    }
  };

  const chartFor = (plan: ExportPlan): TopLevelSpec => {
    const spec = chart?.(plan) ?? null;
    if (!spec) throw new Error('this chart is still being computed');
    return spec;
  };

  return (
    <div className="export-bar" role="group" aria-label={label}>
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
      {chart && (
        <>
          <button type="button" onClick={() => run('the chart', async (plan) => ({ data: await chartSvg(chartFor(plan), plan.footnoteText), ext: 'svg', mime: 'image/svg+xml', kind: chartName }))}>Chart SVG</button>
          <button type="button" onClick={() => run('the chart', async (plan) => ({ data: await chartPng(chartFor(plan), plan.footnoteText), ext: 'png', mime: 'image/png', kind: chartName }))}>Chart PNG</button>
        </>
      )}
      <button type="button" onClick={() => run('the table', async (plan) => ({ data: exportCsv(plan.rows, { footnote: plan.footnote }), ext: 'csv', mime: 'text/csv', kind: tableName }))}>Table CSV</button>
      <button type="button" onClick={() => run('the table', async (plan) => ({ data: await exportXlsx(plan.rows, { sheetName, footnote: plan.footnote }), ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: tableName }))}>Table XLSX</button>
      {status && <span role="status" className="muted">{status}</span>}
      {!suppress && <span className="warning-text" role="alert">Small numbers will not be suppressed: the export may identify people.</span>}
    </div>
  );
}
