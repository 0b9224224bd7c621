/**
 * The one output path: everything about a variation result that leaves the app or the CLI (table
 * export, chart export, `msvw analyse` CSV and JSON) is built here, so the minimum-n rule,
 * small-number suppression, the words and the footnote are the same everywhere.
 *
 * Disclosure control (domain.md, "Identifiers and disclosure control"):
 * 1. Counts of people (meeting, not meeting, n, exclusions) in the suppression range (1-7 by
 *    default, 1-5 optional) are shown as `*`, with secondary suppression inside each row
 *    (shared/privacy/suppression.ts); "round5" suppresses 1-7 and then rounds every shown count to
 *    the nearest 5 (OpenSAFELY practice).
 * 2. A row with a hidden count hides everything computed from it: percentage, interval, z, band,
 *    tier and median; a hidden n hides the row's limits too (they reveal n).
 * 3. Every published derived figure (pooled target, phi, tau², limits, z, totals, the number of
 *    centres shown) is computed from published cells only (after rounding, under round5): a
 *    hidden numerator enters the pooled statistics as the middle of its suppressed range (4 for
 *    1-7) on the side its small count lies (meeting or not meeting; n / 2 when n is too small for
 *    the sides to differ), and a row with a hidden n not at all. Dropping suppressed centres
 *    instead would bias the target (they are mostly the centres near 0% or 100%). So no published
 *    figure changes while a hidden count moves across its whole suppressed range: each stays
 *    ambiguous. What is revealed is only the side (few meeting, or few not meeting), as the
 *    complementary count would. Centres below the minimum n are not counted separately: they are
 *    among "centres not shown in detail", whose band shows `*` like any suppressed row.
 * Without suppression (the user's explicit choice) the analysis is published as computed, with a
 * warning in the footnote.
 */
import { compareGroups, limitsAt, overdispersionSummary, type GroupResult, type VariationResult } from '../analysis/variation';
import { wilsonInterval, Z95 } from '../stats';
import { escapeCsvCell, toCsv } from '../privacy/csv-safety';
import { targetText } from '../charts/describe';
import { HES_LEGACY_THRESHOLD, NHS_DIGITAL_THRESHOLD, SUPPRESSION_MARKER, suppressTable, type SuppressionThreshold, type TableValue } from '../privacy/suppression';
import { formatCount, formatPeriod, formatUkDate, limitMethodText, NOT_COMPARED_WORD, overdispersionText, PROVISIONAL_MARKER, provisionalSuffix, TIER_WORDS, BAND_WORDS } from './words';

/** How small numbers are handled: 1-7 as * (default), 1-5 as *, 1-7 as * then round to 5, or not at all. */
export type SuppressionRule = '1-7' | '1-5' | 'round5' | 'none';

/** The rules, in the order offered. */
export const SUPPRESSION_RULES: readonly SuppressionRule[] = Object.freeze(['1-7', '1-5', 'round5', 'none']);

/** NHS Digital practice since 2018 (domain.md). */
export const DEFAULT_SUPPRESSION: SuppressionRule = '1-7';

/** Smallest denominator a centre needs to be compared, by default (PHE practice: do not judge tiny counts). */
export const DEFAULT_MIN_N = 5;

/** Counts are rounded to a multiple of this under "round5" (OpenSAFELY). */
export const ROUNDING_BASE = 5;

/** What each rule means, in words (for pickers and the README). */
export const SUPPRESSION_RULE_WORDS: Readonly<Record<SuppressionRule, string>> = Object.freeze({
  '1-7': 'Counts of 1-7 shown as * (NHS Digital, since 2018)',
  '1-5': 'Counts of 1-5 shown as * (HES practice before 2018)',
  round5: 'Counts of 1-7 shown as *, the rest rounded to the nearest 5 (OpenSAFELY)',
  none: 'No suppression: the output may identify people',
});

/** The warning printed when the user turns suppression off. */
export const NO_SUPPRESSION_WARNING = 'Small numbers NOT suppressed: this output may identify people. Do not share it outside your organisation.';

/** Where the numbers came from: the imported file, its SHA-256 and when it was imported. */
export interface PublicationDataset {
  fileName: string;
  sha256?: string;
  importedAt?: string;
}

export interface PublishOptions {
  suppression?: SuppressionRule;
  dataset?: PublicationDataset;
  /** A definition of the measure in words, for the footnote. */
  definition?: string;
}

/** One published row, machine keys (CLI JSON/CSV); values are numbers, words, `*` or null. */
export interface PublishedRow {
  centre_code: string;
  centre_name: string | null;
  n: number | string;
  numerator: number | string;
  proportion: number | string | null;
  ci95_lower: number | string | null;
  ci95_upper: number | string | null;
  l95: number | string | null;
  u95: number | string | null;
  l998: number | string | null;
  u998: number | string | null;
  z: number | string | null;
  band: string;
  tier: string | null;
  median_days: number | string | null;
  excluded_clock_running: number | string;
  excluded_invalid: number | string;
  excluded_missing: number | string;
}

/** A published column: machine key and the heading people read. */
export interface PublishedColumn {
  key: keyof PublishedRow;
  label: string;
}

/** Columns of a published league table, in order. */
export const PUBLISHED_COLUMNS: readonly PublishedColumn[] = Object.freeze([
  { key: 'centre_code', label: 'Centre' },
  { key: 'centre_name', label: 'Name' },
  { key: 'n', label: 'n' },
  { key: 'numerator', label: 'Numerator' },
  { key: 'proportion', label: '%' },
  { key: 'ci95_lower', label: '95% CI lower' },
  { key: 'ci95_upper', label: '95% CI upper' },
  { key: 'l95', label: '95% limit lower' },
  { key: 'u95', label: '95% limit upper' },
  { key: 'l998', label: '99.8% limit lower' },
  { key: 'u998', label: '99.8% limit upper' },
  { key: 'z', label: 'z' },
  { key: 'band', label: 'Band' },
  { key: 'tier', label: 'Tier' },
  { key: 'median_days', label: 'Median days' },
  { key: 'excluded_clock_running', label: 'Excluded: clock running' },
  { key: 'excluded_invalid', label: 'Excluded: invalid' },
  { key: 'excluded_missing', label: 'Excluded: missing' },
] as PublishedColumn[]);

/** The figures published beside the table (footnote, subtitle, CLI JSON). */
export interface PublishedStatistics {
  target: number | null;
  targetSource: VariationResult['targetSource'];
  /** Limit method drawn. */
  limits: VariationResult['limits'];
  overdispersion: VariationResult['overdispersion'];
  /** Centres compared and shown in full (the figures above are computed from these only, when suppressed). */
  centres: number;
  /** Patients (summed denominators) in those centres. */
  patients: number;
  /** Centres listed but not shown in detail (too few to compare, or counts suppressed). */
  centresNotShown: number;
  /** 'published': computed from the published cells only; 'all': the analysis as computed (no suppression). */
  basis: 'published' | 'all';
}

/** What leaves the app or the CLI for one variation result. */
export interface Publication {
  rule: SuppressionRule;
  suppressed: boolean;
  rows: PublishedRow[];
  columns: readonly PublishedColumn[];
  statistics: PublishedStatistics;
  /** The result exported charts are drawn from: centres shown in full only, statistics as published. */
  chart: VariationResult;
  /** Centres left off exported charts (their point would reveal a hidden count, or they are not compared). */
  hiddenGroups: string[];
  /** Footnote lines, in order. */
  footnote: string[];
  /** Chart subtitle lines. */
  subtitle: string[];
  /** The warning to show when suppression is off, else null. */
  warning: string | null;
}

/** The threshold a rule hides (null for none). */
export function suppressionThreshold(rule: SuppressionRule): SuppressionThreshold | null {
  if (rule === 'none') return null;
  return rule === '1-5' ? HES_LEGACY_THRESHOLD : NHS_DIGITAL_THRESHOLD;
}

/** Rounds a count to the nearest multiple of ROUNDING_BASE (halves up). */
export function roundToBase(count: number, base: number = ROUNDING_BASE): number {
  return Math.round(count / base) * base;
}

/** Groups (compared and not) in the analysis order: by code, numerically when the codes are numbers. */
function allGroups(result: Pick<VariationResult, 'groups' | 'notCompared'>): { group: GroupResult; compared: boolean }[] {
  const rows = [...result.groups.map((g) => ({ group: g, compared: true })), ...result.notCompared.map((g) => ({ group: g, compared: false }))];
  const compare = rows.every((r) => PLAIN_CODE.test(r.group.group)) ? comparePlainCodes : groupOrder().compare;
  return rows.sort((a, b) => compare(a.group.group, b.group.group));
}

/** A code of capital letters and digits ("R0A", "RGT12", "R02"): ordered by comparePlainCodes exactly as by the collator. */
const PLAIN_CODE = /^[A-Z0-9]+$/;

/**
 * Two plain codes (PLAIN_CODE) in the order `localeCompare(b, 'en', { numeric: true })` gives
 * them, without the collator (making one takes 5-17 ms here): piece by piece, a run of digits
 * before a letter, runs of digits by value (leading zeros ignored, as the collator ignores them:
 * "R02" and "R2" are equal to it), letters alphabetically, and a code before a longer one it
 * begins. Tests hold it to localeCompare.
 */
export function comparePlainCodes(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    const xDigit = x < 65;
    const yDigit = y < 65;
    if (xDigit !== yDigit) return xDigit ? -1 : 1;
    if (!xDigit) {
      if (x !== y) return x - y;
      i++;
      j++;
      continue;
    }
    // Runs of digits: past their leading zeros, the longer is the larger, else the first digit that differs.
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    let ie = i;
    while (ie < a.length && a.charCodeAt(ie) < 65) ie++;
    let je = j;
    while (je < b.length && b.charCodeAt(je) < 65) je++;
    if (ie - i !== je - j) return ie - i - (je - j);
    for (; i < ie; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return a.charCodeAt(i) - b.charCodeAt(j);
  }
  return a.length - i - (b.length - j);
}

let groupOrderMade: Intl.Collator | null = null;

/**
 * Groups in order as `localeCompare(b, 'en', { numeric: true })` orders them (ECMA-402 defines
 * that as this collator's compare), made once: a collator per comparison took 12 ms for 123
 * centres. Made on first use, and only for groups that are not all plain codes (comparePlainCodes).
 */
export function groupOrder(): Intl.Collator {
  groupOrderMade ??= new Intl.Collator('en', { numeric: true });
  return groupOrderMade;
}

/** Cells used only while suppressing. */
const NOT_MEETING = 'not_meeting';
const EXCLUSION_COLUMNS = ['excluded_clock_running', 'excluded_invalid', 'excluded_missing'] as const;
const FROM_COUNTS = ['numerator', 'n'];
const DERIVED: Readonly<Record<string, readonly string[]>> = Object.freeze({
  proportion: FROM_COUNTS, ci95_lower: FROM_COUNTS, ci95_upper: FROM_COUNTS, z: FROM_COUNTS, band: FROM_COUNTS, tier: FROM_COUNTS, median_days: FROM_COUNTS,
  l95: ['n'], u95: ['n'], l998: ['n'], u998: ['n'],
});

/** A published row from an analysed group as computed (no suppression). */
function rowAsAnalysed(g: GroupResult, compared: boolean): PublishedRow {
  return {
    centre_code: g.group, centre_name: g.name, n: g.n, numerator: g.numerator, proportion: g.proportion, ci95_lower: g.ci95[0], ci95_upper: g.ci95[1],
    l95: compared ? g.limits.l95 : null, u95: compared ? g.limits.u95 : null, l998: compared ? g.limits.l998 : null, u998: compared ? g.limits.u998 : null,
    z: compared ? g.z : null, band: compared ? BAND_WORDS[g.band] : NOT_COMPARED_WORD, tier: g.tier === null ? null : TIER_WORDS[g.tier], median_days: g.medianDays,
    excluded_clock_running: g.excluded.clockRunning, excluded_invalid: g.excluded.invalid, excluded_missing: g.excluded.missing,
  };
}

/** The footnote lines of a publication. */
function footnoteLines(result: VariationResult, stats: PublishedStatistics, rule: SuppressionRule, options: PublishOptions, noteOfSuppression: string | null): string[] {
  const m = result.measure;
  const lines = [`Measure: ${m.title}${provisionalSuffix(m.provenance)}${options.definition ? ` (${options.definition})` : ''}`];
  const asOf = `As of: ${result.asOf ? formatUkDate(result.asOf) : 'not dated (no dates in the extract)'}`;
  lines.push(result.period ? `Period: ${formatPeriod(result.period)}` : result.startRange ? `Start dates: ${formatPeriod(result.startRange)}. ${asOf}` : asOf);
  lines.push(`Method: Funnel ${limitMethodText(stats.limits)}, ${targetText(stats.target, stats.targetSource)}; Wilson 95% confidence intervals. ${overdispersionText(stats.overdispersion)}`);
  lines.push(`Minimum n: centres with fewer than ${result.minN} patients are not compared (too few to judge).`);
  if (stats.basis === 'published') {
    lines.push(`Centres: ${formatCount(stats.patients)} patients in ${formatCount(stats.centres)} centres compared and shown${stats.centresNotShown ? `; ${formatCount(stats.centresNotShown)} further centres listed but not shown in detail (too few patients to compare, or counts suppressed)` : ''}.`);
  } else {
    lines.push(`Centres: ${formatCount(stats.patients)} patients in ${formatCount(stats.centres)} centres compared${stats.centresNotShown ? `; ${formatCount(stats.centresNotShown)} not compared (fewer than ${result.minN} patients)` : ''}.`);
  }
  if (noteOfSuppression) lines.push(`Suppression: ${noteOfSuppression}`);
  if (rule === 'none') lines.push(NO_SUPPRESSION_WARNING);
  if (options.dataset) {
    const d = options.dataset;
    lines.push(`Dataset: ${d.fileName}${d.sha256 ? `, SHA-256 starting ${d.sha256.slice(0, 12).toLowerCase()}` : ''}${d.importedAt ? `, imported ${d.importedAt}` : ''}`);
  }
  if (m.provenance === 'provisional') lines.push(`${PROVISIONAL_MARKER}: the standard's definition or thresholds are not yet confirmed from its source (${m.source}).`);
  return lines;
}

/** The suppression rule in words for the footnote. */
function suppressionWords(rule: SuppressionRule, note: string): string {
  const parts = [note];
  if (rule === 'round5') parts.push(`Other counts are rounded to the nearest ${ROUNDING_BASE}; percentages, intervals and limits are computed from the rounded counts.`);
  parts.push('A row with a suppressed count also hides its percentage, interval, band, tier and median. Target, phi and tau² are computed with each suppressed count taken as the middle of its suppressed range, and totals from the centres shown in full, so no suppressed count can be worked out from them.');
  return parts.join(' ');
}

/**
 * Publishes a variation result under a suppression rule (default 1-7): the rows, the statistics
 * printed beside them, the footnote, the chart subtitle and the result exported charts are drawn
 * from. See the module comment for the disclosure rules.
 */
export function publishVariation(result: VariationResult, options: PublishOptions = {}): Publication {
  const rule = options.suppression ?? DEFAULT_SUPPRESSION;
  const groups = allGroups(result);
  if (rule === 'none') {
    const statistics: PublishedStatistics = {
      target: result.target, targetSource: result.targetSource, limits: result.limits, overdispersion: result.overdispersion,
      centres: result.groups.length, patients: result.groups.reduce((s, g) => s + g.n, 0), centresNotShown: result.notCompared.length, basis: 'all',
    };
    const footnote = footnoteLines(result, statistics, rule, options, null);
    return {
      rule, suppressed: false, rows: groups.map(({ group, compared }) => rowAsAnalysed(group, compared)), columns: PUBLISHED_COLUMNS, statistics,
      chart: { ...result, notCompared: [] }, hiddenGroups: result.notCompared.map((g) => g.group), footnote,
      subtitle: subtitleLines(result, statistics), warning: NO_SUPPRESSION_WARNING,
    };
  }

  const threshold = suppressionThreshold(rule) as SuppressionThreshold;
  // Meeting + not meeting = n in each row (secondary suppression within the row); the exclusion
  // counts are separate counts of people, suppressed on their own.
  const working = groups.map(({ group: g }) => ({
    numerator: g.numerator, [NOT_MEETING]: g.n - g.numerator, n: g.n,
    proportion: 0, ci95_lower: 0, ci95_upper: 0, z: 0, band: '', tier: '', median_days: 0, l95: 0, u95: 0, l998: 0, u998: 0,
  }));
  const suppressed = suppressTable(working, { countColumns: ['numerator', NOT_MEETING], totalColumn: 'n', threshold, derived: DERIVED });
  const exclusions = suppressTable(groups.map(({ group: g }) => ({
    excluded_clock_running: g.excluded.clockRunning, excluded_invalid: g.excluded.invalid, excluded_missing: g.excluded.missing,
  })), { countColumns: [...EXCLUSION_COLUMNS], threshold, secondary: false });
  const hidden = (r: number, column: string): boolean =>
    (suppressed.rows[r] as Record<string, unknown>)[column] === SUPPRESSION_MARKER || (exclusions.rows[r] as Record<string, unknown>)[column] === SUPPRESSION_MARKER;
  const shown = (value: number): number => (rule === 'round5' ? roundToBase(value) : value);

  // Rows in the published statistics: every row whose n is shown (as the analysis pools every
  // centre). A hidden numerator enters as the middle of its suppressed range, on the side the
  // small count lies (meeting or not meeting), so every value across that range gives the same
  // published figures; for n up to 2 x max the sides overlap and it enters as n / 2.
  const middle = (threshold.min + threshold.max) / 2;
  // Under round5 a shown n may be up to half the base above the true n: the sides differ for sure
  // only when even the smallest true n consistent with it exceeds 2 x max.
  const margin = rule === 'round5' ? Math.floor(ROUNDING_BASE / 2) : 0;
  const inStats: number[] = [];
  const xs: number[] = [];
  const ns: number[] = [];
  groups.forEach(({ group: g }, r) => {
    if (hidden(r, 'n')) return;
    const nStat = shown(g.n);
    if (!(nStat > 0)) return;
    let xStat: number;
    if (!hidden(r, 'numerator')) xStat = shown(g.numerator);
    else if (nStat - margin >= 2 * threshold.max + 1) xStat = g.numerator <= threshold.max ? middle : nStat - middle;
    else xStat = nStat / 2;
    inStats.push(r);
    xs.push(xStat);
    ns.push(nStat);
  });
  const comparison = compareGroups(xs, ns, result.settings);
  const theta = Number.isFinite(comparison.theta) ? comparison.theta : null;
  const od = overdispersionSummary(comparison.od, result.settings.overdispersion);
  const limitsMethod = comparison.limits;
  const statIndex = new Map(inStats.map((r, k) => [r, k]));
  // Shown in full (and drawn on exported charts): compared rows whose numerator and n are both shown.
  const usable = inStats.filter((r) => groups[r].compared && !hidden(r, 'numerator'));
  const position = new Map(usable.map((r) => [r, statIndex.get(r) as number]));

  const rows: PublishedRow[] = groups.map(({ group: g, compared }, r) => {
    const k = position.get(r);
    const nShown = hidden(r, 'n') ? SUPPRESSION_MARKER : shown(g.n);
    const xShown = hidden(r, 'numerator') ? SUPPRESSION_MARKER : shown(g.numerator);
    const row: PublishedRow = {
      centre_code: g.group, centre_name: g.name, n: nShown, numerator: xShown,
      proportion: null, ci95_lower: null, ci95_upper: null, l95: null, u95: null, l998: null, u998: null, z: null,
      band: SUPPRESSION_MARKER, tier: SUPPRESSION_MARKER, median_days: SUPPRESSION_MARKER,
      excluded_clock_running: hidden(r, 'excluded_clock_running') ? SUPPRESSION_MARKER : shown(g.excluded.clockRunning),
      excluded_invalid: hidden(r, 'excluded_invalid') ? SUPPRESSION_MARKER : shown(g.excluded.invalid),
      excluded_missing: hidden(r, 'excluded_missing') ? SUPPRESSION_MARKER : shown(g.excluded.missing),
    };
    const countsHidden = typeof xShown === 'string' || typeof nShown === 'string';
    if (countsHidden) {
      for (const key of ['proportion', 'ci95_lower', 'ci95_upper', 'z'] as const) row[key] = SUPPRESSION_MARKER;
      if (typeof nShown === 'string') for (const key of ['l95', 'u95', 'l998', 'u998'] as const) row[key] = SUPPRESSION_MARKER;
    } else if (nShown > 0) {
      const ci = wilsonInterval(xShown, nShown, Z95);
      row.proportion = xShown / nShown;
      row.ci95_lower = ci.lower;
      row.ci95_upper = ci.upper;
      row.tier = g.tier === null ? null : TIER_WORDS[g.tier];
      row.median_days = g.medianDays;
      row.band = compared ? SUPPRESSION_MARKER : NOT_COMPARED_WORD;
    }
    if (k !== undefined) {
      const c = comparison.groups[k];
      Object.assign(row, { ...c.limits, z: c.z, band: BAND_WORDS[c.band], ci95_lower: c.ci95[0], ci95_upper: c.ci95[1] });
    } else if (compared && typeof nShown === 'number' && nShown > 0 && theta !== null) {
      // Limits at a published n around the published target: they reveal nothing hidden.
      const { l95, l998 } = limitsAt(theta, nShown, result.settings.limits, comparison.od);
      Object.assign(row, { l95: l95.lower, u95: l95.upper, l998: l998.lower, u998: l998.upper });
    }
    return row;
  });

  const chartGroups: GroupResult[] = usable.map((r) => {
    const g = groups[r].group;
    const k = statIndex.get(r) as number;
    const c = comparison.groups[k];
    return { ...g, n: ns[k], numerator: xs[k], proportion: xs[k] / ns[k], ci95: c.ci95, limits: c.limits, z: c.z, band: c.band };
  });
  const statistics: PublishedStatistics = {
    target: theta, targetSource: result.targetSource, limits: limitsMethod, overdispersion: od,
    centres: usable.length, patients: chartGroups.reduce((s, g) => s + g.n, 0), centresNotShown: groups.length - usable.length, basis: 'published',
  };
  const chart: VariationResult = {
    ...result, target: theta, limits: limitsMethod, overdispersion: od, groups: chartGroups, notCompared: [],
    accounting: { rowsRead: statistics.patients, inDenominator: statistics.patients, excluded: {} },
  };
  const shownSet = new Set(usable);
  return {
    rule, suppressed: true, rows, columns: PUBLISHED_COLUMNS, statistics, chart,
    hiddenGroups: groups.filter((_, r) => !shownSet.has(r)).map(({ group }) => group.group),
    footnote: footnoteLines(result, statistics, rule, options, suppressionWords(rule, suppressed.note)),
    subtitle: subtitleLines(result, statistics),
    warning: null,
  };
}

/** Chart subtitle lines: provisional marker and period, target and method; the overdispersion sentence. */
function subtitleLines(result: VariationResult, stats: PublishedStatistics): string[] {
  const when = result.period ? `Period ${formatPeriod(result.period)}` : result.asOf ? `As of ${formatUkDate(result.asOf)}` : 'As of: no dates in the extract';
  const provisional = result.measure.provenance === 'provisional' ? `${PROVISIONAL_MARKER} standard · ` : '';
  return [`${provisional}${when} · ${targetText(stats.target, stats.targetSource)} · ${limitMethodText(stats.limits)}`, overdispersionText(stats.overdispersion)];
}

/** A published table with the headings people read (for the app's CSV/XLSX export), percentages 0-100 to `decimals`. */
export function publishedTableRows(publication: Pick<Publication, 'rows' | 'columns'>, decimals = 1): Record<string, TableValue>[] {
  const percentKeys = new Set<keyof PublishedRow>(['proportion', 'ci95_lower', 'ci95_upper', 'l95', 'u95', 'l998', 'u998']);
  const factor = 10 ** decimals;
  return publication.rows.map((row) => {
    const out: Record<string, TableValue> = {};
    for (const { key, label } of publication.columns) {
      const v = row[key];
      out[label] = percentKeys.has(key) && typeof v === 'number' ? Math.round(v * 100 * factor) / factor : key === 'z' && typeof v === 'number' ? Math.round(v * 100) / 100 : v;
    }
    return out;
  });
}

/** Columns of the machine CSV: the measure and grouping, the published row, then the published statistics. */
export const PUBLICATION_CSV_COLUMNS: readonly string[] = Object.freeze([
  'measure_id', 'group_by', ...PUBLISHED_COLUMNS.map((c) => c.key), 'target', 'limits', 'overdispersion', 'as_of', 'period',
]);

/**
 * A publication as CSV (machine column names, formula-safe cells), one row per centre, then a
 * blank line and the footnote, one line each, as the app's table export writes it.
 */
export function publicationCsv(result: Pick<VariationResult, 'measure' | 'by' | 'asOf' | 'period'>, publication: Publication, options: { bom?: boolean } = {}): string {
  const s = publication.statistics;
  const rows = publication.rows.map((row) => ({
    measure_id: result.measure.id, group_by: result.by, ...row,
    target: s.target, limits: s.limits, overdispersion: s.overdispersion.applied ? s.overdispersion.drawn : 'none', as_of: result.asOf,
    period: result.period ? `${result.period.from}..${result.period.to}` : null,
  }));
  const table = toCsv(rows, PUBLICATION_CSV_COLUMNS);
  const notes = publication.footnote.map((line) => `${escapeCsvCell(line)}\r\n`).join('');
  return `${options.bom ? '\uFEFF' : ''}${table}\r\n${notes}`;
}

/** A publication as a JSON-ready object: the measure, settings, published statistics, rows and footnote. */
export function publicationJson(result: VariationResult, publication: Publication): Record<string, unknown> {
  const s = publication.statistics;
  return {
    measure: result.measure,
    by: result.by,
    asOf: result.asOf,
    period: result.period,
    settings: { ...result.settings, minN: result.minN, suppression: publication.rule },
    target: s.target,
    targetSource: s.targetSource,
    limits: s.limits,
    overdispersion: s.overdispersion,
    totals: { centres: s.centres, patients: s.patients, centresNotShown: s.centresNotShown, basis: s.basis },
    groups: publication.rows,
    footnote: publication.footnote,
    ...(publication.warning ? { warning: publication.warning } : {}),
  };
}
