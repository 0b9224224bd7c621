/**
 * Exports of the Trends page's tables without a chart: the board (one row per centre and measure)
 * and a before / after comparison, with the shared rows and suppression (the CLI's). Counts of
 * people are suppressed by default, with what derives from them; the footnote says what was
 * computed, from which extract, and the notes of changes.
 */
import type { BoardResult } from '../../../../shared/analysis/board';
import type { BeforeAfter } from '../../../../shared/analysis/before-after';
import { beforeAfterRows, boardTableRows } from '../../../../shared/analysis/trend-export';
import { footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, type TableValue } from '../../../../shared/privacy/suppression';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import type { ExportPlan, Threshold } from '../ExportControls';
import { noteLines, wrapFootnote } from './spc-export';

const NOT_SUPPRESSED = 'Small numbers NOT suppressed: this export may identify people. Do not share it outside your organisation.';

type Row = Record<string, TableValue>;

function provenance(dataset: DatasetMeta): ExportFootnote['dataset'] {
  return { fileName: dataset.fileName, sha256: dataset.sha256, importedAt: dataset.importedAt };
}

function thresholdOf(threshold: Threshold) {
  return threshold === 'nhs-digital' ? NHS_DIGITAL_THRESHOLD : HES_LEGACY_THRESHOLD;
}

/** The plan of a table-only export from shared rows and their suppression note. */
function tablePlan(rows: Row[], base: ExportFootnote, suppression: string | null, notes: readonly string[]): ExportPlan {
  const footnote: ExportFootnote = { ...base, suppressionNote: suppression ?? undefined, notes: suppression === null ? [...notes, NOT_SUPPRESSED] : notes };
  return { rows, footnote, footnoteText: wrapFootnote(footnoteLines(footnote)), hiddenGroups: [] };
}

/** The board: one row per centre and measure (shared/analysis/trend-export boardTableRows, as the CLI would print it). */
export function planBoardExport({ board, choicesText, dataset, suppress, threshold }: {
  board: BoardResult;
  choicesText: string;
  dataset: DatasetMeta;
  suppress: boolean;
  threshold: Threshold;
}): ExportPlan {
  const { rows, suppression } = boardTableRows(board, { suppress, threshold: thresholdOf(threshold) });
  const base: ExportFootnote = {
    measure: { title: `Board: ${board.measures.map((m) => m.shortTitle).join(', ')}` },
    method: `Latest period of each centre's SPC chart; Making Data Count icons. ${choicesText}`,
    asOf: board.asOf,
    dataset: provenance(dataset),
  };
  return tablePlan(rows, base, suppression, []);
}

/** A before / after comparison (shared/analysis/trend-export beforeAfterRows), with the notes of changes. */
export function planBeforeAfterExport({ result, title, notes, dataset, suppress, threshold }: {
  result: BeforeAfter;
  title: string;
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  suppress: boolean;
  threshold: Threshold;
}): ExportPlan {
  const { rows, suppression } = beforeAfterRows(result, { suppress, threshold: thresholdOf(threshold) });
  const base: ExportFootnote = { measure: { title }, method: result.method, asOf: null, dataset: provenance(dataset) };
  return tablePlan(rows, base, suppression, noteLines(notes));
}
