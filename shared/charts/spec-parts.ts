/**
 * Pieces every chart spec shares: the Vega-Lite types of a layered chart, the centre selection,
 * the chart's look (no remote fonts), and the schema address.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BAND_ORDER, BAND_STYLES, CHART_FONT, coloursOf, labelsOf, SELECTED_HIGHLIGHT, shapesOf, SYMBOL_OUTLINE } from './palette';

/** A top-level layered Vega-Lite chart. */
export type LayeredSpec = Extract<TopLevelSpec, { layer: unknown }>;

/** One layer of a layered chart. */
export type Layer = LayeredSpec['layer'][number];

/** The parameters of a layer (selections). */
export type LayerParams = NonNullable<Extract<Layer, { mark: unknown }>['params']>;

/** The top-level chart settings: plain system fonts only, nothing fetched. */
export type ChartConfig = NonNullable<LayeredSpec['config']>;

/** Vega-Lite v6 schema identifier (a label for tools; vega-embed does not fetch it). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Name of the point selection on the centre field: clicking a centre selects it. */
export const CENTRE_PARAM = 'centre';

/** Field that holds the centre (group) name in every chart's centre dataset. */
export const CENTRE_FIELD = 'group';

/** Chart look shared by every spec: a system font stack (never a web font), titles left-aligned. */
export const CHART_CONFIG: ChartConfig = {
  font: CHART_FONT,
  title: { anchor: 'start', subtitleColor: '#333333', subtitleFontSize: 11 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260, titleLimit: 260 },
  view: { stroke: null },
};

/**
 * A click-to-select point selection named "centre" on the group field; `selected` pre-selects a
 * centre so the same highlight shows the user's own centre before any click.
 */
export function centreSelectionParams(selected: string | undefined): LayerParams {
  return [
    {
      name: CENTRE_PARAM,
      select: { type: 'point', fields: [CENTRE_FIELD], on: 'click', clear: 'dblclick', toggle: false },
      ...(selected !== undefined ? { value: [{ [CENTRE_FIELD]: selected }] } : {}),
    },
  ];
}

/**
 * How a centre's point looks in the funnel and caterpillar plots: colour and shape by band (so
 * colour is never the only cue), and the selected centre enlarged and outlined.
 */
export function bandPointEncoding(legendTitle: string, size: number) {
  const band = { domain: labelsOf(BAND_STYLES, BAND_ORDER) };
  return {
    color: { field: 'bandLabel', type: 'nominal', title: legendTitle, scale: { ...band, range: coloursOf(BAND_STYLES, BAND_ORDER) } },
    shape: { field: 'bandLabel', type: 'nominal', title: legendTitle, scale: { ...band, range: shapesOf(BAND_STYLES, BAND_ORDER) } },
    size: { condition: { param: CENTRE_PARAM, empty: false, value: SELECTED_HIGHLIGHT.size }, value: size },
    stroke: { condition: { param: CENTRE_PARAM, empty: false, value: SELECTED_HIGHLIGHT.colour }, value: SYMBOL_OUTLINE },
    strokeWidth: { condition: { param: CENTRE_PARAM, empty: false, value: SELECTED_HIGHLIGHT.strokeWidth }, value: 0.5 },
  } as const;
}
