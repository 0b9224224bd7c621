/**
 * One-way sensitivity (tornado) and best / worst cases of the business case. Each input in turn is
 * set to its low and then its high value, all others at their base values, and the discounted
 * total net cost recomputed (HM Treasury Green Book, "sensitivity analysis": switching one
 * assumption at a time). The model is monotone in each input on its own, so the two ends bracket
 * the base case.
 */
import { DEFAULT_YEARS } from './defaults';
import { computeBusinessCase, type BusinessCaseInput, type InputName } from './model';

/** One bar of the tornado. */
export interface TornadoBar {
  name: InputName;
  label: string;
  unit: string;
  low: number;
  high: number;
  /** Discounted total net cost with this input at its low / high value. */
  netLow: number;
  netHigh: number;
  /** |netHigh - netLow|: bars are sorted by it, widest first. */
  swing: number;
}

export interface Sensitivity {
  base: number;
  bars: TornadoBar[];
  /** Every input at the end that lowers the net cost (best) / raises it (worst), all at once. */
  best: number;
  worst: number;
  bestInputs: BusinessCaseInput[];
  worstInputs: BusinessCaseInput[];
}

/** The inputs with one input's value replaced. */
function withValue(inputs: readonly BusinessCaseInput[], name: InputName, value: number): BusinessCaseInput[] {
  return inputs.map((i) => (i.name === name ? { ...i, value } : i));
}

/** Tornado over every input whose low and high differ, widest swing first; plus best and worst cases. */
export function sensitivity(inputs: readonly BusinessCaseInput[], years: number = DEFAULT_YEARS): Sensitivity {
  const base = computeBusinessCase(inputs, years).totals.discountedNet;
  const bars: TornadoBar[] = [];
  const best = inputs.map((i) => ({ ...i }));
  const worst = inputs.map((i) => ({ ...i }));
  inputs.forEach((input, k) => {
    const netLow = computeBusinessCase(withValue(inputs, input.name, input.low), years).totals.discountedNet;
    const netHigh = computeBusinessCase(withValue(inputs, input.name, input.high), years).totals.discountedNet;
    best[k].value = netLow <= netHigh ? input.low : input.high;
    worst[k].value = netLow <= netHigh ? input.high : input.low;
    if (input.low === input.high) return;
    bars.push({ name: input.name, label: input.label, unit: input.unit, low: input.low, high: input.high, netLow, netHigh, swing: Math.abs(netHigh - netLow) });
  });
  bars.sort((a, b) => b.swing - a.swing || a.name.localeCompare(b.name));
  return {
    base,
    bars,
    best: computeBusinessCase(best, years).totals.discountedNet,
    worst: computeBusinessCase(worst, years).totals.discountedNet,
    bestInputs: best,
    worstInputs: worst,
  };
}
