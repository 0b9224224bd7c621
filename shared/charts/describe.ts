/**
 * The words charts, tables and exports use to describe a variation result: how the limits were
 * drawn, what happened to overdispersion, and percentages as people read them.
 */
import type { VariationResult } from '../analysis/variation';
import type { FunnelMethod } from '../stats/funnel';

/** Decimal places of a percentage shown to people (78.4%). */
export const PERCENT_DECIMALS = 1;

/** A proportion as a percentage in words, e.g. 0.7841 -> "78.4%"; "n/a" when it is not a number. */
export function formatPercent(proportion: number | null | undefined, decimals: number = PERCENT_DECIMALS): string {
  if (proportion === null || proportion === undefined || !Number.isFinite(proportion)) return 'n/a';
  return `${(proportion * 100).toFixed(decimals)}%`;
}

/** An interval of proportions in words, e.g. "61.2% to 78.4%". */
export function formatInterval(lower: number, upper: number, decimals: number = PERCENT_DECIMALS): string {
  return `${formatPercent(lower, decimals)} to ${formatPercent(upper, decimals)}`;
}

/** How funnel limits were computed, with the method's source. */
export function limitMethodText(method: FunnelMethod): string {
  switch (method) {
    case 'exact':
      return 'exact binomial limits (Spiegelhalter 2005)';
    case 'normal':
      return 'normal-approximation limits';
    case 'arcsine':
      return 'arcsine-scale limits (FunnelPlotR)';
  }
}

/** A dispersion ratio or between-centre variance, to three significant figures. */
function formatStatistic(value: number): string {
  if (value === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}

/**
 * One sentence on overdispersion: phi and tau², whether the limits were widened, and, when an
 * adjustment was asked for but phi <= 1, that it fell back to unadjusted limits (methods.md, step 6).
 */
export function overdispersionText(od: VariationResult['overdispersion']): string {
  if (od.phi === null) return 'Overdispersion not estimated (no centres).';
  const stats = `phi = ${formatStatistic(od.phi)}, tau² = ${formatStatistic(od.tau2)}`;
  if (od.method !== 'none' && (od.fallback || !od.applied)) {
    return `Overdispersion: ${stats}. phi <= 1, so no adjustment was made: unadjusted limits are shown.`;
  }
  if (od.method === 'additive') {
    return `Overdispersion: ${stats}. Limits widened for between-centre variation (additive random effects, Spiegelhalter 2012).`;
  }
  if (od.method === 'multiplicative') {
    return `Overdispersion: ${stats}. Limits widened by the square root of phi (multiplicative, Spiegelhalter 2005).`;
  }
  return `Overdispersion: ${stats}. Limits not adjusted for overdispersion.`;
}

/** The target line in words, e.g. "target 78.4% (all centres pooled)". */
export function targetText(target: number | null, source: VariationResult['targetSource']): string {
  if (target === null) return 'no target';
  return `target ${formatPercent(target)} (${source === 'pooled' ? 'all centres pooled' : 'set by the user'})`;
}

/** The first subtitle line of a variation chart: as-of date, target and limit method. */
export function methodLine(result: Pick<VariationResult, 'asOf' | 'target' | 'targetSource' | 'limits'>): string {
  const asOf = result.asOf === null ? 'As of: no dates in the extract' : `As of ${result.asOf}`;
  return `${asOf} · ${targetText(result.target, result.targetSource)} · ${limitMethodText(result.limits)}`;
}
