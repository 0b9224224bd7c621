/**
 * What an SPC export contains: the points table (suppressed by default: n and the number met are
 * counts of people, the value and limits derive from them), the footnote with every rule choice and
 * every note of a change, and the points left off the exported chart because their counts are hidden.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SpcSeriesResult } from '../../../../shared/analysis/spc-series';
import { spcChoiceLabels } from '../../../../shared/analysis/spc-choices';
import { VARIATION_ICON_LABEL, ASSURANCE_ICON_LABEL } from '../../../../shared/charts/mdc-icons';
import { exportFileName, footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, suppressTable } from '../../../../shared/privacy/suppression';
import { spcSpec } from '../../../../shared/charts/spc-spec';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import type { TrendResult } from '../../workers/trends-api';
import type { ExportPlan, Threshold } from '../ExportBar';
import { POINT_TYPE_TEXT, RULE_TEXT } from './icon-text';

/** Column used only while suppressing: people not meeting the standard in a period, never published. */
const NOT_MET = 'Not met';

/** A proportion as a percentage rounded to one decimal place, or a value rounded for reading. */
function shown(value: number | null, proportion: boolean): number | null {
  if (value === null) return null;
  return proportion ? Math.round(value * 1000) / 10 : Math.round(value * 100) / 100;
}

/** Points of a chart as export rows with human column names. */
export function spcTableRows(spc: SpcSeriesResult, groupLabel: string, proportion: boolean): Record<string, string | number | null>[] {
  const unit = proportion ? '%' : 'Value';
  return spc.points.map((p) => ({
    Group: groupLabel,
    Period: p.period,
    n: p.n,
    ...(proportion ? { Met: p.numerator } : {}),
    [unit]: shown(p.value, proportion),
    Mean: shown(p.mean, proportion),
    'Lower limit': shown(p.lpl, proportion),
    'Upper limit': shown(p.upl, proportion),
    Rules: p.rules.map((r) => RULE_TEXT[r]).join('; '),
    Reading: POINT_TYPE_TEXT[p.pointType],
  }));
}

/** Notes of changes as footnote lines. */
export function noteLines(notes: readonly Pick<AnnotationRecord, 'date' | 'text'>[]): string[] {
  return notes.length === 0 ? ['Notes of changes: none.'] : notes.map((n) => `Note ${n.date}: ${n.text}`);
}

export function planSpcExport({ report, spc, groupLabel, notes, dataset, proportion, suppress, threshold }: {
  report: TrendResult['report'];
  spc: SpcSeriesResult;
  groupLabel: string;
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  proportion: boolean;
  suppress: boolean;
  threshold: Threshold;
}): ExportPlan {
  const rows = spcTableRows(spc, groupLabel, proportion);
  const choices = spcChoiceLabels(report.options, spc.chart).map((c) => c.label).join('; ');
  const icons = [VARIATION_ICON_LABEL[spc.variationIcon], spc.assuranceIcon ? ASSURANCE_ICON_LABEL[spc.assuranceIcon] : 'no assurance icon'].join('; ');
  const extra = [`Rules: ${choices}${spc.trial ? '; trial limits' : ''}.`, `Latest reading: ${icons}.`, ...noteLines(notes)];
  const base: Omit<ExportFootnote, 'notes' | 'suppressionNote'> = {
    measure: { title: `${report.measure?.title ?? 'Measure'}, ${groupLabel}` },
    method: `Statistical process control (${spc.chart === 'run' ? 'run chart' : spc.chart === 'xmr' ? 'XmR chart' : spc.chart === 'pprime' ? "Laney p'-chart" : 'p-chart'}, Making Data Count rules as NHSRplotthedots), by ${report.granularity ?? 'period'}.`,
    asOf: report.asOf,
    dataset: { fileName: dataset.fileName, sha256: dataset.sha256, importedAt: dataset.importedAt },
  };
  if (!suppress) {
    const footnote = { ...base, notes: [...extra, 'Small numbers NOT suppressed: this export may identify people. Do not share it outside your organisation.'] };
    return { rows, footnote, footnoteText: footnoteLines(footnote), hiddenGroups: [] };
  }
  const unit = proportion ? '%' : 'Value';
  const working = rows.map((r) => ({ ...r, ...(proportion ? { [NOT_MET]: typeof r.n === 'number' && typeof r.Met === 'number' ? r.n - r.Met : null } : {}) }));
  const limitsFrom = proportion ? ['Met', NOT_MET] : ['n'];
  const suppressed = suppressTable(working, {
    threshold: threshold === 'nhs-digital' ? NHS_DIGITAL_THRESHOLD : HES_LEGACY_THRESHOLD,
    countColumns: proportion ? ['Met', NOT_MET] : ['n'],
    totalColumn: proportion ? 'n' : undefined,
    // p-chart limits are p-bar -/+ 3 sqrt(p-bar(1 - p-bar)/n): a limit would give n back, so they follow n.
    derived: proportion ? { [unit]: limitsFrom, 'Lower limit': ['n'], 'Upper limit': ['n'] } : { [unit]: limitsFrom },
  });
  const out = suppressed.rows.map((r) => {
    const copy: Record<string, string | number | null> = { ...(r as Record<string, string | number | null>) };
    delete copy[NOT_MET];
    return copy;
  });
  // A point's position would reveal a hidden count: such points are left off the exported chart.
  const hidden = [...new Set(suppressed.suppressedCells.filter((c) => c.column !== NOT_MET).map((c) => String(rows[c.row].Period)))];
  const notesOut = hidden.length
    ? [...extra, `${hidden.length} period(s) with suppressed counts are not drawn on exported charts (${hidden.join(', ')}); quarterly periods hide fewer.`]
    : extra;
  const footnote = { ...base, suppressionNote: suppressed.note, notes: notesOut };
  return { rows: out, footnote, footnoteText: footnoteLines(footnote), hiddenGroups: hidden };
}

/** File name of an SPC export, e.g. "msvw-4plus4-part1-rme-spc-chart-2026-09-30.png". */
export function spcExportFileName(report: TrendResult['report'], groupLabel: string, kind: string, ext: string): string {
  const code = groupLabel.split(' · ')[0];
  return exportFileName(`${report.measure?.id ?? 'measure'}-${code}`, kind, ext, report.asOf);
}

/** The chart spec of a series with the notes of changes drawn on it. */
export function buildSpcChart(spc: SpcSeriesResult, options: {
  title: string;
  subtitle: string;
  notes: readonly Pick<AnnotationRecord, 'date' | 'text'>[];
  proportion: boolean;
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
  });
}
