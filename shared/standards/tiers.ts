/**
 * Reading a standard's tiers, without the zod schemas (so callers that only display standards, such
 * as `msvw standards`, never build them). Tiers from Hobart et al., Mult Scler 2019;25(13):1809-1818.
 */
import type { Thresholds, Tier, TieredThreshold } from './schema';

/** True when the thresholds carry Brain Health tiers (some may be absent). */
export function isTiered(thresholds: Thresholds): thresholds is TieredThreshold {
  return 'core' in thresholds || 'achievable' in thresholds || 'aspirational' in thresholds;
}

/** Tiers from most to least demanding (Hobart et al. 2019). */
const TIER_NAMES: readonly Tier[] = ['aspirational', 'achievable', 'core'];

/** The tiers a tiered time frame has, most demanding first (absent tiers left out). */
export function presentTiers(thresholds: TieredThreshold): Tier[] {
  return TIER_NAMES.filter((t) => thresholds[t] !== null && thresholds[t] !== undefined);
}
