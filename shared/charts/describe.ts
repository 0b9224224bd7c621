/**
 * The words charts, tables and exports use to describe a variation result: how the limits were
 * drawn, what happened to overdispersion, and percentages as people read them.
 */
import type { VariationResult } from '../analysis/variation';
import { formatPercent, formatPeriod, formatUkDate, limitMethodText, PROVISIONAL_MARKER, provisionalSuffix } from '../output/words';

// The words live in one module (shared/output/words.ts); re-exported here for the charts.
export { formatInterval, formatPercent, formatStatistic, limitMethodText, overdispersionBanner, overdispersionText, PERCENT_DECIMALS } from '../output/words';

/** The target line in words, e.g. "target 78.4% (all centres pooled)". */
export function targetText(target: number | null, source: VariationResult['targetSource']): string {
  if (target === null) return 'no target';
  return `target ${formatPercent(target)} (${source === 'pooled' ? 'all centres pooled' : 'set by the user'})`;
}

/** The first subtitle line of a variation chart: provisional marker, period or as-of date, target and limit method. */
export function methodLine(result: Pick<VariationResult, 'asOf' | 'target' | 'targetSource' | 'limits'> & Partial<Pick<VariationResult, 'measure' | 'period'>>): string {
  const when = result.period ? `Period ${formatPeriod(result.period)}` : result.asOf === null ? 'As of: no dates in the extract' : `As of ${formatUkDate(result.asOf)}`;
  const provisional = result.measure && provisionalSuffix(result.measure.provenance) ? `${PROVISIONAL_MARKER} standard · ` : '';
  return `${provisional}${when} · ${targetText(result.target, result.targetSource)} · ${limitMethodText(result.limits)}`;
}
