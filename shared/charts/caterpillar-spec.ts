/**
 * Caterpillar plot: centres ranked from best to worst by their proportion, each with its Wilson 95%
 * interval (Wilson 1927, from the analysis engine), against the target line, over background bands
 * for the standard's tiers (core / achievable / aspirational) when it has tier targets.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { GroupResult, VariationResult } from '../analysis/variation';
import type { Direction, Tier, TierClass } from '../standards/schema';
import { formatInterval, formatPercent, methodLine } from './describe';
import { funnelPoint, type FunnelPointDatum } from './funnel-spec';
import { TARGET_LINE, TIER_ORDER, TIER_STYLES } from './palette';
import { bandPointEncoding, CENTRE_FIELD, CHART_CONFIG, centreSelectionParams, VEGA_LITE_SCHEMA, type Layer } from './spec-parts';

/** Tier targets as proportions; any may be missing. */
export type TierTargetInput = Partial<Record<Tier, number>>;

/** The parts of a variation result a caterpillar plot reads. */
export type CaterpillarInput = Pick<VariationResult, 'measure' | 'asOf' | 'target' | 'targetSource' | 'limits' | 'groups'>;

export interface CaterpillarSpecOptions {
  width: number;
  height: number;
  /** Centre to highlight (pre-selects the "centre" selection). */
  selected?: string;
  /** Tier targets of the standard, drawn as background bands. */
  tiers?: TierTargetInput;
  title?: string;
  /** Vertical axis: fitted to the intervals (default), or fixed at 0-100%. */
  yAxis?: 'fit' | 'full';
}

/** One centre in rank order, with its rank (1 = best). */
export interface CaterpillarDatum extends FunnelPointDatum {
  rank: number;
}

/** A background band of proportions belonging to one tier class. */
export interface TierBand {
  tier: TierClass;
  label: string;
  from: number;
  to: number;
}

/** Vertical axis ends are rounded outwards to this step (5 percentage points). */
const Y_DOMAIN_STEP = 0.05;

/** Opacity of the tier background bands: faint enough for points and intervals to read over them. */
const TIER_BAND_OPACITY = 0.18;

/**
 * Centres ranked best first: highest proportion first when higher is better, lowest first when
 * lower is better; ties by larger n (more certain), then by name.
 */
export function rankCentres(groups: readonly GroupResult[], direction: Direction): CaterpillarDatum[] {
  const sign = direction === 'lower-is-better' ? 1 : -1;
  const sorted = [...groups].sort(
    (a, b) => sign * (a.proportion - b.proportion) || b.n - a.n || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0),
  );
  return sorted.map((g, i) => ({ ...funnelPoint(g), rank: i + 1 }));
}

/**
 * Background bands for the tiers that have a target: each tier spans from its own target to the
 * next more demanding tier's target (or the end of the scale); below the least demanding tier is
 * "below core" (or below whichever tier is the lowest given). Empty bands (equal targets) are dropped.
 */
export function tierBands(tiers: TierTargetInput | undefined, direction: Direction): TierBand[] {
  if (!tiers) return [];
  const present = TIER_ORDER.filter((t): t is Tier => t !== 'below core' && tiers[t] !== undefined);
  if (present.length === 0) return [];
  const higher = direction === 'higher-is-better';
  const bands: TierBand[] = [];
  let edge = higher ? 1 : 0;
  for (const tier of present) {
    const target = tiers[tier] as number;
    if (!(target >= 0 && target <= 1)) throw new RangeError(`The ${tier} tier target must be a proportion between 0 and 1, but it was ${target}.`);
    const [from, to] = higher ? [target, edge] : [edge, target];
    if (to > from) bands.push({ tier, label: TIER_STYLES[tier].label, from, to });
    edge = higher ? Math.min(edge, target) : Math.max(edge, target);
  }
  const lowest = present[present.length - 1];
  const bottom: [number, number] = higher ? [0, edge] : [edge, 1];
  if (bottom[1] > bottom[0]) {
    const label = lowest === 'core' ? TIER_STYLES['below core'].label : `Below ${TIER_STYLES[lowest].label.toLowerCase()}`;
    bands.push({ tier: 'below core', label, from: bottom[0], to: bottom[1] });
  }
  return bands;
}

/** The vertical axis range: every interval, the target and tier targets, rounded out to 5 points, within 0-100%. */
export function caterpillarYDomain(rows: readonly CaterpillarDatum[], marks: readonly number[]): [number, number] {
  const values = [...rows.flatMap((r) => [r.ciLower, r.ciUpper, r.proportion]), ...marks].filter(Number.isFinite);
  if (values.length === 0) return [0, 1];
  const lo = Math.max(0, Math.floor(Math.min(...values) / Y_DOMAIN_STEP) * Y_DOMAIN_STEP);
  const hi = Math.min(1, Math.ceil(Math.max(...values) / Y_DOMAIN_STEP) * Y_DOMAIN_STEP);
  return hi > lo ? [lo, hi] : [Math.max(0, lo - Y_DOMAIN_STEP), Math.min(1, hi + Y_DOMAIN_STEP)];
}

/** Caterpillar plot of a variation result as a Vega-Lite v6 spec (ranked centres, Wilson intervals, target, tier bands). */
export function caterpillarSpec(result: CaterpillarInput, options: CaterpillarSpecOptions): TopLevelSpec {
  const direction = result.measure.direction;
  const rows = rankCentres(result.groups, direction);
  const bands = tierBands(options.tiers, direction);
  const tierTargets = Object.values(options.tiers ?? {}).filter((v): v is number => v !== undefined);
  const yDomain = options.yAxis === 'full' ? [0, 1] : caterpillarYDomain(rows, [...(result.target === null ? [] : [result.target]), ...tierTargets]);
  const y = { type: 'quantitative' as const, title: '% meeting standard (95% CI)', scale: { domain: yDomain, zero: false, nice: false }, axis: { format: '.0%' } };
  const x = {
    field: CENTRE_FIELD, type: 'nominal' as const, title: `Centres, ranked best to worst (${rows.length})`,
    sort: { field: 'rank', op: 'min' as const, order: 'ascending' as const },
    axis: { labelAngle: -60, labelOverlap: true, labelLimit: 120 },
  };

  const layers: Layer[] = [];
  if (bands.length > 0) {
    layers.push({
      data: { name: 'tierBands' },
      mark: { type: 'rect', opacity: TIER_BAND_OPACITY, clip: true },
      encoding: {
        y: { ...y, field: 'from' },
        y2: { field: 'to' },
        fill: {
          field: 'label', type: 'nominal', title: 'Tier',
          scale: { domain: bands.map((b) => b.label), range: bands.map((b) => TIER_STYLES[b.tier].colour) },
        },
        tooltip: [{ field: 'label', type: 'nominal', title: 'Tier' }, { field: 'range', type: 'nominal', title: 'Proportion' }],
      },
    });
  }
  if (result.target !== null) {
    layers.push({
      data: { name: 'target' },
      mark: { type: 'rule', color: TARGET_LINE.colour, strokeWidth: TARGET_LINE.width },
      encoding: { y: { ...y, field: 'target' }, tooltip: [{ field: 'label', type: 'nominal', title: 'Target' }] },
    });
  }
  layers.push({
    data: { name: 'centres' },
    mark: { type: 'rule', color: '#444444', strokeWidth: 1.5 },
    encoding: { x, y: { ...y, field: 'ciLower' }, y2: { field: 'ciUpper' } },
  });
  layers.push({
    data: { name: 'centres' },
    params: centreSelectionParams(options.selected),
    mark: { type: 'point', filled: true, opacity: 1, cursor: 'pointer' },
    encoding: {
      x,
      y: { ...y, field: 'proportion' },
      ...bandPointEncoding('Compared with funnel limits', 60),
      tooltip: [
        { field: 'rank', type: 'quantitative', title: 'Rank' },
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

  const footnote = [
    'Centres are ranked from best to worst; bars are Wilson 95% confidence intervals.',
    result.target === null ? '' : `The line is the target of ${formatPercent(result.target)}.`,
    bands.length ? `Shaded bands show the tiers: ${bands.map((b) => `${b.label} ${formatInterval(b.from, b.to, 0)}`).join('; ')}.` : '',
    'Symbols show each centre against its funnel limits.',
    result.measure.provenance === 'provisional' ? 'Provisional: the standard is not yet confirmed from its source.' : '',
  ].filter(Boolean).join(' ');
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Caterpillar plot of ${result.measure.title}: ${rows.length} centres ranked with 95% confidence intervals.`,
    title: { text: options.title ?? result.measure.title, subtitle: [methodLine(result)] },
    width: options.width,
    height: options.height,
    datasets: {
      centres: rows,
      target: result.target === null ? [] : [{ target: result.target, label: formatPercent(result.target) }],
      tierBands: bands.map((b) => ({ ...b, range: formatInterval(b.from, b.to) })),
    },
    layer: layers,
    config: CHART_CONFIG,
    usermeta: { chart: 'caterpillar', measureId: result.measure.id, asOf: result.asOf, footnote },
  };
}
