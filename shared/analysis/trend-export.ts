/**
 * Trend outputs for publication (app exports and `msvw spc` / `msvw waits`): table rows with human
 * column names, small-number suppression (shared/privacy/suppression.ts, counts of 1-7 shown as
 * `*` by default) and footnotes naming every choice and note.
 *
 * What is hidden, and why:
 * - SPC points: the numerator, the people not meeting (n - numerator) and n are counts; the value,
 *   and for p and p' charts the limits (which are computed from n), follow them. The mean of a
 *   segment publishes its counts' totals, so secondary suppression treats each group's segment as
 *   a sum with a published total.
 * - SPC signals: a segment's centre line (with its limits) is hidden where it would give a hidden
 *   value back (hideRevealingCentreLines); the rules, point types and icons read against a hidden
 *   centre line, hidden limits or a hidden value are withheld with them or read from the shown
 *   values alone (withholdSignals), and an exported chart draws only published points (spcChartSeries).
 * - Waits: each curve's n, events and censored counts; a curve of 1-7 people hides its median,
 *   percentiles and share within the threshold. The steps of a published curve are coarsened so each
 *   published drop comes from at least 8 events (threshold + 1), and counts of 1-7 in them are hidden.
 *
 * The rules are the Variation view's (shared/output/publish.ts SuppressionRule): '1-7' (default),
 * '1-5', 'round5' (1-7 hidden, then every shown count rounded to the nearest 5, OpenSAFELY) and
 * 'none'. Under round5 what derives from a rounded count is recomputed from the rounded counts:
 * an SPC point's value (numerator / n) and its p or p' limits (whose half-width scales as
 * 1 / sqrt(n), so it is rescaled by sqrt(n / rounded n) around the centre line); a board cell's
 * value; the before / after proportions, Wilson intervals and Newcombe difference. Waiting-time
 * curves publish their survival as computed (it is a ratio of many events, not a count).
 */
import {
  NHS_DIGITAL_THRESHOLD, SUPPRESSION_MARKER, SuppressionError, suppressionNote, suppressTable,
  type SuppressionOptions, type SuppressionResult, type SuppressionThreshold, type TableRow, type TableValue,
} from '../privacy/suppression';
import { formatUkDate, signalsWithheldText, SUPPRESSED_ICON, SUPPRESSED_ICON_EXPLANATION, type SuppressedIcon } from '../output/words';
import { ROUNDING_BASE, roundToBase, suppressionThreshold, type SuppressionRule } from '../output/publish';
import { newcombeDifference } from '../stats/newcombe';
import { wilsonInterval } from '../stats/wilson';
import { Z95 } from '../stats/constants';
import { evaluateRules, pointVariation, shiftRuns, trendRuns, type PointLimits, type RuleFlag, type SpcRule } from '../stats/spc';
import type { BeforeAfter } from './before-after';
import type { BoardResult } from './board';
import { CHART_TYPE_LABEL, type SpcChoices } from './spc-choices';
import type { SpcReport } from './spc-report';
import {
  pointTypeOf, type AssuranceIconName, type SpcPointType, type SpcRuleName, type SpcSeriesPoint, type SpcSeriesResult, type SpcSeriesSegment,
  type VariationIconName,
} from './spc-series';
import { coarsenSteps, type WaitGroup, type WaitsResult } from './waits';

/** A value that may have been suppressed. */
export type Maybe<T> = T | string;

/** An SPC point after suppression: counts and derived values may be the marker. */
export type PublishedSpcPoint = Omit<SpcSeriesPoint, 'n' | 'numerator' | 'value' | 'mean' | 'lpl' | 'upl' | 'nearLower' | 'nearUpper' | 'rules' | 'pointType'> & {
  n: Maybe<number>;
  /** The segment's centre line, hidden when it would give a hidden value back (see hideRevealingCentreLines). */
  mean: Maybe<number>;
  numerator: Maybe<number | null>;
  value: Maybe<number>;
  lpl: Maybe<number | null>;
  upl: Maybe<number | null>;
  nearLower: Maybe<number | null>;
  nearUpper: Maybe<number | null>;
  /** Rules flagging the point: hidden with a hidden value; in a segment with a hidden value or centre line, read from the shown values alone (see withholdSignals). */
  rules: Maybe<SpcRuleName[]>;
  /** Hidden with a hidden value or a hidden centre line; read from the shown values alone beside a hidden value (see withholdSignals). */
  pointType: Maybe<SpcPointType>;
};

/** A segment after suppression: its centre line, and whether its baseline is flat, hidden together. */
export type PublishedSpcSegment = Omit<SpcSeriesSegment, 'mean' | 'flat'> & { mean: Maybe<number>; flat: Maybe<boolean> };

/** A series after suppression; an icon read from something hidden is 'suppressed' (shared/output/words.ts). */
export type PublishedSpcSeries = Omit<SpcSeriesResult, 'points' | 'segments' | 'variationIcon' | 'assuranceIcon'> & {
  points: PublishedSpcPoint[];
  segments: PublishedSpcSegment[];
  variationIcon: VariationIconName | SuppressedIcon;
  assuranceIcon: AssuranceIconName | null | SuppressedIcon;
};

export interface PublishedSpcReport extends Omit<SpcReport, 'series'> {
  readonly series: PublishedSpcSeries[];
  /** Suppression note, or null when suppression was switched off. */
  readonly suppression: string | null;
  readonly suppressedCells: number;
}

export interface PublishOptions {
  /** The suppression rule (as the Variation view's); when given it decides, and `threshold` and `suppress` are ignored. */
  readonly rule?: SuppressionRule;
  /** Counts hidden (default 1-7, NHS Digital). */
  readonly threshold?: SuppressionThreshold;
  /** Suppress at all (default true). */
  readonly suppress?: boolean;
}

/** The threshold to hide (null: no suppression) and whether shown counts are rounded, from the options. */
export function resolveRule(options: PublishOptions): { rule: SuppressionRule; threshold: SuppressionThreshold | null; round: boolean } {
  if (options.rule) return { rule: options.rule, threshold: suppressionThreshold(options.rule), round: options.rule === 'round5' };
  if (options.suppress === false) return { rule: 'none', threshold: null, round: false };
  const threshold = options.threshold ?? NHS_DIGITAL_THRESHOLD;
  return { rule: threshold.max === NHS_DIGITAL_THRESHOLD.max && threshold.min === NHS_DIGITAL_THRESHOLD.min ? '1-7' : '1-5', threshold, round: false };
}

/** The words added to a suppression note under round5. */
export const ROUNDING_NOTE = `Other counts are rounded to the nearest ${ROUNDING_BASE}; values, proportions, intervals and limits are computed from the rounded counts.`;

/** A shown count rounded under round5 (markers and nulls pass through). */
function roundShown(value: TableValue, round: boolean): TableValue {
  return round && typeof value === 'number' ? roundToBase(value) : value;
}

/** A suppression note, with the rounding sentence under round5. */
function noteOf(note: string, round: boolean): string {
  return round ? `${note} ${ROUNDING_NOTE}` : note;
}

/** A product taken as a whole count of people when it is this close to one (floating-point error). */
const WHOLE_TOLERANCE = 1e-6;

/** Hidden helper column: people not meeting the standard (n - numerator). */
const NOT_MET = 'notMet';
/** Hidden helper column: the group's rebased segment, whose totals the mean publishes. */
const SEGMENT_KEY = 'segmentKey';

/**
 * The people not meeting (n - numerator) as the suppression reads it: a helper column, never
 * published. In a month whose n is hidden (1-7) and where everyone met it is 0, which suppression
 * would take as shown (zeros are shown) and so protect differently from a month where someone did
 * not meet: which further counts are hidden would then tell the two apart. A stand-in in the hidden
 * range makes it hidden with the month's other counts, so the pattern does not depend on it.
 */
function notMetCell(n: number, numerator: number, threshold: SuppressionThreshold): number {
  const notMet = n - numerator;
  return notMet === 0 && n >= threshold.min && n <= threshold.max ? threshold.min : notMet;
}

/**
 * Suppress the counts of an SPC report for publication. Series of plain values (no numerators,
 * n = 1) have no counts of people and are published as they are.
 */
export function publishSpcReport(report: SpcReport, options: PublishOptions = {}): PublishedSpcReport {
  const { threshold, round } = resolveRule(options);
  if (threshold === null) return { ...report, suppression: null, suppressedCells: 0 };
  const counted = report.series.some((s) => s.points.some((p) => p.numerator !== null));
  const medianWaits = report.measure !== null && !counted;
  if (!counted && !medianWaits) return { ...report, suppression: null, suppressedCells: 0 };
  let hidden = 0;
  const withheld: string[] = [];
  let iconsWithheld = false;
  const series = report.series.map((s): PublishedSpcSeries => {
    if (s.points.length === 0) return { ...s, points: [] };
    const limitsFromN = s.chart === 'p' || s.chart === 'pprime';
    const rows: TableRow[] = s.points.map((p) => ({
      n: p.n,
      numerator: p.numerator,
      [NOT_MET]: p.numerator === null ? null : notMetCell(p.n, p.numerator, threshold),
      value: p.value,
      lpl: p.lpl,
      upl: p.upl,
      nearLower: p.nearLower,
      nearUpper: p.nearUpper,
      [SEGMENT_KEY]: p.segment,
    }));
    const limitSources = limitsFromN ? ['n'] : [];
    const result = counted
      ? suppressSegments(rows, {
        countColumns: ['numerator', NOT_MET],
        totalColumn: 'n',
        groupBy: [SEGMENT_KEY],
        threshold,
        derived: {
          value: ['numerator', 'n'],
          ...(limitsFromN ? { lpl: limitSources, upl: limitSources, nearLower: limitSources, nearUpper: limitSources } : {}),
        },
      })
      : suppressTable(rows, { countColumns: ['n'], threshold, derived: { value: ['n'] } });
    hidden += result.suppressedCells.filter((c) => c.column !== NOT_MET).length;
    const published = hideRevealingCentreLines({
      ...s,
      points: s.points.map((p, i) => {
        const r = round ? roundSpcRow(result.rows[i], p, counted, limitsFromN) : result.rows[i];
        return {
          ...p,
          n: r.n as Maybe<number>,
          numerator: r.numerator as Maybe<number | null>,
          value: r.value as Maybe<number>,
          lpl: r.lpl as Maybe<number | null>,
          upl: r.upl as Maybe<number | null>,
          nearLower: r.nearLower as Maybe<number | null>,
          nearUpper: r.nearUpper as Maybe<number | null>,
        };
      }),
    }, s, (cells) => { hidden += cells; });
    const signals = withholdSignals(published, report.options);
    withheld.push(...signals.segments);
    iconsWithheld ||= signals.icons;
    return signals.series;
  });
  const derived = { value: ['numerator', 'n'] };
  const note = [
    suppressionNote({ threshold, derived }), CENTRE_LINE_NOTE, HIDDEN_POINT_SIGNALS_NOTE,
    ...(withheld.length ? [signalsWithheldText(withheld)] : []),
    ...(iconsWithheld ? [SUPPRESSED_ICON_EXPLANATION] : []),
  ].join(' ');
  return { ...report, series, suppression: noteOf(note, round), suppressedCells: hidden };
}

/** The words added to an SPC suppression note about hidden centre lines. */
export const CENTRE_LINE_NOTE = "A segment's centre line and limits are hidden where, with the values shown, they would give back a hidden value.";

/** The words added to an SPC suppression note about the signals of hidden values. */
export const HIDDEN_POINT_SIGNALS_NOTE =
  "A hidden value's rules and point type are hidden with it, and in its segment the rules of the values shown are read from them alone (a shift, trend or 2 of 3 stops at a hidden value).";

/** Output names of the engine's rules (as shared/analysis/spc-series.ts names them). */
const RULE_OUTPUT_NAME: Readonly<Record<SpcRule, SpcRuleName>> = Object.freeze({
  'outside-limits': 'outside', 'two-of-three': 'twoOfThree', trend: 'trend', shift: 'shift',
});

/** A shown point's published line as the rule engine reads it (NaN where there is no limit). */
function shownLimits(p: PublishedSpcPoint): PointLimits {
  const line = (v: Maybe<number | null>): number => (typeof v === 'number' ? v : Number.NaN);
  return { centre: line(p.mean), lower: line(p.lpl), upper: line(p.upl), nearLower: line(p.nearLower), nearUpper: line(p.nearUpper) };
}

/**
 * Withhold the signals that would give away what the suppression hides (a hidden value, a hidden
 * centre line or hidden limits). The engine's rules (shared/stats/spc-rules.ts) read each value
 * against its segment's centre line and limits and its neighbours: a shift (a run on one side of
 * the centre line), 2 of 3 beyond a near-limit line on one side, a point outside the limits, a trend
 * (a run of rises or falls), and the point type and icons that follow from them. So, in a segment
 * with a hidden value or a hidden centre line:
 * - a hidden value's rules and point type are hidden with it (they say where it lies);
 * - the rules of the shown values are recomputed from what is published alone, over each stretch of
 *   consecutive shown values (a run stops at a hidden value), with the chart's rule choices: a run
 *   inside a stretch is a run of the whole segment, so a rule kept is one the engine found (but for
 *   values rounded under round5, and trends after a flat baseline whose flatness is hidden: the
 *   engine gives a flat segment no signals);
 * - where the centre line is hidden (its limits go with it) only trends are recomputed, and no point
 *   type is published (it would need the rules read against the hidden line).
 * The variation icon is the latest point's reading: 'suppressed' when the latest segment has a hidden
 * value or centre line (its rules could run through them). The assurance icon compares the target
 * with the latest limits: 'suppressed' when they are hidden and an icon could be drawn (a target, a
 * direction, not a run chart). Segments without anything hidden keep the engine's signals.
 * Reports the segments whose centre line is hidden ("group from to") and whether an icon was withheld.
 */
function withholdSignals(s: PublishedSpcSeries, options: SpcChoices): { series: PublishedSpcSeries; segments: string[]; icons: boolean } {
  const marker = SUPPRESSION_MARKER;
  const centreHidden = s.segments.map((segment) => typeof segment.mean === 'string');
  const valueHidden = s.segments.map((_, index) => s.points.some((p) => p.segment === index && typeof p.value === 'string'));
  const runs = { trendPoints: options.runLength, shiftPoints: options.runLength, twoOfThree: options.twoOfThree, trendTies: options.trendTies };
  const recomputed = new Map<number, Pick<PublishedSpcPoint, 'rules' | 'pointType'>>();
  /** The rules of one stretch of consecutive shown values of a segment, from published values and lines only. */
  const stretchSignals = (stretch: number[], index: number): void => {
    const values = stretch.map((i) => s.points[i].value as number);
    if (centreHidden[index]) {
      const trend = trendRuns(values, runs.trendPoints, runs.trendTies);
      stretch.forEach((i, k) => recomputed.set(i, { rules: trend[k] !== 0 ? ['trend'] : [], pointType: marker }));
      return;
    }
    const limits = stretch.map((i) => shownLimits(s.points[i]));
    // A flat baseline gives no signals (shared/stats/spc.ts); a run chart reads trends and shifts only, a point on its median breaking nothing.
    const flags: RuleFlag[] = s.segments[index].flat === true
      ? values.map(() => ({ rule: null, side: 0, rules: [] }))
      : s.chart === 'run'
        ? runChartFlags(values, limits, runs)
        : evaluateRules(values, limits, runs);
    stretch.forEach((i, k) => {
      const flag = flags[k];
      recomputed.set(i, {
        rules: (flag.rules ?? []).map((r) => RULE_OUTPUT_NAME[r]),
        pointType: pointTypeOf({ variation: pointVariation(flag, options.direction), side: flag.side }),
      });
    });
  };
  s.segments.forEach((_, index) => {
    if (!centreHidden[index] && !valueHidden[index]) return;
    let stretch: number[] = [];
    const close = (): void => {
      if (stretch.length) stretchSignals(stretch, index);
      stretch = [];
    };
    s.points.forEach((p, i) => {
      if (p.segment !== index) return;
      if (typeof p.value === 'number') stretch.push(i);
      else close();
    });
    close();
  });
  const points = s.points.map((p, i): PublishedSpcPoint => {
    if (typeof p.value === 'string') return { ...p, rules: marker, pointType: marker };
    const signals = recomputed.get(i);
    return signals ? { ...p, ...signals } : p;
  });
  const last = s.points[s.points.length - 1];
  const variationHidden = last !== undefined && (centreHidden[last.segment] || valueHidden[last.segment]);
  const target = options.target;
  const assurancePossible = target !== null && Number.isFinite(target) && options.direction !== 'neither' && s.chart !== 'run';
  const assuranceHidden = last !== undefined && assurancePossible && (typeof last.lpl === 'string' || typeof last.upl === 'string');
  const segments = s.segments.flatMap((segment, index) => (centreHidden[index] ? [`${s.group} ${segment.from === segment.to ? segment.from : `${segment.from} to ${segment.to}`}`] : []));
  return {
    series: {
      ...s,
      points,
      variationIcon: variationHidden ? SUPPRESSED_ICON : s.variationIcon,
      assuranceIcon: assuranceHidden ? SUPPRESSED_ICON : s.assuranceIcon,
    },
    segments,
    icons: variationHidden || assuranceHidden,
  };
}

/** Run chart rules (shared/stats/spc.ts runChart): trend, then shift around the median, a point on it neither adding nor breaking. */
function runChartFlags(values: number[], limits: PointLimits[], runs: { trendPoints: number; shiftPoints: number; trendTies: SpcChoices['trendTies'] }): RuleFlag[] {
  const trend = trendRuns(values, runs.trendPoints, runs.trendTies);
  const shift = shiftRuns(values, limits, runs.shiftPoints, 'ignore');
  return values.map((_, i) => {
    const rules: SpcRule[] = [...(trend[i] !== 0 ? ['trend' as const] : []), ...(shift[i] !== 0 ? ['shift' as const] : [])];
    return { rule: rules[0] ?? null, side: trend[i] !== 0 ? trend[i] : shift[i], rules };
  });
}

/**
 * Hide a segment's centre line where it would give back a hidden value. The centre line is computed
 * from the segment's baseline points: an XmR chart's mean of their values, a run chart's median, a p
 * or p' chart's pooled proportion (sum of numerators / sum of n). With a hidden value among them it
 * is hidden when
 * - the baseline is a single point (the centre line is its value), or only one of its values is
 *   hidden (centre line x points, or x the published n, minus the published values or numerators
 *   leaves that one);
 * - it is 0 or 1 (every value of a proportion, or of a count or wait averaging 0, is that number);
 * - what it leaves for the hidden values is at their extreme: 0 (each is 0), or for proportions as
 *   many as there are hidden values (each is 1), or for p and p' charts every hidden point's n
 *   (each met by all);
 * - it is a run chart's median (a median of values some of which are hidden can be one of them).
 * The segment's limits and near-limits go with it (they are centre line +/- a width, so their
 * midpoint is the centre line). Reports the number of cells hidden.
 */
function hideRevealingCentreLines(s: PublishedSpcSeries, raw: SpcSeriesResult, count: (cells: number) => void): PublishedSpcSeries {
  const whole = (x: number, target: number): boolean => Math.abs(x - target) < WHOLE_TOLERANCE;
  const proportion = raw.points.every((p) => p.numerator !== null && p.value >= 0 && p.value <= 1);
  const pooled = s.chart === 'p' || s.chart === 'pprime';
  const reveals = new Set<number>();
  s.segments.forEach((segment, index) => {
    const inSegment = s.points.map((p, i) => ({ p, raw: raw.points[i] })).filter(({ p }) => p.segment === index);
    const baseline = inSegment.some(({ p }) => p.baseline) ? inSegment.filter(({ p }) => p.baseline) : inSegment;
    const hidden = baseline.filter(({ p }) => typeof p.value === 'string');
    const mean = segment.mean;
    if (hidden.length === 0 || typeof mean !== 'number') return;
    // A flat baseline (every value equal) has its centre line as every value.
    let pinned = baseline.length === 1 || hidden.length === 1 || mean === 0 || mean === 1 || s.chart === 'run' || segment.flat === true;
    if (!pinned && pooled && baseline.every(({ p }) => typeof p.n === 'number')) {
      const total = mean * baseline.reduce((t, { p }) => t + (p.n as number), 0);
      const left = total - baseline.reduce((t, { p }) => t + (typeof p.numerator === 'number' ? p.numerator : 0), 0);
      pinned = whole(left, 0) || whole(left, hidden.reduce((t, { p }) => t + (p.n as number), 0));
    } else if (!pinned && !pooled) {
      const left = mean * baseline.length - baseline.reduce((t, { p }) => t + (typeof p.value === 'number' ? p.value : 0), 0);
      pinned = whole(left, 0) || (proportion && whole(left, hidden.length));
    }
    if (pinned) reveals.add(index);
  });
  if (reveals.size === 0) return s;
  const marker = SUPPRESSION_MARKER;
  let cells = 0;
  const hide = <T>(v: T): Maybe<T> => {
    if (v === null || typeof v === 'string') return v;
    cells++;
    return marker;
  };
  const points = s.points.map((p) => (reveals.has(p.segment)
    ? { ...p, mean: hide(p.mean), lpl: hide(p.lpl), upl: hide(p.upl), nearLower: hide(p.nearLower), nearUpper: hide(p.nearUpper) }
    : p));
  // Whether the baseline is flat (every value equal) says whether the hidden values equal the shown ones: hidden with the centre line.
  const segments = s.segments.map((segment, index) => (reveals.has(index) ? { ...segment, mean: hide(segment.mean), flat: marker } : segment));
  count(cells);
  return { ...s, points, segments };
}

/**
 * A suppressed SPC row under round5: shown counts rounded to the nearest 5, the value recomputed
 * from them, and p / p' limits (half-width proportional to 1 / sqrt(n): Laney 2002, and the
 * p-chart's 3 sqrt(p(1-p)/n)) rescaled to the rounded n around the unchanged centre line.
 */
function roundSpcRow(row: TableRow, p: SpcSeriesPoint, counted: boolean, limitsFromN: boolean): TableRow {
  const n = roundShown(row.n, true);
  const numerator = roundShown(row.numerator, true);
  const out: TableRow = { ...row, n, numerator };
  if (!counted) return out;
  if (typeof n === 'number' && typeof numerator === 'number') out.value = n > 0 ? numerator / n : row.value;
  if (limitsFromN && typeof n === 'number' && n > 0 && p.n > 0) {
    const scale = Math.sqrt(p.n / n);
    const rescale = (v: TableValue): TableValue => (typeof v === 'number' ? p.mean + (v - p.mean) * scale : v);
    for (const key of ['lpl', 'upl', 'nearLower', 'nearUpper']) out[key] = rescale(row[key]);
  }
  return out;
}

/**
 * suppressTable with each segment's totals published; when that cannot protect a count (a segment
 * of a single point, whose total is its own count), every count of the series is hidden instead.
 */
function suppressSegments(rows: TableRow[], options: SuppressionOptions): SuppressionResult<TableRow> {
  try {
    return suppressTable(rows, options);
  } catch (err) {
    if (!(err instanceof SuppressionError)) throw err;
    const columns = [...options.countColumns, ...(options.totalColumn ? [options.totalColumn] : []), ...Object.keys(options.derived ?? {})];
    const marker = options.marker ?? SUPPRESSION_MARKER;
    return {
      rows: rows.map((row) => ({ ...row, ...Object.fromEntries(columns.map((c) => [c, marker])) })),
      suppressedCells: rows.flatMap((_, row) => columns.map((column) => ({ row, column, reason: 'secondary' as const }))),
      note: '',
    };
  }
}

/**
 * The series an exported chart draws (shared/charts/spc-spec.ts takes the engine's shape): only the
 * points whose value, n and centre line are published (a point's position, or a line through it,
 * would give a hidden one back), each with its published numbers, rules and point type, so the
 * chart shows no signal the table withholds. The icons are not drawn on the chart and are left as
 * the engine's: words about them come from the published series.
 */
export function spcChartSeries(raw: SpcSeriesResult, published: PublishedSpcSeries): SpcSeriesResult {
  const num = (v: Maybe<number | null>, fallback: number | null): number | null => (typeof v === 'string' ? fallback : v);
  const points = raw.points.flatMap((p, i): SpcSeriesPoint[] => {
    const q = published.points[i];
    // (A point type is a name, so Maybe<SpcPointType> is any string: the marker is told apart by value.)
    if (typeof q.value === 'string' || typeof q.n === 'string' || typeof q.mean === 'string' || typeof q.rules === 'string' || q.pointType === SUPPRESSION_MARKER) return [];
    return [{
      ...p, n: q.n, value: q.value, mean: q.mean, numerator: num(q.numerator, p.numerator),
      lpl: num(q.lpl, null), upl: num(q.upl, null), nearLower: num(q.nearLower, null), nearUpper: num(q.nearUpper, null),
      rules: q.rules, pointType: q.pointType as SpcPointType,
    }];
  });
  return { ...raw, points };
}

/** SPC table columns in order (CSV header and XLSX columns). */
export const SPC_TABLE_COLUMNS = [
  'Group', 'Chart', 'Period', 'Period start', 'n', 'Numerator', 'Value', 'Centre line', 'Lower limit', 'Upper limit',
  'Near lower', 'Near upper', 'Rules', 'Point type', 'Segment', 'Baseline', 'Provisional', 'Trial limits', 'Variation icon', 'Assurance icon',
] as const;

/** One row per point of a (published) SPC report, with human column names. */
export function spcTableRows(report: Pick<PublishedSpcReport, 'series'> | Pick<SpcReport, 'series'>): Record<(typeof SPC_TABLE_COLUMNS)[number], TableValue>[] {
  const rows: Record<(typeof SPC_TABLE_COLUMNS)[number], TableValue>[] = [];
  for (const s of report.series as readonly PublishedSpcSeries[]) {
    for (const p of s.points) {
      rows.push({
        Group: s.group,
        Chart: CHART_TYPE_LABEL[s.chart],
        Period: p.period,
        'Period start': p.periodStart,
        n: p.n,
        Numerator: p.numerator,
        Value: p.value,
        'Centre line': p.mean,
        'Lower limit': p.lpl,
        'Upper limit': p.upl,
        'Near lower': p.nearLower,
        'Near upper': p.nearUpper,
        Rules: typeof p.rules === 'string' ? p.rules : p.rules.join(' '),
        'Point type': p.pointType,
        Segment: p.segment + 1,
        Baseline: p.baseline,
        Provisional: p.provisional,
        'Trial limits': s.trial,
        'Variation icon': s.variationIcon,
        'Assurance icon': s.assuranceIcon,
      });
    }
  }
  return rows;
}

/** A waits group after suppression. */
export type PublishedWaitGroup = Omit<WaitGroup, 'n' | 'events' | 'censored' | 'steps' | 'median' | 'medianCi' | 'withinDays' | 'withinDaysCi' | 'percentiles'> & {
  n: Maybe<number>;
  events: Maybe<number>;
  censored: Maybe<number>;
  median: Maybe<number | null>;
  medianCi: Maybe<[number | null, number | null]>;
  withinDays: Maybe<number | null>;
  withinDaysCi: Maybe<[number | null, number | null] | null>;
  percentiles: Maybe<WaitGroup['percentiles']>;
  steps: { time: number; atRisk: Maybe<number>; events: Maybe<number>; censored: Maybe<number>; survival: number; lower: number | null; upper: number | null }[];
};

export interface PublishedWaitsResult extends Omit<WaitsResult, 'groups' | 'excluded'> {
  readonly groups: PublishedWaitGroup[];
  /** Rows left out, by reason; counts of 1-7 hidden like every count. */
  readonly excluded: { invalid: Maybe<number>; missingStart: Maybe<number>; missingGroup: Maybe<number> };
  readonly suppression: string | null;
}

/** The share within the time frame times n, when it is a whole number of people (no one censored before it). */
function countWithin(withinDays: number, n: number): number | null {
  const k = withinDays * n;
  return Math.abs(k - Math.round(k)) < WHOLE_TOLERANCE ? Math.round(k) : null;
}

/**
 * A curve's coarsened steps, with the last ones dropped until what the totals leave after the
 * published steps (the unpublished tail: totals minus the steps' events and censored) is 0 or more
 * than the threshold, so the tail's counts cannot be worked out from the totals.
 */
function publishableSteps(g: WaitGroup, threshold: SuppressionThreshold): WaitGroup['steps'] {
  const small = (x: number): boolean => x >= threshold.min && x <= threshold.max;
  const steps = coarsenSteps(g.steps, threshold.max + 1);
  let events = g.events - steps.reduce((t, s) => t + s.events, 0);
  let censored = g.censored - steps.reduce((t, s) => t + s.censored, 0);
  while (steps.length > 0 && (small(events) || small(censored))) {
    const last = steps.pop() as WaitGroup['steps'][number];
    events += last.events;
    censored += last.censored;
  }
  return steps;
}

/** Suppress a waits result for publication (see the file comment). */
export function publishWaits(result: WaitsResult, options: PublishOptions = {}): PublishedWaitsResult {
  const { threshold, round } = resolveRule(options);
  if (threshold === null) return { ...result, suppression: null };
  const small = (x: number): boolean => x >= threshold.min && x <= threshold.max;
  const mark = (x: number): Maybe<number> => (small(x) ? SUPPRESSION_MARKER : round ? roundToBase(x) : x);
  let countsHidden = false;
  const groups = result.groups.map((g): PublishedWaitGroup => {
    const tiny = small(g.n);
    // events + censored = n: hiding one of the two alone would let it be recovered from n.
    const hideSplit = tiny || small(g.events) || small(g.censored);
    if (hideSplit) countsHidden = true;
    // With no one censored before the time frame, the share within it times n is a count of people.
    const within = g.withinDays === null ? null : countWithin(g.withinDays, g.n);
    const hideWithin = tiny || (within !== null && (small(within) || small(g.n - within)));
    return {
      ...g,
      n: mark(g.n),
      events: hideSplit ? SUPPRESSION_MARKER : mark(g.events),
      censored: hideSplit ? SUPPRESSION_MARKER : mark(g.censored),
      median: tiny ? SUPPRESSION_MARKER : g.median,
      medianCi: tiny ? SUPPRESSION_MARKER : g.medianCi,
      withinDays: hideWithin ? SUPPRESSION_MARKER : g.withinDays,
      withinDaysCi: hideWithin ? SUPPRESSION_MARKER : g.withinDaysCi,
      percentiles: tiny ? SUPPRESSION_MARKER : g.percentiles,
      steps: tiny ? [] : publishableSteps(g, threshold).map((s) => ({ ...s, atRisk: mark(s.atRisk), events: mark(s.events), censored: mark(s.censored) })),
    };
  });
  const excluded = {
    invalid: mark(result.excluded.invalid),
    missingStart: mark(result.excluded.missingStart),
    missingGroup: mark(result.excluded.missingGroup),
  };
  // The log-rank test's observed events are the curves' events (and expected and variance follow
  // the curves' counts at every event time): left out when either curve hides a count. Under
  // round5 the observed events are shown rounded, as the curves' events are.
  const logRank = result.logRank === null || countsHidden
    ? null
    : round ? { ...result.logRank, observed: [roundToBase(result.logRank.observed[0]), roundToBase(result.logRank.observed[1])] as [number, number] } : result.logRank;
  const note =
    `${suppressionNote({ threshold, secondary: false, derived: { median: ['n'] } })} ` +
    `Curve steps are merged so each published drop comes from at least ${threshold.max + 1} events, and the tail with fewer than ${threshold.max + 1} people still waiting is not shown ` +
    `(nor any last steps that would leave the tail's events or censored, from the curve's totals, at 1-${threshold.max}). ` +
    `The share within the time frame is hidden when it gives a count of people within it, or outside it, of 1-${threshold.max}.` +
    (result.logRank !== null && logRank === null ? ' The log-rank test is not shown: its observed and expected events would give back hidden counts.' : '');
  return { ...result, groups, excluded, logRank, suppression: noteOf(note, round) };
}

/** Footnote lines of an SPC export: the choices, notes and suppression. */
export function spcExportFootnote(report: Pick<SpcReport, 'labels' | 'measure' | 'asOf'>, extra: { notes?: readonly { date: string; text: string }[]; suppression?: string | null } = {}): string[] {
  const lines: string[] = [];
  if (report.measure) lines.push(`Measure: ${report.measure.title} (${report.measure.id}, ${report.measure.provenance}).`);
  if (report.asOf) lines.push(`As of ${report.asOf}.`);
  lines.push(`Choices: ${report.labels.map((l) => l.label).join('; ')}.`);
  if (extra.notes?.length) lines.push(`Notes: ${extra.notes.map((n) => `${n.date}: ${n.text}`).join('; ')}.`);
  if (extra.suppression) lines.push(`Suppression: ${extra.suppression}`);
  return lines;
}

/** Board table columns in order. */
export const BOARD_TABLE_COLUMNS = [
  'Group', 'Measure', 'Measure id', 'Period', 'n', 'Numerator', 'Value', 'Target', 'Chart', 'Points', 'Trial limits', 'Provisional', 'Point type', 'Variation icon', 'Assurance icon',
] as const;

type BoardRow = Record<(typeof BOARD_TABLE_COLUMNS)[number], TableValue>;

/** The words added to a board's suppression note: each cell is its chart's latest point as the SPC export publishes it. */
export const BOARD_PUBLICATION_NOTE =
  "Each cell is the latest point of its centre's chart as that chart's SPC export publishes it: counts are suppressed across the whole chart (so a latest month can be hidden to protect another month's count), " +
  "a hidden value's point type is hidden with it, a point type beside a hidden value or centre line is read from the shown values alone or hidden, and an icon read from something hidden is withheld.";

/** The SPC report of one board cell's chart, as the Trends page would draw it (what publishSpcReport reads). */
function boardCellReport(measure: BoardResult['measures'][number], spc: SpcSeriesResult, asOf: string | null): SpcReport {
  return { chart: measure.choices.chart, options: measure.choices, labels: [], measure: null, granularity: null, asOf, series: [spc] };
}

/**
 * One row per board cell (group x measure), published unless suppression is off: each cell is the
 * latest point of its group's chart for the measure as publishSpcReport publishes that chart (the
 * Trends page's SPC export and `msvw spc`): its n, numerator and value (hidden or rounded with the
 * whole chart's counts), its point type, and the chart's icons ('suppressed' where they would be
 * read from something hidden). So the board export never says more about a month than the chart's
 * own export does.
 */
export function boardTableRows(board: BoardResult, options: PublishOptions = {}): { rows: BoardRow[]; suppression: string | null } {
  const measures = new Map(board.measures.map((m) => [m.id, m]));
  const { threshold, round } = resolveRule(options);
  let iconsWithheld = false;
  const rows = board.cells.map((c): BoardRow => {
    const measure = measures.get(c.measureId);
    const row: BoardRow = {
      Group: c.group,
      Measure: measure?.shortTitle ?? c.measureId,
      'Measure id': c.measureId,
      Period: c.period,
      n: c.n,
      Numerator: c.numerator,
      Value: c.value,
      Target: measure?.target ?? null,
      Chart: c.chart === null ? null : CHART_TYPE_LABEL[c.chart],
      Points: c.points,
      'Trial limits': c.trial,
      Provisional: c.provisional,
      'Point type': c.pointType,
      'Variation icon': c.variationIcon,
      'Assurance icon': c.assuranceIcon,
    };
    if (!measure || c.spc === null || c.spc.points.length === 0) return row;
    const series = publishSpcReport(boardCellReport(measure, c.spc, board.asOf), options).series[0];
    const last = series.points[series.points.length - 1];
    iconsWithheld ||= series.variationIcon === SUPPRESSED_ICON || series.assuranceIcon === SUPPRESSED_ICON;
    return {
      ...row,
      Period: last.period,
      n: last.n,
      Numerator: last.numerator,
      Value: last.value,
      'Point type': last.pointType,
      'Variation icon': series.variationIcon,
      'Assurance icon': series.assuranceIcon,
    };
  });
  if (threshold === null || rows.length === 0) return { rows, suppression: null };
  const note = [
    suppressionNote({ threshold, derived: { Value: ['Numerator', 'n'] } }), BOARD_PUBLICATION_NOTE,
    ...(iconsWithheld ? [SUPPRESSED_ICON_EXPLANATION] : []),
  ].join(' ');
  return { rows, suppression: noteOf(note, round) };
}

/** Waiting-time summary columns (one row per curve). */
export const WAIT_SUMMARY_COLUMNS = [
  'group', 'period', 'n', 'events', 'censored', 'median', 'median_lower', 'median_upper', 'within_days', 'within_days_lower', 'within_days_upper',
  'p50', 'p90', 'p95', 'days', 'as_of', 'conf',
] as const;

/** Waiting-time step columns (one row per published step). */
export const WAIT_STEP_COLUMNS = ['group', 'period', 'time', 'at_risk', 'events', 'censored', 'survival', 'lower', 'upper'] as const;

/** One row per curve of a (published) waits result: counts, median and interval, share within, percentiles. */
export function waitSummaryRows(result: PublishedWaitsResult): Record<(typeof WAIT_SUMMARY_COLUMNS)[number], TableValue>[] {
  const pair = (v: unknown, k: 0 | 1): TableValue => (Array.isArray(v) ? (v[k] as TableValue) : (v as TableValue));
  return result.groups.map((g) => {
    const pct = (p: number): TableValue => (Array.isArray(g.percentiles) ? (g.percentiles.find((q) => q.p === p)?.days ?? null) : g.percentiles);
    return {
      group: g.group, period: g.period, n: g.n, events: g.events, censored: g.censored, median: g.median as TableValue,
      median_lower: pair(g.medianCi, 0), median_upper: pair(g.medianCi, 1), within_days: g.withinDays as TableValue,
      within_days_lower: pair(g.withinDaysCi, 0), within_days_upper: pair(g.withinDaysCi, 1),
      p50: pct(0.5), p90: pct(0.9), p95: pct(0.95), days: result.days, as_of: result.asOf, conf: result.conf,
    };
  });
}

/** One row per published step of every curve. */
export function waitStepRows(result: PublishedWaitsResult): Record<(typeof WAIT_STEP_COLUMNS)[number], TableValue>[] {
  return result.groups.flatMap((g) => g.steps.map((s) => ({
    group: g.group, period: g.period, time: s.time, at_risk: s.atRisk, events: s.events, censored: s.censored, survival: s.survival, lower: s.lower, upper: s.upper,
  })));
}

/** Before / after table columns in order. */
export const BEFORE_AFTER_COLUMNS = ['Side', 'From', 'To', 'Periods', 'n', 'Numerator', 'Proportion', '95% CI lower', '95% CI upper'] as const;

/** Before / after rows (one per side, plus the difference), suppressed for publication unless asked not to. */
export function beforeAfterRows(result: BeforeAfter, options: PublishOptions = {}): { rows: Record<string, TableValue>[]; suppression: string | null } {
  const side = (label: string, s: BeforeAfter['before']): Record<string, TableValue> => ({
    Side: label, From: s.from, To: s.to, Periods: s.periods, n: s.n, Numerator: s.numerator, [NOT_MET]: s.n - s.numerator,
    Proportion: s.proportion, '95% CI lower': s.ci95[0], '95% CI upper': s.ci95[1],
  });
  const rows = [side(`Before ${formatUkDate(result.date)}`, result.before), side(`From ${formatUkDate(result.date)}`, result.after)];
  const difference: Record<string, TableValue> = {
    Side: 'Difference (after - before)', From: null, To: null, Periods: null, n: null, Numerator: null,
    Proportion: result.difference, '95% CI lower': result.differenceCi95[0], '95% CI upper': result.differenceCi95[1],
  };
  const strip = (r: Record<string, TableValue>): Record<string, TableValue> => {
    const copy = { ...r };
    delete copy[NOT_MET];
    return copy;
  };
  const { threshold, round } = resolveRule(options);
  if (threshold === null) return { rows: [...rows.map(strip), difference], suppression: null };
  const derived = { Proportion: ['Numerator', 'n'], '95% CI lower': ['Numerator', 'n'], '95% CI upper': ['Numerator', 'n'] };
  const result2 = suppressTable(rows, { countColumns: ['Numerator', NOT_MET], totalColumn: 'n', threshold, derived });
  const hidden = result2.suppressedCells.length > 0;
  // The difference is computed from both sides' counts: hidden with any of them.
  let diff = hidden ? { ...difference, Proportion: SUPPRESSION_MARKER, '95% CI lower': SUPPRESSION_MARKER, '95% CI upper': SUPPRESSION_MARKER } : difference;
  let sides = result2.rows;
  if (round && !hidden) {
    // Proportions, Wilson intervals and the Newcombe difference from the rounded counts.
    const [b, a] = result2.rows.map((r) => ({ x: roundToBase(r.Numerator as number), n: roundToBase(r.n as number) }));
    const d = newcombeDifference(b.x, b.n, a.x, a.n, Z95);
    const rounded = (r: TableRow, s: { x: number; n: number }, ci: { lower: number; upper: number }): TableRow =>
      ({ ...r, n: s.n, Numerator: s.x, Proportion: s.x / s.n, '95% CI lower': ci.lower, '95% CI upper': ci.upper });
    sides = [rounded(result2.rows[0], b, d.first), rounded(result2.rows[1], a, d.second)];
    diff = { ...difference, Proportion: d.difference, '95% CI lower': d.lower, '95% CI upper': d.upper };
  } else if (round) {
    sides = result2.rows.map((r) => {
      const n = roundShown(r.n, true);
      const x = roundShown(r.Numerator, true);
      if (typeof n !== 'number' || typeof x !== 'number' || n === 0) return { ...r, n, Numerator: x };
      const ci = wilsonInterval(x, n, Z95);
      return { ...r, n, Numerator: x, Proportion: x / n, '95% CI lower': ci.lower, '95% CI upper': ci.upper };
    });
  }
  return { rows: [...sides.map(strip), diff], suppression: noteOf(suppressionNote({ threshold, derived }), round) };
}
