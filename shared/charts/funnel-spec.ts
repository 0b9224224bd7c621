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
import { curveSettings, DEFAULT_CURVE_STEPS, funnelCurve, type FunnelCurvePoint } from '../analysis/funnel-curve';
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
  /** Vertical axis: fitted to the points and limits (default), or fixed at 0-100%. */
  yAxis?: YAxisMode;
}

/** How the vertical axis of a proportion chart is scaled: fitted to the data, or the full 0-100%. */
export type YAxisMode = 'fit' | 'full';

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
  /** Centre name, or '' when the extract has none. */
  name: string;
  /** Code and name as labels show them. */
  label: string;
  n: number;
  numerator: number;
  proportion: number;
  ciLower: number;
  ciUpper: number;
  ciText: string;
  band: Band;
  bandLabel: string;
}

/** A named outlier's label: its centre, the text (code and name), where the text starts, and whether a leader line joins it to its point. */
export interface FunnelLabelDatum {
  group: string;
  label: string;
  n: number;
  proportion: number;
  /** Position of the label's left edge and vertical middle, in data units. */
  labelN: number;
  labelP: number;
  leader: boolean;
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
export function funnelPoint(g: Pick<GroupResult, 'group' | 'n' | 'numerator' | 'proportion' | 'ci95' | 'band'> & Partial<Pick<GroupResult, 'name'>>): FunnelPointDatum {
  return {
    group: g.group,
    name: g.name ?? '',
    label: funnelLabelText({ group: g.group, name: g.name ?? null }),
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

/** Label text size and the estimates used to keep labels apart (px). */
export const LABEL_FONT_SIZE = 11;
/** Average glyph width of the chart's sans-serif font at 11 px (about 0.56 em), for estimating label widths. */
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_HEIGHT = 14;
/** Gap between a point and its label (px). */
const LABEL_GAP = 8;
/** Longest label text, in characters (code and the start of the name). */
export const LABEL_MAX_CHARS = 30;

/** A label's text: centre code and name, cut to LABEL_MAX_CHARS with an ellipsis. */
export function funnelLabelText(g: Pick<GroupResult, 'group' | 'name'>): string {
  const text = g.name ? `${g.group} ${g.name}` : g.group;
  return text.length <= LABEL_MAX_CHARS ? text : `${text.slice(0, LABEL_MAX_CHARS - 1).trimEnd()}…`;
}

/** A box in pixels. */
interface Box { x0: number; y0: number; x1: number; y1: number }

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Places outlier labels without overlap, deterministically: furthest from the target first, each
 * tries right of its point, left, above, below, then further out with a leader line; a label that
 * fits nowhere inside the plot is dropped (the footnote says how many; the table lists all).
 * Pixel positions come from the chart's fixed x and y domains and size.
 */
export function placeFunnelLabels(
  candidates: readonly Pick<GroupResult, 'group' | 'name' | 'n' | 'proportion'>[],
  frame: { width: number; height: number; xDomain: [number, number]; yDomain: [number, number] },
  reserved: readonly { n: number; proportion: number; text: string }[] = [],
): { placed: FunnelLabelDatum[]; dropped: string[] } {
  const { width, height, xDomain, yDomain } = frame;
  const px = (n: number): number => ((n - xDomain[0]) / (xDomain[1] - xDomain[0])) * width;
  const py = (p: number): number => height - ((p - yDomain[0]) / (yDomain[1] - yDomain[0])) * height;
  const toN = (x: number): number => xDomain[0] + (x / width) * (xDomain[1] - xDomain[0]);
  const toP = (y: number): number => yDomain[0] + ((height - y) / height) * (yDomain[1] - yDomain[0]);
  const taken: Box[] = reserved.map((r) => {
    const w = r.text.length * LABEL_CHAR_WIDTH;
    const x = px(r.n);
    const y = py(r.proportion) - LABEL_GAP - LABEL_HEIGHT;
    return { x0: x - w / 2, y0: y, x1: x + w / 2, y1: y + LABEL_HEIGHT };
  });
  const placed: FunnelLabelDatum[] = [];
  const dropped: string[] = [];
  for (const g of candidates) {
    const label = funnelLabelText(g);
    const w = label.length * LABEL_CHAR_WIDTH;
    const h = LABEL_HEIGHT;
    const x = px(g.n);
    const y = py(g.proportion);
    // Left edge and top of each candidate box: beside, above, below, then further out with a leader.
    const options: [number, number, boolean][] = [
      [x + LABEL_GAP, y - h / 2, false], [x - LABEL_GAP - w, y - h / 2, false],
      [x - w / 2, y - LABEL_GAP - h, false], [x - w / 2, y + LABEL_GAP, false],
    ];
    for (const step of [1.5, 2.5, 3.5, 5]) {
      const dy = step * h;
      options.push([x + LABEL_GAP, y - h / 2 - dy, true], [x + LABEL_GAP, y - h / 2 + dy, true], [x - LABEL_GAP - w, y - h / 2 - dy, true], [x - LABEL_GAP - w, y - h / 2 + dy, true]);
    }
    const fit = options.find(([x0, y0]) => {
      const box = { x0, y0, x1: x0 + w, y1: y0 + h };
      return x0 >= 0 && y0 >= 0 && box.x1 <= width && box.y1 <= height && !taken.some((t) => overlaps(t, box));
    });
    if (!fit) { dropped.push(g.group); continue; }
    const [x0, y0, leader] = fit;
    taken.push({ x0, y0, x1: x0 + w, y1: y0 + h });
    placed.push({ group: g.group, label, n: g.n, proportion: g.proportion, labelN: toN(x0), labelP: toP(y0 + h / 2), leader });
  }
  return { placed, dropped };
}

/** Round axis ends for a count axis, as multiples of a power of ten (close steps, so little of the plot is empty). */
const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] as const;

/** A "nice" upper end for a count axis: one of NICE_STEPS times a power of ten, at least `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of NICE_STEPS) if (step * power >= value * (1 - 1e-12)) return step * power;
  return 10 * power;
}

/** The footnote a funnel carries in usermeta (and an export prints under it). */
export function funnelFootnote(result: FunnelInput, labelLevel: OutlierLevel, labelled: boolean, named?: { shown: number; total: number; dropped?: number }): string {
  const parts = [
    `Each point is a centre: its proportion meeting the standard against the number of patients in its denominator.`,
    `Dashed lines are 95% and solid lines 99.8% control limits around the ${result.target === null ? 'target' : `target of ${formatPercent(result.target)}`}, using ${limitMethodText(result.limits)}.`,
    'A centre is an outlier only when strictly outside the limits.',
    overdispersionText(result.overdispersion),
  ];
  if (labelled) parts.push(`Named centres lie outside the ${labelLevel}% limits.`);
  if (labelled && named && named.shown < named.total) {
    parts.push(named.dropped
      ? `${named.shown} of ${named.total} such centres are named, the furthest from the target first; ${named.dropped} could not be named without overlapping labels. The table lists them all.`
      : `The ${named.shown} furthest from the target of ${named.total} such centres are named; the table lists them all.`);
  }
  if (result.measure.provenance === 'provisional') parts.push('Provisional: the standard is not yet confirmed from its source.');
  return parts.join(' ');
}

/** Funnel plot of a variation result as a Vega-Lite v6 spec (points, target, limit curves, labels, selection). */
export function funnelSpec(result: FunnelInput, options: FunnelSpecOptions): TopLevelSpec {
  const labelLevel = options.labelLevel ?? '99.8';
  const labelOutliers = options.labelOutliers ?? true;
  const points = result.groups.map(funnelPoint);
  const allOutliers = labelOutliers ? outlierCentres(result.groups, labelLevel) : [];
  const candidates = labelOutliers ? labelledOutliers(result.groups, labelLevel, options.maxLabels ?? MAX_OUTLIER_LABELS, result.target) : [];
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
  const yDomain: [number, number] = options.yAxis === 'full' ? [0, 1] : funnelYDomain(points, limits);
  // Fixed domains: the label placement knows where every point is drawn, and an empty layer never
  // leaves a scale without an extent.
  const xDomain: [number, number] = [0, niceCeiling(Math.max(nMax, ...result.groups.map((g) => g.n), 1))];
  const byGroup = new Map(result.groups.map((g) => [g.group, g]));
  const selectedGroup = options.selected !== undefined ? byGroup.get(options.selected) : undefined;
  const { placed, dropped } = placeFunnelLabels(
    candidates.map((c) => byGroup.get(c) as GroupResult),
    { width: options.width, height: options.height, xDomain, yDomain },
    selectedGroup && !candidates.includes(selectedGroup.group) ? [{ n: selectedGroup.n, proportion: selectedGroup.proportion, text: funnelLabelText(selectedGroup) }] : [],
  );
  const outliers = new Set(placed.map((p) => p.group));
  const x = { field: 'n', type: 'quantitative' as const, title: FUNNEL_AXIS_TITLES.x, scale: { domain: xDomain, zero: true, nice: false } };
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
        { field: 'name', type: 'nominal', title: 'Name' },
        { field: 'n', type: 'quantitative', title: 'Patients (n)', format: ',' },
        { field: 'numerator', type: 'quantitative', title: 'Meeting standard', format: ',' },
        { field: 'proportion', type: 'quantitative', title: '%', format: '.1%' },
        { field: 'ciText', type: 'nominal', title: '95% CI' },
        { field: 'bandLabel', type: 'nominal', title: 'Band' },
      ],
    },
  });
  if (placed.some((p) => p.leader)) {
    layers.push({
      data: { name: 'outlierLabels' },
      transform: [{ filter: 'datum.leader' }],
      mark: { type: 'rule', color: '#555555', strokeWidth: 0.75, clip: true },
      encoding: { x, y: { ...y, field: 'proportion' }, x2: { field: 'labelN' }, y2: { field: 'labelP' } },
    });
  }
  if (placed.length > 0) {
    layers.push({
      data: { name: 'outlierLabels' },
      mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: LABEL_FONT_SIZE, color: '#222222', clip: true },
      encoding: { x: { ...x, field: 'labelN' }, y: { ...y, field: 'labelP' }, text: { field: 'label', type: 'nominal' } },
    });
  }
  layers.push({
    data: { name: 'centres' },
    // The selected centre's name, unless it is already named as an outlier.
    transform: [{ filter: { and: [{ param: CENTRE_PARAM, empty: false }, { not: { field: CENTRE_FIELD, oneOf: [...outliers] } }] } }],
    mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -10, fontSize: 12, fontWeight: 'bold', color: SELECTED_HIGHLIGHT.labelColour, clip: true },
    encoding: { x, y: { ...y, field: 'proportion' }, text: { field: 'label', type: 'nominal' } },
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
      outlierLabels: placed,
    },
    layer: layers,
    config: CHART_CONFIG,
    usermeta: {
      chart: 'funnel',
      measureId: result.measure.id,
      asOf: result.asOf,
      footnote: funnelFootnote(result, labelLevel, placed.length > 0, { shown: placed.length, total: allOutliers.length, dropped: dropped.length }),
    },
  };
}
