/**
 * Small-number suppression for anything that leaves the machine (domain.md, "Small-number
 * suppression"): NHS Digital shows `*` for sub-national figures based on 1-7 people (since 2018);
 * older HES practice suppressed 1-5. Zero is not suppressed by default (NHS Digital practice: a
 * zero discloses nothing about a person), but can be.
 *
 * Rules, in order:
 * 1. Primary: a count in the threshold range (default 1-7) is replaced by `*`.
 * 2. Secondary (complementary): the table's counts sit in sums whose totals are published: each row's
 *    count columns add up to its `totalColumn`, and, with `groupBy`, each column adds up over the
 *    rows of a group to a group total published elsewhere (`groupBy: []`: one grand total, e.g. the
 *    national figure, which a pooled target times the published denominators reveals). Whenever one
 *    of those sums has exactly one hidden cell, the hidden count could be got back by subtraction, so
 *    the next smallest published count in that sum is hidden too (a non-zero count in preference to
 *    a zero, a part in preference to the row total, the earlier row first). This repeats until no
 *    sum has a single hidden cell. A final audit solves all the sums together (Gaussian elimination)
 *    and, if some hidden count is still pinned down by combining several sums, hides the smallest
 *    published count in a sum that involves it, and repeats.
 * 3. Derived: a value computed from a hidden count (a percentage, a confidence interval) is hidden
 *    with it, as declared by `derived: {column: [columns it depends on]}`.
 *
 * Guarantee: no hidden count equals any linear combination of published cells and totals; when no
 * further count can be hidden to achieve that (a row that is its group's only row, with the group
 * total published), suppressTable throws a SuppressionError rather than publish. Not
 * covered: bounds reasoning (e.g. knowing that every `*` lies between 1 and 7); every `*` may also
 * be a secondary suppression of any size, which is what keeps such reasoning from pinning values.
 */

/** A table cell: text, a number, a flag, or empty. */
export type TableValue = string | number | boolean | null | undefined;

/** One table row, keyed by column name. */
export type TableRow = Record<string, TableValue>;

/** The inclusive range of counts that is hidden. */
export interface SuppressionThreshold {
  min: number;
  max: number;
}

/** NHS Digital disclosure control since 2018: counts of 1-7 people are shown as `*`. */
export const NHS_DIGITAL_THRESHOLD: Readonly<SuppressionThreshold> = Object.freeze({ min: 1, max: 7 });

/** Older Hospital Episode Statistics (HES) practice: counts of 1-5 are suppressed. */
export const HES_LEGACY_THRESHOLD: Readonly<SuppressionThreshold> = Object.freeze({ min: 1, max: 5 });

/** What a suppressed cell shows (NHS Digital convention). */
export const SUPPRESSION_MARKER = '*';

export interface SuppressionOptions {
  /** Columns of counts of people (parts of a row total when `totalColumn` is given). */
  countColumns: readonly string[];
  /** Counts in this range are hidden (default NHS_DIGITAL_THRESHOLD, 1-7). */
  threshold?: SuppressionThreshold;
  /** Hide zeros too (default false: NHS Digital shows zeros). */
  suppressZero?: boolean;
  /** A published column holding each row's sum of the count columns; itself a count, so also suppressed. */
  totalColumn?: string;
  /**
   * Columns whose values group rows whose column totals are published; [] means the whole table is
   * one group (a published grand total); leave undefined when no column totals are published.
   */
  groupBy?: readonly string[];
  /** Apply secondary suppression (default true). */
  secondary?: boolean;
  /** Derived columns and the count columns they are computed from, e.g. {'%': ['Numerator', 'n']}. */
  derived?: Readonly<Record<string, readonly string[]>>;
  /** What a hidden cell shows (default '*'). */
  marker?: string;
}

/** Why a cell was hidden. */
export type SuppressionReason = 'primary' | 'secondary' | 'derived';

/** One hidden cell: 0-based row index and column name. */
export interface SuppressedCell {
  row: number;
  column: string;
  reason: SuppressionReason;
}

/** A row after suppression: any cell may now hold the marker. */
export type SuppressedRow<R extends TableRow> = { [K in keyof R]: R[K] | string };

export interface SuppressionResult<R extends TableRow> {
  rows: SuppressedRow<R>[];
  suppressedCells: SuppressedCell[];
  /** Footnote for the published table. */
  note: string;
}

/** A suppression request that cannot be carried out as asked, naming the row, column and what to do. */
export class SuppressionError extends Error {
  constructor(message: string, readonly row?: number, readonly column?: string) {
    super(message);
    this.name = 'SuppressionError';
  }
}

/** Pivot tolerance of the audit's elimination (the sums have coefficients of 1 and -1). */
const ELIMINATION_TOLERANCE = 1e-9;

/** A published sum as a linear equation: the parts (+1) minus the total (-1) make 0. */
export interface SumGroup {
  cells: number[];
  coefficients: number[];
}

/** Counts laid out for suppression: values, publication state and the sums they sit in. */
interface CellGrid {
  /** Column of each real cell (count columns, then the total column). */
  columns: string[];
  rowCount: number;
  /** Value per cell id; NaN when missing. Ids beyond the real cells are group totals published elsewhere. */
  values: number[];
  /** Cell is a group total published elsewhere (never a candidate for hiding). */
  external: boolean[];
  hidden: boolean[];
  reason: (SuppressionReason | null)[];
  sums: SumGroup[];
  sumsOfCell: number[][];
}

/** Throws unless the threshold is a range of whole counts starting at 1 or more. */
function checkThreshold(threshold: SuppressionThreshold): void {
  const { min, max } = threshold;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new SuppressionError(
      `The suppression threshold must be whole counts with 1 <= min <= max (e.g. 1-7, or 1-5 for older HES practice), but it was ${min}-${max}. To hide zeros as well, set suppressZero.`,
    );
  }
}

/** A count cell as a number (NaN when empty), or an error naming the row and column. */
function readCount(value: TableValue, row: number, column: string): number {
  if (value === null || value === undefined || value === '') return Number.NaN;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) {
    throw new SuppressionError(
      `Row ${row + 1}, column "${column}": ${JSON.stringify(value)} is not a count of people. Suppress the original whole counts (0 or more), not a rounded or already-suppressed table.`,
      row, column,
    );
  }
  return n;
}

/** True when a count is hidden by primary suppression. */
function isPrimary(value: number, threshold: SuppressionThreshold, suppressZero: boolean): boolean {
  return (value >= threshold.min && value <= threshold.max) || (suppressZero && value === 0);
}

/** The grid of count cells, primary suppression applied, and the published sums they sit in. */
function buildGrid(rows: readonly TableRow[], options: SuppressionOptions, threshold: SuppressionThreshold, suppressZero: boolean): CellGrid {
  const columns = [...options.countColumns, ...(options.totalColumn !== undefined ? [options.totalColumn] : [])];
  const width = columns.length;
  const values: number[] = [];
  rows.forEach((row, r) => columns.forEach((column) => values.push(readCount(row[column], r, column))));
  const external = values.map(() => false);
  const sums: SumGroup[] = [];
  // A sum's last cell is its total; missing cells take no part.
  const add = (cells: number[]): void => {
    const present = cells.filter((id) => !Number.isNaN(values[id]));
    const total = cells[cells.length - 1];
    if (present.length > 1) sums.push({ cells: present, coefficients: present.map((id) => (id === total ? -1 : 1)) });
  };
  if (options.totalColumn !== undefined) {
    for (let r = 0; r < rows.length; r++) add(columns.map((_, c) => r * width + c));
  }
  if (options.groupBy !== undefined) {
    const groups = new Map<string, number[]>();
    rows.forEach((row, r) => {
      const key = JSON.stringify(options.groupBy?.map((g) => row[g] ?? null));
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    });
    for (const members of groups.values()) {
      for (let c = 0; c < width; c++) {
        const cells = members.map((r) => r * width + c).filter((id) => !Number.isNaN(values[id]));
        if (cells.length === 0) continue;
        // The group total is published elsewhere unless it is itself a small number.
        const total = cells.reduce((sum, id) => sum + values[id], 0);
        const totalId = values.length;
        values.push(total);
        external.push(true);
        add([...cells, totalId]);
      }
    }
  }
  // A group total that is itself a small number is taken as unpublished (suppressed where it appears).
  const hidden = values.map((v) => !Number.isNaN(v) && isPrimary(v, threshold, suppressZero));
  const reason: (SuppressionReason | null)[] = hidden.map((h, id) => (h && !external[id] ? 'primary' : null));
  const sumsOfCell: number[][] = values.map(() => []);
  sums.forEach((s, k) => s.cells.forEach((id) => sumsOfCell[id].push(k)));
  return { columns, rowCount: rows.length, values, external, hidden, reason, sums, sumsOfCell };
}

/**
 * Order of candidates for secondary suppression: a non-zero count before a zero, then the smallest,
 * then a part before the row total, then the earlier cell.
 */
function candidateKey(grid: CellGrid, id: number, hasTotalColumn: boolean): number[] {
  const v = grid.values[id];
  const width = grid.columns.length;
  const isTotal = hasTotalColumn && id % width === width - 1 ? 1 : 0;
  return [v > 0 ? 0 : 1, v, isTotal, id];
}

/** Lexicographic comparison of candidate keys. */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * A published count of the table that hiding would protect: in every sum it belongs to, some other
 * cell is hidden or could be (a count pinned by a published group total alone cannot be hidden).
 */
function isHideable(grid: CellGrid, id: number): boolean {
  if (grid.hidden[id] || grid.external[id] || Number.isNaN(grid.values[id])) return false;
  return grid.sumsOfCell[id].every((k) => grid.sums[k].cells.some((j) => j !== id && (grid.hidden[j] || !grid.external[j])));
}

/** The published count to hide next among the given cells, or -1 when none is left. */
function nextToHide(grid: CellGrid, cells: Iterable<number>, hasTotalColumn: boolean): number {
  let best = -1;
  let bestKey: number[] | null = null;
  for (const id of cells) {
    if (!isHideable(grid, id)) continue;
    const key = candidateKey(grid, id, hasTotalColumn);
    if (bestKey === null || compareKeys(key, bestKey) < 0) {
      best = id;
      bestKey = key;
    }
  }
  return best;
}

/** Hides every sum's lone hidden cell's smallest partner until no sum has exactly one hidden cell. */
function protectSingleHidden(grid: CellGrid, hasTotalColumn: boolean, start: Iterable<number>): void {
  const queue = [...start];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const k = queue.shift() as number;
    queued.delete(k);
    const cells = grid.sums[k].cells;
    const hiddenCells = cells.filter((id) => grid.hidden[id]);
    // A lone hidden group total is protected (or not) where it is published, not here.
    if (hiddenCells.length !== 1 || grid.external[hiddenCells[0]]) continue;
    const id = nextToHide(grid, cells, hasTotalColumn);
    if (id < 0) continue;
    grid.hidden[id] = true;
    grid.reason[id] = 'secondary';
    for (const other of grid.sumsOfCell[id]) {
      if (!queued.has(other)) {
        queue.push(other);
        queued.add(other);
      }
    }
  }
}

/**
 * Hidden cells whose value follows from the published cells and totals: with the sums as linear
 * equations in the hidden cells, a cell is determined when its unit vector lies in the row space,
 * i.e. in reduced row-echelon form some row has its only non-zero entry in that cell's column.
 */
export function determinedCells(sums: readonly SumGroup[], hidden: ReadonlySet<number>): number[] {
  const unknowns = [...hidden].sort((a, b) => a - b);
  const column = new Map(unknowns.map((id, j) => [id, j]));
  const matrix: number[][] = [];
  for (const { cells, coefficients } of sums) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    cells.forEach((id, k) => {
      const j = column.get(id);
      if (j !== undefined) {
        row[j] += coefficients[k];
        any = true;
      }
    });
    if (any) matrix.push(row);
  }
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let j = 0; j < unknowns.length && pivotRow < matrix.length; j++) {
    let best = pivotRow;
    for (let i = pivotRow + 1; i < matrix.length; i++) if (Math.abs(matrix[i][j]) > Math.abs(matrix[best][j])) best = i;
    if (Math.abs(matrix[best][j]) < ELIMINATION_TOLERANCE) continue;
    [matrix[pivotRow], matrix[best]] = [matrix[best], matrix[pivotRow]];
    const p = matrix[pivotRow][j];
    for (let k = j; k < unknowns.length; k++) matrix[pivotRow][k] /= p;
    for (let i = 0; i < matrix.length; i++) {
      if (i === pivotRow) continue;
      const f = matrix[i][j];
      if (Math.abs(f) < ELIMINATION_TOLERANCE) continue;
      for (let k = j; k < unknowns.length; k++) matrix[i][k] -= f * matrix[pivotRow][k];
    }
    pivots.push(j);
    pivotRow++;
  }
  const determined: number[] = [];
  pivots.forEach((j, i) => {
    const onlyThis = matrix[i].every((v, k) => k === j || Math.abs(v) < ELIMINATION_TOLERANCE);
    if (onlyThis) determined.push(unknowns[j]);
  });
  return determined.sort((a, b) => a - b);
}

/** Secondary suppression: the single-hidden rule, then the audit of all sums together, until nothing hidden can be worked out. */
function secondarySuppression(grid: CellGrid, hasTotalColumn: boolean): void {
  protectSingleHidden(grid, hasTotalColumn, grid.sums.keys());
  const realCells = grid.rowCount * grid.columns.length;
  for (;;) {
    const hiddenIds = new Set<number>();
    grid.hidden.forEach((h, id) => { if (h) hiddenIds.add(id); });
    // Only the table's own cells matter: a small group total is published (suppressed) elsewhere.
    const determined = determinedCells(grid.sums, hiddenIds).filter((id) => id < realCells);
    if (determined.length === 0) return;
    let chosen = -1;
    for (const id of determined) {
      const partners = new Set(grid.sumsOfCell[id].flatMap((k) => grid.sums[k].cells));
      chosen = nextToHide(grid, partners, hasTotalColumn);
      if (chosen >= 0) break;
    }
    if (chosen < 0) {
      // Nothing left to hide next to a determined cell: hide the smallest published count anywhere.
      chosen = nextToHide(grid, grid.values.keys(), hasTotalColumn);
    }
    if (chosen < 0) {
      const id = determined[0];
      const row = Math.floor(id / grid.columns.length);
      const column = grid.columns[id % grid.columns.length];
      throw new SuppressionError(
        `Row ${row + 1}, column "${column}": the hidden count can still be worked out from the published totals, and no other count can be hidden to prevent it. ` +
          'Publish the table without group totals (leave groupBy unset), or combine small rows before suppressing.',
        row, column,
      );
    }
    grid.hidden[chosen] = true;
    grid.reason[chosen] = 'secondary';
    protectSingleHidden(grid, hasTotalColumn, grid.sumsOfCell[chosen]);
  }
}

/** The footnote describing the suppression applied. */
export function suppressionNote(options: Pick<SuppressionOptions, 'threshold' | 'suppressZero' | 'secondary' | 'derived' | 'marker'> = {}): string {
  const { min, max } = options.threshold ?? NHS_DIGITAL_THRESHOLD;
  const marker = options.marker ?? SUPPRESSION_MARKER;
  const parts = [`Counts of ${options.suppressZero ? `0 and ${min}-${max}` : `${min}-${max}`} are suppressed (${marker}) to protect confidentiality${options.suppressZero ? '' : '; zeros are shown'}.`];
  if (options.secondary ?? true) parts.push(`Further counts are suppressed (${marker}) where a hidden count could otherwise be worked out from totals.`);
  if (options.derived && Object.keys(options.derived).length > 0) parts.push(`Values calculated from a suppressed count (such as percentages and confidence intervals) are suppressed too.`);
  return parts.join(' ');
}

/**
 * Suppresses small counts in a table for publication: primary (counts in the threshold range),
 * secondary (so no hidden count can be recovered from published totals) and derived values.
 */
export function suppressTable<R extends TableRow>(rows: readonly R[], options: SuppressionOptions): SuppressionResult<R> {
  const threshold = options.threshold ?? NHS_DIGITAL_THRESHOLD;
  checkThreshold(threshold);
  const suppressZero = options.suppressZero ?? false;
  const marker = options.marker ?? SUPPRESSION_MARKER;
  if (options.countColumns.length === 0) throw new SuppressionError('Name at least one count column to suppress (e.g. countColumns: ["Numerator", "n"]).');
  const derived = options.derived ?? {};
  const suppressible = new Set([...options.countColumns, ...(options.totalColumn ? [options.totalColumn] : []), ...Object.keys(derived)]);
  for (const [column, sources] of Object.entries(derived)) {
    for (const source of sources) {
      if (!suppressible.has(source)) {
        throw new SuppressionError(`The derived column "${column}" depends on "${source}", which is not a count, total or derived column: add it to countColumns or remove it.`, undefined, column);
      }
    }
  }

  const grid = buildGrid(rows, options, threshold, suppressZero);
  if (options.secondary ?? true) secondarySuppression(grid, options.totalColumn !== undefined);

  const width = grid.columns.length;
  const hiddenAt = new Map<string, SuppressionReason>();
  for (let id = 0; id < grid.rowCount * width; id++) {
    const why = grid.reason[id];
    if (grid.hidden[id] && why) hiddenAt.set(`${Math.floor(id / width)}\u0000${grid.columns[id % width]}`, why);
  }
  // Derived values follow their sources, repeating for values derived from derived values.
  for (let changed = true; changed;) {
    changed = false;
    for (let r = 0; r < rows.length; r++) {
      for (const [column, sources] of Object.entries(derived)) {
        const key = `${r}\u0000${column}`;
        if (!hiddenAt.has(key) && sources.some((s) => hiddenAt.has(`${r}\u0000${s}`))) {
          hiddenAt.set(key, 'derived');
          changed = true;
        }
      }
    }
  }

  const out = rows.map((row) => ({ ...row }) as SuppressedRow<R>);
  const suppressedCells: SuppressedCell[] = [];
  for (const [key, reason] of hiddenAt) {
    const [r, column] = key.split('\u0000');
    const row = Number(r);
    (out[row] as Record<string, TableValue>)[column] = marker;
    suppressedCells.push({ row, column, reason });
  }
  suppressedCells.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  return { rows: out, suppressedCells, note: suppressionNote({ ...options, threshold, suppressZero }) };
}
