/**
 * Fingertips-style spine chart of one centre across standards (OHID/PHE Fingertips; methods.md,
 * "Benchmark comparison"): per standard, the spread across centres (Q0-Q100 light, Q25-Q75 darker),
 * the benchmark in the middle, and the centre's marker coloured by its significance. Each row is
 * rescaled to a -1..1 "position" around the benchmark, reversed for "low is good" so worse is
 * always on the left; the rescaling is done here (spineRows), not by the chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import { polarityOf, type ProfileRow } from '../analysis/profile';
import { spinePosition, type Polarity, type SpineScale } from '../stats/benchmark';
import { formatInterval, formatPercent } from './describe';
import { coloursOf, labelsOf, SIGNIFICANCE_ORDER, SIGNIFICANCE_STYLES, shapesOf, SPINE_RANGE, SYMBOL_OUTLINE, type Significance } from './palette';
import { CHART_CONFIG, VEGA_LITE_SCHEMA, type Layer } from './spec-parts';

/** One standard for one centre, as the spine chart takes it (proportions). */
export interface SpineInputRow {
  standardId: string;
  title: string;
  /** The centre's value, or null when it has none for this standard. */
  value: number | null;
  /** The centre's interval, or null. */
  lower: number | null;
  upper: number | null;
  benchmark: number;
  q0: number;
  q25: number;
  q75: number;
  q100: number;
  polarity: Polarity;
  significance: Significance;
}

/** One spine row with every value also as a position from -1 (left, worse) to 1 (right, better). */
export interface SpineRow extends SpineInputRow {
  /** max(|benchmark - Q0|, |Q100 - benchmark|): the distance from the middle to either end. */
  halfWidth: number;
  position: number | null;
  lowerPosition: number | null;
  upperPosition: number | null;
  /** Left and right ends of the Q0-Q100 bar, and of the Q25-Q75 bar (after any reversal). */
  rangeStart: number;
  rangeEnd: number;
  iqrStart: number;
  iqrEnd: number;
  benchmarkPosition: 0;
  order: number;
  significanceLabel: string;
  valueText: string;
  intervalText: string;
  benchmarkText: string;
  rangeText: string;
  /** The worst and best centre values (Q0/Q100 by polarity), as Fingertips lists them. */
  worstText: string;
  bestText: string;
}

export interface SpineSpecOptions {
  width: number;
  /** Height of each standard's row in pixels (default 28). */
  rowHeight?: number;
  /** The centre the chart describes, for the title. */
  centre: string;
  title?: string;
  /** What the benchmark is, for the subtitle (default "all centres pooled"). */
  benchmarkLabel?: string;
}

/** Default height of one spine row, in pixels. */
const DEFAULT_ROW_HEIGHT = 28;

/** Share of a row's band the spine bars fill. */
const SPINE_BAR_BAND = 0.7;

/** Position of a value on the spine from -1 to 1, benchmark at 0, reversed for "low is good" (Fingertips). */
export function spineRowPosition(value: number, scale: SpineScale, polarity: Polarity): number {
  return 2 * spinePosition(value, scale, polarity) - 1;
}

/** Spine rows: each standard rescaled around its benchmark (half-width max(|b - Q0|, |Q100 - b|)), worse always left. */
export function spineRows(rows: readonly SpineInputRow[]): SpineRow[] {
  return rows.map((row, order) => {
    const { benchmark, q0, q25, q75, q100, polarity } = row;
    for (const [name, v] of [['benchmark', benchmark], ['Q0', q0], ['Q25', q25], ['Q75', q75], ['Q100', q100]] as const) {
      if (!Number.isFinite(v)) throw new RangeError(`Spine row "${row.title}" (${row.standardId}) needs a number for ${name}, but it was ${v}.`);
    }
    const halfWidth = Math.max(Math.abs(benchmark - q0), Math.abs(q100 - benchmark));
    const scale: SpineScale = { q0, q25, q75, q100, benchmark, halfWidth };
    const at = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : spineRowPosition(v, scale, polarity));
    const ends = [at(q0) as number, at(q100) as number];
    const quartiles = [at(q25) as number, at(q75) as number];
    const lowIsGood = polarity === 'low-is-good';
    return {
      ...row,
      halfWidth,
      position: at(row.value),
      lowerPosition: at(row.lower),
      upperPosition: at(row.upper),
      rangeStart: Math.min(...ends),
      rangeEnd: Math.max(...ends),
      iqrStart: Math.min(...quartiles),
      iqrEnd: Math.max(...quartiles),
      benchmarkPosition: 0,
      order,
      significanceLabel: SIGNIFICANCE_STYLES[row.significance].label,
      valueText: formatPercent(row.value),
      intervalText: row.lower === null || row.upper === null ? 'n/a' : formatInterval(row.lower, row.upper),
      benchmarkText: formatPercent(benchmark),
      rangeText: `${formatPercent(q0)} to ${formatPercent(q100)} (middle half ${formatPercent(q25)} to ${formatPercent(q75)})`,
      worstText: polarity === 'none' ? 'n/a' : formatPercent(lowIsGood ? q100 : q0),
      bestText: polarity === 'none' ? 'n/a' : formatPercent(lowIsGood ? q0 : q100),
    };
  });
}

/** Spine input rows from a centre profile (analysis/profile.ts); standards no centre could be measured on are left out. */
export function spineInputFromProfile(rows: readonly ProfileRow[]): SpineInputRow[] {
  const out: SpineInputRow[] = [];
  for (const r of rows) {
    if (!r.spine || r.benchmark === null) continue;
    out.push({
      standardId: r.standardId,
      title: `${r.shortTitle}${r.provenance === 'provisional' ? ' (provisional)' : ''}`,
      value: r.value,
      lower: r.ci?.[0] ?? null,
      upper: r.ci?.[1] ?? null,
      benchmark: r.benchmark,
      q0: r.spine.q0,
      q25: r.spine.q25,
      q75: r.spine.q75,
      q100: r.spine.q100,
      polarity: polarityOf(r.direction),
      significance: r.comparison === 'not compared' ? 'not-compared' : r.comparison,
    });
  }
  return out;
}

/** Spine chart of one centre across standards as a Vega-Lite v6 spec. */
export function spineSpec(input: readonly SpineInputRow[], options: SpineSpecOptions): TopLevelSpec {
  const rows = spineRows(input);
  const markers = rows.filter((r) => r.position !== null);
  const y = {
    field: 'title', type: 'nominal' as const, title: null,
    sort: { field: 'order', op: 'min' as const, order: 'ascending' as const }, axis: { labelLimit: 220, ticks: false, domain: false },
  };
  const x = {
    type: 'quantitative' as const,
    scale: { domain: [-1, 1], nice: false, zero: false },
    axis: { labels: false, ticks: false, grid: false, domain: false },
    title: ['Worse  ←  benchmark  →  Better', '(standards with no direction: lower ← → higher)'],
  };
  const rangeTooltip = [
    { field: 'title', type: 'nominal' as const, title: 'Standard' },
    { field: 'benchmarkText', type: 'nominal' as const, title: 'Benchmark' },
    { field: 'rangeText', type: 'nominal' as const, title: 'Centres' },
    { field: 'worstText', type: 'nominal' as const, title: 'Worst' },
    { field: 'bestText', type: 'nominal' as const, title: 'Best' },
  ];
  const layers: Layer[] = [
    {
      data: { name: 'rows' },
      mark: { type: 'bar', color: SPINE_RANGE.full, height: { band: SPINE_BAR_BAND } },
      encoding: { y, x: { ...x, field: 'rangeStart' }, x2: { field: 'rangeEnd' }, tooltip: rangeTooltip },
    },
    {
      data: { name: 'rows' },
      mark: { type: 'bar', color: SPINE_RANGE.interquartile, height: { band: SPINE_BAR_BAND } },
      encoding: { y, x: { ...x, field: 'iqrStart' }, x2: { field: 'iqrEnd' }, tooltip: rangeTooltip },
    },
    {
      data: { name: 'rows' },
      mark: { type: 'tick', color: SPINE_RANGE.benchmark, thickness: 2, bandSize: 0 },
      encoding: { y, x: { ...x, field: 'benchmarkPosition' }, tooltip: rangeTooltip },
    },
    {
      data: { name: 'markers' },
      mark: { type: 'point', filled: true, opacity: 1, size: 130, stroke: SYMBOL_OUTLINE, strokeWidth: 0.8 },
      encoding: {
        y,
        x: { ...x, field: 'position' },
        color: {
          field: 'significanceLabel', type: 'nominal', title: 'Compared with benchmark',
          scale: { domain: labelsOf(SIGNIFICANCE_STYLES, SIGNIFICANCE_ORDER), range: coloursOf(SIGNIFICANCE_STYLES, SIGNIFICANCE_ORDER) },
        },
        shape: {
          field: 'significanceLabel', type: 'nominal', title: 'Compared with benchmark',
          scale: { domain: labelsOf(SIGNIFICANCE_STYLES, SIGNIFICANCE_ORDER), range: shapesOf(SIGNIFICANCE_STYLES, SIGNIFICANCE_ORDER) },
        },
        tooltip: [
          { field: 'title', type: 'nominal', title: 'Standard' },
          { field: 'valueText', type: 'nominal', title: options.centre },
          { field: 'intervalText', type: 'nominal', title: '95% CI' },
          { field: 'benchmarkText', type: 'nominal', title: 'Benchmark' },
          { field: 'significanceLabel', type: 'nominal', title: 'Compared with benchmark' },
        ],
      },
    },
  ];
  const benchmarkLabel = options.benchmarkLabel ?? 'all centres pooled';
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Spine chart of ${options.centre} across ${rows.length} standards against the benchmark (${benchmarkLabel}).`,
    title: { text: options.title ?? `${options.centre} across standards`, subtitle: [
      `Benchmark: ${benchmarkLabel} (the line in the middle of each row)`,
      ...(rows.some((r) => r.title.endsWith('(provisional)')) ? ['Provisional: standards marked (provisional) are not yet confirmed from their source'] : []),
    ] },
    width: options.width,
    height: { step: options.rowHeight ?? DEFAULT_ROW_HEIGHT },
    datasets: { rows, markers },
    layer: layers,
    config: CHART_CONFIG,
    usermeta: {
      chart: 'spine',
      centre: options.centre,
      footnote:
        'For each standard the light bar spans the lowest to the highest centre and the darker bar the middle half of centres (25th to 75th centile); ' +
        'the benchmark is in the middle and the scale is turned round where low is good, so worse is always to the left. ' +
        'The marker is this centre, coloured by whether its 95% confidence interval excludes the benchmark (Fingertips method).',
    },
  };
}
