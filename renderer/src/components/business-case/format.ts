/**
 * How business-case figures are written on the page (display only: every number comes from
 * shared/business-case). Money in whole pounds, shares as percentages, other values to at most two
 * decimals, all in en-GB style.
 */
import type { BusinessCaseInput } from '../../../../shared/business-case/model';

const GBP = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Pounds, whole: "£12,345" ("-£1,200" for a saving). */
export function formatMoney(value: number): string {
  return GBP.format(Math.round(value) === 0 ? 0 : value);
}

/** A plain number, at most two decimals. */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** A rate or WTE with one decimal, e.g. "2.4". */
export function formatOneDecimal(value: number): string {
  return ONE_DECIMAL.format(value);
}

/** A proportion as a percentage with one decimal, e.g. "57.3%". */
export function formatShare(value: number): string {
  return `${ONE_DECIMAL.format(value * 100)}%`;
}

/** True for inputs the page edits as percentages (bounded 0 to 1: shares and rates). */
export function isPercentInput(input: Pick<BusinessCaseInput, 'min' | 'max'>): boolean {
  return input.min === 0 && input.max === 1;
}

/** The unit as shown beside the field ("%" for shares, "% per year" for the discount rate). */
export function unitText(input: Pick<BusinessCaseInput, 'min' | 'max' | 'unit'>): string {
  if (!isPercentInput(input)) return input.unit;
  return input.unit === 'proportion' ? '%' : `% (${input.unit})`;
}

/** Decimals shown when a value is offered for editing: percentages to 0.01, other values to 0.0001 (hides floating-point noise; the stored value keeps its precision until edited). */
const EDIT_DECIMALS = { percent: 2, other: 4 } as const;

/** A stored input value as the number the person edits (percent inputs x 100). */
export function editValue(value: number, percent: boolean): number {
  return percent ? Number((value * 100).toFixed(EDIT_DECIMALS.percent)) : Number(value.toFixed(EDIT_DECIMALS.other));
}

/** An input's value in words, e.g. "57.3%" or "12 weeks" or "£2,844 GBP per admission". */
export function inputValueText(input: Pick<BusinessCaseInput, 'value' | 'unit' | 'min' | 'max'>): string {
  if (isPercentInput(input)) return `${formatShare(input.value)}${input.unit === 'proportion' ? '' : ` ${input.unit}`}`;
  if (/^GBP/.test(input.unit)) return `${formatMoney(input.value)} ${input.unit.replace(/^GBP\s*/, '')}`;
  return `${formatNumber(input.value)} ${input.unit}`;
}
