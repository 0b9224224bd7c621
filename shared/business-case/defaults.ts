/**
 * Default figures of the business-case model, in one place, each with its source
 * (/work/shared/design/domain.md, "Figures for the business case"). Every one of them is an
 * editable input of the model; nothing here is used without being shown with its source.
 *
 * Figures marked "Workbench assumption" have no published source that we hold: they are there so
 * the model runs out of the box, are labelled as assumptions in the app, the CLI and the report,
 * and should be replaced with local figures.
 */

/** A default figure: value, unit and where it comes from. */
export interface DefaultFigure {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

const MS_TRUST_CASELOAD = 'MS Trust, sustainable MS specialist nurse caseload, revised November 2018 (the earlier GEMSS figure of 358 was withdrawn)';
const MS_TRUST_HES = 'MS Trust analysis of Hospital Episode Statistics 2018/19';
const RELAPSE_COSTS = 'UK relapse cost, JNNP 2012;83 Suppl 2:A18.3 (median: mild GBP 127, moderate with IV steroids 503, severe with admission 3,856)';
const OUTPATIENT_2009 = 'Neurology outpatient attendance cost, NHS reference costs 2009/10 (replace with the current NHS Payment Scheme price)';
const AFC = 'NHS Agenda for Change pay scales 2024/25';

/** HM Treasury Green Book discount rate: 3.5% a year for the first 30 years (Green Book 2022, annex A6). */
export const GREEN_BOOK_DISCOUNT: DefaultFigure = Object.freeze({
  value: 0.035, unit: 'per year', source: 'HM Treasury Green Book (2022): social time preference rate 3.5% a year; year 0 undiscounted',
});

/** People with MS one whole-time MS specialist nurse can sustainably support. */
export const NURSE_CASELOAD_PER_WTE: DefaultFigure = Object.freeze({ value: 315, unit: 'people per WTE', source: MS_TRUST_CASELOAD });

/** Administrative support per MS nurse WTE. */
export const ADMIN_WTE_PER_NURSE_WTE: DefaultFigure = Object.freeze({ value: 0.6, unit: 'WTE per nurse WTE', source: MS_TRUST_CASELOAD });

/**
 * Employer cost of one WTE MS specialist nurse: Agenda for Change band 7 mid-point (GBP 46,148 to
 * 52,809 in 2024/25, mid-point about 49,500) plus about 30% employer on-costs (National Insurance and
 * NHS Pension), rounded. Workbench assumption built from the pay scale: use your trust's figure.
 */
export const NURSE_COST_PER_WTE: DefaultFigure = Object.freeze({
  value: 64_000, unit: 'GBP per WTE per year', source: `Workbench assumption: ${AFC} band 7 mid-point plus about 30% employer on-costs; use your trust's figure`,
});

/**
 * Employer cost of one WTE administrator: Agenda for Change band 4 mid-point (GBP 26,530 to 29,114
 * in 2024/25, mid-point about 27,800) plus about 30% on-costs, rounded. Workbench assumption.
 */
export const ADMIN_COST_PER_WTE: DefaultFigure = Object.freeze({
  value: 36_000, unit: 'GBP per WTE per year', source: `Workbench assumption: ${AFC} band 4 mid-point plus about 30% employer on-costs; use your trust's figure`,
});

/** A new neurology outpatient attendance (first appointment with the MS specialist). */
export const NEW_APPOINTMENT_COST: DefaultFigure = Object.freeze({ value: 249, unit: 'GBP per appointment', source: `${OUTPATIENT_2009}: new attendance about GBP 249` });

/** A follow-up neurology outpatient attendance. */
export const FOLLOW_UP_COST: DefaultFigure = Object.freeze({ value: 153, unit: 'GBP per appointment', source: `${OUTPATIENT_2009}: follow-up about GBP 153` });

/**
 * MRI price. No MRI cost is given in the design's sources: placeholder of the order of a one-area
 * MRI scan without contrast; MRI is off by default (0 scans per person).
 */
export const MRI_COST: DefaultFigure = Object.freeze({
  value: 150, unit: 'GBP per scan', source: 'Placeholder, no cited source: enter your trust\'s MRI price or the NHS Payment Scheme price',
});

/** Extra MRI scans per person newly seen in time: 0 means MRI is not part of the case. */
export const MRI_SCANS_PER_PERSON: DefaultFigure = Object.freeze({
  value: 0, unit: 'scans per person', source: 'Workbench default: MRI not included; set to 1 to cost one scan per person newly seen in time',
});

/** Mean cost of an emergency admission of a person with MS. */
export const EMERGENCY_ADMISSION_COST: DefaultFigure = Object.freeze({ value: 2_844, unit: 'GBP per admission', source: `${MS_TRUST_HES}: mean cost about GBP 2,844, mean stay 7.7 days` });

/** Emergency admissions per person with MS per year ("nearly 1 in 5 admitted as an emergency in a year"). */
export const EMERGENCY_ADMISSION_RATE: DefaultFigure = Object.freeze({ value: 0.19, unit: 'admissions per person per year', source: `${MS_TRUST_HES}: nearly 1 in 5 people with MS admitted as an emergency in a year` });

/**
 * Share of emergency admissions avoided for people newly covered by an MS nurse at a sustainable
 * caseload. No published effect size is held: workbench assumption.
 */
export const ADMISSIONS_AVOIDED_SHARE: DefaultFigure = Object.freeze({
  value: 0.1, unit: 'share of admissions', source: 'Workbench assumption (no published effect size held): sustainable MS nurse care avoids 1 in 10 emergency admissions',
});

/** Cost of one relapse: the moderate (IV steroids) median; the mild and severe medians are its low and high. */
export const RELAPSE_COST: DefaultFigure = Object.freeze({ value: 503, unit: 'GBP per relapse', source: RELAPSE_COSTS });
export const RELAPSE_COST_MILD = 127;
export const RELAPSE_COST_SEVERE = 3_856;

/**
 * Relapses avoided (or treated before they escalate) per person diagnosed and treated within the
 * time frame, counted once in the year the person is seen. domain.md: "No published cost per week
 * of diagnostic delay exists: the model builds it from relapse and disability costs and labels it
 * an assumption."
 */
export const RELAPSES_AVOIDED_PER_PERSON: DefaultFigure = Object.freeze({
  value: 0.1, unit: 'relapses per person', source: 'Workbench assumption (no published cost of diagnostic delay exists): 1 relapse avoided per 10 people seen in time',
});

/** Follow-up appointments no longer needed per person seen in time (clinic time released). */
export const FOLLOW_UPS_AVOIDED_PER_PERSON: DefaultFigure = Object.freeze({
  value: 0.5, unit: 'appointments per person', source: 'Workbench assumption: 1 unscheduled or chasing appointment avoided per 2 people seen in time',
});

/** Weeks a year clinics run (52 less leave, training and bank holidays). */
export const CLINIC_WEEKS_PER_YEAR: DefaultFigure = Object.freeze({
  value: 46, unit: 'weeks per year', source: 'Workbench assumption: clinics run 46 weeks a year (52 less leave and bank holidays)',
});

/** Weeks to clear the backlog of people already waiting beyond the time frame. */
export const BACKLOG_CLEARANCE_WEEKS: DefaultFigure = Object.freeze({
  value: 12, unit: 'weeks', source: 'Workbench default: clear the backlog within 12 weeks; choose your own',
});

/** Calendar weeks in a model year, to spread backlog clearance over the years it spans. */
export const WEEKS_PER_YEAR = 52;

/** Default relative range of the tornado: each assumption at 75% and 125% of its value. */
export const DEFAULT_SENSITIVITY_RANGE = 0.25;

/** Horizon of the business case in years (the issue: 1 to 5). */
export const MIN_YEARS = 1;
export const MAX_YEARS = 5;
export const DEFAULT_YEARS = 5;
