/**
 * The business-case model for one centre and one standard (issue 9): what meeting the target
 * takes, what it costs and what it saves, year by year, discounted as the HM Treasury Green Book
 * does. Pure functions over a list of named inputs; the app, the CLI and the report all call
 * computeBusinessCase, so they give the same numbers.
 *
 * Every input is {name, value, unit, source}; the defaults and their sources are in defaults.ts.
 * Net cost = costs - benefits (positive: the plan costs more than it saves).
 */
import {
  ADMIN_COST_PER_WTE, ADMIN_WTE_PER_NURSE_WTE, ADMISSIONS_AVOIDED_SHARE, BACKLOG_CLEARANCE_WEEKS, CLINIC_WEEKS_PER_YEAR, DEFAULT_SENSITIVITY_RANGE,
  DEFAULT_YEARS, EMERGENCY_ADMISSION_COST, EMERGENCY_ADMISSION_RATE, FOLLOW_UP_COST, FOLLOW_UPS_AVOIDED_PER_PERSON, GREEN_BOOK_DISCOUNT, MAX_YEARS,
  MIN_YEARS, MRI_COST, MRI_SCANS_PER_PERSON, NEW_APPOINTMENT_COST, NURSE_CASELOAD_PER_WTE, NURSE_COST_PER_WTE, RELAPSE_COST, RELAPSE_COST_MILD,
  RELAPSE_COST_SEVERE, RELAPSES_AVOIDED_PER_PERSON, WEEKS_PER_YEAR, type DefaultFigure,
} from './defaults';
import { DEFAULT_REQUIRED_SHARE } from '../standards/defaults';

/** The names of the model's inputs, in the order they are shown. */
export const INPUT_NAMES = [
  // Where the centre stands and its demand (prefilled from the data)
  'currentShare', 'targetShare', 'referralsPerYear', 'backlog', 'caseload', 'currentNurseWte',
  // What meeting the target takes
  'backlogClearanceWeeks', 'clinicWeeksPerYear', 'nurseCaseloadPerWte', 'adminWtePerNurse',
  // Unit costs
  'nurseCostPerWte', 'adminCostPerWte', 'newAppointmentCost', 'mriScansPerPerson', 'mriCost',
  // Benefits
  'relapsesAvoidedPerPerson', 'relapseCost', 'emergencyAdmissionRate', 'admissionsAvoidedShare', 'emergencyAdmissionCost',
  'followUpsAvoidedPerPerson', 'followUpCost',
  // Discounting
  'discountRate',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Which part of the case an input belongs to (for grouping in the page and the report). */
export type InputGroup = 'centre' | 'capacity' | 'costs' | 'benefits' | 'discounting';

/** Where an input's value came from. */
export type InputOrigin = 'data' | 'default' | 'user';

/** One named input of the model. */
export interface BusinessCaseInput {
  name: InputName;
  label: string;
  value: number;
  unit: string;
  source: string;
  origin: InputOrigin;
  group: InputGroup;
  /** Values used by the tornado (default value -/+ 25%, or the figure's own range). */
  low: number;
  high: number;
  /** A count of people read from the data: shown as `*` when 1-7 (small-number suppression). */
  isCount: boolean;
  /**
   * Counts of people a data value is worked out from (the current share: met and not met): the
   * value is hidden with them when any is 1-7, as a league table hides a percentage with its counts.
   */
  fromCounts?: number[];
  /** Smallest and largest allowed value. */
  min: number;
  max: number;
}

/** What meeting the target takes, from the inputs. */
export interface Requirements {
  /** People a year who would newly be seen within the time frame: (target - current) x referrals. */
  peopleNewlySeenPerYear: number;
  /** Extra new-patient slots a week, while clearing the backlog. */
  backlogSlotsPerWeek: number;
  /** Extra new-patient slots a week, every year, to keep the target. */
  keepSlotsPerWeek: number;
  /** MS nurse WTE the caseload needs at the sustainable caseload. */
  nurseWteNeeded: number;
  /** Extra nurse WTE: needed minus current, not below 0. */
  nurseWteGap: number;
  /** Extra admin WTE for the extra nurses. */
  adminWteGap: number;
  /** Share of the caseload newly covered at a sustainable caseload: gap / needed (0 when no gap). */
  nurseCoverageGain: number;
}

/** One line of the cost or benefit table in one year. */
export interface CashLine {
  key: string;
  label: string;
  kind: 'cost' | 'benefit';
  amount: number;
}

/** One year of the case. Year 0 is the first year (undiscounted). */
export interface YearFlow {
  year: number;
  costs: number;
  benefits: number;
  net: number;
  discountFactor: number;
  discountedNet: number;
  lines: CashLine[];
}

export interface Totals {
  costs: number;
  benefits: number;
  net: number;
  discountedCosts: number;
  discountedBenefits: number;
  discountedNet: number;
}

/** The whole case for a set of inputs and a horizon. */
export interface BusinessCaseResult {
  years: YearFlow[];
  totals: Totals;
  requirements: Requirements;
  /** People reaching the standard over the horizon because of the plan (peopleNewlySeenPerYear x years). */
  peopleReachingStandard: number;
  /** Discounted total net cost divided by peopleReachingStandard; null when nobody newly reaches it. */
  perPersonReachingStandard: number | null;
}

/** A problem with an input the person can fix (names the input and the allowed range). */
export class BusinessCaseError extends Error {
  constructor(message: string, readonly input?: string) {
    super(message);
    this.name = 'BusinessCaseError';
  }
}

interface InputSpec {
  label: string;
  group: InputGroup;
  figure: DefaultFigure;
  min: number;
  max: number;
  isCount?: boolean;
  /** Tornado range when the source gives one (otherwise value -/+ 25%). */
  range?: [number, number];
}

const PROPORTION = { min: 0, max: 1 };
const NON_NEGATIVE = { min: 0, max: Number.MAX_SAFE_INTEGER };

/** Placeholder figures for inputs the data fills in (replaced by prefillInputs). */
const fromData = (unit: string, source: string): DefaultFigure => ({ value: 0, unit, source });

/** How each input is described, bounded and defaulted. */
export const INPUT_SPECS: Readonly<Record<InputName, InputSpec>> = Object.freeze({
  currentShare: { label: 'Share seen within the time frame now', group: 'centre', figure: fromData('proportion', 'Centre data: share meeting the standard in the last 12 months'), ...PROPORTION },
  targetShare: { label: 'Target share', group: 'centre', figure: { value: DEFAULT_REQUIRED_SHARE, unit: 'proportion', source: `Standard's required share (workbench default ${DEFAULT_REQUIRED_SHARE * 100}%)` }, ...PROPORTION },
  referralsPerYear: { label: 'Referrals a year', group: 'centre', figure: fromData('people per year', 'Centre data: start events in the last 12 months'), ...NON_NEGATIVE, isCount: true },
  backlog: { label: 'People waiting beyond the time frame now', group: 'centre', figure: fromData('people', 'Centre data: open clocks in breach at the as-of date'), ...NON_NEGATIVE, isCount: true },
  caseload: { label: 'People with MS under the centre\'s care', group: 'centre', figure: fromData('people', 'Centre data: distinct patients'), ...NON_NEGATIVE, isCount: true },
  currentNurseWte: {
    label: 'MS nurse WTE in post now', group: 'centre',
    figure: { value: 0, unit: 'WTE', source: 'Not entered: enter the centre\'s current MS nurse whole-time equivalents' }, ...NON_NEGATIVE,
  },
  backlogClearanceWeeks: { label: 'Weeks to clear the backlog', group: 'capacity', figure: BACKLOG_CLEARANCE_WEEKS, min: 1, max: 520 },
  clinicWeeksPerYear: { label: 'Clinic weeks a year', group: 'capacity', figure: CLINIC_WEEKS_PER_YEAR, min: 1, max: WEEKS_PER_YEAR },
  nurseCaseloadPerWte: { label: 'Sustainable caseload per MS nurse WTE', group: 'capacity', figure: NURSE_CASELOAD_PER_WTE, min: 1, max: 10_000 },
  adminWtePerNurse: { label: 'Admin WTE per MS nurse WTE', group: 'capacity', figure: ADMIN_WTE_PER_NURSE_WTE, min: 0, max: 10 },
  nurseCostPerWte: { label: 'MS nurse cost per WTE a year', group: 'costs', figure: NURSE_COST_PER_WTE, ...NON_NEGATIVE },
  adminCostPerWte: { label: 'Admin cost per WTE a year', group: 'costs', figure: ADMIN_COST_PER_WTE, ...NON_NEGATIVE },
  newAppointmentCost: { label: 'New outpatient appointment', group: 'costs', figure: NEW_APPOINTMENT_COST, ...NON_NEGATIVE },
  mriScansPerPerson: { label: 'Extra MRI scans per person seen in time', group: 'costs', figure: MRI_SCANS_PER_PERSON, min: 0, max: 10 },
  mriCost: { label: 'MRI scan', group: 'costs', figure: MRI_COST, ...NON_NEGATIVE },
  relapsesAvoidedPerPerson: { label: 'Relapses avoided per person seen in time', group: 'benefits', figure: RELAPSES_AVOIDED_PER_PERSON, min: 0, max: 10 },
  relapseCost: { label: 'Cost of a relapse', group: 'benefits', figure: RELAPSE_COST, ...NON_NEGATIVE, range: [RELAPSE_COST_MILD, RELAPSE_COST_SEVERE] },
  emergencyAdmissionRate: { label: 'Emergency admissions per person a year', group: 'benefits', figure: EMERGENCY_ADMISSION_RATE, min: 0, max: 10 },
  admissionsAvoidedShare: { label: 'Share of emergency admissions avoided', group: 'benefits', figure: ADMISSIONS_AVOIDED_SHARE, ...PROPORTION },
  emergencyAdmissionCost: { label: 'Cost of an emergency admission', group: 'benefits', figure: EMERGENCY_ADMISSION_COST, ...NON_NEGATIVE },
  followUpsAvoidedPerPerson: { label: 'Follow-ups avoided per person seen in time', group: 'benefits', figure: FOLLOW_UPS_AVOIDED_PER_PERSON, min: 0, max: 10 },
  followUpCost: { label: 'Follow-up outpatient appointment', group: 'benefits', figure: FOLLOW_UP_COST, ...NON_NEGATIVE },
  discountRate: { label: 'Discount rate', group: 'discounting', figure: GREEN_BOOK_DISCOUNT, min: 0, max: 1 },
});

/** Default tornado range of a value: -/+ 25% (DEFAULT_SENSITIVITY_RANGE), kept within the input's bounds. */
export function defaultRange(value: number, min: number, max: number, spread: number = DEFAULT_SENSITIVITY_RANGE): [number, number] {
  return [Math.max(min, value * (1 - spread)), Math.min(max, value * (1 + spread))];
}

/** One input with its value, source and tornado range. */
export function makeInput(name: InputName, value: number, origin: InputOrigin, source?: string, range?: [number, number]): BusinessCaseInput {
  const spec = INPUT_SPECS[name];
  const [low, high] = range ?? (origin === 'default' && spec.range ? spec.range : defaultRange(value, spec.min, spec.max));
  return {
    name, label: spec.label, value, unit: spec.figure.unit, source: source ?? spec.figure.source, origin, group: spec.group,
    low, high, isCount: spec.isCount ?? false, min: spec.min, max: spec.max,
  };
}

/** Every input at its default (data inputs at 0 until prefilled from the centre's data). */
export function defaultInputs(): BusinessCaseInput[] {
  return INPUT_NAMES.map((name) => makeInput(name, INPUT_SPECS[name].figure.value, INPUT_SPECS[name].isCount || name === 'currentShare' ? 'data' : 'default'));
}

/** True when the text is one of the input names. */
export function isInputName(name: string): name is InputName {
  return (INPUT_NAMES as readonly string[]).includes(name);
}

/** Checks a value against an input's bounds, or throws a BusinessCaseError naming the input and the range. */
export function checkValue(name: InputName, value: number): void {
  const { min, max, figure } = INPUT_SPECS[name];
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max >= Number.MAX_SAFE_INTEGER ? `${min} or more` : `between ${min} and ${max}`;
    throw new BusinessCaseError(`${name} must be a number ${range} (${figure.unit}), got ${value}.`, name);
  }
}

/**
 * Set one input by name (`name`, `name.low` or `name.high`). Setting the value marks the input as the
 * user's and resets its tornado range to -/+ 25% of the new value, unless the range was set too.
 */
export function setInput(inputs: readonly BusinessCaseInput[], key: string, value: number, source?: string): BusinessCaseInput[] {
  const [name, part] = key.split('.', 2);
  if (!isInputName(name) || (part !== undefined && part !== 'low' && part !== 'high')) {
    throw new BusinessCaseError(`"${key}" is not an input of the business case. Inputs: ${INPUT_NAMES.join(', ')} (add .low or .high to set a tornado end).`, key);
  }
  checkValue(name, value);
  return inputs.map((input) => {
    if (input.name !== name) return input;
    if (part === 'low') return { ...input, low: value };
    if (part === 'high') return { ...input, high: value };
    const [low, high] = defaultRange(value, input.min, input.max);
    return { ...input, value, low, high, origin: 'user' as const, source: source ?? `Set by the user (was ${input.value}: ${input.source})` };
  });
}

/** The inputs as a record of values by name (every name present). */
export function inputValues(inputs: readonly BusinessCaseInput[]): Record<InputName, number> {
  const values = {} as Record<InputName, number>;
  for (const name of INPUT_NAMES) {
    const input = inputs.find((i) => i.name === name);
    if (!input) throw new BusinessCaseError(`The business case has no "${name}" input: start from defaultInputs() or prefillInputs().`, name);
    values[name] = input.value;
  }
  return values;
}

/** Green Book discount factor for year t (year 0 undiscounted): 1 / (1 + r)^t. */
export function discountFactor(year: number, rate: number): number {
  return 1 / (1 + rate) ** year;
}

/**
 * What meeting the target takes.
 * - People newly seen in time a year = max(0, target - current) x referrals a year. Assumes the
 *   referral rate of the last 12 months continues and the shortfall is made up one person at a time.
 * - Slots to keep the target = people newly seen a year / clinic weeks a year: assumes one extra
 *   new-patient slot per person newly seen in time (conservative: the late appointment it replaces
 *   is not netted off).
 * - Slots to clear the backlog = people waiting beyond the time frame / weeks to clear it: one
 *   new-patient appointment each, on top of the recurring slots.
 * - MS nurses: caseload / sustainable caseload per WTE (MS Trust 2018: 315), gap = needed - current
 *   (not below 0); admin = gap x 0.6 WTE per nurse (MS Trust 2018).
 */
export function requirements(v: Readonly<Record<InputName, number>>): Requirements {
  const peopleNewlySeenPerYear = Math.max(0, v.targetShare - v.currentShare) * v.referralsPerYear;
  const nurseWteNeeded = v.caseload / v.nurseCaseloadPerWte;
  const nurseWteGap = Math.max(0, nurseWteNeeded - v.currentNurseWte);
  return {
    peopleNewlySeenPerYear,
    backlogSlotsPerWeek: v.backlog / v.backlogClearanceWeeks,
    keepSlotsPerWeek: peopleNewlySeenPerYear / v.clinicWeeksPerYear,
    nurseWteNeeded,
    nurseWteGap,
    adminWteGap: nurseWteGap * v.adminWtePerNurse,
    nurseCoverageGain: nurseWteNeeded > 0 ? nurseWteGap / nurseWteNeeded : 0,
  };
}

/**
 * Share of the backlog cleared in model year t: clearance runs at an even rate from week 0 to week
 * `weeks`; year t covers calendar weeks [52t, 52(t+1)).
 */
export function backlogShareInYear(year: number, weeks: number): number {
  const start = year * WEEKS_PER_YEAR;
  const end = start + WEEKS_PER_YEAR;
  const overlap = Math.max(0, Math.min(end, weeks) - Math.max(start, 0));
  return overlap / weeks;
}

/** The cost and benefit lines of one year (undiscounted, GBP). */
export function yearLines(year: number, v: Readonly<Record<InputName, number>>, r: Requirements): CashLine[] {
  const people = r.peopleNewlySeenPerYear;
  const backlogPeople = v.backlog * backlogShareInYear(year, v.backlogClearanceWeeks);
  return [
    // Staff: recurring from year 0 (assumes posts are filled at the start of the first year).
    { key: 'nurses', label: 'MS nurses (extra WTE × cost per WTE)', kind: 'cost', amount: r.nurseWteGap * v.nurseCostPerWte },
    { key: 'admin', label: 'Admin support (extra WTE × cost per WTE)', kind: 'cost', amount: r.adminWteGap * v.adminCostPerWte },
    // Clinic slots at the new-appointment price: recurring to keep the target, one-off for the backlog.
    { key: 'clinics', label: 'Clinic slots to keep the target (people × new appointment)', kind: 'cost', amount: people * v.newAppointmentCost },
    { key: 'backlog', label: 'Clinic slots to clear the backlog (people × new appointment)', kind: 'cost', amount: backlogPeople * v.newAppointmentCost },
    // MRI, when chosen: scans per person seen in time or from the backlog.
    { key: 'mri', label: 'MRI scans (people × scans × price)', kind: 'cost', amount: (people + backlogPeople) * v.mriScansPerPerson * v.mriCost },
    // Benefits, each a labelled assumption (defaults.ts): counted in the year the person is seen.
    { key: 'relapses', label: 'Relapses avoided (people × relapses × cost)', kind: 'benefit', amount: people * v.relapsesAvoidedPerPerson * v.relapseCost },
    // Admissions avoided for the part of the caseload newly covered at a sustainable nurse caseload.
    {
      key: 'admissions', label: 'Emergency admissions avoided (caseload × rate × share avoided × newly covered × cost)', kind: 'benefit',
      amount: v.caseload * v.emergencyAdmissionRate * v.admissionsAvoidedShare * r.nurseCoverageGain * v.emergencyAdmissionCost,
    },
    { key: 'clinicTime', label: 'Clinic time released (people × follow-ups avoided × cost)', kind: 'benefit', amount: people * v.followUpsAvoidedPerPerson * v.followUpCost },
  ];
}

/** Checks the horizon: whole years from 1 to 5. */
export function checkYears(years: number): void {
  if (!Number.isInteger(years) || years < MIN_YEARS || years > MAX_YEARS) {
    throw new BusinessCaseError(`The horizon must be a whole number of years from ${MIN_YEARS} to ${MAX_YEARS}, got ${years}.`);
  }
}

/**
 * The case year by year over the horizon (years 0 .. years-1), discounted as the Green Book does:
 * year t's net divided by (1 + rate)^t, year 0 undiscounted. Totals are the sums over the years.
 */
export function computeBusinessCase(inputs: readonly BusinessCaseInput[], years: number = DEFAULT_YEARS): BusinessCaseResult {
  checkYears(years);
  const v = inputValues(inputs);
  for (const name of INPUT_NAMES) checkValue(name, v[name]);
  const r = requirements(v);
  const flows: YearFlow[] = [];
  const totals: Totals = { costs: 0, benefits: 0, net: 0, discountedCosts: 0, discountedBenefits: 0, discountedNet: 0 };
  for (let t = 0; t < years; t++) {
    const lines = yearLines(t, v, r);
    let costs = 0;
    let benefits = 0;
    for (const line of lines) {
      if (line.kind === 'cost') costs += line.amount;
      else benefits += line.amount;
    }
    const factor = discountFactor(t, v.discountRate);
    const net = costs - benefits;
    flows.push({ year: t, costs, benefits, net, discountFactor: factor, discountedNet: net * factor, lines });
    totals.costs += costs;
    totals.benefits += benefits;
    totals.net += net;
    totals.discountedCosts += costs * factor;
    totals.discountedBenefits += benefits * factor;
    totals.discountedNet += net * factor;
  }
  const peopleReachingStandard = r.peopleNewlySeenPerYear * years;
  return {
    years: flows,
    totals,
    requirements: r,
    peopleReachingStandard,
    perPersonReachingStandard: peopleReachingStandard > 0 ? totals.discountedNet / peopleReachingStandard : null,
  };
}

/** One cash line across the horizon: its amount each year and its total (undiscounted, as the year totals). */
export interface LineTotal {
  key: string;
  label: string;
  kind: CashLine['kind'];
  /** Amount in each year, year 0 first (0 in a year the line is absent). */
  amounts: number[];
  /** Sum of the amounts: the line's share of totals.costs or totals.benefits. */
  total: number;
}

/**
 * Each cash line's amounts by year and its total over the horizon, in the order of year 0's lines,
 * so the page and the report print a line total without adding money themselves. The line totals
 * of one kind sum to totals.costs or totals.benefits (the same amounts, added in the same order).
 */
export function lineTotals(result: Pick<BusinessCaseResult, 'years'>): LineTotal[] {
  const first = result.years[0]?.lines ?? [];
  return first.map((line) => {
    const amounts = result.years.map((y) => y.lines.find((l) => l.key === line.key)?.amount ?? 0);
    return { key: line.key, label: line.label, kind: line.kind, amounts, total: amounts.reduce((a, b) => a + b, 0) };
  });
}
