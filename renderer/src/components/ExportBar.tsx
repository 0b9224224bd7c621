/**
 * Exports of exactly the current view: its chart as SVG or 2x PNG, and its own table as CSV or
 * XLSX. What leaves the app is built by the one output path in shared/output (rows, footnote,
 * chart data), under the suppression rule chosen here: counts of 1-7 as * by default, 1-5, or
 * suppressed then rounded to 5; turning it off shows a warning first.
 */
import { useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import { DEFAULT_SUPPRESSION, NO_SUPPRESSION_WARNING, SUPPRESSION_RULE_WORDS, SUPPRESSION_RULES, type SuppressionRule } from '../../../shared/output/publish';
import { exportFileName } from '../../../shared/export/table-export';
import { host } from '../host';
import { chartPng, chartSvg } from '../export/chart-image';
import { tableCsv, tableXlsx, type PublishedTable } from '../export/table-files';

/** What the current view publishes under a suppression rule: its table, footnote and chart. */
export interface ViewPublication extends PublishedTable {
  /** The chart drawn from the published figures only, or null while it is being computed. */
  chart: TopLevelSpec | null;
}

/** The current view, as the export bar sees it. */
export interface ViewExport {
  /** Names the files: e.g. "funnel" and "league-table", "tier-summary" and "tier-table". */
  chartKind: string;
  tableKind: string;
  /** Sheet name of the XLSX table. */
  sheetName: string;
  measureId: string;
  asOf: string | null;
  publish: (rule: SuppressionRule) => ViewPublication;
  /** Identity of the view: an "Exported …" message is shown only while this stays the same. */
  key: readonly unknown[];
  /** A table without a chart (e.g. the Trends board): no chart buttons. */
  tableOnly?: boolean;
}

/** `label` names the group of controls when a page has several export bars (default "Export"). */
export function ExportBar({ view, label = 'Export' }: { view: ViewExport; label?: string }) {
  const [rule, setRule] = useState<SuppressionRule>(DEFAULT_SUPPRESSION);
  // The last export's message belongs to the view it was made from: it clears when the view changes.
  const [report, setReport] = useState<{ key: readonly unknown[]; text: string } | null>(null);
  const status = report && report.key.length === view.key.length && report.key.every((v, i) => v === view.key[i]) ? report.text : null;

  const run = async (what: string, kind: string, make: (p: ViewPublication) => Promise<{ data: Uint8Array | string; ext: string; mime: string }>) => {
    try {
      const file = await make(view.publish(rule));
      const saved = await host.saveFile({ suggestedName: exportFileName(view.measureId, kind, file.ext, view.asOf), mimeType: file.mime, data: file.data });
      setReport(saved ? { key: view.key, text: `Exported ${what} as ${saved}.` } : null);
    } catch (err) {
      setReport({ key: view.key, text: `Could not export ${what}: ${err instanceof Error ? err.message : String(err)}` });
    }
  };
  const chartOf = (p: ViewPublication): TopLevelSpec => {
    if (!p.chart) throw new Error('this chart is still being computed');
    return p.chart;
  };

  return (
    <div className="export-bar" role="group" aria-label={label}>
      <label>
        Small numbers
        <select value={rule} onChange={(e) => setRule(e.target.value as SuppressionRule)}>
          {SUPPRESSION_RULES.map((r) => <option key={r} value={r}>{SUPPRESSION_RULE_WORDS[r]}</option>)}
        </select>
      </label>
      {!view.tableOnly && (
        <>
          <button type="button" onClick={() => run('the chart', view.chartKind, async (p) => ({ data: await chartSvg(chartOf(p), p.footnote), ext: 'svg', mime: 'image/svg+xml' }))}>Chart SVG</button>
          <button type="button" onClick={() => run('the chart', view.chartKind, async (p) => ({ data: await chartPng(chartOf(p), p.footnote), ext: 'png', mime: 'image/png' }))}>Chart PNG</button>
        </>
      )}
      <button type="button" onClick={() => run('the table', view.tableKind, async (p) => ({ data: tableCsv(p), ext: 'csv', mime: 'text/csv' }))}>Table CSV</button>
      <button type="button" onClick={() => run('the table', view.tableKind, async (p) => ({ data: await tableXlsx(p, view.sheetName), ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))}>Table XLSX</button>
      {status && <span role="status" className="muted">{status}</span>}
      {rule === 'none' && <span className="warning-text" role="alert">{NO_SUPPRESSION_WARNING}</span>}
    </div>
  );
}
