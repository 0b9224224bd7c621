/**
 * How many centres, and how many of their patients, meet each tier of each standard: the
 * headline of the Brain Health view ("12 centres meet aspirational, 30 core, 8 below core").
 */
import type { ColumnarTable } from '../data/table';
import type { Standard, TierClass } from '../standards/schema';
import { MeasureError } from './filter';
import { analyseVariation, type VariationOptions } from './variation';

/** Counts per tier class; `unclassed` for groups of a standard with no tiers. */
export type TierCounts = Record<TierClass | 'unclassed', number>;

export interface TierSummaryRow {
  standardId: string;
  shortTitle: string;
  /** Groups (centres) per tier class. */
  groups: TierCounts;
  /** Patients (summed denominators) per tier class of their centre. */
  patients: TierCounts;
  /** Why the standard could not be measured on this extract (e.g. a missing column), else null. */
  error: string | null;
}

const emptyCounts = (): TierCounts => ({ aspirational: 0, achievable: 0, core: 0, 'below core': 0, unclassed: 0 });

/** For each standard: groups and patients per tier class (errors reported per standard, not thrown). */
export function tierSummary(table: ColumnarTable, standards: readonly Standard[], options: VariationOptions = {}): TierSummaryRow[] {
  return standards.map((standard) => {
    const row: TierSummaryRow = { standardId: standard.id, shortTitle: standard.shortTitle, groups: emptyCounts(), patients: emptyCounts(), error: null };
    try {
      const result = analyseVariation(table, standard, options);
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
