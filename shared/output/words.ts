/**
 * The words every output uses (screen banner, chart subtitle, table, export footnote, CLI): bands,
 * tiers, limit methods, overdispersion, the provisional marker and number formats. One module, so
 * the app, the exports and `msvw analyse` never describe the same result differently.
 */
import type { Band, VariationResult } from '../analysis/variation';
import type { Direction, Provenance, TierClass } from '../standards/schema';
import type { FunnelMethod } from '../stats/funnel';

/** Decimal places of a percentage shown to people (78.4%). */
export const PERCENT_DECIMALS = 1;

/** Significant figures of phi and tau² wherever they are shown (FunnelPlotR prints a few digits). */
export const STATISTIC_SIGNIFICANT_FIGURES = 3;

/**
 * phi above this is described as "far more than chance alone explains". Workbench wording choice:
 * phi = 2 means the centres' spread is twice what binomial chance gives.
 */
export const FAR_MORE_PHI = 2;

/** The marker shown beside anything built on a provisional standard. */
export const PROVISIONAL_MARKER = 'Provisional';

/** What a band means, in words. */
export const BAND_WORDS: Readonly<Record<Band, string>> = Object.freeze({
  'below99.8': 'Below 99.8% limit',
  below95: 'Below 95% limit',
  within: 'Within limits',
  above95: 'Above 95% limit',
  'above99.8': 'Above 99.8% limit',
});

/** Tier classes in words. */
export const TIER_WORDS: Readonly<Record<TierClass, string>> = Object.freeze({
  aspirational: 'Aspirational',
  achievable: 'Achievable',
  core: 'Core',
  'below core': 'Below core',
});

/** Shown in place of a band for a centre below the minimum n. */
export const NOT_COMPARED_WORD = 'Not compared (too few patients)';

/** A band in words. */
export function bandWord(band: Band): string {
  return BAND_WORDS[band];
}

/** A tier class in words ('' when the standard has no tiers). */
export function tierWord(tier: TierClass | null): string {
  return tier === null ? '' : TIER_WORDS[tier];
}

/** " (provisional)" after a title built on a provisional standard, else ''. */
export function provisionalSuffix(provenance: Provenance): string {
  return provenance === 'provisional' ? ` (${PROVISIONAL_MARKER.toLowerCase()})` : '';
}

/** A proportion as a percentage in words, e.g. 0.7841 -> "78.4%"; "n/a" when it is not a number. */
export function formatPercent(proportion: number | null | undefined, decimals: number = PERCENT_DECIMALS): string {
  if (proportion === null || proportion === undefined || !Number.isFinite(proportion)) return 'n/a';
  return `${(proportion * 100).toFixed(decimals)}%`;
}

/** An interval of proportions in words, e.g. "61.2% to 78.4%". */
export function formatInterval(lower: number, upper: number, decimals: number = PERCENT_DECIMALS): string {
  return `${formatPercent(lower, decimals)} to ${formatPercent(upper, decimals)}`;
}

/** A whole number with thousands separators, as people in the UK write it (1,190). */
export function formatCount(value: number): string {
  const n = Math.round(value);
  // Integers are grouped by hand, as en-GB groups them ("1,234,567", "-1,234"): toLocaleString's
  // first call loads the locale data, about 15 ms of a command-line run. Anything else as before.
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = end - 3 > 0 ? `,${digits.slice(end - 3, end)}${out}` : `${digits.slice(0, end)}${out}`;
  return n < 0 || Object.is(n, -0) ? `-${out}` : out;
}

/** An ISO date as dd/mm/yyyy (UK), whatever the machine's locale. */
export function formatUkDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A period of ISO dates in words: "01/07/2026 to 30/09/2026", or one date when both ends agree. */
export function formatPeriod(period: { from: string; to: string }): string {
  return period.from === period.to ? formatUkDate(period.from) : `${formatUkDate(period.from)} to ${formatUkDate(period.to)}`;
}

/** A dispersion ratio or between-centre variance, to three significant figures. */
export function formatStatistic(value: number): string {
  if (value === 0) return '0';
  return Number(value.toPrecision(STATISTIC_SIGNIFICANT_FIGURES)).toString();
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

/** The overdispersion part of a result. */
export type OverdispersionSummary = VariationResult['overdispersion'];

/** What the Limits control should say is drawn: the method, and whether it is adjusted. */
export function limitsDrawnText(result: Pick<VariationResult, 'limits' | 'overdispersion'>): string {
  const od = result.overdispersion;
  if (od.applied && od.drawn === 'additive') return 'Arcsine, widened for overdispersion (additive random effects)';
  if (od.applied && od.drawn === 'multiplicative') return 'Normal approximation, widened by √phi (multiplicative)';
  switch (result.limits) {
    case 'exact': return 'Exact binomial';
    case 'normal': return 'Normal approximation';
    case 'arcsine': return 'Arcsine';
  }
}

/**
 * One sentence on overdispersion: phi and tau², whether the limits were widened, and, when an
 * adjustment was asked for but phi <= 1, that it fell back to unadjusted limits (methods.md, step 6).
 */
export function overdispersionText(od: OverdispersionSummary): string {
  if (od.phi === null) return 'Overdispersion not estimated (no centres).';
  const stats = `phi = ${formatStatistic(od.phi)}, tau² = ${formatStatistic(od.tau2)}`;
  if (od.method !== 'none' && !od.applied) {
    return `Overdispersion: ${stats}. phi <= 1, so no adjustment was made: unadjusted limits are shown.`;
  }
  if (od.drawn === 'additive') {
    return `Overdispersion: ${stats}. Limits widened for between-centre variation (additive random effects, Spiegelhalter 2012).`;
  }
  if (od.drawn === 'multiplicative') {
    return `Overdispersion: ${stats}. Limits widened by the square root of phi (multiplicative, Spiegelhalter 2005).`;
  }
  return `Overdispersion: ${stats}. Limits not adjusted for overdispersion.`;
}

/**
 * The banner sentence on overdispersion, in plain words for a clinical lead (methods.md step 7):
 * what the spread of centres means and what the limits do about it, and the choice that changes it.
 */
export function overdispersionBanner(od: OverdispersionSummary): string {
  if (od.phi === null) return 'Too few centres to judge how much they vary.';
  const phi = `phi = ${formatStatistic(od.phi)}`;
  const howMuch = od.phi > FAR_MORE_PHI ? 'far more than' : 'more than';
  if (od.applied && od.drawn === 'additive') {
    const choice = od.method === 'auto' ? "choose 'None' to see unadjusted limits" : "choose 'Automatic' or 'None' to change this";
    return `Centres vary ${howMuch} chance alone explains (${phi}), so the limits allow for that; ${choice}.`;
  }
  if (od.applied && od.drawn === 'multiplicative') {
    return `Centres vary ${howMuch} chance alone explains (${phi}), so the limits are widened by the square root of phi (multiplicative); choose 'Automatic' for the analysts' usual adjustment.`;
  }
  if (od.phi <= 1 || (od.method !== 'none' && !od.applied)) {
    return `Centres vary no more than chance alone explains (${phi}), so the limits are not adjusted: a centre outside them differs by more than chance.`;
  }
  return `Limits not adjusted: centres vary ${howMuch} chance alone explains (${phi}), so more centres fall outside the limits than real differences in care would place there; choose 'Automatic' to allow for that.`;
}

/** "better than expected" / "worse than expected" for a band, by the standard's direction; null within the limits. */
export function bandJudgement(band: Band, direction: Direction): 'better' | 'worse' | null {
  if (band === 'within') return null;
  const above = band === 'above95' || band === 'above99.8';
  return above === (direction === 'higher-is-better') ? 'better' : 'worse';
}

/**
 * A Making Data Count icon withheld from a publication (shared/analysis/trend-export.ts): the
 * latest point's reading would depend on a centre line, limits or value the suppression hides.
 */
export const SUPPRESSED_ICON = 'suppressed';
export type SuppressedIcon = typeof SUPPRESSED_ICON;

/** Label of a withheld icon (table cells, footnotes). */
export const SUPPRESSED_ICON_LABEL = 'Not shown (suppressed)';

/** Why an icon is withheld, in words (the suppression note of an SPC publication). */
export const SUPPRESSED_ICON_EXPLANATION =
  `The latest reading's icons are "${SUPPRESSED_ICON_LABEL}" where they would be read from a hidden centre line, limits or value.`;

/** Most segments a suppression note names one by one; beyond it, it counts them (a note stays readable for 100 centres). */
export const SIGNALS_WITHHELD_LISTED = 5;

/** The sentence of an SPC suppression note naming the segments whose signals are withheld (each "group from to"). */
export function signalsWithheldText(segments: readonly string[]): string {
  const which = segments.length <= SIGNALS_WITHHELD_LISTED ? segments.join('; ') : `${segments.length} segments (those whose centre line is shown as *)`;
  return `Signals are withheld for ${which}: with the centre line hidden, a shift, 2 of 3 near a limit, a point outside the limits or a point type would show which side of it the points lie, so only trends among the values shown are kept.`;
}
