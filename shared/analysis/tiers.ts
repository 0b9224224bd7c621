/**
 * How many centres, and how many of their patients, meet each tier of each standard: the
 * headline of the Brain Health view ("12 centres meet aspirational, 30 core, 8 below core").
 */
import type { ColumnarTable } from '../data/table';
import { isTiered, presentTiers } from '../standards/tiers';
import type { Provenance, Standard, Tier, TierClass } from '../standards/schema';
import { MeasureError } from './filter';
import { analyseVariation, type VariationOptions } from './variation';
import { periodAnalysedText } from '../output/banner';

/** Counts per tier class; `unclassed` for groups of a standard with no tiers. */
export type TierCounts = Record<TierClass | 'unclassed', number>;

export interface TierSummaryRow {
  standardId: string;
  shortTitle: string;
  provenance: Provenance;
  /** The tiers the standard has (most demanding first); [] when it has no tiers. */
  tiers: Tier[];
  /** The period analysed, or the as-of date, in words (e.g. "as of 30/09/2026"). */
  period: string;
  /** Groups (centres) per tier class. */
  groups: TierCounts;
  /** Patients (summed denominators) per tier class of their centre. */
  patients: TierCounts;
  /** Why the standard could not be measured on this extract (e.g. a missing column), else null. */
  error: string | null;
}

const emptyCounts = (): TierCounts => ({ aspirational: 0, achievable: 0, core: 0, 'below core': 0, unclassed: 0 });

/** The tiers a standard classes centres by: a tiered time frame's present tiers, all three with tier targets, else none. */
export function tiersOf(standard: Standard): Tier[] {
  if (standard.kind === 'interval' && isTiered(standard.thresholds)) return presentTiers(standard.thresholds);
  return standard.tierTargets ? ['aspirational', 'achievable', 'core'] : [];
}

/** For each standard: groups and patients per tier class (errors reported per standard, not thrown). */
export function tierSummary(table: ColumnarTable, standards: readonly Standard[], options: VariationOptions = {}): TierSummaryRow[] {
  return standards.map((standard) => {
    const row: TierSummaryRow = {
      standardId: standard.id, shortTitle: standard.shortTitle, provenance: standard.provenance, tiers: tiersOf(standard), period: '',
      groups: emptyCounts(), patients: emptyCounts(), error: null,
    };
    try {
      const result = analyseVariation(table, standard, options);
      row.period = periodAnalysedText(result);
      for (const g of result.groups) {
        const key = g.tier ?? 'unclassed';
        row.groups[key] += 1;
        row.patients[key] += g.n;
      }
    } catch (err) {
      if (!(err instanceof MeasureError)) throw err;
      row.error = err.message;
    }
    return row;
  });
}
