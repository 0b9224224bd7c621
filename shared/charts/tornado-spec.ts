/**
 * Tornado chart of a business case's one-way sensitivity (shared/business-case/sensitivity.ts):
 * for each input, a bar from the base case to the discounted net cost with that input at its low
 * value, and one to the cost with it at its high value; widest swing at the top, the base case as a
 * vertical line. The app and the report draw this same spec.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Sensitivity } from '../business-case/sensitivity';
import { OKABE_ITO, TARGET_LINE } from './palette';
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from './spec-parts';

export interface TornadoSpecOptions {
  width: number;
  /** Height of the plot area (default: 26 px a bar, at least two bars' worth). */
  height?: number;
  /** Most bars drawn, widest first (default 10); the rest are listed in the report's table. */
  maxBars?: number;
  title?: string;
  /** Horizon in years, for the axis title. */
  years?: number;
  /** Add each input's low-high range to its label (default false: the report's table lists the ranges). */
  rangeInLabels?: boolean;
}

/** Bars drawn by default: more do not fit a half page and swing little. */
export const DEFAULT_TORNADO_BARS = 10;

/**
 * Widest row label in pixels. Generous because headless rendering (Node, no canvas) estimates text
 * widths on the high side and would otherwise cut labels short.
 */
const LABEL_LIMIT_PX = 480;

/** Height of one input's row, in pixels. */
const ROW_PX = 26;

/** Legend labels of the two ends. */
export const TORNADO_ENDS = Object.freeze({ low: 'Input at its low value', high: 'Input at its high value' });

/** The number as people read it on the axis: 1,234 or 1.23 (for small values). */
function rangeNumber(x: number): string {
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-GB');
  return Number(x.toPrecision(3)).toLocaleString('en-GB', { maximumFractionDigits: 3 });
}

/** One input's row label: its name, and with `withRange` the range tried, e.g. "Cost of a relapse (127 to 3,856)". */
export function tornadoLabel(bar: Sensitivity['bars'][number], withRange = false): string {
  return withRange ? `${bar.label} (${rangeNumber(bar.low)} to ${rangeNumber(bar.high)})` : bar.label;
}

/** One bar segment of the tornado in long form. */
export interface TornadoDatum {
  label: string;
  end: string;
  from: number;
  to: number;
}

/** The segments: base -> net at low, base -> net at high, for the widest `maxBars` inputs. */
export function tornadoData(s: Pick<Sensitivity, 'base' | 'bars'>, maxBars: number = DEFAULT_TORNADO_BARS, rangeInLabels = false): TornadoDatum[] {
  return s.bars.slice(0, maxBars).flatMap((bar) => {
    const label = tornadoLabel(bar, rangeInLabels);
    return [
      { label, end: TORNADO_ENDS.low, from: s.base, to: bar.netLow },
      { label, end: TORNADO_ENDS.high, from: s.base, to: bar.netHigh },
    ];
  });
}

/** The tornado as a Vega-Lite v6 layered spec (bars and the base-case rule). */
export function tornadoSpec(s: Pick<Sensitivity, 'base' | 'bars'>, options: TornadoSpecOptions): TopLevelSpec {
  const maxBars = options.maxBars ?? DEFAULT_TORNADO_BARS;
  const data = tornadoData(s, maxBars, options.rangeInLabels ?? false);
  const order = [...new Set(data.map((d) => d.label))];
  const height = options.height ?? Math.max(ROW_PX * 2, order.length * ROW_PX);
  const x = {
    type: 'quantitative' as const,
    title: `Discounted net cost${options.years ? ` over ${options.years} year${options.years > 1 ? 's' : ''}` : ''} (GBP)`,
    axis: { format: ',.0f', labelFlush: true },
    scale: { zero: false, nice: true },
  };
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Tornado chart: how the discounted net cost changes when each of ${order.length} assumptions is set to its low or high value; base case ${Math.round(s.base).toLocaleString('en-GB')} GBP.`,
    ...(options.title ? { title: { text: options.title } } : {}),
    width: options.width,
    height,
    datasets: { bars: data, base: [{ base: s.base }] },
    layer: [
      {
        data: { name: 'bars' },
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          y: { field: 'label', type: 'nominal', sort: order, title: null, axis: { labelLimit: LABEL_LIMIT_PX, labelFontSize: 11 } },
          x: { ...x, field: 'from' },
          x2: { field: 'to' },
          color: {
            field: 'end', type: 'nominal', title: null,
            scale: { domain: [TORNADO_ENDS.low, TORNADO_ENDS.high], range: [OKABE_ITO.skyBlue, OKABE_ITO.orange] },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'Assumption' },
            { field: 'end', type: 'nominal', title: 'Set to' },
            { field: 'to', type: 'quantitative', title: 'Net cost (GBP)', format: ',.0f' },
          ],
        },
      },
      {
        data: { name: 'base' },
        mark: { type: 'rule', color: TARGET_LINE.colour, strokeWidth: TARGET_LINE.width },
        encoding: { x: { ...x, field: 'base' }, tooltip: [{ field: 'base', type: 'quantitative', title: 'Base case (GBP)', format: ',.0f' }] },
      },
    ],
    config: CHART_CONFIG,
    usermeta: { chart: 'tornado', bars: order.length, omitted: Math.max(0, s.bars.length - maxBars) },
  };
}
