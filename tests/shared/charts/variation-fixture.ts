/**
 * Test helper: a VariationResult built straight from counts with the stats core, so chart and
 * export tests control every centre (including one sitting exactly on a limit).
 */
import { bandFor, overdispersionSummary, type GroupResult, type VariationResult } from '../../../shared/analysis/variation';
import type { TierClass } from '../../../shared/standards/schema';
import { P95, P998, Z95, Z998 } from '../../../shared/stats/constants';
import { funnelLimits, pooledTarget, type FunnelMethod } from '../../../shared/stats/funnel';
import { adjustedFunnelLimits, overdispersion, type OverdispersionMethod } from '../../../shared/stats/overdispersion';
import { wilsonInterval } from '../../../shared/stats/wilson';

/** The 12 centres of methods.md ("Overdispersion: 12 centres"); the 9th is the only 99.8% outlier. */
export const TWELVE = Object.freeze({
  n: [25, 40, 60, 80, 100, 120, 150, 180, 220, 260, 320, 400],
  x: [17, 35, 46, 66, 71, 99, 118, 147, 140, 214, 262, 318],
});

export interface FixtureOptions {
  x: readonly number[];
  n: readonly number[];
  names?: readonly string[];
  /** Centre names (the centre_name column), when the test needs them. */
  centreNames?: readonly (string | null)[];
  limits?: FunnelMethod;
  overdispersion?: OverdispersionMethod;
  target?: number;
  tiers?: readonly (TierClass | null)[];
  /** Override bands (e.g. to check labels follow the engine's band). */
  proportionOverride?: Record<number, number>;
}

/** A variation result for the given counts, computed as the engine does. */
export function variationFixture(options: FixtureOptions): VariationResult {
  const { x, n } = options;
  const theta = options.target ?? pooledTarget(x, n);
  const method = options.limits ?? 'exact';
  const odMethod = options.overdispersion ?? 'none';
  const od = overdispersion(x, n, theta, odMethod);
  const groups: GroupResult[] = x.map((xi, i) => {
    const ni = n[i];
    const p = options.proportionOverride?.[i] ?? xi / ni;
    const ci = wilsonInterval(xi, ni, Z95);
    const l95 = od.method === 'none' ? funnelLimits(theta, ni, P95, Z95, method) : adjustedFunnelLimits(theta, ni, P95, Z95, od);
    const l998 = od.method === 'none' ? funnelLimits(theta, ni, P998, Z998, method) : adjustedFunnelLimits(theta, ni, P998, Z998, od);
    return {
      group: options.names?.[i] ?? `Centre ${String.fromCharCode(65 + i)}`,
      name: options.centreNames?.[i] ?? null,
      n: ni,
      numerator: xi,
      proportion: p,
      ci95: [ci.lower, ci.upper],
      limits: { l95: l95.lower, u95: l95.upper, l998: l998.lower, u998: l998.upper },
      z: od.z[i],
      band: bandFor(p, l95.lower, l95.upper, l998.lower, l998.upper),
      tier: options.tiers?.[i] ?? null,
      medianDays: 20 + i,
      excluded: { clockRunning: 0, invalid: 0, missing: 0 },
    };
  });
  return {
    measure: {
      id: 'four-plus-four-referral', title: 'Referral to neurology within 4 weeks', shortTitle: '4+4 referral', kind: 'interval',
      source: 'MS Trust 4+4', provenance: 'confirmed', direction: 'higher-is-better', thresholdDays: 28, tier: null,
    },
    by: 'centre_code',
    asOf: '2024-03-31',
    period: null,
    startRange: null,
    target: theta,
    targetSource: options.target === undefined ? 'pooled' : 'user',
    limits: od.method === 'additive' ? 'arcsine' : od.method === 'multiplicative' ? 'normal' : method,
    overdispersion: overdispersionSummary(od, odMethod),
    groups,
    notCompared: [],
    minN: 1,
    settings: { limits: method, overdispersion: odMethod, target: options.target ?? 'pooled' },
    emptyGroups: [],
    accounting: { rowsRead: n.reduce((a, b) => a + b, 0), inDenominator: n.reduce((a, b) => a + b, 0), excluded: {} },
  };
}
