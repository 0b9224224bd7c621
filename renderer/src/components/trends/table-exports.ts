/**
 * Exports of the Trends page's tables without a chart: the board (one row per centre and measure)
 * and a before / after comparison. Counts of people are suppressed by default, with what derives
 * from them; the footnote says what was computed, from which extract, and the notes of changes.
 */
import type { BoardResult } from '../../../../shared/analysis/board';
import type { BeforeAfter } from '../../../../shared/analysis/before-after';
import { ASSURANCE_ICON_SHORT, VARIATION_ICON_SHORT } from '../../../../shared/charts/mdc-icons';
import { footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, SUPPRESSION_MARKER, suppressTable } from '../../../../shared/privacy/suppression';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import type { ExportPlan, Threshold } from '../ExportBar';
import { noteLines, wrapFootnote } from './spc-export';

/** Column used only while suppressing: people not meeting the standard, never published. */
const NOT_MET = 'Not met';
const NOT_SUPPRESSED = 'Small numbers NOT suppressed: this export may identify people. Do not share it outside your organisation.';

type Row = Record<string, string | number | null>;

/** A proportion as a percentage with one decimal place. */
function pct(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1000) / 10;
}

function provenance(dataset: DatasetMeta): ExportFootnote['dataset'] {
  return { fileName: dataset.fileName, sha256: dataset.sha256, importedAt: dataset.importedAt };
}

/** Suppress Met / n (and the people not meeting), hiding what derives from them; returns rows without the helper column. */
function suppressCounts(rows: Row[], derived: string[], threshold: Threshold): { rows: Row[]; note: string; hiddenRows: Set<number> } {
  const working = rows.map((r) => ({ ...r, [NOT_MET]: typeof r.n === 'number' && typeof r.Met === 'number' ? r.n - r.Met : null }));
  const result = suppressTable(working, {
    threshold: threshold === 'nhs-digital' ? NHS_DIGITAL_THRESHOLD : HES_LEGACY_THRESHOLD,
    countColumns: ['Met', NOT_MET],
    totalColumn: 'n',
    derived: Object.fromEntries(derived.map((c) => [c, ['Met', NOT_MET]])),
  });
  const out = result.rows.map((r) => {
    const copy: Row = { ...(r as Row) };
    delete copy[NOT_MET];
    return copy;
  });
  return { rows: out, note: result.note, hiddenRows: new Set(result.suppressedCells.map((c) => c.row)) };
}

/** The board as rows: one per centre and measure with its latest value and icons. */
export function boardRows(board: BoardResult): Row[] {
  return board.cells.filter((c) => c.value !== null).map((c) => ({
    Centre: c.group,
    Measure: c.measureId,
    Period: c.period,
    n: c.n,
    Met: c.numerator,
    '%': pct(c.value),
    Chart: c.chart,
    Points: c.points,
    'Variation icon': c.variationIcon ? VARIATION_ICON_SHORT[c.variationIcon] : null,
    'Assurance icon': c.assuranceIcon ? ASSURANCE_ICON_SHORT[c.assuranceIcon] : null,
  }));
}

export function planBoardExport({ board, choicesText, dataset, suppress, threshold }: {
  board: BoardResult;
  choicesText: string;
  dataset: DatasetMeta;
  suppress: boolean;
  threshold: Threshold;
}): ExportPlan {
  const rows = boardRows(board);
  const base: ExportFootnote = {
    measure: { title: `Board: ${board.measures.map((m) => m.shortTitle).join(', ')}` },
    method: `Latest period of each centre's SPC chart; Making Data Count icons. ${choicesText}`,
    asOf: board.asOf,
    dataset: provenance(dataset),
  };
  if (!suppress) {
    const footnote = { ...base, notes: [NOT_SUPPRESSED] };
    return { rows, footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: [] };
  }
  const s = suppressCounts(rows, ['%'], threshold);
  const footnote = { ...base, suppressionNote: s.note };
  return { rows: s.rows, footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: [] };
}

/** A before / after comparison as rows: before, after and the change. */
export function beforeAfterRows(result: BeforeAfter): Row[] {
  const side = (label: string, s: BeforeAfter['before']): Row => ({
    Side: label, Periods: `${s.from} to ${s.to}`, Met: s.numerator, n: s.n, '%': pct(s.proportion), '95% lower': pct(s.ci95[0]), '95% upper': pct(s.ci95[1]),
  });
  return [
    side('Before', result.before),
    side('After', result.after),
    { Side: 'Change (points)', Periods: null, Met: null, n: null, '%': pct(result.difference), '95% lower': pct(result.differenceCi95[0]), '95% upper': pct(result.differenceCi95[1]) },
  ];
}

export function planBeforeAfterExport({ result, title, notes, dataset, suppress, threshold }: {
  result: BeforeAfter;
  title: string;
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  suppress: boolean;
  threshold: Threshold;
}): ExportPlan {
  const rows = beforeAfterRows(result);
  const base: ExportFootnote = { measure: { title }, method: result.method, asOf: null, dataset: provenance(dataset) };
  if (!suppress) {
    const footnote = { ...base, notes: [...noteLines(notes), NOT_SUPPRESSED] };
    return { rows, footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: [] };
  }
  const s = suppressCounts(rows.slice(0, 2), ['%', '95% lower', '95% upper'], threshold);
  // The change and its interval are computed from every count: hidden when any count is.
  const change = s.hiddenRows.size ? { ...rows[2], '%': SUPPRESSION_MARKER, '95% lower': SUPPRESSION_MARKER, '95% upper': SUPPRESSION_MARKER } : rows[2];
  const footnote = { ...base, suppressionNote: s.note, notes: noteLines(notes) };
  return { rows: [...s.rows, change], footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: [] };
}
