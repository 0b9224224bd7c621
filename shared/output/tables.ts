/**
 * The table beside each view, as it is shown and exported: the tier summary (per standard, centres
 * and patients at each tier) and the centre profile (Fingertips' columns). Both go through the
 * same suppression rules as the league table (publish.ts): counts of people in the suppression
 * range are `*`, and what is computed from them is hidden with them. Counts of centres are not
 * counts of people and are shown.
 */
import type { ProfileRow } from '../analysis/profile';
import type { TierSummaryRow } from '../analysis/tiers';
import { suppressTable, SUPPRESSION_MARKER, type TableValue } from '../privacy/suppression';
import type { Tier, TierClass } from '../standards/schema';
import { ROUNDING_BASE, roundToBase, suppressionThreshold, type PublicationDataset, type SuppressionRule, DEFAULT_SUPPRESSION, NO_SUPPRESSION_WARNING } from './publish';
import { formatPercent, PROVISIONAL_MARKER, provisionalSuffix, TIER_WORDS } from './words';

/** A table ready to show or export: headings in order, rows keyed by heading, footnote lines. */
export interface OutputTable {
  columns: string[];
  rows: Record<string, TableValue>[];
  footnote: string[];
  /** True when any row is built on a provisional standard. */
  provisional: boolean;
}

/** Shown in a tier cell when the standard has no such tier. */
export const ABSENT_TIER_WORD = 'no such tier';

/** Tier classes in table order, most demanding first. */
const CLASSES: readonly TierClass[] = ['aspirational', 'achievable', 'core', 'below core'];

/** Counts people: shown, `*` or rounded as the rule says. */
function countRule(rule: SuppressionRule): { threshold: ReturnType<typeof suppressionThreshold>; round: boolean } {
  return { threshold: suppressionThreshold(rule), round: rule === 'round5' };
}

/** Options of a table: the suppression rule and where the data came from. */
export interface TableOptions {
  suppression?: SuppressionRule;
  dataset?: PublicationDataset;
}

/** The dataset line of a footnote, as publishVariation prints it. */
export function datasetLine(d: PublicationDataset | undefined): string[] {
  if (!d) return [];
  return [`Dataset: ${d.fileName}${d.sha256 ? `, SHA-256 starting ${d.sha256.slice(0, 12).toLowerCase()}` : ''}${d.importedAt ? `, imported ${d.importedAt}` : ''}`];
}

/** The suppression lines of a footnote. */
function suppressionLines(rule: SuppressionRule, note: string | null): string[] {
  if (rule === 'none') return [NO_SUPPRESSION_WARNING];
  const lines = note ? [`Suppression: ${note}`] : [];
  if (rule === 'round5') lines.push(`Other counts of patients are rounded to the nearest ${ROUNDING_BASE}.`);
  return lines;
}

/**
 * The tier summary table: one row per standard, centres and patients at each tier (aspirational,
 * achievable, core, below core) and the patients in all; a tier the standard does not have reads
 * "no such tier"; a standard with no tiers, or that could not be measured, says why.
 */
export function tierSummaryTable(rows: readonly TierSummaryRow[], options: TableOptions = {}): OutputTable {
  const rule = options.suppression ?? DEFAULT_SUPPRESSION;
  const centreCol = (c: TierClass): string => `Centres: ${TIER_WORDS[c]}`;
  const patientCol = (c: TierClass): string => `Patients: ${TIER_WORDS[c]}`;
  const columns = ['Standard', 'Period', ...CLASSES.map(centreCol), ...CLASSES.map(patientCol), 'Patients: all', 'Note'];
  const tiered = rows.filter((r) => r.error === null && r.tiers.length > 0);
  const working = tiered.map((r) => {
    const row: Record<string, TableValue> = {};
    for (const c of CLASSES) row[patientCol(c)] = r.patients[c];
    row['Patients: all'] = CLASSES.reduce((s, c) => s + r.patients[c], 0);
    return row;
  });
  const { threshold, round } = countRule(rule);
  const suppressed = threshold && working.length
    ? suppressTable(working, { countColumns: CLASSES.map(patientCol), totalColumn: 'Patients: all', threshold })
    : null;
  const out: Record<string, TableValue>[] = rows.map((r) => {
    const row: Record<string, TableValue> = { Standard: `${r.shortTitle}${provisionalSuffix(r.provenance)}`, Period: r.period || null };
    const k = tiered.indexOf(r);
    if (r.error !== null || k < 0) {
      for (const c of CLASSES) { row[centreCol(c)] = null; row[patientCol(c)] = null; }
      row['Patients: all'] = null;
      row.Note = r.error !== null ? `Not measured: ${r.error}` : 'This standard has no tiers.';
      return row;
    }
    const present = new Set<TierClass>([...r.tiers, 'below core']);
    for (const c of CLASSES) {
      if (!present.has(c)) { row[centreCol(c)] = ABSENT_TIER_WORD; row[patientCol(c)] = ABSENT_TIER_WORD; continue; }
      row[centreCol(c)] = r.groups[c];
      const v = (suppressed ? suppressed.rows[k] : working[k])[patientCol(c)];
      row[patientCol(c)] = round && typeof v === 'number' ? roundToBase(v) : v;
    }
    const total = (suppressed ? suppressed.rows[k] : working[k])['Patients: all'];
    row['Patients: all'] = round && typeof total === 'number' ? roundToBase(total) : total;
    const missing = (['aspirational', 'achievable', 'core'] as Tier[]).filter((t) => !r.tiers.includes(t));
    row.Note = missing.length ? `No ${missing.join(' or ')} tier for this standard.` : null;
    return row;
  });
  const provisional = rows.some((r) => r.provenance === 'provisional');
  const footnote = [
    'Each centre is counted at the highest tier it meets for the standard; patients are the denominators of those centres.',
    ...suppressionLines(rule, suppressed?.note ?? null),
    ...datasetLine(options.dataset),
    ...(provisional ? [`${PROVISIONAL_MARKER}: standards marked (provisional) have definitions or tier values not yet confirmed from their source.`] : []),
  ];
  return { columns, rows: out, footnote, provisional };
}

/** Fingertips' profile columns, in order. */
export const PROFILE_COLUMNS = ['Indicator', 'Period', 'Count', 'Value', 'Benchmark value', 'Worst', 'Best', 'Band'] as const;

/** Comparison with the benchmark, in words (Fingertips). */
const COMPARISON_WORDS: Readonly<Record<ProfileRow['comparison'], string>> = Object.freeze({
  better: 'Better than benchmark', similar: 'Similar to benchmark', worse: 'Worse than benchmark',
  higher: 'Higher than benchmark', lower: 'Lower than benchmark', 'not compared': 'Not compared',
});

/**
 * The centre profile table with Fingertips' columns: indicator, period, count (the centre's
 * numerator), value (its percentage), benchmark value (all centres pooled), worst, best and band
 * (compared with the benchmark). A suppressed count hides the value and band with it.
 */
export function profileTable(rows: readonly ProfileRow[], centre: string, options: TableOptions = {}): OutputTable {
  const rule = options.suppression ?? DEFAULT_SUPPRESSION;
  const { threshold, round } = countRule(rule);
  const working = rows.map((r) => ({ Count: r.numerator ?? null, 'Not meeting': r.n !== null && r.numerator !== null ? r.n - r.numerator : null, n: r.n ?? null }));
  const suppressed = threshold ? suppressTable(working, { countColumns: ['Count', 'Not meeting'], totalColumn: 'n', threshold }) : null;
  const out = rows.map((r, k) => {
    const cells = suppressed ? suppressed.rows[k] : working[k];
    const hidden = cells.Count === SUPPRESSION_MARKER || cells.n === SUPPRESSION_MARKER;
    const count = cells.Count;
    return {
      Indicator: `${r.shortTitle}${provisionalSuffix(r.provenance)}`,
      Period: r.period || null,
      Count: round && typeof count === 'number' ? roundToBase(count) : count,
      Value: hidden ? SUPPRESSION_MARKER : r.value === null ? null : formatPercent(r.value),
      'Benchmark value': r.benchmark === null ? null : formatPercent(r.benchmark),
      Worst: r.worst === null ? null : formatPercent(r.worst),
      Best: r.best === null ? null : formatPercent(r.best),
      Band: hidden ? SUPPRESSION_MARKER : r.error ? `Not measured: ${r.error}` : COMPARISON_WORDS[r.comparison],
    } as Record<string, TableValue>;
  });
  const provisional = rows.some((r) => r.provenance === 'provisional');
  const footnote = [
    `Centre ${centre}. Value: its percentage meeting each standard; benchmark: all centres pooled; worst and best: the lowest and highest centre values, by each standard's direction.`,
    'Band: compared with the benchmark using the centre\'s 95% Wilson interval (similar when the interval includes the benchmark; Fingertips).',
    ...suppressionLines(rule, suppressed?.note ?? null),
    ...datasetLine(options.dataset),
    ...(provisional ? [`${PROVISIONAL_MARKER}: indicators marked (provisional) have definitions or thresholds not yet confirmed from their source.`] : []),
  ];
  return { columns: [...PROFILE_COLUMNS], rows: out, footnote, provisional };
}

/**
 * Profile rows for an exported spine chart: a standard whose count the table suppresses loses its
 * value, interval and comparison too (its point would show the hidden value).
 */
export function profileRowsForChart(rows: readonly ProfileRow[], options: TableOptions = {}): ProfileRow[] {
  const table = profileTable(rows, '', options);
  return rows.map((r, k) => (table.rows[k].Value === SUPPRESSION_MARKER ? { ...r, value: null, ci: null, comparison: 'not compared' as const } : r));
}

