/**
 * A centre's profile across standards, as a Fingertips-style spine: the centre's value and Wilson
 * interval, the all-centres benchmark, the spread across centres (Q0/Q25/Q75/Q100) and whether
 * the centre is better, similar or worse than the benchmark.
 */
import type { ColumnarTable } from '../data/table';
import type { Direction, Provenance, Standard, TierClass } from '../standards/schema';
import { compareToBenchmark, spineScale, wilsonInterval, Z95, Z998, type BenchmarkComparison, type Polarity, type SpineScale } from '../stats';
import { MeasureError } from './filter';
import { analyseVariation, type VariationOptions } from './variation';
import { periodAnalysedText } from '../output/banner';

export interface ProfileOptions extends VariationOptions {
  /** Interval level for the comparison with the benchmark (Fingertips offers 95% and 99.8%). */
  level?: '95' | '99.8';
}

export interface ProfileRow {
  standardId: string;
  shortTitle: string;
  provenance: Provenance;
  direction: Direction;
  /** The centre's numbers, or null when it has none for this standard. */
  n: number | null;
  numerator: number | null;
  value: number | null;
  ci: [number, number] | null;
  /** All centres pooled: sum of numerators over sum of denominators. */
  benchmark: number | null;
  spine: SpineScale | null;
  /** Centres with a value for this standard. */
  centres: number;
  /** Worst and best centre values (by the standard's direction), or null. */
  worst: number | null;
  best: number | null;
  /** The period analysed, or the as-of date, in words. */
  period: string;
  comparison: BenchmarkComparison | 'not compared';
  tier: TierClass | null;
  error: string | null;
}

/** Fingertips polarity of a standard's direction. */
export function polarityOf(direction: Direction): Polarity {
  return direction === 'higher-is-better' ? 'high-is-good' : 'low-is-good';
}

/** One centre across standards, against the all-centres benchmark (Fingertips comparison rule). */
export function centreProfile(table: ColumnarTable, centre: string, standards: readonly Standard[], options: ProfileOptions = {}): ProfileRow[] {
  const wanted = centre.trim().toLowerCase();
  const z = options.level === '99.8' ? Z998 : Z95;
  return standards.map((standard) => {
    const row: ProfileRow = {
      standardId: standard.id, shortTitle: standard.shortTitle, provenance: standard.provenance, direction: standard.direction,
      n: null, numerator: null, value: null, ci: null, benchmark: null, spine: null, centres: 0, worst: null, best: null, period: '', comparison: 'not compared', tier: null, error: null,
    };
    try {
      const result = analyseVariation(table, standard, options);
      row.period = periodAnalysedText(result);
      if (!result.groups.length) return row;
      let x = 0;
      let n = 0;
      for (const g of result.groups) { x += g.numerator; n += g.n; }
      const benchmark = x / n;
      row.benchmark = benchmark;
      row.centres = result.groups.length;
      row.spine = spineScale(result.groups.map((g) => g.proportion), benchmark);
      const higherBetter = standard.direction === 'higher-is-better';
      row.worst = higherBetter ? row.spine.q0 : row.spine.q100;
      row.best = higherBetter ? row.spine.q100 : row.spine.q0;
      const own = result.groups.find((g) => g.group.trim().toLowerCase() === wanted);
      if (!own) return row;
      const ci = wilsonInterval(own.numerator, own.n, z);
      row.n = own.n;
      row.numerator = own.numerator;
      row.value = own.proportion;
      row.ci = [ci.lower, ci.upper];
      row.tier = own.tier;
      row.comparison = compareToBenchmark(ci, benchmark, polarityOf(standard.direction));
    } catch (err) {
      if (!(err instanceof MeasureError)) throw err;
      row.error = err.message;
    }
    return row;
  });
}
