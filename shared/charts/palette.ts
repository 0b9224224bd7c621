/**
 * Colours and shapes of every chart, by role. Hues come from the Okabe-Ito palette (Okabe & Ito
 * 2008, "Color Universal Design"), which stays distinguishable under the common colour-vision
 * deficiencies; every categorical role also has its own shape or line style, so colour is never
 * the only cue.
 */
import type { Band } from '../analysis/variation';
import type { TierClass } from '../standards/schema';
import type { BenchmarkComparison } from '../stats/benchmark';
import { BAND_WORDS, TIER_WORDS } from '../output/words';

/** The eight Okabe-Ito colours (Okabe & Ito 2008), plus the neutral grey commonly paired with them. */
export const OKABE_ITO = Object.freeze({
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
});

/**
 * A dark yellow (ochre) for "achievable" and "similar": Okabe-Ito yellow #F0E442 is 1.3:1 on
 * white, short of the 3:1 WCAG 2.1 AA asks of graphics; #B8860B is 3.3:1 and still reads as yellow.
 */
export const ACCESSIBLE_YELLOW = '#B8860B';

/** Vega symbol shapes used for categorical roles. */
export type SymbolShape = 'circle' | 'square' | 'diamond' | 'triangle-up' | 'triangle-down' | 'cross' | 'triangle-right' | 'triangle-left';

/** How one category is drawn: colour, shape and its label in words. */
export interface CategoryStyle {
  readonly colour: string;
  readonly shape: SymbolShape;
  readonly label: string;
}

/**
 * Funnel bands: blues above the limits, oranges below, grey within; each band has its own shape
 * (upward triangle beyond the upper 99.8% limit, downward beyond the lower) so it reads without colour.
 */
export const BAND_STYLES: Readonly<Record<Band, CategoryStyle>> = Object.freeze({
  'below99.8': { colour: OKABE_ITO.vermillion, shape: 'triangle-down', label: BAND_WORDS['below99.8'] },
  below95: { colour: OKABE_ITO.orange, shape: 'square', label: BAND_WORDS['below95'] },
  within: { colour: OKABE_ITO.grey, shape: 'circle', label: BAND_WORDS['within'] },
  above95: { colour: OKABE_ITO.skyBlue, shape: 'diamond', label: BAND_WORDS['above95'] },
  'above99.8': { colour: OKABE_ITO.blue, shape: 'triangle-up', label: BAND_WORDS['above99.8'] },
});

/** Bands in legend order, lowest first. */
export const BAND_ORDER: readonly Band[] = Object.freeze(['below99.8', 'below95', 'within', 'above95', 'above99.8']);

/** Tier classes in legend order, most demanding first: green for aspirational down to vermillion below core. */
export const TIER_STYLES: Readonly<Record<TierClass, CategoryStyle>> = Object.freeze({
  aspirational: { colour: OKABE_ITO.bluishGreen, shape: 'circle', label: TIER_WORDS['aspirational'] },
  achievable: { colour: ACCESSIBLE_YELLOW, shape: 'diamond', label: TIER_WORDS['achievable'] },
  core: { colour: OKABE_ITO.orange, shape: 'square', label: TIER_WORDS['core'] },
  'below core': { colour: OKABE_ITO.vermillion, shape: 'triangle-down', label: TIER_WORDS['below core'] },
});

/** Tier classes, most demanding first. */
export const TIER_ORDER: readonly TierClass[] = Object.freeze(['aspirational', 'achievable', 'core', 'below core']);

/** Fingertips significance of a centre against the benchmark, plus "not compared". */
export type Significance = BenchmarkComparison | 'not-compared';

/** Spine-chart marker per significance: blue better, vermillion worse, yellow similar; shapes repeat the meaning. */
export const SIGNIFICANCE_STYLES: Readonly<Record<Significance, CategoryStyle>> = Object.freeze({
  better: { colour: OKABE_ITO.blue, shape: 'triangle-right', label: 'Better than benchmark' },
  similar: { colour: ACCESSIBLE_YELLOW, shape: 'circle', label: 'Similar to benchmark' },
  worse: { colour: OKABE_ITO.vermillion, shape: 'triangle-left', label: 'Worse than benchmark' },
  higher: { colour: OKABE_ITO.skyBlue, shape: 'triangle-up', label: 'Higher than benchmark' },
  lower: { colour: OKABE_ITO.reddishPurple, shape: 'triangle-down', label: 'Lower than benchmark' },
  'not-compared': { colour: '#FFFFFF', shape: 'square', label: 'Not compared' },
});

/** Significance categories in legend order. */
export const SIGNIFICANCE_ORDER: readonly Significance[] = Object.freeze(['worse', 'similar', 'better', 'lower', 'higher', 'not-compared']);

/** A line's colour, width and dash pattern ([] for solid). */
export interface LineStyle {
  readonly colour: string;
  readonly width: number;
  readonly dash: readonly number[];
}

/** The target (benchmark) line: solid black. */
export const TARGET_LINE: LineStyle = Object.freeze({ colour: OKABE_ITO.black, width: 1.5, dash: Object.freeze([]) });

/** 95% control limits: dashed dark grey (FunnelPlotR and Fingertips draw the inner limits dashed). */
export const LIMIT_95_LINE: LineStyle = Object.freeze({ colour: '#555555', width: 1, dash: Object.freeze([6, 4]) });

/** 99.8% control limits: solid dark grey. */
export const LIMIT_998_LINE: LineStyle = Object.freeze({ colour: '#555555', width: 1.25, dash: Object.freeze([]) });

/**
 * Highlight of the selected centre: a reddish-purple ring, larger symbol and a bold label. The
 * label uses a darker shade of the same hue (#8E3A6D, 6.9:1 on white; #CC79A7 text is only
 * 2.9:1, short of WCAG 2.1 AA's 4.5:1 for text).
 */
export const SELECTED_HIGHLIGHT = Object.freeze({ colour: OKABE_ITO.reddishPurple, labelColour: '#8E3A6D', strokeWidth: 3, size: 220 });


/** Outline drawn round every symbol so light fills (yellow, white) stay visible on white. */
export const SYMBOL_OUTLINE = '#333333';

/** Spine chart backgrounds: full range (Q0-Q100) light, interquartile range (Q25-Q75) darker. */
export const SPINE_RANGE = Object.freeze({ full: '#DDDDDD', interquartile: '#A6A6A6', benchmark: OKABE_ITO.black });

/** Plain system font stack: nothing fetched from the network. */
export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Colours of a set of categories, in the given order (for a Vega-Lite scale range). */
export function coloursOf<K extends string>(styles: Readonly<Record<K, CategoryStyle>>, order: readonly K[]): string[] {
  return order.map((k) => styles[k].colour);
}

/** Shapes of a set of categories, in the given order (for a Vega-Lite scale range). */
export function shapesOf<K extends string>(styles: Readonly<Record<K, CategoryStyle>>, order: readonly K[]): string[] {
  return order.map((k) => styles[k].shape);
}

/** Labels of a set of categories, in the given order (for a Vega-Lite scale domain). */
export function labelsOf<K extends string>(styles: Readonly<Record<K, CategoryStyle>>, order: readonly K[]): string[] {
  return order.map((k) => styles[k].label);
}
