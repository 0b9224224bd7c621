/**
 * The sentences above a variation view, as a clinical lead reads them: how many patients in how
 * many centres over which period, what the limits allow for, and which centres are better or worse
 * than expected (from the standard's direction), the user's own centre first.
 */
import type { GroupResult, VariationResult } from '../analysis/variation';
import { bandJudgement, bandWord, formatCount, formatPercent, formatPeriod, formatUkDate } from './words';

/** Outside which limits a centre is called better or worse than expected. */
export type OutlierLevel = '99.8' | '95';

/** A centre as people name it: "RTH Oxford University Hospitals NHS Foundation Trust", or the code alone. */
export function centreLabel(g: Pick<GroupResult, 'group' | 'name'>): string {
  return g.name ? `${g.group} ${g.name}` : g.group;
}

/** Centres better or worse than expected, with the count and one sentence. */
export interface OutlierList {
  count: number;
  /** Centre codes, furthest from the target first. */
  groups: string[];
  /** "code name" labels in the same order. */
  labels: string[];
  /** e.g. "Worse than expected (2): R3L Name, RZS Name." or "Worse than expected: none." */
  sentence: string;
}

export interface OutliersInWords {
  /** The selected centre's own line, first in the banner, or null when none is selected (or it is not in the result). */
  selectedLine: string | null;
  better: OutlierList;
  worse: OutlierList;
  /** Every line in banner order: the selected centre first, then worse, then better. */
  lines: string[];
}

/** True when a band lies outside the limits at the level. */
function outside(band: GroupResult['band'], level: OutlierLevel): boolean {
  return level === '95' ? band !== 'within' : band === 'below99.8' || band === 'above99.8';
}

/** How far a centre lies from the target, for ordering (|z|, else the raw difference). */
function distance(g: Pick<GroupResult, 'z' | 'proportion'>, target: number | null): number {
  return Math.abs(g.z ?? (target === null ? 0 : g.proportion - target));
}

/** Centres outside the 95% limits only that the banner names on each side (the rest are in the table). */
const WATCH_NAMED_MAX = 3;

/**
 * One list in words. At the 99.8% level, centres outside only the 95% limits on the same side are
 * named after it as worth a look (about 1 centre in 20 lies there by chance), so a reader does not
 * take "none" for "all is well".
 */
function list(kind: 'Better' | 'Worse', groups: GroupResult[], watch: GroupResult[] = []): OutlierList {
  const labels = groups.map(centreLabel);
  const main = groups.length ? `${kind} than expected (${groups.length}): ${labels.join(', ')}.` : `${kind} than expected: none.`;
  const side = kind === 'Better' ? 'Above' : 'Below';
  const named = watch.slice(0, WATCH_NAMED_MAX).map(centreLabel).join(', ');
  const more = watch.length > WATCH_NAMED_MAX ? ` and ${watch.length - WATCH_NAMED_MAX} more (see the table)` : '';
  const extra = watch.length ? ` ${side} the 95% limits only (${watch.length}; worth a look, though about 1 centre in 20 lies there by chance): ${named}${more}.` : '';
  return { count: groups.length, groups: groups.map((g) => g.group), labels, sentence: main + extra };
}

/** The selected centre's result in one line: value, n, and where it sits. */
export function selectedCentreLine(result: Pick<VariationResult, 'groups' | 'notCompared' | 'measure' | 'minN'>, selected: string, level: OutlierLevel = '99.8'): string | null {
  const g = result.groups.find((x) => x.group === selected);
  if (!g) {
    const small = result.notCompared.find((x) => x.group === selected);
    return small ? `Your centre ${centreLabel(small)}: ${formatPercent(small.proportion)} of ${formatCount(small.n)}, too few patients to compare (fewer than ${result.minN}).` : null;
  }
  const judgement = outside(g.band, level) ? bandJudgement(g.band, result.measure.direction) : null;
  const where = judgement ? `${judgement} than expected (${bandWord(g.band).toLowerCase()})` : g.band === 'within' ? 'within the limits, as expected' : `${bandWord(g.band).toLowerCase()}, within the ${level}% limits`;
  return `Your centre ${centreLabel(g)}: ${formatPercent(g.proportion)} of ${formatCount(g.n)}, ${where}.`;
}

/**
 * Better and worse than expected, separately, from the standard's direction (higher-is-better:
 * above the upper limit is better), each furthest from the target first; the selected centre's
 * own line first.
 */
export function outliersInWords(
  result: Pick<VariationResult, 'groups' | 'notCompared' | 'measure' | 'target' | 'minN'>,
  options: { selected?: string | null; level?: OutlierLevel } = {},
): OutliersInWords {
  const level = options.level ?? '99.8';
  const flagged = result.groups.filter((g) => outside(g.band, level)).sort((a, b) => distance(b, result.target) - distance(a, result.target));
  const judged = (groups: GroupResult[], side: 'better' | 'worse') => groups.filter((g) => bandJudgement(g.band, result.measure.direction) === side);
  // Outside the 95% limits but not the 99.8% ones: named as worth a look when the level is 99.8%.
  const watch = level === '99.8'
    ? result.groups.filter((g) => outside(g.band, '95') && !outside(g.band, '99.8')).sort((a, b) => distance(b, result.target) - distance(a, result.target))
    : [];
  const better = list('Better', judged(flagged, 'better'), judged(watch, 'better'));
  const worse = list('Worse', judged(flagged, 'worse'), judged(watch, 'worse'));
  const selectedLine = options.selected ? selectedCentreLine(result, options.selected, level) : null;
  return { selectedLine, better, worse, lines: [...(selectedLine ? [selectedLine] : []), worse.sentence, better.sentence] };
}

/** Patients (summed denominators) and centres in a result, compared or not. */
export function resultTotals(result: Pick<VariationResult, 'groups' | 'notCompared'>): { patients: number; centres: number } {
  const all = [...result.groups, ...result.notCompared];
  return { patients: all.reduce((s, g) => s + g.n, 0), centres: all.length };
}

/**
 * The period analysed in words: "period 01/07/2026 to 30/09/2026" (a KPI or filtered period), or
 * for interval measures "start dates 01/10/2023 to 30/09/2026, as of 30/09/2026", or "as of 30/09/2026".
 */
export function periodAnalysedText(result: Pick<VariationResult, 'period' | 'asOf'> & Partial<Pick<VariationResult, 'startRange'>>): string {
  if (result.period) return `period ${formatPeriod(result.period)}`;
  const asOf = result.asOf ? `as of ${formatUkDate(result.asOf)}` : 'no dates in the extract';
  return result.startRange ? `start dates ${formatPeriod(result.startRange)}, ${asOf}` : asOf;
}

/**
 * The count sentence of the banner: "1,190 patients in 71 centres, period 01/07/2026 to
 * 30/09/2026." Patients are the summed denominators (for a KPI extract, the denominators of the
 * rows analysed, not the number of rows); groups other than centres are named as such.
 */
export function countSentence(result: Pick<VariationResult, 'groups' | 'notCompared' | 'period' | 'asOf' | 'by'> & Partial<Pick<VariationResult, 'startRange'>>): string {
  const { patients, centres } = resultTotals(result);
  const noun = result.by === 'centre_code' ? (centres === 1 ? 'centre' : 'centres') : centres === 1 ? 'group' : 'groups';
  return `${formatCount(patients)} ${patients === 1 ? 'patient' : 'patients'} in ${formatCount(centres)} ${noun}, ${periodAnalysedText(result)}.`;
}

/** Every banner sentence in order: counts, overdispersion, not compared, the selected centre, worse, better. */
export function bannerLines(result: VariationResult, options: { selected?: string | null; level?: OutlierLevel } = {}): string[] {
  const words = outliersInWords(result, options);
  const lines = [countSentence(result), result.overdispersion.banner];
  if (result.notCompared.length) {
    lines.push(`${result.notCompared.length} ${result.notCompared.length === 1 ? 'centre has' : 'centres have'} fewer than ${result.minN} patients: too few to compare, not judged.`);
  }
  return [...lines, ...words.lines];
}
