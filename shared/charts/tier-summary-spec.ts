/**
 * Tier summary: one stacked bar per standard showing how many centres (or their patients) meet
 * aspirational, achievable, core or fall below core, the headline of the Brain Health view. The
 * segment ends are computed here (tierSegments) so the chart only draws them.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TierSummaryRow } from '../analysis/tiers';
import type { TierClass } from '../standards/schema';
import { coloursOf, labelsOf, TIER_ORDER, TIER_STYLES } from './palette';
import { CHART_CONFIG, VEGA_LITE_SCHEMA, type Layer } from './spec-parts';

/** What the bars count: centres, or patients in those centres' denominators. */
export type TierSummaryMeasure = 'groups' | 'patients';

export interface TierSummarySpecOptions {
  width: number;
  /** Height of each standard's bar row in pixels (default 30). */
  rowHeight?: number;
  /** Count centres (default) or patients. */
  count?: TierSummaryMeasure;
  title?: string;
}

/** One tier's segment of one standard's bar. */
export interface TierSegment {
  standardId: string;
  title: string;
  order: number;
  tier: TierClass;
  tierLabel: string;
  tierOrder: number;
  count: number;
  /** Text drawn on the segment: a short tier name and the count, so colour is never the only cue. */
  text: string;
  /** The standard's title with "(provisional)" when it is provisional (the bar's axis label). */
  axisTitle: string;
  /** Share of the standard's tiered centres (or patients), 0-1. */
  share: number;
  start: number;
  end: number;
  mid: number;
}

/** Short tier names drawn on the bars beside each count. */
export const TIER_SHORT: Readonly<Record<TierClass, string>> = Object.freeze({ aspirational: 'Asp', achievable: 'Ach', core: 'Core', 'below core': 'Below' });

/** Default height of one bar row, in pixels. */
const DEFAULT_ROW_HEIGHT = 30;

/** Standards left out of the chart, with the reason, for the footnote. */
export interface TierSummaryOmission {
  standardId: string;
  title: string;
  reason: string;
}

/**
 * Stacked segments per standard, most demanding tier first (left), with start/end/middle along the
 * bar; standards that could not be measured or have no tiered centres are returned as omissions.
 */
export function tierSegments(rows: readonly TierSummaryRow[], count: TierSummaryMeasure = 'groups'): { segments: TierSegment[]; omitted: TierSummaryOmission[] } {
  const segments: TierSegment[] = [];
  const omitted: TierSummaryOmission[] = [];
  let order = 0;
  for (const row of rows) {
    const counts = row[count];
    const total = TIER_ORDER.reduce((sum, t) => sum + counts[t], 0);
    if (row.error !== null) {
      omitted.push({ standardId: row.standardId, title: row.shortTitle, reason: row.error });
      continue;
    }
    if (total === 0) {
      omitted.push({ standardId: row.standardId, title: row.shortTitle, reason: 'no centre could be placed in a tier (the standard has no tier targets, or no centres)' });
      continue;
    }
    let start = 0;
    TIER_ORDER.forEach((tier, tierOrder) => {
      const value = counts[tier];
      const end = start + value;
      segments.push({
        standardId: row.standardId, title: row.shortTitle, order, tier, tierLabel: TIER_STYLES[tier].label, tierOrder,
        count: value, text: `${TIER_SHORT[tier]} ${value.toLocaleString('en-GB')}`, axisTitle: `${row.shortTitle}${row.provenance === 'provisional' ? ' (provisional)' : ''}`,
        share: value / total, start, end, mid: (start + end) / 2,
      });
      start = end;
    });
    order++;
  }
  return { segments, omitted };
}

/** Tier summary as a Vega-Lite v6 spec: stacked bars per standard, tiers left (aspirational) to right (below core). */
export function tierSummarySpec(rows: readonly TierSummaryRow[], options: TierSummarySpecOptions): TopLevelSpec {
  const count = options.count ?? 'groups';
  const noun = count === 'groups' ? 'Centres' : 'Patients';
  const { segments, omitted } = tierSegments(rows, count);
  const y = { field: 'axisTitle', type: 'nominal' as const, title: null, sort: { field: 'order', op: 'min' as const, order: 'ascending' as const }, axis: { labelLimit: 220 } };
  const x = { type: 'quantitative' as const, title: `${noun} (number)`, scale: { zero: true } };
  const layers: Layer[] = [
    {
      data: { name: 'segments' },
      mark: { type: 'bar', stroke: '#FFFFFF', strokeWidth: 1 },
      encoding: {
        y,
        x: { ...x, field: 'start' },
        x2: { field: 'end' },
        color: {
          field: 'tierLabel', type: 'nominal', title: 'Tier met',
          scale: { domain: labelsOf(TIER_STYLES, TIER_ORDER), range: coloursOf(TIER_STYLES, TIER_ORDER) },
        },
        tooltip: [
          { field: 'title', type: 'nominal', title: 'Standard' },
          { field: 'tierLabel', type: 'nominal', title: 'Tier' },
          { field: 'count', type: 'quantitative', title: noun, format: ',' },
          { field: 'share', type: 'quantitative', title: `% of ${noun.toLowerCase()}`, format: '.0%' },
        ],
      },
    },
    {
      data: { name: 'segments' },
      transform: [{ filter: 'datum.count > 0' }],
      mark: { type: 'text', color: '#000000', fontSize: 11, baseline: 'middle', align: 'center' },
      encoding: { y, x: { ...x, field: 'mid' }, text: { field: 'text', type: 'nominal' } },
    },
  ];
  const footnote = [
    `Each bar counts ${noun.toLowerCase()} by the highest tier their centre meets for that standard.`,
    omitted.length ? `Not shown: ${omitted.map((o) => `${o.title} (${o.reason})`).join('; ')}.` : '',
  ].filter(Boolean).join(' ');
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: `Tier summary: ${noun.toLowerCase()} meeting each tier for ${new Set(segments.map((s) => s.standardId)).size} standards.`,
    title: {
      text: options.title ?? `${noun} meeting each tier`,
      subtitle: [
        'Aspirational (Asp), achievable (Ach) and core tiers; below core on the right',
        ...(rows.some((r) => r.provenance === 'provisional' && r.error === null) ? ['Provisional: standards marked (provisional) are not yet confirmed from their source'] : []),
      ],
    },
    width: options.width,
    height: { step: options.rowHeight ?? DEFAULT_ROW_HEIGHT },
    datasets: { segments },
    layer: layers,
    config: CHART_CONFIG,
    usermeta: { chart: 'tier-summary', count, omitted, footnote },
  };
}
