/**
 * Funnel plot of one measure across centres (Spiegelhalter 2005; FunnelPlotR): each centre's
 * proportion against its denominator, with the target and 95% / 99.8% control-limit curves.
 * Every number is computed here or by the analysis engine; the spec only draws data it is given.
 *
 * Outlier labels: by default only centres strictly outside the 99.8% limits are named, because
 * about 1 centre in 20 lies outside the 95% limits by chance alone; `labelLevel: '95'` names
 * every centre strictly outside the 95% limits too. "Strictly outside" is the engine's band
 * (methods.md: a centre on a limit is not an outlier).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Band, GroupResult, VariationResult } from '../analysis/variation';
import { formatInterval, formatPercent, limitMethodText, methodLine, overdispersionText } from './describe';
import { curveSettings, DEFAULT_CURVE_STEPS, funnelCurve, type FunnelCurvePoint } from './funnel-curve';
import { BAND_STYLES, LIMIT_95_LINE, LIMIT_998_LINE, SELECTED_HIGHLIGHT, TARGET_LINE } from './palette';
import { bandPointEncoding, CENTRE_FIELD, CENTRE_PARAM, CHART_CONFIG, centreSelectionParams, VEGA_LITE_SCHEMA, type Layer } from './spec-parts';

/** The parts of a variation result a funnel plot reads. */
export type FunnelInput = Pick<VariationResult, 'measure' | 'asOf' | 'target' | 'targetSource' | 'limits' | 'overdispersion' | 'groups'>;

/** Which limits make a centre an outlier worth naming on the chart. */
export type OutlierLevel = '99.8' | '95';

export interface FunnelSpecOptions {
  width: number;
  height: number;
  /** Centre to highlight (the user's own), pre-selecting the "centre" selection. */
  selected?: string;
  /** Name outlying centres beside their points (default true). */
  labelOutliers?: boolean;
  /** Outside which limits a centre is named (default '99.8'). */
  labelLevel?: OutlierLevel;
  /** Chart title (default: the measure's title). */
  title?: string;
  /** Denominators sampled along each limit curve (default DEFAULT_CURVE_STEPS). */
  steps?: number;
  /** Most outliers named on the chart, the furthest from the target (by |z|) first (default MAX_OUTLIER_LABELS). */
  maxLabels?: number;
}

/** Names beyond this many overlap and stop being readable; the league table lists every outlier. */
export const MAX_OUTLIER_LABELS = 12;

/** The outliers to name: strictly outside the limits, furthest from the target first, at most `max`. */
export function labelledOutliers(groups: readonly Pick<GroupResult, 'group' | 'band' | 'z' | 'proportion'>[], level: OutlierLevel, max: number, target: number | null): string[] {
  const outside = new Set(outlierCentres(groups, level));
  const distance = (g: Pick<GroupResult, 'z' | 'proportion'>) => Math.abs(g.z ?? (target === null ? 0 : g.proportion - target));
  return groups.filter((g) => outside.has(g.group)).sort((a, b) => distance(b) - distance(a)).slice(0, max).map((g) => g.group);
}

/** One centre as the funnel draws it. */
export interface FunnelPointDatum {
  group: string;
  n: number;
  numerator: number;
  proportion: number;
  ciLower: number;
  ciUpper: number;
  ciText: string;
  band: Band;
  bandLabel: string;
}

/** One vertex of a limit line, in long form: which level and side it belongs to. */
export interface FunnelLimitDatum {
  n: number;
  value: number;
  level: string;
  side: 'lower' | 'upper';
  series: string;
}

/** Legend labels of the two limit levels. */
export const LIMIT_LEVEL_LABELS = Object.freeze({ l95: '95% limits', l998: '99.8% limits' });

/** Axis titles in words. */
export const FUNNEL_AXIS_TITLES = Object.freeze({ x: 'Patients in denominator (n)', y: '% meeting standard' });

/** Bands strictly outside the limits at each labelling level. */
const OUTLIER_BANDS: Readonly<Record<OutlierLevel, readonly Band[]>> = Object.freeze({
  '99.8': ['below99.8', 'above99.8'],
  '95': ['below99.8', 'below95', 'above95', 'above99.8'],
});

/** Padding of the curve's denominator range around the centres' smallest and largest n. */
const N_RANGE_PADDING = Object.freeze({ below: 0.8, above: 1.1 });

/** Vertical axis ends are rounded outwards to this step (5 percentage points). */
const Y_DOMAIN_STEP = 0.05;

/** Centres strictly outside the limits at the given level (from the engine's bands). */
export function outlierCentres(groups: readonly Pick<GroupResult, 'group' | 'band'>[], level: OutlierLevel = '99.8'): string[] {
  const bands = OUTLIER_BANDS[level];
  return groups.filter((g) => bands.includes(g.band)).map((g) => g.group);
}

/** One centre's point, with its interval and band in words for the tooltip. */
export function funnelPoint(g: GroupResult): FunnelPointDatum {
  return {
    group: g.group,
    n: g.n,
    numerator: g.numerator,
    proportion: g.proportion,
    ciLower: g.ci95[0],
    ciUpper: g.ci95[1],
    ciText: formatInterval(g.ci95[0], g.ci95[1]),
    band: g.band,
    bandLabel: BAND_STYLES[g.band].label,
  };
}

/** The curve as four lines (95%/99.8%, lower/upper) in long form for a Vega-Lite line layer. */
export function funnelLimitData(curve: readonly FunnelCurvePoint[]): FunnelLimitDatum[] {
  const lines: [keyof typeof LIMIT_LEVEL_LABELS, 'lower' | 'upper', keyof FunnelCurvePoint][] = [
    ['l95', 'lower', 'l95'], ['l95', 'upper', 'u95'], ['l998', 'lower', 'l998'], ['l998', 'upper', 'u998'],
  ];
  const rows: FunnelLimitDatum[] = [];
  for (const [level, side, key] of lines) {
    const label = LIMIT_LEVEL_LABELS[level];
    for (const p of curve) rows.push({ n: p.n, value: p[key], level: label, side, series: `${label} ${side}` });
  }
  return rows;
}

/** The denominator range of the limit curves: a little beyond the smallest and largest centre. */
export function funnelNRange(groups: readonly Pick<GroupResult, 'n'>[]): [number, number] {
  const ns = groups.map((g) => g.n).filter((n) => n > 0);
  if (ns.length === 0) return [1, 1];
  const lo = Math.max(1, Math.floor(Math.min(...ns) * N_RANGE_PADDING.below));
  const hi = Math.max(lo + 1, Math.ceil(Math.max(...ns) * N_RANGE_PADDING.above));
  return [lo, hi];
}

/** The vertical axis range: every point and limit, rounded out to 5 points and kept within 0-100%. */
export function funnelYDomain(points: readonly { proportion: number }[], limits: readonly { value: number }[]): [number, number] {
  const values = [...points.map((p) => p.proportion), ...limits.map((l) => l.value)].filter(Number.isFinite);
  if (values.length === 0) return [0, 1];
  const lo = Math.max(0, Math.floor(Math.min(...values) / Y_DOMAIN_STEP) * Y_DOMAIN_STEP);
  const hi = Math.min(1, Math.ceil(Math.max(...values) / Y_DOMAIN_STEP) * Y_DOMAIN_STEP);
  return hi > lo ? [lo, hi] : [Math.max(0, lo - Y_DOMAIN_STEP), Math.min(1, hi + Y_DOMAIN_STEP)];
}

/** The footnote a funnel carries in usermeta (and an export prints under it). */
export function funnelFootnote(result: FunnelInput, labelLevel: OutlierLevel, labelled: boolean, named?: { shown: number; total: number }): string {
  const parts = [
    `Each point is a centre: its proportion meeting the standard against the number of patients in its denominator.`,
    `Dashed lines are 95% and solid lines 99.8% control limits around the ${result.target === null ? 'target' : `target of ${formatPercent(result.target)}`}, using ${limitMethodText(result.limits)}.`,
    'A centre is an outlier only when strictly outside the limits.',
    overdispersionText(result.overdispersion),
  ];
  if (labelled) parts.push(`Named centres lie outside the ${labelLevel}% limits.`);
  if (labelled && named && named.shown < named.total) parts.push(`The ${named.shown} furthest from the target of ${named.total} such centres are named; the table lists them all.`);
  return parts.join(' ');
}

/** Funnel plot of a variation result as a Vega-Lite v6 spec (points, target, limit curves, labels, selection). */
export function funnelSpec(result: FunnelInput, options: FunnelSpecOptions): TopLevelSpec {
  const labelLevel = options.labelLevel ?? '99.8';
  const labelOutliers = options.labelOutliers ?? true;
  const points = result.groups.map(funnelPoint);
  const allOutliers = labelOutliers ? outlierCentres(result.groups, labelLevel) : [];
  const outliers = new Set(labelOutliers ? labelledOutliers(result.groups, labelLevel, options.maxLabels ?? MAX_OUTLIER_LABELS, result.target) : []);
  const labels = points.filter((p) => outliers.has(p.group));
  const target = result.target;
  const drawLimits = target !== null && points.length > 0;
  const [nMin, nMax] = funnelNRange(result.groups);
  const settings = curveSettings(result);
  const curve = drawLimits
    ? funnelCurve(target, nMin, nMax, settings.method, settings.tau2, options.steps ?? DEFAULT_CURVE_STEPS, {
      phi: settings.phi, include: result.groups.map((g) => g.n),
    })
    : [];
  const limits = funnelLimitData(curve);
  const yDomain = funnelYDomain(points, limits);
  const x = { field: 'n', type: 'quantitative' as const, title: FUNNEL_AXIS_TITLES.x, scale: { zero: true, nice: true } };
  const y = { type: 'quantitative' as const, title: FUNNEL_AXIS_TITLES.y, scale: { domain: yDomain, zero: false, nice: false }, axis: { format: '.0%' } };

  const layers: Layer[] = [];
  if (drawLimits) {
    layers.push({
      data: { name: 'limits' },
      mark: { type: 'line', clip: true, color: LIMIT_998_LINE.colour, strokeWidth: LIMIT_998_LINE.width, interpolate: 'linear' },
      encoding: {
        x,
        y: { ...y, field: 'value' },
        detail: { field: 'series', type: 'nominal' },
        strokeDash: {
          field: 'level', type: 'nominal', title: 'Control limits',
          scale: { domain: [LIMIT_LEVEL_LABELS.l95, LIMIT_LEVEL_LABELS.l998], range: [[...LIMIT_95_LINE.dash], [1, 0]] },
        },
      },
    });
    layers.push({
      data: { name: 'target' },
      mark: { type: 'rule', color: TARGET_LINE.colour, strokeWidth: TARGET_LINE.width },
      encoding: {
        y: { ...y, field: 'target' },
        tooltip: [{ field: 'label', type: 'nominal', title: 'Target' }],
      },
    });
  }
  layers.push({
    data: { name: 'centres' },
    params: centreSelectionParams(options.selected),
    mark: { type: 'point', filled: true, opacity: 1, cursor: 'pointer', clip: true },
    encoding: {
      x,
      y: { ...y, field: 'proportion' },
      ...bandPointEncoding('Compared with limits', 70),
      tooltip: [
        { field: CENTRE_FIELD, type: 'nominal', title: 'Centre' },
        { field: 'n', type: 'quantitative', title: 'Patients (n)', format: ',' },
        { field: 'numerator', type: 'quantitative', title: 'Meeting standard', format: ',' },
        { field: 'proportion', type: 'quantitative', title: '%', format: '.1%' },
        { field: 'ciText', type: 'nominal', title: '95% CI' },
        { field: 'bandLabel', type: 'nominal', title: 'Band' },
      ],
    },
  });
  if (labels.length > 0) {
    layers.push({
      data: { name: 'outlierLabels' },
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 11, color: '#222222', clip: true },
      encoding: { x, y: { ...y, field: 'proportion' }, text: { field: CENTRE_FIELD, type: 'nominal' } },
    });
  }
  layers.push({
    data: { name: 'centres' },
    // The selected centre's name, unless it is already named as an outlier.
    transform: [{ filter: { and: [{ param: CENTRE_PARAM, empty: false }, { not: { field: CENTRE_FIELD, oneOf: [...outliers] } }] } }],
    mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -10, fontSize: 12, fontWeight: 'bold', color: SELECTED_HIGHLIGHT.colour, clip: true },
    encoding: { x, y: { ...y, field: 'proportion' }, text: { field: CENTRE_FIELD, type: 'nominal' } },
  });

  const outsideCount = outlierCentres(result.groups, '99.8').length;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Funnel plot of ${result.measure.title}: ${points.length} centres, ${outsideCount} outside the 99.8% limits.`,
    title: { text: options.title ?? result.measure.title, subtitle: [methodLine(result), overdispersionText(result.overdispersion)] },
    width: options.width,
    height: options.height,
    datasets: {
      centres: points,
      limits,
      target: drawLimits ? [{ target, label: formatPercent(target) }] : [],
      outlierLabels: labels,
    },
    layer: layers,
    config: CHART_CONFIG,
    usermeta: {
      chart: 'funnel',
      measureId: result.measure.id,
      asOf: result.asOf,
      footnote: funnelFootnote(result, labelLevel, labels.length > 0, { shown: labels.length, total: allOutliers.length }),
    },
  };
}
