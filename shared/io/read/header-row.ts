/**
 * Which row of a sheet or text file holds the column names. Extracts saved from reports often
 * start with a title ("MS audit extract, Q1 2024"), a date line or a blank row, and sometimes a
 * group heading above the real header ("Dates" over three date columns, from merged cells).
 * The header is the first row that names (nearly) as many columns as the data below it has,
 * with text rather than numbers or dates. The rows above it are skipped and named in a note.
 */

/** Rows examined for the header (title blocks are a few rows; this leaves room for long ones). */
export const HEADER_SEARCH_ROWS = 30;
/** Data rows below a candidate used to judge how wide the data is. */
const DATA_SAMPLE_ROWS = 20;
/** A header names at least this share of the data's typical count of filled cells. */
const HEADER_WIDTH_SHARE = 0.8;
/** A header has at most this share of its cells that read as numbers or dates. */
const HEADER_MAX_VALUE_SHARE = 0.5;

/** The header row chosen, as an index into the rows given, and why. */
export interface HeaderChoice {
  /** Index (0-based) into the rows examined. */
  index: number;
  /** True when it was found below title or blank rows (index > first non-blank row). */
  belowTitle: boolean;
  /** Short description of the rows skipped above it, for the note (null when none). */
  skipped: string | null;
  /** True when the row just above looked like a group heading over the header (merged cells). */
  groupHeading: boolean;
}

/** A cell that reads as a number or a date rather than a column name. */
function looksLikeValue(v: string): boolean {
  const t = v.trim();
  return /^[-+]?\d+(?:[.,]\d+)?%?$/.test(t) || /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.test(t);
}

function filled(row: readonly (string | null)[]): number {
  let n = 0;
  for (const v of row) if (v !== null && v.trim() !== '') n++;
  return n;
}

/** The most common width among rows (the wider among equals): one ragged row does not move it. */
function typicalWidth(widths: number[]): number {
  const tally = new Map<number, number>();
  for (const w of widths) tally.set(w, (tally.get(w) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [w, count] of tally) {
    if (count > bestCount || (count === bestCount && w > best)) {
      best = w;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The header among the first rows: the first row with at least two names, at least
 * HEADER_WIDTH_SHARE of the typical width of the rows below it, and mostly text. Falls back to the first
 * non-blank row (the old rule) when no row qualifies. Returns null when every row is blank.
 */
export function chooseHeaderRow(rows: readonly (readonly (string | null)[])[]): HeaderChoice | null {
  const n = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let firstNonBlank = -1;
  for (let r = 0; r < n; r++) {
    if (filled(rows[r]) > 0) {
      firstNonBlank = r;
      break;
    }
  }
  if (firstNonBlank < 0) return null;
  let chosen = firstNonBlank;
  for (let r = firstNonBlank; r < n; r++) {
    const width = filled(rows[r]);
    if (width < 2) continue;
    const below = rows.slice(r + 1, r + 1 + DATA_SAMPLE_ROWS).map(filled).filter((w) => w > 0);
    if (below.length === 0) break;
    const dataWidth = typicalWidth(below);
    if (width < HEADER_WIDTH_SHARE * dataWidth) continue;
    const cells = rows[r].filter((v): v is string => v !== null && v.trim() !== '');
    if (cells.filter(looksLikeValue).length > HEADER_MAX_VALUE_SHARE * cells.length) continue;
    chosen = r;
    break;
  }
  const skippedRows = rows.slice(0, chosen).filter((row) => filled(row) > 0);
  const firstText = skippedRows[0]?.find((v) => v !== null && v.trim() !== '') ?? null;
  const above = chosen > 0 ? rows[chosen - 1] : null;
  const groupHeading = above !== null && filled(above) >= 2 && filled(above) < filled(rows[chosen]) && chosen - 1 >= firstNonBlank && skippedRows.length > 0 && above === skippedRows[skippedRows.length - 1];
  return {
    index: chosen,
    belowTitle: chosen > firstNonBlank,
    skipped: firstText === null ? null : `"${firstText.trim().slice(0, 60)}"`,
    groupHeading,
  };
}

/** The note for a header found below other rows (rows given 1-based as in the file or sheet). */
export function headerNote(where: string, headerRow: number, choice: HeaderChoice | null, given: boolean): string | null {
  if (given) return `The header was read from row ${headerRow} of ${where}, as chosen.`;
  if (!choice || !choice.belowTitle) return null;
  const group = choice.groupHeading
    ? ` Row ${headerRow - 1} looks like a heading over groups of columns (merged cells); it was not used for the column names, so each column is named by row ${headerRow} alone.`
    : '';
  return `The header is on row ${headerRow} of ${where}: the ${headerRow === 2 ? 'row' : 'rows'} above it (starting ${choice.skipped ?? 'blank'}) ${headerRow === 2 ? 'is a title, not' : 'are a title or notes, not'} data, and ${headerRow === 2 ? 'was' : 'were'} skipped. If that is wrong, set "header is on row" (--header-row in msvw).${group}`;
}
