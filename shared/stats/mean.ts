// Means and sample quantiles computed the way R computes them, so that "on the mean" and
// winsorisation bounds agree with NHSRplotthedots and FunnelPlotR to the last bit where possible.

/** Veltkamp's splitting constant 2^27 + 1 for exact products of doubles (Dekker 1971). */
const SPLITTER = 134217729;

/** A double-double number hi + lo, |lo| <= ulp(hi) / 2. */
interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

/** Sum with Neumaier's compensation (improved Kahan-Babuska), kept as hi + lo. */
function neumaierSum(values: readonly number[]): DoubleDouble {
  let sum = 0;
  let compensation = 0;
  for (const value of values) {
    const total = sum + value;
    if (Math.abs(sum) >= Math.abs(value)) compensation += sum - total + value;
    else compensation += value - total + sum;
    sum = total;
  }
  const hi = sum + compensation;
  return { hi, lo: compensation - (hi - sum) };
}

/** Sum with Neumaier's compensation (improved Kahan-Babuska), exact to ~1 ulp for typical data. */
export function compensatedSum(values: readonly number[]): number {
  return neumaierSum(values).hi;
}

/** Exact product a * b as hi + lo (Dekker 1971, TwoProduct via Veltkamp splitting). */
function exactProduct(a: number, b: number): DoubleDouble {
  const hi = a * b;
  const split = (x: number): [number, number] => {
    const c = SPLITTER * x;
    const high = c - (c - x);
    return [high, x - high];
  };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return { hi, lo: ah * bh - hi + ah * bl + al * bh + al * bl };
}

/**
 * Arithmetic mean that twelve copies of 0.72 average to exactly 0.72: the compensated sum divided by n,
 * then corrected by the residual (sum - n * mean) / n computed without rounding, in the spirit of R's
 * two-pass `mean.default` (summary.c) but robust to cancellation.
 */
export function stableMean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sum = neumaierSum(values);
  const first = sum.hi / n;
  if (!Number.isFinite(first)) return first;
  const product = exactProduct(first, n);
  const residual = sum.hi - product.hi - product.lo + sum.lo;
  return first + residual / n;
}

/**
 * Sample quantile of type 7 (R `quantile(type = 7)`, Hyndman & Fan 1996): linear interpolation
 * between order statistics at h = (N-1)q, as (1-g) x[lo] + g x[hi] the way R writes it.
 */
export function quantileType7(values: readonly number[], q: number): number {
  const n = values.length;
  if (n === 0 || Number.isNaN(q) || q < 0 || q > 1) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // R works with the 1-based index 1 + (N-1)q; keeping its rounding keeps its last bit.
  const index = 1 + (n - 1) * q;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1];
  const high = sorted[hi - 1];
  if (index === lo || high === low) return low;
  const g = index - lo;
  return (1 - g) * low + g * high;
}
