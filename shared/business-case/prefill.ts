/**
 * Where a centre stands, read from its own data, and the business-case inputs prefilled from it:
 * the current share within the time frame (last 12 months to the as-of date, Wilson 95% interval),
 * the target, the funnel position (shared/analysis/variation.ts as it is), and demand: referrals a
 * year, people waiting beyond the time frame now, and people with MS under the centre's care.
 */
import { findColumn, isoFromDays, daysFromIso, type ColumnarTable } from '../data/table';
import { MeasureError } from '../analysis/filter';
import { classifyRows, defaultAsOf, RowStatus } from '../analysis/measure';
import { DEFAULT_MIN_N } from '../output/publish';
import { analyseVariation, groupIndex, standardDays, type Band, type VariationResult } from '../analysis/variation';
import { DAYS_PER_YEAR, DEFAULT_REQUIRED_SHARE } from '../standards/defaults';
import type { Standard, Tier, TierClass } from '../standards/schema';
import type { SpcReport } from '../analysis/spc-report';
import { BusinessCaseError, defaultInputs, makeInput, type BusinessCaseInput, type InputName } from './model';
import { centreTrend } from './trend';

/** Which target the case aims at: the standard's required share, a tier's, or the user's own. */
export type TargetChoice = { kind: 'standard' } | { kind: 'tier'; tier: Tier } | { kind: 'user'; value: number };

export interface CentreFactsOptions {
  /** As-of date, ISO (default: the latest date in the extract not after the run date, as the analysis). */
  asOf?: string;
  /** Today, ISO, for the default as-of (tests fix it). */
  runDate?: string;
  target?: TargetChoice;
  /** Grouping column holding the centre (default centre_code). */
  by?: string;
}

/** The centre's facts, each traceable to the data. */
export interface CentreFacts {
  centre: string;
  /** The centre's name from centre_name (first one found), or null. */
  centreName: string | null;
  measure: VariationResult['measure'];
  asOf: string;
  /** The 12 months the current share and the referrals are counted over (inclusive). */
  period: { from: string; to: string };
  /** Days of the time frame, or null for measures without one. */
  thresholdDays: number | null;
  numerator: number;
  n: number;
  share: number;
  ci95: [number, number];
  target: { value: number; kind: TargetChoice['kind']; label: string };
  funnel: { target: number | null; band: Band; z: number | null; centres: number; rank: number; limits: VariationResult['groups'][number]['limits'] };
  tier: TierClass | null;
  demand: {
    referralsPerYear: number;
    backlog: number;
    caseload: number;
    /** How each demand figure was counted, in words (shown as the input's source). */
    referralsRule: string;
    backlogRule: string;
    caseloadRule: string;
  };
  /**
   * The centre's monthly SPC chart of the measure to the as-of date (trend.ts centreTrend), or null
   * when the extract cannot give one; absent in facts made before trends existed.
   */
  trend?: SpcReport | null;
}

/** The centre's facts and the variation result behind the funnel (all centres, same period). */
export interface CentreAnalysis {
  facts: CentreFacts;
  variation: VariationResult;
}

/** Start-event column of a time-frame measure (the first part's for a composite), or null. */
function startFieldOf(standard: Standard): string | null {
  if (standard.kind === 'interval') return standard.startField;
  if (standard.kind === 'composite') return standard.parts[0].startField;
  return null;
}

/** The target value and its label for a choice. */
export function targetFor(standard: Standard, choice: TargetChoice): CentreFacts['target'] {
  const required = standard.requiredShare ?? DEFAULT_REQUIRED_SHARE;
  switch (choice.kind) {
    case 'standard':
      return { value: required, kind: 'standard', label: `${standard.shortTitle}: required share ${Math.round(required * 100)}% (${standard.requiredShare === undefined ? 'workbench default' : 'standard'})` };
    case 'tier': {
      const value = standard.tierTargets?.[choice.tier] ?? required;
      return { value, kind: 'tier', label: `${standard.shortTitle}, ${choice.tier} tier: ${Math.round(value * 100)}%` };
    }
    case 'user':
      if (!(choice.value >= 0 && choice.value <= 1)) throw new BusinessCaseError(`The target must be a proportion between 0 and 1, e.g. 0.8 (got ${choice.value}).`, 'targetShare');
      return { value: choice.value, kind: 'user', label: `Set by the user: ${Math.round(choice.value * 1000) / 10}%` };
  }
}

/** Index of the centre among the group labels (case-insensitive), or a BusinessCaseError listing some centres. */
function centreIndex(labels: readonly string[], centre: string): number {
  const wanted = centre.trim().toLowerCase();
  const k = labels.findIndex((l) => l.trim().toLowerCase() === wanted);
  if (k < 0) {
    const some = [...labels].sort().slice(0, 8).join(', ');
    throw new BusinessCaseError(`No centre "${centre}" in the extract: choose one of its centre codes (e.g. ${some}${labels.length > 8 ? ', ...' : ''}).`);
  }
  return k;
}

/**
 * The centre's facts for one standard. Current share: the analysis over starts in the 12 months to
 * the as-of date. Referrals: rows at the centre in the standard's population whose start event
 * falls in those 12 months. Backlog: the centre's open clocks already beyond the time frame at the
 * as-of date (any start date). Caseload: distinct patient_id at the centre diagnosed on or before
 * the as-of date (all the centre's patients when the extract has no diagnosis_date).
 */
export function analyseCentre(table: ColumnarTable, standard: Standard, centre: string, options: CentreFactsOptions = {}): CentreAnalysis {
  const by = options.by ?? 'centre_code';
  const runDate = options.runDate === undefined ? undefined : daysFromIso(options.runDate);
  const asOfDays = options.asOf !== undefined ? daysFromIso(options.asOf) : defaultAsOf(table, runDate);
  if (Number.isNaN(asOfDays)) throw new BusinessCaseError(options.asOf !== undefined ? `As-of date "${options.asOf}" is not a date: write it yyyy-mm-dd.` : 'The extract has no dates, so there is no as-of date: a business case needs dated events.');
  const asOf = isoFromDays(asOfDays);
  const period = { from: isoFromDays(asOfDays - (DAYS_PER_YEAR - 1)), to: asOf };
  const choice = options.target ?? { kind: 'standard' };
  const tier = choice.kind === 'tier' ? choice.tier : undefined;
  // Same defaults as the Variation view and msvw analyse: automatic overdispersion, centres below the minimum n not compared.
  const variation = analyseVariation(table, standard, { by, asOf, filters: { period }, tier, minN: DEFAULT_MIN_N });
  const { index, labels } = groupIndex(table, by);
  const k = centreIndex(labels, centre);
  const label = labels[k];
  const own = variation.groups.find((g) => g.group === label);
  if (!own) throw new BusinessCaseError(`Centre ${label} has nobody in the denominator of ${standard.shortTitle} in the 12 months to ${asOf}: choose another measure or centre.`);

  // Demand, in one pass over the centre's rows (same row rules as the analysis, measure.ts).
  let referralsPerYear = 0;
  let backlog = 0;
  const startField = startFieldOf(standard);
  if (startField) {
    const inYear = classifyRows(table, standard, { asOf: asOfDays, period: { from: daysFromIso(period.from), to: asOfDays }, tier });
    const now = classifyRows(table, standard, { asOf: asOfDays, tier });
    for (let i = 0; i < table.rowCount; i++) {
      if (index[i] !== k) continue;
      const s = inYear.status[i];
      if (s === RowStatus.MET || s === RowStatus.NOT_MET || s === RowStatus.CLOCK_RUNNING || s === RowStatus.INVALID) referralsPerYear++;
      if (now.status[i] === RowStatus.NOT_MET && now.open[i] === 1) backlog++;
    }
  } else {
    // Snapshot and KPI measures have no referral clock: the denominator stands in for demand.
    referralsPerYear = own.n;
  }

  const patient = findColumn(table, 'patient_id');
  const diagnosis = findColumn(table, 'diagnosis_date');
  const seen = new Set<string | number>();
  for (let i = 0; i < table.rowCount && patient; i++) {
    if (index[i] !== k) continue;
    if (diagnosis?.kind === 'date' && !(diagnosis.values[i] <= asOfDays)) continue;
    if (patient.kind === 'text' && patient.codes[i] >= 0) seen.add(patient.codes[i]);
    else if (patient.kind !== 'text' && !Number.isNaN(patient.values[i])) seen.add(patient.values[i]);
  }
  const caseload = seen.size;
  const caseloadRule = patient
    ? `distinct patient_id at ${label}${diagnosis?.kind === 'date' ? ` with a diagnosis_date on or before ${asOf}` : ''}; an extract undercounts the full caseload, so edit it`
    : 'not in this extract (no patient_id column): enter the number of people with MS under the centre\'s care';
  const referralsRule = startField
    ? `${startField} from ${period.from} to ${period.to}, in the standard's population`
    : `no start event in this extract: the measure's denominator from ${period.from} to ${period.to} stands in; edit it`;
  const backlogRule = startField
    ? `open clocks beyond ${standardDays(standard, tier ?? 'core') ?? 'the'} days at ${asOf}`
    : 'not in this extract (no open clocks): enter the number of people waiting beyond the time frame';

  const nameColumn = findColumn(table, 'centre_name');
  let centreName: string | null = null;
  if (nameColumn?.kind === 'text') {
    for (let i = 0; i < table.rowCount && centreName === null; i++) if (index[i] === k && nameColumn.codes[i] >= 0) centreName = nameColumn.dictionary[nameColumn.codes[i]];
  }
  const facts: CentreFacts = {
    centre: label,
    centreName,
    measure: variation.measure,
    asOf,
    period,
    thresholdDays: standardDays(standard, tier ?? 'core'),
    numerator: own.numerator,
    n: own.n,
    share: own.proportion,
    ci95: own.ci95,
    target: targetFor(standard, choice),
    funnel: {
      target: variation.target, band: own.band, z: own.z, centres: variation.groups.length,
      rank: 1 + variation.groups.filter((g) => g.proportion > own.proportion).length, limits: own.limits,
    },
    tier: own.tier,
    demand: { referralsPerYear, backlog, caseload, referralsRule, backlogRule, caseloadRule },
    trend: centreTrend(table, standard, label, { by, asOf, tier }),
  };
  return { facts, variation };
}

/** Source text of a data input. */
function dataSource(facts: CentreFacts, what: string): string {
  return `Centre data (${facts.centre}, ${facts.measure.shortTitle}, as of ${facts.asOf}): ${what}`;
}

/**
 * Business-case inputs with the centre's facts filled in (everything else at its default). The model
 * counts people newly meeting a standard as (target - current share) x demand, so it needs a standard
 * where a higher share is better; a lower-is-better measure gets a BusinessCaseError saying so.
 */
export function prefillInputs(facts: CentreFacts): BusinessCaseInput[] {
  if (facts.measure.direction !== 'higher-is-better') {
    throw new BusinessCaseError(`A business case needs a standard where a higher share is better (people seen or treated in time); "${facts.measure.shortTitle}" is lower-is-better. Choose a standard such as 4plus4-part1, or report the analysis on its own.`);
  }
  const fill: Partial<Record<InputName, BusinessCaseInput>> = {
    currentShare: {
      ...makeInput('currentShare', facts.share, 'data',
        dataSource(facts, `${facts.period.from} to ${facts.period.to}, met / denominator; tornado range is the Wilson 95% interval`), facts.ci95),
      fromCounts: [facts.numerator, facts.n - facts.numerator],
    },
    targetShare: makeInput('targetShare', facts.target.value, facts.target.kind === 'user' ? 'user' : 'default', facts.target.label),
    referralsPerYear: makeInput('referralsPerYear', facts.demand.referralsPerYear, 'data', dataSource(facts, facts.demand.referralsRule)),
    backlog: makeInput('backlog', facts.demand.backlog, 'data', dataSource(facts, facts.demand.backlogRule)),
    caseload: makeInput('caseload', facts.demand.caseload, 'data', dataSource(facts, facts.demand.caseloadRule)),
  };
  return defaultInputs().map((input) => fill[input.name] ?? input);
}

/** Re-thrown analysis problems keep their message; anything else is not ours to catch. */
export function isCaseProblem(err: unknown): err is BusinessCaseError | MeasureError {
  return err instanceof BusinessCaseError || err instanceof MeasureError;
}
