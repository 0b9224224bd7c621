/**
 * SPC chart of one series as a Vega-Lite spec (Making Data Count style): the values joined by a
 * thin line, each point coloured and shaped by its NHSRplotthedots point type (so colour is never
 * the only cue), the mean, process limits and optional near-limit lines per rebased segment, a
 * target line, rebase breaks, dated annotations (PDSA notes) as labelled vertical rules, and a
 * subtitle that names every rule choice and marks trial limits and provisional points. Every
 * number comes from the engine (shared/analysis/spc-series.ts); the spec only draws it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SpcPointType, SpcSeriesPoint, SpcSeriesResult } from '../analysis/spc-series';
import { OKABE_ITO, TARGET_LINE, type CategoryStyle } from './palette';
import { CHART_CONFIG, VEGA_LITE_SCHEMA, type Layer } from './spec-parts';

/** A dated note drawn on the chart. */
export interface SpcAnnotation {
  /** ISO yyyy-mm-dd. */
  readonly date: string;
  readonly text: string;
}

export interface SpcSpecOptions {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** Subtitle lines, e.g. spcChoicesSubtitle(choices, drawn). */
  readonly subtitle?: string | readonly string[];
  readonly annotations?: readonly SpcAnnotation[];
  /** Target line (drawn when not null). */
  readonly target?: number | null;
  /** Values are proportions (axis in %). */
  readonly proportion: boolean;
  /** Draw the near-limit ("2 sigma") lines (default false). */
  readonly nearLimits?: boolean;
  /** Axis title of the values (default "% meeting standard" or "Value"). */
  readonly yTitle?: string;
}

/** Point styles by point type (Making Data Count colours: blue improvement, orange concern, purple neither, grey common cause). */
export const POINT_TYPE_STYLES: Readonly<Record<SpcPointType, CategoryStyle>> = Object.freeze({
  common_cause: { colour: '#7F7F7F', shape: 'circle', label: 'Common cause' },
  special_cause_improvement: { colour: OKABE_ITO.blue, shape: 'diamond', label: 'Special cause: improvement' },
  special_cause_concern: { colour: OKABE_ITO.orange, shape: 'square', label: 'Special cause: concern' },
  special_cause_neutral_high: { colour: OKABE_ITO.reddishPurple, shape: 'triangle-up', label: 'Special cause: neither (high)' },
  special_cause_neutral_low: { colour: OKABE_ITO.reddishPurple, shape: 'triangle-down', label: 'Special cause: neither (low)' },
});

/** Point types in legend order. */
export const POINT_TYPE_ORDER: readonly SpcPointType[] = Object.freeze([
  'common_cause', 'special_cause_improvement', 'special_cause_concern', 'special_cause_neutral_high', 'special_cause_neutral_low',
]);

/** Line roles of the chart and how each is drawn. */
export const SPC_LINE_STYLES = Object.freeze({
  mean: { label: 'Mean', colour: '#333333', dash: [] as number[], width: 1.5 },
  limit: { label: 'Process limits', colour: '#555555', dash: [6, 4], width: 1.25 },
  near: { label: 'Near-limit lines', colour: '#999999', dash: [2, 3], width: 1 },
});

/** Rule names in words (tooltips and footnotes). */
export const RULE_TEXT = Object.freeze({ outside: 'outside the limits', twoOfThree: '2 of 3 near a limit', trend: 'trend', shift: 'shift' });

/** Approximate width of a subtitle character in pixels (11 px system font), to wrap long subtitles. */
const SUBTITLE_CHAR_WIDTH = 6;

/** Split a "a; b; c" line into lines of at most `max` characters, breaking after separators. */
export function wrapAtSeparators(line: string, max: number): string[] {
  const parts = line.split('; ');
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    const next = current ? `${current}; ${part}` : part;
    if (current && next.length > max) { out.push(`${current};`); current = part; } else current = next;
  }
  if (current) out.push(current);
  return out;
}

/** Rows over which note labels are staggered, and the height of a row in pixels. */
const ANNOTATION_ROWS = 3;
const ANNOTATION_ROW_HEIGHT = 14;

/** A point row of the chart's data. */
interface PointDatum {
  periodStart: string;
  period: string;
  value: number;
  n: number;
  numerator: number | null;
  pointType: string;
  rulesText: string;
  provisional: string;
}

/** One vertex of a mean / limit line, long form. */
interface LineDatum {
  periodStart: string;
  value: number;
  role: string;
  series: string;
}

/** Mean, limit and near-limit lines in long form, one series per segment and side, skipping missing limits. */
export function spcLineData(points: readonly SpcSeriesPoint[], nearLimits: boolean): LineDatum[] {
  const rows: LineDatum[] = [];
  const add = (p: SpcSeriesPoint, value: number | null, role: string, side: string): void => {
    if (value !== null && Number.isFinite(value)) rows.push({ periodStart: p.periodStart, value, role, series: `${role} ${side} ${p.segment}` });
  };
  for (const p of points) {
    add(p, p.mean, SPC_LINE_STYLES.mean.label, 'centre');
    add(p, p.lpl, SPC_LINE_STYLES.limit.label, 'lower');
    add(p, p.upl, SPC_LINE_STYLES.limit.label, 'upper');
    if (nearLimits) {
      add(p, p.nearLower, SPC_LINE_STYLES.near.label, 'lower');
      add(p, p.nearUpper, SPC_LINE_STYLES.near.label, 'upper');
    }
  }
  return rows;
}

/** Footnote of the chart: what the points, lines and icons mean, and the notes drawn. */
export function spcFootnote(series: Pick<SpcSeriesResult, 'chart' | 'trial' | 'points'>, choicesText: string, annotations: readonly SpcAnnotation[] = []): string {
  const parts = [`Choices: ${choicesText}.`];
  if (series.chart === 'run') parts.push('Run chart: the centre line is the median; there are no process limits.');
  else parts.push('Process limits at 3 sigma; limits and rules are computed within each rebased segment and never cross a rebase.');
  if (series.trial) parts.push('Trial limits: the latest segment has fewer than 13 points.');
  if (series.points.some((p) => p.provisional)) parts.push('Faded points are provisional: clocks started then may still be running.');
  if (annotations.length) parts.push(`Notes: ${annotations.map((a) => `${a.date}: ${a.text}`).join('; ')}.`);
  return parts.join(' ');
}

/** The SPC chart of one series as a Vega-Lite v6 spec. */
export function spcSpec(series: SpcSeriesResult, options: SpcSpecOptions): TopLevelSpec {
  const nearLimits = options.nearLimits ?? false;
  const format = options.proportion ? '.0%' : ',.4~g';
  const tooltipFormat = options.proportion ? '.1%' : ',.4~g';
  const points: PointDatum[] = series.points.map((p) => ({
    periodStart: p.periodStart,
    period: p.period,
    value: p.value,
    n: p.n,
    numerator: p.numerator,
    pointType: POINT_TYPE_STYLES[p.pointType].label,
    rulesText: p.rules.length ? p.rules.map((r) => RULE_TEXT[r]).join(', ') : 'none',
    provisional: p.provisional ? 'yes' : 'no',
  }));
  const lines = spcLineData(series.points, nearLimits && series.chart !== 'run');
  const rebases = series.points.filter((p, i) => i > 0 && p.segment !== series.points[i - 1].segment).map((p) => ({ periodStart: p.periodStart, label: 'Rebased' }));
  const annotations = [...(options.annotations ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1)).map((a, i) => ({ date: a.date, text: a.text, row: i % ANNOTATION_ROWS }));
  const target = options.target ?? null;
  const x = { field: 'periodStart', type: 'temporal' as const, title: 'Period', axis: { format: '%b %Y', labelAngle: 0 } };
  const y = { type: 'quantitative' as const, title: options.yTitle ?? (options.proportion ? '% meeting standard' : 'Value'), axis: { format }, scale: { zero: false } };
  const roles = [SPC_LINE_STYLES.mean, SPC_LINE_STYLES.limit, ...(nearLimits ? [SPC_LINE_STYLES.near] : [])];

  const layers: Layer[] = [];
  if (lines.length) {
    layers.push({
      data: { name: 'lines' },
      mark: { type: 'line', interpolate: 'step-after', clip: true },
      encoding: {
        x,
        y: { ...y, field: 'value' },
        detail: { field: 'series', type: 'nominal' },
        color: { field: 'role', type: 'nominal', title: 'Lines', scale: { domain: roles.map((r) => r.label), range: roles.map((r) => r.colour) } },
        strokeDash: { field: 'role', type: 'nominal', title: 'Lines', scale: { domain: roles.map((r) => r.label), range: roles.map((r) => r.dash) } },
      },
    });
  }
  if (target !== null) {
    layers.push({
      data: { name: 'target' },
      mark: { type: 'rule', color: TARGET_LINE.colour, strokeWidth: TARGET_LINE.width, strokeDash: [10, 3, 2, 3] },
      encoding: { y: { ...y, field: 'target' }, tooltip: [{ field: 'label', type: 'nominal', title: 'Target' }] },
    });
    layers.push({
      data: { name: 'target' },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 11, color: TARGET_LINE.colour },
      encoding: { y: { ...y, field: 'target' }, x: { value: options.width }, text: { field: 'label', type: 'nominal' } },
    });
  }
  if (rebases.length) {
    const xr = { ...x, field: 'periodStart' };
    layers.push({ data: { name: 'rebases' }, mark: { type: 'rule', color: '#555555', strokeDash: [4, 2], strokeWidth: 1.25 }, encoding: { x: xr } });
    layers.push({
      data: { name: 'rebases' },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -2, fontSize: 11, color: '#555555' },
      encoding: { x: xr, y: { value: options.height }, text: { field: 'label', type: 'nominal' } },
    });
  }
  if (annotations.length) {
    const xr = { ...x, field: 'date' };
    layers.push({
      data: { name: 'annotations' },
      mark: { type: 'rule', color: OKABE_ITO.vermillion, strokeWidth: 1.25 },
      encoding: { x: xr, tooltip: [{ field: 'date', type: 'temporal', title: 'Date', format: '%d %b %Y' }, { field: 'text', type: 'nominal', title: 'Note' }] },
    });
    // Labels staggered over ANNOTATION_ROWS rows so neighbouring notes do not overlap.
    for (let row = 0; row < ANNOTATION_ROWS; row++) {
      if (!annotations.some((a) => a.row === row)) continue;
      layers.push({
        data: { name: 'annotations' },
        transform: [{ filter: `datum.row === ${row}` }],
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: row * ANNOTATION_ROW_HEIGHT, fontSize: 11, color: OKABE_ITO.vermillion, limit: 160 },
        encoding: { x: xr, y: { value: 2 }, text: { field: 'text', type: 'nominal' } },
      });
    }
  }
  layers.push({
    data: { name: 'points' },
    mark: { type: 'line', color: '#B0B0B0', strokeWidth: 1 },
    encoding: { x, y: { ...y, field: 'value' } },
  });
  const domain = POINT_TYPE_ORDER.map((t) => POINT_TYPE_STYLES[t].label);
  layers.push({
    data: { name: 'points' },
    mark: { type: 'point', filled: true, size: 60, stroke: '#333333', strokeWidth: 0.5 },
    encoding: {
      x,
      y: { ...y, field: 'value' },
      color: { field: 'pointType', type: 'nominal', title: 'Point', scale: { domain, range: POINT_TYPE_ORDER.map((t) => POINT_TYPE_STYLES[t].colour) } },
      shape: { field: 'pointType', type: 'nominal', title: 'Point', scale: { domain, range: POINT_TYPE_ORDER.map((t) => POINT_TYPE_STYLES[t].shape) } },
      opacity: { condition: { test: "datum.provisional === 'yes'", value: 0.4 }, value: 1 },
      tooltip: [
        { field: 'period', type: 'nominal', title: 'Period' },
        { field: 'value', type: 'quantitative', title: options.proportion ? '%' : 'Value', format: tooltipFormat },
        ...(options.proportion ? [
          { field: 'numerator', type: 'quantitative' as const, title: 'Meeting standard', format: ',' },
          { field: 'n', type: 'quantitative' as const, title: 'Patients (n)', format: ',' },
        ] : []),
        { field: 'pointType', type: 'nominal', title: 'Point type' },
        { field: 'rulesText', type: 'nominal', title: 'Rules' },
        { field: 'provisional', type: 'nominal', title: 'Provisional' },
      ],
    },
  });

  const given = typeof options.subtitle === 'string' ? [options.subtitle] : [...(options.subtitle ?? [])];
  const subtitle = given.flatMap((line) => wrapAtSeparators(line, Math.max(40, Math.floor(options.width / SUBTITLE_CHAR_WIDTH))));
  if (series.trial) subtitle.push('Trial limits (fewer than 13 points since the last rebase)');
  if (series.points.some((p) => p.provisional)) subtitle.push('Faded points are provisional (clocks may still be running)');
  const specials = series.points.filter((p) => p.pointType !== 'common_cause').length;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `${series.chart === 'run' ? 'Run chart' : 'SPC chart'} of ${options.title} for ${series.group}: ${series.points.length} points, ${specials} special cause.`,
    title: { text: options.title, subtitle },
    width: options.width,
    height: options.height,
    datasets: {
      points,
      lines,
      target: target !== null ? [{ target, label: `Target ${options.proportion ? `${Number((target * 100).toFixed(1))}%` : String(target)}` }] : [],
      rebases,
      annotations,
    },
    layer: layers,
    resolve: { scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' } },
    config: CHART_CONFIG,
    usermeta: {
      chart: 'spc',
      group: series.group,
      footnote: spcFootnote(series, given.join('; '), options.annotations),
    },
  };
}
