/**
 * Validation of a typed extract: every row ends up imported, imported with warnings, or excluded
 * with one reason. Per-column loops over typed arrays; distinct values (dictionaries) are
 * checked once, not per row.
 *
 * Rules (what happens to a row):
 * - Excluded: no usable centre (blank or malformed ODS code), a repeated patient within a centre
 *   (the later rows), and for KPI extracts a row without usable counts (missing, negative or
 *   fractional numerator/denominator, numerator > denominator), a missing KPI id, a period that
 *   ends before it starts, or a repeated centre + KPI + period.
 * - Warning, cell cleared: a value that is unusable on its own in an optional field
 *   (unreadable date or number, EDSS outside 0-10 or not in 0.5 steps, IMD decile outside 1-10,
 *   implausible BMI, negative or fractional counts, a date before 1900).
 * - Warning, values kept: problems between values: an end date before its start date, or a date
 *   after the extract's as-of date. Both dates are kept so that measures can exclude and count
 *   the interval as invalid (domain.md, "Measure semantics").
 *
 * As-of date: given by the caller, or by default the rule in shared/data/as-of.ts (the latest date
 * in any date column that is not after the run date; domain.md: "default: latest date in the extract").
 */
import type { ColumnarTable, Column, DateColumn, NumberColumn, TextColumn } from '../data/table';
import { isoFromDays } from '../data/table';
import type { ExtractType } from '../schema/fields';
import type { ImportResult, RowProblem } from './import-result';
import { escapeCsvCell } from '../privacy/csv-safety';
import { EARLIEST_PLAUSIBLE_DATE, extractAsOf, todayDays } from '../data/as-of';

// The as-of rule and its constants live in shared/data/as-of.ts; re-exported for existing callers.
export { EARLIEST_PLAUSIBLE_DATE, extractAsOf as defaultAsOf, todayDays };

/** Row problems kept in memory; counts stay complete beyond this. */
export const PROBLEM_CAP = 10_000;

/** NHS ODS code of a trust (3 characters, R + 2) or a trust site (5 characters, R + 4) (domain.md). */
export const ODS_CENTRE_CODE = /^R[A-Z0-9]{2}(?:[A-Z0-9]{2})?$/;
/** EDSS runs 0-10 in steps of 0.5 (Kurtzke 1983). */
export const EDSS_MIN = 0;
export const EDSS_MAX = 10;
export const EDSS_STEP = 0.5;
/** English IMD 2019 deciles: 1 (most deprived) to 10 (least deprived). */
export const IMD_DECILE_MIN = 1;
export const IMD_DECILE_MAX = 10;
/**
 * Plausible adult BMI in kg/m2. Assumption: values outside 10-80 are almost always unit or typing
 * errors in routine records; records near these bounds exist but are vanishingly rare.
 */
export const BMI_MIN = 10;
export const BMI_MAX = 80;

/** Pairs of date fields where the second event can't come before the first. */
export const DATE_ORDER_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['referral_date', 'first_seen_date'],
  ['first_seen_date', 'diagnosis_date'],
  ['diagnosis_date', 'dmt_offered_date'],
  ['dmt_offered_date', 'dmt_start_date'],
  ['last_relapse_onset_date', 'last_relapse_treated_date'],
  ['previous_review_date', 'last_review_date'],
];

/** A range a numeric value must fall in; step 1 = whole numbers, 0.5 = halves, 0 = any value. */
interface NumberRule { reason: string; min: number; max: number; step: number; expect: string }

/** Numeric fields of a patient extract and the rule each value must meet. */
const NUMBER_RULES: Record<string, NumberRule> = {
  edss: { reason: 'invalid_edss', min: EDSS_MIN, max: EDSS_MAX, step: EDSS_STEP, expect: `between ${EDSS_MIN} and ${EDSS_MAX} in steps of ${EDSS_STEP}` },
  imd_decile: { reason: 'invalid_imd_decile', min: IMD_DECILE_MIN, max: IMD_DECILE_MAX, step: 1, expect: `a whole number from ${IMD_DECILE_MIN} to ${IMD_DECILE_MAX}` },
  bmi: { reason: 'implausible_bmi', min: BMI_MIN, max: BMI_MAX, step: 0, expect: `between ${BMI_MIN} and ${BMI_MAX} kg/m2` },
  relapses_12m: { reason: 'invalid_count', min: 0, max: Number.POSITIVE_INFINITY, step: 1, expect: 'a whole number, 0 or more' },
  emergency_admissions_12m: { reason: 'invalid_count', min: 0, max: Number.POSITIVE_INFINITY, step: 1, expect: 'a whole number, 0 or more' },
};

/** Status of each row after validation. */
export const ROW_OK = 0;
export const ROW_WARNING = 1;
export const ROW_EXCLUDED = 2;

/** How the as-of date was chosen. */
export type AsOfRule = 'given' | 'latest_date_not_after_run_date' | 'no_dates';

export interface ValidateOptions {
  extractType: ExtractType;
  /** File row number of each table row (RawTable.sourceRows). */
  sourceRows: Int32Array;
  /** Table column name -> source header, so messages name the column the person knows. */
  sources?: Record<string, string>;
  /** Cells the typing step could not read, per table column (row indices); already missing in the table. */
  unreadable?: Record<string, ArrayLike<number>>;
  /** As-of date (day number); default: latest date not after runDate. */
  asOf?: number;
  /** Today as a day number (default: the clock); only used to choose the default as-of. */
  runDate?: number;
  problemCap?: number;
}

export interface ValidationOutcome {
  /** ROW_OK, ROW_WARNING or ROW_EXCLUDED for each table row. */
  rowStatus: Uint8Array;
  /** Excluded rows by reason (each excluded row counted once, under its first reason). */
  excluded: Record<string, number>;
  /** Warnings by reason (counted per cell or per date pair). */
  warnings: Record<string, number>;
  /** Per table column: empty cells in the source. */
  missing: Record<string, number>;
  /** Per table column: cells with a value that could not be used (cleared). */
  invalid: Record<string, number>;
  problems: RowProblem[];
  problemsTruncated: boolean;
  /** The as-of date used (day number), or null when the extract has no dates. */
  asOf: number | null;
  asOfRule: AsOfRule;
}


/** Collects row problems up to a cap while keeping every count. */
class ProblemLog {
  readonly problems: RowProblem[] = [];
  truncated = false;
  readonly warnings: Record<string, number> = {};
  constructor(private readonly cap: number) {}
  /** Whether another problem would still be kept (lets callers skip building messages). */
  get room(): boolean {
    if (this.problems.length < this.cap) return true;
    this.truncated = true;
    return false;
  }
  add(problem: RowProblem): void {
    if (this.room) this.problems.push(problem);
  }
  countWarning(reason: string): void {
    this.warnings[reason] = (this.warnings[reason] ?? 0) + 1;
  }
}

/** Find a column by name and kind. */
function col<K extends Column['kind']>(table: ColumnarTable, name: string, kind: K): Extract<Column, { kind: K }> | undefined {
  const c = table.columns.find((x) => x.name === name);
  return c && c.kind === kind ? (c as Extract<Column, { kind: K }>) : undefined;
}

/**
 * Validate a typed extract in place: clears unusable cells, and returns each row's status, the
 * exclusions and warnings by reason, per-column missing/invalid counts and the row problems.
 */
export function validateTable(table: ColumnarTable, options: ValidateOptions): ValidationOutcome {
  const n = table.rowCount;
  const rowStatus = new Uint8Array(n);
  // Each excluded row's first reason, as an index into `reasons` (0 = none), so counts stay typed-array work.
  const reasonOf = new Uint8Array(n);
  const reasons: string[] = [''];
  const log = new ProblemLog(options.problemCap ?? PROBLEM_CAP);
  const sourceOf = (name: string): string => options.sources?.[name] ?? name;
  const fileRow = (i: number): number => options.sourceRows[i] ?? i + 1;
  const invalid: Record<string, number> = {};
  for (const c of table.columns) invalid[c.name] = 0;

  const exclude = (i: number, column: string | null, reason: string, message: () => string): void => {
    if (rowStatus[i] === ROW_EXCLUDED) return;
    rowStatus[i] = ROW_EXCLUDED;
    let r = reasons.indexOf(reason);
    if (r < 0) r = reasons.push(reason) - 1;
    reasonOf[i] = r;
    if (log.room) log.add({ row: fileRow(i), column: column ? sourceOf(column) : null, severity: 'excluded', reason, message: message() });
  };
  const warn = (i: number, column: string, reason: string, message: () => string): void => {
    log.countWarning(reason);
    if (rowStatus[i] === ROW_OK) rowStatus[i] = ROW_WARNING;
    if (log.room) log.add({ row: fileRow(i), column: sourceOf(column), severity: 'warning', reason, message: message() });
  };

  // Cells the typing step could not read: already missing; warn (or exclude, for KPI counts, below).
  const requiredCounts = options.extractType === 'kpi' ? new Set(['numerator', 'denominator']) : new Set<string>();
  for (const [name, rows] of Object.entries(options.unreadable ?? {})) {
    const c = table.columns.find((x) => x.name === name);
    if (!c) continue;
    invalid[name] += rows.length;
    if (requiredCounts.has(name)) continue;
    const reason = c.kind === 'date' ? 'invalid_date' : c.kind === 'number' ? 'invalid_number' : 'invalid_value';
    const what = c.kind === 'date' ? 'a date' : c.kind === 'number' ? 'a number' : 'a value';
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k];
      warn(i, name, reason, () => `Row ${fileRow(i)}, column "${sourceOf(name)}": the value can't be read as ${what}; it was left empty. Correct it in the source if it matters.`);
    }
  }

  const ctx: Checks = { exclude, warn, isExcluded: (i) => rowStatus[i] === ROW_EXCLUDED, sourceOf, fileRow, invalid };
  checkCentres(table, ctx);
  if (options.extractType === 'kpi') checkKpiRows(table, ctx, options.unreadable ?? {});
  else {
    checkPatientNumbers(table, ctx);
    checkDuplicatePatients(table, ctx);
  }
  checkImplausiblyOldDates(table, ctx);

  const runDate = options.runDate ?? todayDays();
  let asOf: number | null;
  let asOfRule: AsOfRule;
  if (options.asOf !== undefined && Number.isFinite(options.asOf)) {
    asOf = options.asOf;
    asOfRule = 'given';
  } else {
    asOf = extractAsOf(table, runDate);
    asOfRule = asOf === null ? 'no_dates' : 'latest_date_not_after_run_date';
  }
  if (asOf !== null) checkDatesAfterAsOf(table, asOf, ctx);
  if (options.extractType === 'patient') checkDateOrder(table, ctx);

  const missing: Record<string, number> = {};
  for (const c of table.columns) {
    let m = 0;
    if (c.kind === 'text') {
      const codes = c.codes;
      for (let i = 0; i < n; i++) if (codes[i] < 0) m++;
    } else {
      const v = c.values;
      for (let i = 0; i < n; i++) if (v[i] !== v[i]) m++;
    }
    missing[c.name] = m - invalid[c.name];
  }

  const counts = new Float64Array(reasons.length);
  for (let i = 0; i < n; i++) counts[reasonOf[i]]++;
  const excluded: Record<string, number> = {};
  for (let r = 1; r < reasons.length; r++) if (counts[r] > 0) excluded[reasons[r]] = counts[r];
  log.problems.sort((a, b) => a.row - b.row);
  return {
    rowStatus, excluded, warnings: log.warnings, missing, invalid,
    problems: log.problems, problemsTruncated: log.truncated, asOf, asOfRule,
  };
}

/** What each check needs: record an exclusion or a warning, and name rows and columns. */
interface Checks {
  exclude: (i: number, column: string | null, reason: string, message: () => string) => void;
  warn: (i: number, column: string, reason: string, message: () => string) => void;
  isExcluded: (i: number) => boolean;
  sourceOf: (column: string) => string;
  fileRow: (i: number) => number;
  invalid: Record<string, number>;
}

/** Rows without a usable centre: blank -> missing_centre_code, not an ODS code -> malformed_centre_code. */
function checkCentres(table: ColumnarTable, { exclude, sourceOf }: Checks): void {
  const centre = col(table, 'centre_code', 'text');
  if (!centre) return;
  const ok = centre.dictionary.map((v) => ODS_CENTRE_CODE.test(v));
  const codes = centre.codes;
  // Reporters sit outside the loop so the loop's variables are never captured (that would allocate per row).
  const blank = (i: number): void => exclude(i, 'centre_code', 'missing_centre_code', () => `Row excluded: column "${sourceOf('centre_code')}" is empty, so the row can't be assigned to a centre. Fill in the centre's ODS code (e.g. RTH) in the source.`);
  const malformed = (i: number, c: number): void => exclude(i, 'centre_code', 'malformed_centre_code', () => `Row excluded: centre code "${centre.dictionary[c]}" in column "${sourceOf('centre_code')}" is not an NHS ODS code (R plus 2 characters for a trust, e.g. RTH, or R plus 4 for a site, e.g. RH802). Correct it in the source.`);
  // A row labelled "Total" (in any text column) that has no usable centre is a totals row.
  const labels = table.columns.filter((c): c is TextColumn => c.kind === 'text').map((c) => ({ c, total: c.dictionary.map((v) => TOTALS_LABEL.test(v)) }));
  const totalLabel = (i: number): string | null => {
    for (const { c, total } of labels) {
      const k = c.codes[i];
      if (k >= 0 && total[k]) return c.dictionary[k];
    }
    return null;
  };
  const totals = (i: number, label: string): void => exclude(i, null, TOTALS_ROW, () => `Row excluded: it is a totals row ("${label}"), not a patient or centre; the workbench works out its own totals. Nothing to fix.`);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && ok[c]) continue;
    const label = totalLabel(i);
    if (label !== null) totals(i, label);
    else if (c < 0) blank(i);
    else malformed(i, c);
  }
}

/** Labels of a totals or subtotals row ("Total", "Grand total", "Totals:", "Sum", "All centres"). */
export const TOTALS_LABEL = /^\s*(?:grand\s+|sub[\s-]?)?totals?\b[\s:]*.{0,30}$|^\s*(?:sum|all\s+(?:centres|centers|trusts|sites|providers|patients))\s*:?\s*$/i;
/** Reason of a totals row (read, named, excluded). */
export const TOTALS_ROW = 'totals_row';

/** Later rows of a patient already seen in the same centre are excluded (duplicate_patient). */
function checkDuplicatePatients(table: ColumnarTable, { exclude, isExcluded, fileRow, sourceOf }: Checks): void {
  const patient = col(table, 'patient_id', 'text');
  if (!patient) return;
  const centre = col(table, 'centre_code', 'text');
  const pCodes = patient.codes;
  const cCodes = centre?.codes;
  const nCentres = centre ? centre.dictionary.length + 1 : 1;
  // First centre and first row per patient; a Map only for patients seen in more than one centre.
  const firstCentre = new Int32Array(patient.dictionary.length).fill(-2);
  const firstRow = new Int32Array(patient.dictionary.length);
  const otherCentres = new Map<number, number>();
  const repeat = (i: number, p: number, earlier: number): void => exclude(i, 'patient_id', 'duplicate_patient', () => `Row excluded: patient "${patient.dictionary[p]}" in column "${sourceOf('patient_id')}" already appears in this centre on row ${fileRow(earlier)}; only the first row is kept. Remove the repeat in the source.`);
  for (let i = 0; i < pCodes.length; i++) {
    const p = pCodes[i];
    if (p < 0) continue;
    if (isExcluded(i)) continue; // already excluded (no usable centre): it can't be the first of a patient
    const c = cCodes ? cCodes[i] : 0;
    let earlier = -1;
    if (firstCentre[p] === -2) {
      firstCentre[p] = c;
      firstRow[p] = i;
    } else if (firstCentre[p] === c) {
      earlier = firstRow[p];
    } else {
      const key = p * nCentres + c;
      const seen = otherCentres.get(key);
      if (seen === undefined) otherCentres.set(key, i);
      else earlier = seen;
    }
    if (earlier >= 0) repeat(i, p, earlier);
  }
}

/** EDSS, IMD decile, BMI and counts that break their rule are cleared with a warning. */
function checkPatientNumbers(table: ColumnarTable, { warn, invalid, sourceOf }: Checks): void {
  for (const [name, rule] of Object.entries(NUMBER_RULES)) {
    const c = col(table, name, 'number');
    if (!c) continue;
    clearOutside(c, rule.min, rule.max, rule.step, (i, v) => {
      invalid[name]++;
      warn(i, name, rule.reason, () => `Column "${sourceOf(name)}": ${v} is not ${rule.expect}; the value was left empty. Correct it in the source if it matters.`);
    });
  }
}

/** Clear the present values of a number or date column outside [min, max] or off the step (0 = any). */
function clearOutside(c: NumberColumn | DateColumn, min: number, max: number, step: number, onCleared: (row: number, value: number) => void): void {
  const v = c.values;
  const n = v.length;
  if (step === 0) {
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x < min || x > max) {
        v[i] = Number.NaN;
        onCleared(i, x);
      }
    }
    return;
  }
  const perStep = 1 / step;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    const steps = x * perStep;
    if (x < min || x > max || (steps !== Math.floor(steps) && x === x)) {
      v[i] = Number.NaN;
      onCleared(i, x);
    }
  }
}

/** Dates before 1900 are cleared with a warning. */
function checkImplausiblyOldDates(table: ColumnarTable, { warn, invalid, sourceOf }: Checks): void {
  for (const c of table.columns) {
    if (c.kind !== 'date') continue;
    clearOutside(c, EARLIEST_PLAUSIBLE_DATE, Number.POSITIVE_INFINITY, 0, (i, v) => {
      invalid[c.name]++;
      warn(i, c.name, 'implausible_date', () => `Column "${sourceOf(c.name)}": ${isoFromDays(v)} is before 1900, so it is taken to be a typing error; the value was left empty.`);
    });
  }
}

/** Dates after the as-of date are kept and warned about (measures exclude them). */
function checkDatesAfterAsOf(table: ColumnarTable, asOf: number, { warn, sourceOf }: Checks): void {
  const asOfIso = isoFromDays(asOf);
  for (const c of table.columns) {
    if (c.kind !== 'date') continue;
    const v = c.values;
    const late = (i: number, d: number): void => warn(i, c.name, 'date_after_as_of', () => `Column "${sourceOf(c.name)}": ${isoFromDays(d)} is after the extract's as-of date ${asOfIso}; the row is kept, and measures will treat this date as invalid. Check the date, or set a later as-of date.`);
    for (let i = 0; i < v.length; i++) if (v[i] > asOf) late(i, v[i]);
  }
}

/** End dates before their start dates are kept and warned about (measures exclude the interval). */
function checkDateOrder(table: ColumnarTable, { warn, sourceOf }: Checks): void {
  for (const [startName, endName] of DATE_ORDER_PAIRS) {
    const start = col(table, startName, 'date');
    const end = col(table, endName, 'date');
    if (!start || !end) continue;
    const s = start.values;
    const e = end.values;
    const early = (i: number, ev: number, sv: number): void => warn(i, endName, 'end_before_start', () => `Column "${sourceOf(endName)}" (${isoFromDays(ev)}) is before "${sourceOf(startName)}" (${isoFromDays(sv)}); both dates are kept and measures using this interval will exclude the row. Check both dates in the source.`);
    for (let i = 0; i < s.length; i++) if (e[i] < s[i]) early(i, e[i], s[i]);
  }
}

/** KPI rows: usable counts, a KPI id, a period in order, one row per centre, KPI and period. */
function checkKpiRows(table: ColumnarTable, ctx: Checks, unreadable: Record<string, ArrayLike<number>>): void {
  const { exclude, invalid, sourceOf, isExcluded, fileRow } = ctx;
  const num = col(table, 'numerator', 'number');
  const den = col(table, 'denominator', 'number');
  const unreadableRows = (name: string): Set<number> => new Set(Array.from(unreadable[name] ?? []));
  for (const [c, name] of [[num, 'numerator'], [den, 'denominator']] as const) {
    if (!c) continue;
    const bad = unreadableRows(name);
    const v = c.values;
    const unread = (i: number): void => exclude(i, name, 'invalid_count', () => `Row excluded: column "${sourceOf(name)}" can't be read as a number. Correct the ${name} in the source.`);
    const empty = (i: number): void => exclude(i, name, 'missing_count', () => `Row excluded: column "${sourceOf(name)}" is empty; a KPI row needs both numerator and denominator. Fill it in the source.`);
    const notCount = (i: number, x: number): void => {
      invalid[name]++;
      exclude(i, name, 'invalid_count', () => `Row excluded: ${name} ${x} in column "${sourceOf(name)}" is not a whole number of 0 or more. Correct it in the source.`);
    };
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (bad.has(i)) unread(i);
      else if (x !== x) empty(i);
      else if (!(Number.isInteger(x) && x >= 0)) notCount(i, x);
    }
  }
  if (num && den) {
    const a = num.values;
    const b = den.values;
    const over = (i: number, x: number, y: number): void => exclude(i, 'numerator', 'numerator_exceeds_denominator', () => `Row excluded: numerator ${x} is larger than denominator ${y}. Correct the counts in the source.`);
    for (let i = 0; i < a.length; i++) if (a[i] > b[i]) over(i, a[i], b[i]);
  }
  const kpi = col(table, 'kpi_id', 'text');
  if (kpi) {
    for (let i = 0; i < kpi.codes.length; i++) {
      if (kpi.codes[i] < 0) exclude(i, 'kpi_id', 'missing_kpi_id', () => `Row excluded: column "${sourceOf('kpi_id')}" is empty, so the counts can't be tied to a KPI. Fill it in the source.`);
    }
  }
  const ps = col(table, 'period_start', 'date');
  const pe = col(table, 'period_end', 'date');
  if (ps && pe) {
    const backwards = (i: number, s: number, e: number): void => exclude(i, 'period_end', 'period_end_before_start', () => `Row excluded: period end ${isoFromDays(e)} is before period start ${isoFromDays(s)}. Correct the period in the source.`);
    for (let i = 0; i < ps.values.length; i++) if (pe.values[i] < ps.values[i]) backwards(i, ps.values[i], pe.values[i]);
  }
  const centre = col(table, 'centre_code', 'text');
  const seen = new Map<string, number>();
  const repeated = (i: number, first: number): void => exclude(i, null, 'duplicate_kpi_row', () => `Row excluded: the same centre, KPI and period already appear on row ${fileRow(first)}; only the first is kept. Remove the repeat in the source.`);
  for (let i = 0; i < table.rowCount; i++) {
    if (isExcluded(i)) continue;
    const key = [
      centre ? centre.codes[i] : -1, kpi ? kpi.codes[i] : -1,
      ps ? ps.values[i] : Number.NaN, pe ? pe.values[i] : Number.NaN,
    ].join('|');
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else repeated(i, first);
  }
}

/** What the exported validation report needs from an import (an ImportResult, or a stored dataset's summary). */
export type ValidationReportInput = Pick<ImportResult, 'fileName' | 'columns' | 'accounting' | 'problems' | 'problemsTruncated'>
  & Partial<Pick<ImportResult, 'identifiers'>>
  & { asOf?: number | null; asOfRule?: AsOfRule };

/** One cell of the report, safe to open in a spreadsheet (the app's one CSV writer, shared/privacy/csv-safety.ts). */
export function csvCell(value: string | number | null | undefined): string {
  return escapeCsvCell(value);
}

const REPORT_HEADER = ['section', 'row', 'column', 'field', 'type', 'missing', 'invalid', 'severity', 'reason', 'count', 'message'];

/**
 * The validation report as one CSV: a summary (rows read, imported, with warnings, excluded by
 * reason, as-of date), one line per column (missing and invalid counts), one per identifier
 * column, and one per row problem.
 */
export function validationReportCsv(result: ValidationReportInput): string {
  const lines: string[] = [REPORT_HEADER.join(',')];
  const line = (cells: Partial<Record<(typeof REPORT_HEADER)[number], string | number | null>>): void => {
    lines.push(REPORT_HEADER.map((h) => csvCell(cells[h])).join(','));
  };
  const a = result.accounting;
  line({ section: 'summary', reason: 'rows_read', count: a.rowsRead, message: `File ${result.fileName}` });
  line({ section: 'summary', reason: 'rows_imported', count: a.rowsImported });
  line({ section: 'summary', reason: 'rows_with_warnings', count: a.rowsWithWarnings });
  for (const [reason, count] of Object.entries(a.rowsExcluded)) line({ section: 'excluded', severity: 'excluded', reason, count });
  if (result.asOf !== undefined && result.asOf !== null) {
    line({ section: 'summary', reason: 'as_of_date', message: `${isoFromDays(result.asOf)} (${result.asOfRule === 'given' ? 'set for this import' : 'latest date in the extract not after the import date'})` });
  }
  for (const c of result.columns) {
    line({ section: 'column', column: c.source, field: c.field, type: c.dateOrder ? `${c.type} (${c.dateOrder})` : c.type, missing: c.missing, invalid: c.invalid });
  }
  for (const f of result.identifiers ?? []) {
    line({ section: 'identifier', column: f.column, type: f.kind, reason: f.action });
  }
  for (const p of result.problems) {
    line({ section: 'problem', row: p.row, column: p.column, severity: p.severity, reason: p.reason, message: p.message });
  }
  if (result.problemsTruncated) {
    line({ section: 'summary', reason: 'problems_truncated', message: `Only the first ${result.problems.length} row problems are listed; the counts above are complete.` });
  }
  return lines.join('\r\n') + '\r\n';
}
