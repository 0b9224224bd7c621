/**
 * Exports of the Trends page's tables without a chart: the board (one row per centre and measure)
 * and a before / after comparison, with the shared rows and suppression (the CLI's). Counts of
 * people are suppressed by default, with what derives from them; the footnote says what was
 * computed, from which extract, and the notes of changes.
 */
import type { BoardResult } from '../../../../shared/analysis/board';
import type { BeforeAfter } from '../../../../shared/analysis/before-after';
import { BEFORE_AFTER_COLUMNS, beforeAfterRows, BOARD_TABLE_COLUMNS, boardTableRows } from '../../../../shared/analysis/trend-export';
import { footnoteLines, type ExportFootnote } from '../../../../shared/export/table-export';
import type { TableValue } from '../../../../shared/privacy/suppression';
import { NO_SUPPRESSION_WARNING, type SuppressionRule } from '../../../../shared/output/publish';
import { formatUkDate } from '../../../../shared/output/words';
import type { AnnotationRecord, DatasetMeta } from '../../store/database';
import { datasetProvenance, noteLines, type TrendPublication } from './spc-export';

type Row = Record<string, TableValue>;

/** The publication of a table-only export from shared rows and their suppression note. */
function tablePlan(columns: readonly string[], rows: Row[], base: ExportFootnote, suppression: string | null, notes: readonly string[]): TrendPublication {
  const footnote: ExportFootnote = { ...base, suppressionNote: suppression ?? undefined, notes: suppression === null ? [...notes, NO_SUPPRESSION_WARNING] : notes };
  return { columns, rows, footnote: footnoteLines(footnote), hiddenGroups: [] };
}

/**
 * The board: one row per centre and measure (shared/analysis/trend-export boardTableRows), each the
 * latest point of that chart as its own SPC export publishes it (publishSpcReport): the same counts,
 * point type and icons, withheld where they would be read from something hidden.
 */
export function planBoardExport({ board, choicesText, dataset, rule }: {
  board: BoardResult;
  choicesText: string;
  dataset: DatasetMeta;
  rule: SuppressionRule;
}): TrendPublication {
  const { rows, suppression } = boardTableRows(board, { rule });
  const base: ExportFootnote = {
    measure: { title: `Board: ${board.measures.map((m) => m.shortTitle).join(', ')}` },
    method: `Latest period of each centre's SPC chart, as that chart's export publishes it; Making Data Count icons. ${choicesText}`,
    asOf: board.asOf ? formatUkDate(board.asOf) : null,
    dataset: datasetProvenance(dataset),
  };
  return tablePlan(BOARD_TABLE_COLUMNS, rows, base, suppression, []);
}

/** A before / after comparison (shared/analysis/trend-export beforeAfterRows), with the notes of changes. */
export function planBeforeAfterExport({ result, title, notes, dataset, rule }: {
  result: BeforeAfter;
  title: string;
  notes: readonly AnnotationRecord[];
  dataset: DatasetMeta;
  rule: SuppressionRule;
}): TrendPublication {
  const { rows, suppression } = beforeAfterRows(result, { rule });
  const base: ExportFootnote = { measure: { title }, method: result.method, asOf: null, dataset: datasetProvenance(dataset) };
  return tablePlan(BEFORE_AFTER_COLUMNS, rows, base, suppression, noteLines(notes));
}
