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
 * - Waits: each curve's n, events and censored counts; a curve of 1-7 people hides its median,
 *   percentiles and share within the threshold. The steps of a published curve are coarsened so each
 *   published drop comes from at least 8 events (threshold + 1), and counts of 1-7 in them are hidden.
 */
import {
  NHS_DIGITAL_THRESHOLD, SUPPRESSION_MARKER, SuppressionError, suppressionNote, suppressTable,
  type SuppressionOptions, type SuppressionResult, type SuppressionThreshold, type TableRow, type TableValue,
} from '../privacy/suppression';
import { CHART_TYPE_LABEL } from './spc-choices';
import type { SpcReport } from './spc-report';
import type { SpcSeriesPoint, SpcSeriesResult } from './spc-series';
import { coarsenSteps, type WaitGroup, type WaitsResult } from './waits';

/** A value that may have been suppressed. */
export type Maybe<T> = T | string;

/** An SPC point after suppression: counts and derived values may be the marker. */
export type PublishedSpcPoint = Omit<SpcSeriesPoint, 'n' | 'numerator' | 'value' | 'lpl' | 'upl' | 'nearLower' | 'nearUpper'> & {
  n: Maybe<number>;
  numerator: Maybe<number | null>;
  value: Maybe<number>;
  lpl: Maybe<number | null>;
  upl: Maybe<number | null>;
  nearLower: Maybe<number | null>;
  nearUpper: Maybe<number | null>;
};

export type PublishedSpcSeries = Omit<SpcSeriesResult, 'points'> & { points: PublishedSpcPoint[] };

export interface PublishedSpcReport extends Omit<SpcReport, 'series'> {
  readonly series: PublishedSpcSeries[];
  /** Suppression note, or null when suppression was switched off. */
  readonly suppression: string | null;
  readonly suppressedCells: number;
}

export interface PublishOptions {
  /** Counts hidden (default 1-7, NHS Digital). */
  readonly threshold?: SuppressionThreshold;
  /** Suppress at all (default true). */
  readonly suppress?: boolean;
}

/** Hidden helper column: people not meeting the standard (n - numerator). */
const NOT_MET = 'notMet';
/** Hidden helper column: the group's rebased segment, whose totals the mean publishes. */
const SEGMENT_KEY = 'segmentKey';

/**
 * Suppress the counts of an SPC report for publication. Series of plain values (no numerators,
 * n = 1) have no counts of people and are published as they are.
 */
export function publishSpcReport(report: SpcReport, options: PublishOptions = {}): PublishedSpcReport {
  if (options.suppress === false) return { ...report, suppression: null, suppressedCells: 0 };
  const threshold = options.threshold ?? NHS_DIGITAL_THRESHOLD;
  const counted = report.series.some((s) => s.points.some((p) => p.numerator !== null));
  const medianWaits = report.measure !== null && !counted;
  if (!counted && !medianWaits) return { ...report, suppression: null, suppressedCells: 0 };
  let hidden = 0;
  const series = report.series.map((s): PublishedSpcSeries => {
    if (s.points.length === 0) return { ...s, points: [] };
    const limitsFromN = s.chart === 'p' || s.chart === 'pprime';
    const rows: TableRow[] = s.points.map((p) => ({
      n: p.n,
      numerator: p.numerator,
      [NOT_MET]: p.numerator === null ? null : p.n - p.numerator,
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
    return {
      ...s,
      points: s.points.map((p, i) => {
        const r = result.rows[i];
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
    };
  });
  const derived = { value: ['numerator', 'n'] };
  return { ...report, series, suppression: suppressionNote({ threshold, derived }), suppressedCells: hidden };
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
        Rules: p.rules.join(' '),
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

export interface PublishedWaitsResult extends Omit<WaitsResult, 'groups'> {
  readonly groups: PublishedWaitGroup[];
  readonly suppression: string | null;
}

/** Suppress a waits result for publication (see the file comment). */
export function publishWaits(result: WaitsResult, options: PublishOptions = {}): PublishedWaitsResult {
  if (options.suppress === false) return { ...result, suppression: null };
  const threshold = options.threshold ?? NHS_DIGITAL_THRESHOLD;
  const small = (x: number): boolean => x >= threshold.min && x <= threshold.max;
  const mark = (x: number): Maybe<number> => (small(x) ? SUPPRESSION_MARKER : x);
  const groups = result.groups.map((g): PublishedWaitGroup => {
    const tiny = small(g.n);
    // events + censored = n: hiding one of the two alone would let it be recovered from n.
    const hideSplit = tiny || small(g.events) || small(g.censored);
    return {
      ...g,
      n: mark(g.n),
      events: hideSplit ? SUPPRESSION_MARKER : g.events,
      censored: hideSplit ? SUPPRESSION_MARKER : g.censored,
      median: tiny ? SUPPRESSION_MARKER : g.median,
      medianCi: tiny ? SUPPRESSION_MARKER : g.medianCi,
      withinDays: tiny ? SUPPRESSION_MARKER : g.withinDays,
      withinDaysCi: tiny ? SUPPRESSION_MARKER : g.withinDaysCi,
      percentiles: tiny ? SUPPRESSION_MARKER : g.percentiles,
      steps: tiny ? [] : coarsenSteps(g.steps, threshold.max + 1).map((s) => ({ ...s, atRisk: mark(s.atRisk), events: mark(s.events), censored: mark(s.censored) })),
    };
  });
  const note =
    `${suppressionNote({ threshold, secondary: false, derived: { median: ['n'] } })} ` +
    `Curve steps are merged so each published drop comes from at least ${threshold.max + 1} events, and the tail with fewer than ${threshold.max + 1} people still waiting is not shown.`;
  return { ...result, groups, suppression: note };
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
