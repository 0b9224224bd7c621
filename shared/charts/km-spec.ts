/**
 * Waiting-time curves as a Vega-Lite spec: one Kaplan-Meier step curve per group (share still
 * waiting against days since the start event), its pointwise confidence band, and the standard's
 * threshold as a vertical line. Groups differ by colour and by dash pattern, so colour is never
 * the only cue. Every number comes from shared/analysis/waits.ts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { WaitGroup, WaitsResult } from '../analysis/waits';
import { OKABE_ITO, TARGET_LINE } from './palette';
import { CHART_CONFIG, VEGA_LITE_SCHEMA, type Layer } from './spec-parts';

export interface KmSpecOptions {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly subtitle?: string | readonly string[];
  /** Draw the confidence bands (default true). */
  readonly bands?: boolean;
}

/** Group colours (Okabe-Ito, skipping yellow, which is faint on white) and dash patterns, in order. */
export const KM_GROUP_COLOURS = Object.freeze([OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.black]);
export const KM_GROUP_DASHES: readonly (readonly number[])[] = Object.freeze([[], [8, 4], [2, 3], [8, 3, 2, 3], [12, 4], [4, 4], [1, 5]]);

/** Opacity of the confidence bands. */
const BAND_OPACITY = 0.15;

/** Label of a curve: the group, with its period when split at a date. */
export function curveLabel(g: Pick<WaitGroup, 'group' | 'period'>, splitAt: string | null): string {
  if (g.period === null || splitAt === null) return g.group;
  return `${g.group} (${g.period === 'before' ? 'before' : 'from'} ${splitAt})`;
}

/** One vertex of a step curve, long form. */
interface CurveDatum {
  curve: string;
  time: number;
  survival: number;
  lower: number | null;
  upper: number | null;
}

/** The curves in long form, each starting at day 0 with everyone still waiting. */
export function kmCurveData(result: Pick<WaitsResult, 'groups' | 'splitAt'>): CurveDatum[] {
  const rows: CurveDatum[] = [];
  for (const g of result.groups) {
    const curve = curveLabel(g, result.splitAt);
    rows.push({ curve, time: 0, survival: 1, lower: 1, upper: 1 });
    for (const s of g.steps) rows.push({ curve, time: s.time, survival: s.survival, lower: s.lower, upper: s.upper });
  }
  return rows;
}

/** Kaplan-Meier curves of a waits result as a Vega-Lite v6 spec. */
export function kmSpec(result: WaitsResult, options: KmSpecOptions): TopLevelSpec {
  const data = kmCurveData(result);
  const curves = result.groups.map((g) => curveLabel(g, result.splitAt));
  const colours = curves.map((_, i) => KM_GROUP_COLOURS[i % KM_GROUP_COLOURS.length]);
  const dashes = curves.map((_, i) => [...KM_GROUP_DASHES[i % KM_GROUP_DASHES.length]]);
  const x = { field: 'time', type: 'quantitative' as const, title: 'Days since start', scale: { zero: true, nice: true } };
  const y = { type: 'quantitative' as const, title: 'Still waiting', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const colour = { field: 'curve', type: 'nominal' as const, title: 'Group', scale: { domain: curves, range: colours } };
  const layers: Layer[] = [];
  if (options.bands ?? true) {
    layers.push({
      data: { name: 'curves' },
      // A separate field, so the bands' fill scale does not merge with (and hide) the curves' legend.
      transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }, { calculate: 'datum.curve', as: 'band' }],
      mark: { type: 'area', interpolate: 'step-after', opacity: BAND_OPACITY },
      encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, fill: { ...colour, field: 'band', legend: null } },
    });
  }
  layers.push({
    data: { name: 'curves' },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: {
      x,
      y: { ...y, field: 'survival' },
      stroke: colour,
      strokeDash: { field: 'curve', type: 'nominal', title: 'Group', scale: { domain: curves, range: dashes } },
      tooltip: [
        { field: 'curve', type: 'nominal', title: 'Group' },
        { field: 'time', type: 'quantitative', title: 'Day' },
        { field: 'survival', type: 'quantitative', title: 'Still waiting', format: '.1%' },
        { field: 'lower', type: 'quantitative', title: 'Lower', format: '.1%' },
        { field: 'upper', type: 'quantitative', title: 'Upper', format: '.1%' },
      ],
    },
  });
  if (result.days !== null) {
    layers.push({
      data: { name: 'threshold' },
      mark: { type: 'rule', color: TARGET_LINE.colour, strokeDash: [10, 3, 2, 3], strokeWidth: TARGET_LINE.width },
      encoding: { x: { ...x, field: 'days' } },
    });
    layers.push({
      data: { name: 'threshold' },
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, fontSize: 11, color: TARGET_LINE.colour },
      encoding: { x: { ...x, field: 'days' }, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    });
  }
  const subtitle = typeof options.subtitle === 'string' ? [options.subtitle] : [...(options.subtitle ?? [])];
  const confText = result.conf === 'log-log' ? 'log-log' : 'log';
  subtitle.push(`Kaplan-Meier; people still waiting censored at ${result.asOf ?? 'the as-of date'}; 95% pointwise bands (${confText} scale)`);
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Waiting-time curves, ${curves.length} group${curves.length === 1 ? '' : 's'}: ${result.groups.map((g) => `${curveLabel(g, result.splitAt)} median ${g.median ?? 'not reached'} days`).join('; ')}.`,
    title: { text: options.title, subtitle },
    width: options.width,
    height: options.height,
    datasets: { curves: data, threshold: result.days !== null ? [{ days: result.days, label: `${result.days} days` }] : [] },
    layer: layers,
    config: CHART_CONFIG,
    usermeta: {
      chart: 'km',
      footnote:
        `Share still waiting by days since ${result.start}, Kaplan-Meier estimate (Kaplan & Meier 1958); people not yet seen are censored at the as-of date ${result.asOf ?? ''}. ` +
        `Bands: 95% pointwise intervals on the ${confText} scale (Greenwood variance, as R survival::survfit). Median and its interval as survfit reports them.` +
        (result.logRank ? ` Log-rank test between the two curves: chi-square ${result.logRank.chiSquare.toFixed(2)} on 1 df, p = ${result.logRank.p.toPrecision(2)}.` : ''),
    },
  };
}
