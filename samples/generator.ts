/**
 * Seeded synthetic MS audit data: a patient-level audit extract and the matching centre-level
 * KPI extract (domain.md, "What extracts look like"). SYNTHETIC DATA: not real patients.
 *
 * Pure and deterministic: the same seed, row count and as-of date give byte-identical rows on
 * every run (own PRNG, no Math.random, no clock). No node: imports, so it runs in a worker too.
 */
import { PATIENT_FIELDS, KPI_FIELDS } from '../shared/schema/fields';
import { daysFromIso, daysFromYmd, isoFromDays } from '../shared/data/table';

// ---------------------------------------------------------------------------------------------
// Model assumptions. Every number that shapes the synthetic data lives here. They are invented
// to look plausible, not estimates from real services.
// ---------------------------------------------------------------------------------------------

/** Default as-of date of the committed samples (the extract's latest valid date). */
export const DEFAULT_AS_OF = '2026-09-30';
/** Default seed of the committed samples. */
export const DEFAULT_SEED = 20260930;
/** Patients in the committed sample. */
export const DEFAULT_ROWS = 20_000;
/** Referral dates fall in this many months before the as-of date. */
export const WINDOW_MONTHS = 36;
/** Number of centres (NHS trusts) in every sample. */
export const CENTRE_COUNT = 120;

/** The seven NHS England regions and the rough share of MS centres in each. */
export const NHS_REGIONS: ReadonlyArray<{ name: string; share: number }> = [
  { name: 'London', share: 0.16 },
  { name: 'South East', share: 0.16 },
  { name: 'South West', share: 0.11 },
  { name: 'East of England', share: 0.11 },
  { name: 'Midlands', share: 0.18 },
  { name: 'North East and Yorkshire', share: 0.15 },
  { name: 'North West', share: 0.13 },
];

export const MS_TYPES = ['CIS', 'RRMS', 'SPMS', 'PPMS'] as const;
export type MsType = (typeof MS_TYPES)[number];

const MODEL = {
  /** Centre sizes: lognormal weights, log-sd (a few big tertiary centres, many small). */
  centreSizeLogSd: 0.95, centreSizeZMin: -2.2, centreSizeZMax: 3,
  /** Spread of centres' mean IMD decile and of patients around it. */
  centreImdMin: 3, centreImdMax: 8, patientImdSd: 2.6,
  /** MS type mix. */
  msTypeShare: { CIS: 0.08, RRMS: 0.74, SPMS: 0.07, PPMS: 0.11 } as Record<MsType, number>,
  femaleShare: 0.72,
  /** Referral -> first seen by MS specialist: national median days, patient log-sd, centre log-sd. */
  seenMedianDays: 24, seenLogSd: 0.6, seenCentreLogSd: 0.35,
  /** First seen -> diagnosis. */
  diagnosisMedianDays: 30, diagnosisLogSd: 0.75, diagnosisCentreLogSd: 0.35,
  /** Centre random effects are drawn within this many sd, so true outliers stand apart. */
  centreEffectZMax: 2,
  /** Added to a centre's log-wait: very poor outliers (both parts) and very good ones. */
  poorOutlierCount: 4, poorOutlierShift: [1.1, 0.9] as const,
  goodOutlierCount: 2, goodOutlierShift: [-1.0, -0.8] as const, outlierJitterSd: 0.1,
  /** Centres whose waits change over the window: share and change in log-wait over 36 months. */
  improvingShare: 0.2, improvingRange: [-1.3, -0.6] as const,
  worseningShare: 0.05, worseningRange: [0.35, 0.7] as const,
  /** IMD gradient: added to log-wait (or subtracted from a probability) at decile 1 vs 10. */
  deprivationWaitLog: 0.35, deprivationDiagnosisLog: 0.2, deprivationNurseLog: 0.25,
  deprivationDmtOffer: 0.15, deprivationDmtAccept: 0.1, deprivationReviewLog: 0.1,
  deprivationNoReview: 0.08, deprivationScreen: 0.15, deprivationSmoking: 0.14,
  /** Symptom onset before referral: median days, log-sd; share missing. */
  onsetMedianDays: 100, onsetLogSd: 0.9, onsetMissing: 0.04,
  /** MRI: share done between referral and first seen, between first seen and diagnosis, none. */
  mriBeforeSeen: 0.25, mriNone: 0.05,
  /** MS nurse first contact after diagnosis. */
  nurseMedianDays: 18, nurseLogSd: 0.6, nurseCentreLogSd: 0.35, nurseNever: 0.05,
  /** DMT offer by MS type, offer delay after diagnosis, acceptance, start delay after offer. */
  dmtOfferShare: { CIS: 0.06, RRMS: 0.9, SPMS: 0.35, PPMS: 0.4 } as Record<MsType, number>,
  dmtOfferMedianDays: 30, dmtOfferLogSd: 0.55, dmtOfferCentreLogSd: 0.35,
  dmtAccept: 0.86, dmtStartMedianDays: 28, dmtStartLogSd: 0.5,
  /** Relapses per year by type, reduction on DMT; share treated; days onset -> treatment. */
  relapseRate: { CIS: 0.15, RRMS: 0.4, SPMS: 0.08, PPMS: 0.02 } as Record<MsType, number>,
  relapseOnDmt: 0.55, relapseTreated: 0.75, relapseTreatMedianDays: 7, relapseTreatLogSd: 0.6,
  relapseTreatCentreLogSd: 0.3,
  /** Annual review gaps: log of gap/365 per centre (mean, sd) and per review; share never reviewed. */
  reviewGapCentreMean: -0.08, reviewGapCentreSd: 0.12, reviewGapLogSd: 0.15, noReview: 0.06,
  /** Comorbidity screen in the last two years: centre rate range. */
  screenRateMin: 0.3, screenRateMax: 0.85, screenLookbackDays: 730,
  /** Smoking status shares (current rises with deprivation). */
  smokingCurrent: 0.12, smokingEx: 0.28, smokingNotRecorded: 0.05,
  /** BMI: median, log-sd, bounds. */
  bmiMedian: 26.5, bmiLogSd: 0.17, bmiMin: 15, bmiMax: 55,
  /** Emergency admissions per year: base, per EDSS point, extra at most deprived decile. */
  admissionBase: 0.1, admissionPerEdss: 0.025, admissionDeprivation: 0.1,
  /** Missing values: base shares, scaled by each centre's recording quality. */
  missingEthnicity: 0.05, notStatedEthnicity: 0.03, missingImd: 0.01, missingEdss: 0.08,
  missingSmoking: 0.05, missingBmi: 0.18, recordingLogSd: 0.5,
} as const;

/** Age band shares by MS type (18-29 ... 70+). */
const AGE_BANDS = ['18-29', '30-39', '40-49', '50-59', '60-69', '70+'] as const;
const AGE_SHARE: Record<MsType, number[]> = {
  CIS: [0.3, 0.33, 0.22, 0.1, 0.04, 0.01],
  RRMS: [0.2, 0.3, 0.25, 0.15, 0.08, 0.02],
  SPMS: [0, 0.05, 0.2, 0.35, 0.3, 0.1],
  PPMS: [0.01, 0.07, 0.25, 0.34, 0.25, 0.08],
};

/** ONS high-level ethnic groups; London centres see a more diverse caseload. */
const ETHNIC_GROUPS = [
  'White',
  'Asian or Asian British',
  'Black, Black British, Caribbean or African',
  'Mixed or Multiple ethnic groups',
  'Other ethnic group',
] as const;
const ETHNIC_SHARE_LONDON = [0.66, 0.14, 0.11, 0.05, 0.04];
const ETHNIC_SHARE_ELSEWHERE = [0.89, 0.05, 0.02, 0.02, 0.02];

/** Disease-modifying therapies and their shares among people starting one, by MS type. */
const DMT_SHARE: Record<MsType, ReadonlyArray<readonly [string, number]>> = {
  RRMS: [
    ['ocrelizumab', 0.17], ['ofatumumab', 0.15], ['dimethyl fumarate', 0.13], ['natalizumab', 0.1],
    ['cladribine', 0.1], ['teriflunomide', 0.07], ['glatiramer acetate', 0.06],
    ['interferon beta-1a', 0.05], ['fingolimod', 0.04], ['ozanimod', 0.03], ['ponesimod', 0.02],
    ['ublituximab', 0.02], ['diroximel fumarate', 0.02], ['alemtuzumab', 0.02],
    ['peginterferon beta-1a', 0.02],
  ],
  SPMS: [['siponimod', 0.6], ['ocrelizumab', 0.2], ['natalizumab', 0.1], ['interferon beta-1b', 0.1]],
  PPMS: [['ocrelizumab', 1]],
  CIS: [['interferon beta-1a', 0.5], ['glatiramer acetate', 0.5]],
};

const MS_TYPE_WEIGHTS = MS_TYPES.map((t) => MODEL.msTypeShare[t]);
const DMT_WEIGHTS = Object.fromEntries(MS_TYPES.map((t) => [t, DMT_SHARE[t].map((o) => o[1])])) as Record<MsType, number[]>;

/** EDSS by MS type: mean and sd of a normal, rounded to a valid EDSS step. */
const EDSS_SHAPE: Record<MsType, readonly [number, number, number, number]> = {
  // mean, sd, min, max
  CIS: [1.0, 0.8, 0, 3],
  RRMS: [2.2, 1.3, 0, 6.5],
  SPMS: [5.8, 1.1, 3, 9.5],
  PPMS: [4.8, 1.4, 2, 9],
};

// ---------------------------------------------------------------------------------------------
// Seeded random numbers
// ---------------------------------------------------------------------------------------------

/** A 32-bit seed mixed with a stream number (splitmix32 finaliser), so streams don't overlap. */
export function mixSeed(seed: number, stream: number): number {
  let z = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seeded pseudo-random source (mulberry32, Tommy Ettinger 2017) with the draws the model needs. */
export class SeededRandom {
  private state: number;
  private spareNormal = Number.NaN;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal (Box-Muller, second value cached). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = Number.NaN;
      return v;
    }
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Poisson count with mean lambda (Knuth's multiplication method; lambda is small here). */
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k += 1;
      p *= this.uniform();
    }
    return k;
  }

  /** Index drawn with the given (unnormalised) weights. */
  weighted(weights: ReadonlyArray<number>): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.uniform() * total;
    for (let i = 0; i < weights.length; i += 1) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

const isoCache = new Map<number, string>();

/** ISO yyyy-mm-dd for a day number, cached (a sample has only a few thousand distinct dates). */
export function dayToIso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = isoFromDays(day);
    if (isoCache.size < 100_000) isoCache.set(day, s);
  }
  return s;
}

/** Day number of the as-of date, or an Error naming what is wrong with it. */
export function parseAsOf(asOf: string): number {
  const day = daysFromIso(asOf);
  if (Number.isNaN(day)) throw new Error(`as-of date "${asOf}" is not a valid yyyy-mm-dd date`);
  return day;
}

/** The day `months` calendar months after `day` (day of month clamped to the month's length). */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * 86_400_000);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  let dom = d.getUTCDate();
  let out = daysFromYmd(year, month, dom);
  while (Number.isNaN(out)) {
    dom -= 1;
    out = daysFromYmd(year, month, dom);
  }
  return out;
}

/** The audit window: first day on which referrals are sampled, and the as-of day (inclusive). */
export interface AuditWindow {
  startDay: number;
  asOfDay: number;
}

/** The 36-month audit window ending on the as-of date. */
export function auditWindow(asOf: string): AuditWindow {
  const asOfDay = parseAsOf(asOf);
  return { startDay: addMonths(asOfDay + 1, -WINDOW_MONTHS), asOfDay };
}

// ---------------------------------------------------------------------------------------------
// Centres
// ---------------------------------------------------------------------------------------------

/** How a centre was built to behave (shown in tests and the README, never in the extract). */
export type CentreProfile = 'typical' | 'poor-outlier' | 'good-outlier';

/** A synthetic MS centre (an NHS trust) and its random effects. */
export interface Centre {
  /** Trust ODS code: 3 characters starting with R. */
  code: string;
  name: string;
  region: string;
  /** Share of all patients (sums to 1 over centres). */
  weight: number;
  /** Mean IMD decile of the centre's catchment. */
  meanImd: number;
  profile: CentreProfile;
  /** Change in log-wait (both diagnostic intervals) from the start to the end of the window. */
  trend: number;
  /** Centre effects on log-waits. */
  seenEffect: number;
  diagnosisEffect: number;
  nurseEffect: number;
  dmtOfferEffect: number;
  relapseTreatEffect: number;
  /** Log of the centre's typical review gap relative to 365 days. */
  reviewGapLog: number;
  /** Probability a diagnosed patient had a comorbidity screen in the last two years. */
  screenRate: number;
  /** Multiplier on missing-value shares (data recording quality). */
  recording: number;
}

const PLACE_HEADS = [
  'Ambers', 'Brack', 'Calder', 'Dunmer', 'Elms', 'Fenwy', 'Glass', 'Harrow', 'Ivel', 'Kest',
  'Larks', 'Marlow', 'Norwy', 'Oaken', 'Penhal', 'Quarn', 'Raven', 'Selby', 'Thorn', 'Ulver',
  'Wex', 'Wynd', 'Yarro', 'Alder', 'Bram', 'Cresc', 'Dray', 'Ever', 'Falk', 'Gris', 'Holm',
  'Lang', 'Merrow', 'Ock', 'Polden', 'Rother', 'Stan', 'Tam', 'Wold', 'Hazel',
];
const PLACE_TAILS = [
  'ford', 'bridge', 'ley', 'ham', 'worth', 'bury', 'field', 'mouth', 'stead', 'wick', 'ton',
  'dale', 'mere', 'combe', 'holt', 'minster',
];
const TRUST_PATTERNS: ReadonlyArray<(a: string, b: string) => string> = [
  (a) => `${a} University Hospitals NHS Foundation Trust`,
  (a) => `${a} Teaching Hospitals NHS Foundation Trust`,
  (a, b) => `${a} and ${b} NHS Foundation Trust`,
  (a) => `${a} Hospitals NHS Trust`,
  (a) => `University Hospitals of ${a} NHS Trust`,
  (a, b) => `${a} and ${b} Hospitals NHS Foundation Trust`,
  (a) => `${a} General Hospital NHS Trust`,
  (a) => `North ${a} NHS Foundation Trust`,
];
const ODS_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** A valid trust ODS code shape: 3 characters, R then two letters or digits. */
export const TRUST_CODE_PATTERN = /^R[A-Z0-9]{2}$/;

/** The fixed set of about 120 synthetic centres for a seed (independent of the row count). */
export function generateCentres(seed: number): Centre[] {
  const rng = new SeededRandom(mixSeed(seed, 1));
  const codes = new Set<string>();
  const names = new Set<string>();
  const place = (): string => PLACE_HEADS[rng.below(PLACE_HEADS.length)] + PLACE_TAILS[rng.below(PLACE_TAILS.length)];
  const centres: Centre[] = [];
  const regionShares = NHS_REGIONS.map((r) => r.share);
  const effectZ = (): number => clamp(rng.normal(), -MODEL.centreEffectZMax, MODEL.centreEffectZMax);
  for (let i = 0; i < CENTRE_COUNT; i += 1) {
    let code: string;
    do code = 'R' + ODS_CHARS[rng.below(ODS_CHARS.length)] + ODS_CHARS[rng.below(ODS_CHARS.length)];
    while (codes.has(code));
    codes.add(code);
    let name: string;
    do {
      const a = place();
      let b = place();
      while (b === a) b = place();
      name = TRUST_PATTERNS[rng.below(TRUST_PATTERNS.length)](a, b);
    } while (names.has(name));
    names.add(name);
    // The first seven centres cover every region once; the rest follow the regional shares.
    const region = NHS_REGIONS[i < NHS_REGIONS.length ? i : rng.weighted(regionShares)].name;
    centres.push({
      code, name, region,
      weight: Math.exp(MODEL.centreSizeLogSd * clamp(rng.normal(), MODEL.centreSizeZMin, MODEL.centreSizeZMax)),
      meanImd: MODEL.centreImdMin + rng.uniform() * (MODEL.centreImdMax - MODEL.centreImdMin),
      profile: 'typical',
      trend: 0,
      seenEffect: MODEL.seenCentreLogSd * effectZ(),
      diagnosisEffect: MODEL.diagnosisCentreLogSd * effectZ(),
      nurseEffect: MODEL.nurseCentreLogSd * rng.normal(),
      dmtOfferEffect: MODEL.dmtOfferCentreLogSd * rng.normal(),
      relapseTreatEffect: MODEL.relapseTreatCentreLogSd * rng.normal(),
      reviewGapLog: MODEL.reviewGapCentreMean + MODEL.reviewGapCentreSd * rng.normal(),
      screenRate: MODEL.screenRateMin + rng.uniform() * (MODEL.screenRateMax - MODEL.screenRateMin),
      recording: Math.min(3, Math.max(0.4, Math.exp(MODEL.recordingLogSd * rng.normal()))),
    });
  }
  const total = centres.reduce((s, c) => s + c.weight, 0);
  for (const c of centres) c.weight /= total;

  // Outliers and trends are assigned by size rank so they are big enough to be seen.
  const bySize = centres.map((_, i) => i).sort((a, b) => centres[b].weight - centres[a].weight);
  // Outliers come from size ranks 5-60: not the biggest, not the tiniest.
  const outlierPool = bySize.slice(5, 60);
  const takeFromPool = (): Centre => centres[outlierPool.splice(rng.below(outlierPool.length), 1)[0]];
  for (let k = 0; k < MODEL.poorOutlierCount; k += 1) {
    const c = takeFromPool();
    c.profile = 'poor-outlier';
    c.seenEffect = MODEL.poorOutlierShift[0] + MODEL.outlierJitterSd * effectZ();
    c.diagnosisEffect = MODEL.poorOutlierShift[1] + MODEL.outlierJitterSd * effectZ();
  }
  for (let k = 0; k < MODEL.goodOutlierCount; k += 1) {
    const c = takeFromPool();
    c.profile = 'good-outlier';
    c.seenEffect = MODEL.goodOutlierShift[0] + MODEL.outlierJitterSd * effectZ();
    c.diagnosisEffect = MODEL.goodOutlierShift[1] + MODEL.outlierJitterSd * effectZ();
  }
  const between = (range: readonly [number, number]): number => range[0] + rng.uniform() * (range[1] - range[0]);
  for (const c of centres) {
    if (c.profile !== 'typical') continue;
    const u = rng.uniform();
    if (u < MODEL.improvingShare) c.trend = between(MODEL.improvingRange);
    else if (u < MODEL.improvingShare + MODEL.worseningShare) c.trend = between(MODEL.worseningRange);
  }
  // Two of the largest centres always improve, so every sample shows improvement somewhere.
  for (const rank of [1, 3]) {
    const c = centres[bySize[rank]];
    if (c.profile === 'typical') c.trend = MODEL.improvingRange[0];
  }
  return centres;
}

// ---------------------------------------------------------------------------------------------
// Patients
// ---------------------------------------------------------------------------------------------

/** One patient row with canonical field names. Dates are day numbers (days since 1970-01-01). */
export interface PatientRecord {
  patient_id: string;
  centre_code: string;
  centre_name: string;
  region: string;
  sex: string | null;
  age_band: string | null;
  ethnicity: string | null;
  imd_decile: number | null;
  ms_type: MsType;
  symptom_onset_date: number | null;
  referral_date: number | null;
  first_seen_date: number | null;
  mri_date: number | null;
  diagnosis_date: number | null;
  ms_nurse_first_contact_date: number | null;
  dmt_offered_date: number | null;
  dmt_start_date: number | null;
  dmt_name: string | null;
  edss: number | null;
  relapses_12m: number | null;
  last_relapse_onset_date: number | null;
  last_relapse_treated_date: number | null;
  last_review_date: number | null;
  previous_review_date: number | null;
  comorbidity_screen_date: number | null;
  smoking_status: string | null;
  bmi: number | null;
  emergency_admissions_12m: number | null;
}

/** Kinds of deliberately bad rows an importer must catch. */
export type DefectKind =
  | 'diagnosis_before_first_seen'
  | 'first_seen_before_referral'
  | 'future_date'
  | 'malformed_centre_code'
  | 'blank_centre_code'
  | 'edss_out_of_range'
  | 'imd_out_of_range'
  | 'duplicate_patient_id';

/** What was broken in a bad row. */
export interface Defect {
  kind: DefectKind;
  /** Canonical column holding the bad value. */
  column: keyof PatientRecord;
  /** The bad value as written to the CSV ('' for blank). */
  value: string;
  /** One line for the manifest. */
  note: string;
}

/** A generated row: its 1-based data row number (CSV line = row + 1), the record, any defect. */
export interface GeneratedPatient {
  row: number;
  record: PatientRecord;
  centre: Centre;
  defect: Defect | null;
}

/** Options of an audit run. */
export interface AuditOptions {
  rows: number;
  seed?: number;
  /** As-of date, yyyy-mm-dd. */
  asOf?: string;
}

/** Defect kinds in the order they are planted; repeated once per 20,000 rows. */
const DEFECT_CYCLE: DefectKind[] = [
  'diagnosis_before_first_seen', 'future_date', 'malformed_centre_code', 'edss_out_of_range',
  'imd_out_of_range', 'duplicate_patient_id', 'blank_centre_code', 'first_seen_before_referral',
  'diagnosis_before_first_seen', 'future_date',
];
const ROWS_PER_DEFECT_CYCLE = 20_000;

/** Where the bad rows go: 0-based row index -> kind. None when rows are too few to spread them. */
export function plannedDefects(rows: number): Map<number, DefectKind> {
  const cycles = Math.max(1, Math.round(rows / ROWS_PER_DEFECT_CYCLE));
  const kinds: DefectKind[] = [];
  for (let c = 0; c < cycles; c += 1) kinds.push(...DEFECT_CYCLE);
  const plan = new Map<number, DefectKind>();
  // Rows are spread evenly; each needs a clean row before it (the duplicate copies it).
  if (rows < kinds.length * 4) return plan;
  kinds.forEach((kind, j) => plan.set(Math.floor(((j + 0.5) * rows) / kinds.length), kind));
  return plan;
}

/** Pseudonymised patient id: "P" + 8 hex digits from a bijective 32-bit scramble (unique per row). */
export function patientId(index: number, seed: number): string {
  let x = (index ^ mixSeed(seed, 3)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  return 'P' + x.toString(16).padStart(8, '0');
}


/** A lognormal delay in whole days: median * exp(shift + sd * z), at least `min`. */
function delayDays(rng: SeededRandom, medianDays: number, shift: number, logSd: number, min = 0): number {
  return Math.max(min, Math.round(medianDays * Math.exp(shift + logSd * rng.normal())));
}

/** EDSS rounded to a real scale step (0, 1.0, 1.5, ... 9.5: there is no 0.5). */
function edssStep(x: number): number {
  const r = Math.round(x * 2) / 2;
  return r === 0.5 ? 1 : r;
}

/** Whether a value is left blank: a base share scaled by the centre's recording quality. */
function isMissing(rng: SeededRandom, share: number, recording: number): boolean {
  return rng.chance(Math.min(0.9, share * recording));
}

/** Keep a date only if it has happened by the as-of day. */
const byAsOf = (day: number | null, asOfDay: number): number | null => (day !== null && day <= asOfDay ? day : null);

interface RowContext {
  rng: SeededRandom;
  window: AuditWindow;
  centre: Centre;
  /** Referral position in the window, 0..1 (forced for some rows). */
  referralAt: number;
}

/** One clean patient: events drawn forward from referral and censored at the as-of date. */
function drawPatient(ctx: RowContext, id: string): PatientRecord {
  const { rng, centre: c } = ctx;
  const { startDay, asOfDay } = ctx.window;
  const windowDays = asOfDay - startDay + 1;
  const msType = MS_TYPES[rng.weighted(MS_TYPE_WEIGHTS)];
  const trueImd = clamp(Math.round(c.meanImd + MODEL.patientImdSd * rng.normal()), 1, 10);
  // 1 at the most deprived decile, 0 at the least (English IMD 2019: 1 = most deprived).
  const deprivation = (10 - trueImd) / 9;

  const referral = startDay + Math.min(windowDays - 1, Math.floor(ctx.referralAt * windowDays));
  const t = (referral - startDay) / windowDays;
  const trendShift = c.trend * (t - 0.5);
  const onsetGap = delayDays(rng, MODEL.onsetMedianDays, 0, MODEL.onsetLogSd, 7);
  const symptomOnset = rng.chance(MODEL.onsetMissing) ? null : referral - onsetGap;

  const seenWait = delayDays(rng, MODEL.seenMedianDays, c.seenEffect + trendShift + MODEL.deprivationWaitLog * deprivation, MODEL.seenLogSd);
  const diagnosisWait = delayDays(rng, MODEL.diagnosisMedianDays, c.diagnosisEffect + trendShift + MODEL.deprivationDiagnosisLog * deprivation, MODEL.diagnosisLogSd);
  const firstSeen = byAsOf(referral + seenWait, asOfDay);
  const diagnosis = firstSeen === null ? null : byAsOf(firstSeen + diagnosisWait, asOfDay);

  const mriDraw = rng.uniform();
  const mriFraction = rng.uniform();
  let mri: number | null = null;
  if (mriDraw < MODEL.mriBeforeSeen) mri = referral + Math.floor(mriFraction * seenWait);
  else if (mriDraw < 1 - MODEL.mriNone && firstSeen !== null) mri = firstSeen + Math.floor(mriFraction * diagnosisWait);
  mri = byAsOf(mri, asOfDay);

  let nurse: number | null = null;
  let dmtOffered: number | null = null;
  let dmtStart: number | null = null;
  let dmtName: string | null = null;
  let lastReview: number | null = null;
  let previousReview: number | null = null;
  let screen: number | null = null;
  if (diagnosis !== null) {
    if (!rng.chance(MODEL.nurseNever)) {
      nurse = byAsOf(diagnosis + delayDays(rng, MODEL.nurseMedianDays, c.nurseEffect + MODEL.deprivationNurseLog * deprivation, MODEL.nurseLogSd), asOfDay);
    }
    const offerShare = MODEL.dmtOfferShare[msType] - (msType === 'RRMS' ? MODEL.deprivationDmtOffer * deprivation : 0);
    if (rng.chance(offerShare)) {
      dmtOffered = byAsOf(diagnosis + delayDays(rng, MODEL.dmtOfferMedianDays, c.dmtOfferEffect, MODEL.dmtOfferLogSd), asOfDay);
      if (dmtOffered !== null && rng.chance(MODEL.dmtAccept - MODEL.deprivationDmtAccept * deprivation)) {
        dmtStart = byAsOf(dmtOffered + delayDays(rng, MODEL.dmtStartMedianDays, 0, MODEL.dmtStartLogSd, 1), asOfDay);
        if (dmtStart !== null) {
          dmtName = DMT_SHARE[msType][rng.weighted(DMT_WEIGHTS[msType])][0];
        }
      }
    }
    if (!rng.chance(MODEL.noReview + MODEL.deprivationNoReview * deprivation)) {
      let day = diagnosis;
      for (;;) {
        day += Math.round(365 * Math.exp(c.reviewGapLog + MODEL.deprivationReviewLog * deprivation + MODEL.reviewGapLogSd * rng.normal()));
        if (day > asOfDay) break;
        previousReview = lastReview;
        lastReview = day;
      }
    }
    if (rng.chance(c.screenRate - MODEL.deprivationScreen * deprivation)) {
      const from = Math.max(diagnosis, asOfDay - MODEL.screenLookbackDays + 1);
      screen = from + rng.below(asOfDay - from + 1);
    }
  }

  // Clinical status is recorded once the person has been seen.
  let edss: number | null = null;
  let relapses: number | null = null;
  let relapseOnset: number | null = null;
  let relapseTreated: number | null = null;
  let smoking: string | null = null;
  let bmi: number | null = null;
  if (firstSeen !== null) {
    const [mean, sd, lo, hi] = EDSS_SHAPE[msType];
    const edssValue = edssStep(clamp(mean + sd * rng.normal(), lo, hi));
    edss = isMissing(rng, MODEL.missingEdss, c.recording) ? null : edssValue;
    const s = rng.uniform();
    const current = MODEL.smokingCurrent + MODEL.deprivationSmoking * deprivation;
    if (isMissing(rng, MODEL.missingSmoking, c.recording)) smoking = null;
    else if (s < current) smoking = 'Current';
    else if (s < current + MODEL.smokingEx) smoking = 'Ex';
    else if (s < current + MODEL.smokingEx + MODEL.smokingNotRecorded * c.recording) smoking = 'Not recorded';
    else smoking = 'Never';
    const bmiValue = clamp(MODEL.bmiMedian * Math.exp(MODEL.bmiLogSd * rng.normal()), MODEL.bmiMin, MODEL.bmiMax);
    bmi = isMissing(rng, MODEL.missingBmi, c.recording) ? null : Math.round(bmiValue * 10) / 10;
  }
  if (diagnosis !== null) {
    const from = Math.max(asOfDay - 364, symptomOnset ?? referral);
    const span = asOfDay - from + 1;
    const rate = MODEL.relapseRate[msType] * (dmtStart !== null ? MODEL.relapseOnDmt : 1);
    relapses = span > 0 ? rng.poisson((rate * span) / 365) : 0;
    if (relapses > 0) {
      // The latest of n uniform onsets: the max of n uniforms is u^(1/n).
      relapseOnset = from + Math.floor(span * Math.pow(rng.uniform(), 1 / relapses));
      relapseOnset = Math.min(relapseOnset, asOfDay);
      if (rng.chance(MODEL.relapseTreated)) {
        relapseTreated = byAsOf(relapseOnset + delayDays(rng, MODEL.relapseTreatMedianDays, c.relapseTreatEffect, MODEL.relapseTreatLogSd), asOfDay);
      }
    }
  }
  const lambda = MODEL.admissionBase + MODEL.admissionPerEdss * (edss ?? 2) + MODEL.admissionDeprivation * deprivation;

  const ethnicShares = c.region === 'London' ? ETHNIC_SHARE_LONDON : ETHNIC_SHARE_ELSEWHERE;
  const ethnicDraw = ETHNIC_GROUPS[rng.weighted(ethnicShares)];
  let ethnicity: string | null = ethnicDraw;
  if (isMissing(rng, MODEL.missingEthnicity, c.recording)) ethnicity = null;
  else if (rng.chance(MODEL.notStatedEthnicity)) ethnicity = 'Not stated';

  return {
    patient_id: id,
    centre_code: c.code,
    centre_name: c.name,
    region: c.region,
    sex: rng.chance(MODEL.femaleShare) ? 'Female' : 'Male',
    age_band: AGE_BANDS[rng.weighted(AGE_SHARE[msType])],
    ethnicity,
    imd_decile: rng.chance(MODEL.missingImd) ? null : trueImd,
    ms_type: msType,
    symptom_onset_date: symptomOnset,
    referral_date: referral,
    first_seen_date: firstSeen,
    mri_date: mri,
    diagnosis_date: diagnosis,
    ms_nurse_first_contact_date: nurse,
    dmt_offered_date: dmtOffered,
    dmt_start_date: dmtStart,
    dmt_name: dmtName,
    edss,
    relapses_12m: relapses,
    last_relapse_onset_date: relapseOnset,
    last_relapse_treated_date: relapseTreated,
    last_review_date: lastReview,
    previous_review_date: previousReview,
    comorbidity_screen_date: screen,
    smoking_status: smoking,
    bmi,
    emergency_admissions_12m: rng.poisson(lambda),
  };
}

/** A year with its last two digits swapped (2024 -> 2042): a typical keying slip. */
function swappedYear(day: number, asOfDay: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const swapped = Math.floor(y / 100) * 100 + (y % 10) * 10 + Math.floor((y % 100) / 10);
  const year = swapped > new Date(asOfDay * 86_400_000).getUTCFullYear() ? swapped : y + 10;
  let out = daysFromYmd(year, d.getUTCMonth() + 1, d.getUTCDate());
  if (Number.isNaN(out)) out = daysFromYmd(year, d.getUTCMonth() + 1, 28);
  return out;
}

/** Break a clean record in the planned way; returns what was broken. */
function plantDefect(kind: DefectKind, rec: PatientRecord, rng: SeededRandom, window: AuditWindow, occurrence: number): Defect {
  const { asOfDay } = window;
  const referral = rec.referral_date ?? window.startDay;
  if (kind === 'diagnosis_before_first_seen' || kind === 'first_seen_before_referral' || kind === 'future_date') {
    // Defect rows have early referrals, but make sure the dates a defect needs exist.
    if (rec.first_seen_date === null) rec.first_seen_date = referral + 21;
    if (rec.diagnosis_date === null) rec.diagnosis_date = rec.first_seen_date + 20;
  }
  switch (kind) {
    case 'diagnosis_before_first_seen': {
      rec.diagnosis_date = (rec.first_seen_date ?? referral) - (3 + rng.below(20));
      return { kind, column: 'diagnosis_date', value: dayToIso(rec.diagnosis_date), note: `diagnosis_date is before first_seen_date (${dayToIso(rec.first_seen_date ?? referral)})` };
    }
    case 'first_seen_before_referral': {
      rec.first_seen_date = referral - (2 + rng.below(30));
      return { kind, column: 'first_seen_date', value: dayToIso(rec.first_seen_date), note: `first_seen_date is before referral_date (${dayToIso(referral)})` };
    }
    case 'future_date': {
      if (occurrence % 2 === 0) {
        rec.first_seen_date = swappedYear(rec.first_seen_date ?? referral, asOfDay);
        return { kind, column: 'first_seen_date', value: dayToIso(rec.first_seen_date), note: 'first_seen_date is after the as-of date (year digits swapped)' };
      }
      rec.last_review_date = asOfDay + 14 + rng.below(60);
      return { kind, column: 'last_review_date', value: dayToIso(rec.last_review_date), note: 'last_review_date is after the as-of date' };
    }
    case 'malformed_centre_code':
      rec.centre_code = 'XYZ1';
      return { kind, column: 'centre_code', value: 'XYZ1', note: 'centre_code is not an ODS code (centre_name is still right)' };
    case 'blank_centre_code':
      rec.centre_code = '';
      return { kind, column: 'centre_code', value: '', note: 'centre_code is blank (centre_name is still right)' };
    case 'edss_out_of_range':
      rec.edss = 12;
      return { kind, column: 'edss', value: '12', note: 'EDSS above the scale maximum of 10' };
    case 'imd_out_of_range':
      rec.imd_decile = 0;
      return { kind, column: 'imd_decile', value: '0', note: 'IMD decile outside 1-10' };
    case 'duplicate_patient_id':
      return { kind, column: 'patient_id', value: rec.patient_id, note: 'patient_id repeats the previous row, same centre_code, different person' };
  }
}

/**
 * The patient-level audit extract: `rows` patients across the synthetic centres, referral dates
 * over the 36 months before as-of, later events censored at as-of (open clocks), and a planned
 * handful of bad rows. Yields one row at a time so a million rows need little memory.
 */
export function* generateAudit(options: AuditOptions): Generator<GeneratedPatient> {
  const seed = options.seed ?? DEFAULT_SEED;
  const window = auditWindow(options.asOf ?? DEFAULT_AS_OF);
  const centres = generateCentres(seed);
  const cumulative = new Float64Array(centres.length);
  let acc = 0;
  centres.forEach((c, i) => { acc += c.weight; cumulative[i] = acc; });
  const rng = new SeededRandom(mixSeed(seed, 2));
  const defects = plannedDefects(options.rows);
  const occurrences = new Map<DefectKind, number>();
  let previous: { centre: Centre; id: string } | null = null;

  for (let i = 0; i < options.rows; i += 1) {
    const kind = defects.get(i);
    // Centre by size weight (binary search on the cumulative shares).
    const u = rng.uniform() * acc;
    let lo = 0;
    let hi = centres.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid; else lo = mid + 1;
    }
    let centre = centres[lo];
    let referralAt = rng.uniform();
    let id = patientId(i, seed);
    if (kind !== undefined) referralAt *= 0.5;
    if (kind === 'duplicate_patient_id' && previous) {
      centre = previous.centre;
      id = previous.id;
    }
    const record = drawPatient({ rng, window, centre, referralAt }, id);
    if (i === options.rows - 1 && kind === undefined) {
      // The last person was referred on the as-of date, so the extract's latest valid date is as-of.
      clearAfterReferral(record, window.asOfDay);
    }
    let defect: Defect | null = null;
    if (kind !== undefined) {
      const n = occurrences.get(kind) ?? 0;
      occurrences.set(kind, n + 1);
      defect = plantDefect(kind, record, rng, window, n);
      if (kind === 'duplicate_patient_id') defect.note = `patient_id repeats row ${i} (same centre_code), a different person`;
    }
    previous = { centre, id };
    yield { row: i + 1, record, centre, defect };
  }
}

/** Make a record a referral received on `day` with nothing after it yet (an open clock). */
function clearAfterReferral(rec: PatientRecord, day: number): void {
  rec.referral_date = day;
  if (rec.symptom_onset_date !== null && rec.symptom_onset_date >= day) rec.symptom_onset_date = day - 30;
  rec.first_seen_date = null;
  rec.mri_date = null;
  rec.diagnosis_date = null;
  rec.ms_nurse_first_contact_date = null;
  rec.dmt_offered_date = null;
  rec.dmt_start_date = null;
  rec.dmt_name = null;
  rec.edss = null;
  rec.relapses_12m = null;
  rec.last_relapse_onset_date = null;
  rec.last_relapse_treated_date = null;
  rec.last_review_date = null;
  rec.previous_review_date = null;
  rec.comorbidity_screen_date = null;
  rec.smoking_status = null;
  rec.bmi = null;
}

// ---------------------------------------------------------------------------------------------
// Writing cells
// ---------------------------------------------------------------------------------------------

/** A cell as written: text, number, or null when missing. Dates are ISO strings here. */
export type Cell = string | number | null;

/** Patient extract column names in canonical order (shared/schema/fields.ts). */
export const AUDIT_COLUMNS: ReadonlyArray<keyof PatientRecord> = PATIENT_FIELDS.map((f) => f.name as keyof PatientRecord);
const AUDIT_IS_DATE: ReadonlyArray<boolean> = PATIENT_FIELDS.map((f) => f.kind === 'date');

/** The patient's cells in canonical column order, dates as ISO yyyy-mm-dd. */
export function patientCells(rec: PatientRecord): Cell[] {
  const out: Cell[] = new Array<Cell>(AUDIT_COLUMNS.length);
  for (let j = 0; j < AUDIT_COLUMNS.length; j += 1) {
    const v = rec[AUDIT_COLUMNS[j]];
    out[j] = v === null ? null : AUDIT_IS_DATE[j] ? dayToIso(v as number) : v;
  }
  return out;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV line (RFC 4180 quoting, no line ending); null is an empty field. */
export function csvLine(cells: ReadonlyArray<Cell>): string {
  let s = '';
  for (let j = 0; j < cells.length; j += 1) {
    if (j > 0) s += ',';
    const v = cells[j];
    if (v === null) continue;
    if (typeof v === 'number') s += String(v);
    else s += NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// KPI extract
// ---------------------------------------------------------------------------------------------

export type KpiId =
  | '4plus4_part1'
  | '4plus4_part2'
  | 'nice_qs108_s2_followup_6w'
  | 'ms_nurse_4w'
  | 'dmt_offered_8w'
  | 'annual_review_12m';

type DateField = {
  [K in keyof PatientRecord]: PatientRecord[K] extends number | null ? (K extends `${string}_date` ? K : never) : never;
}[keyof PatientRecord];

/** How a KPI is counted from patient rows (domain.md, "Measure semantics"). */
export interface KpiDefinition {
  id: KpiId;
  label: string;
  /** interval: period by start date, open clocks per domain.md; review: period by end date. */
  kind: 'interval' | 'review';
  start: DateField;
  /** For reviews: the start used when `start` is missing (first review after diagnosis). */
  startFallback?: DateField;
  end: DateField;
  thresholdDays: number;
  /** MS types in the population; all when omitted. */
  population?: ReadonlyArray<MsType>;
  source: string;
}

const MS_ONLY: ReadonlyArray<MsType> = ['RRMS', 'SPMS', 'PPMS'];

/** The KPIs in the synthetic KPI extract. */
export const SAMPLE_KPIS: ReadonlyArray<KpiDefinition> = [
  { id: '4plus4_part1', label: 'Referral to first seen by MS specialist within 28 days', kind: 'interval', start: 'referral_date', end: 'first_seen_date', thresholdDays: 28, source: '4+4 ambition, part 1 (provisional reading, JNNP 2019;90:e45)' },
  { id: '4plus4_part2', label: 'First seen to diagnosis within 28 days', kind: 'interval', start: 'first_seen_date', end: 'diagnosis_date', thresholdDays: 28, source: '4+4 ambition, part 2 (provisional reading, JNNP 2019;90:e45)' },
  { id: 'nice_qs108_s2_followup_6w', label: 'Follow-up with an MS professional within 6 weeks of diagnosis', kind: 'interval', start: 'diagnosis_date', end: 'ms_nurse_first_contact_date', thresholdDays: 42, population: MS_ONLY, source: 'NICE QS108 statement 2' },
  { id: 'ms_nurse_4w', label: 'MS nurse contact within 4 weeks of diagnosis', kind: 'interval', start: 'diagnosis_date', end: 'ms_nurse_first_contact_date', thresholdDays: 28, population: MS_ONLY, source: 'UK MS metrics pilot (JNNP 2019)' },
  { id: 'dmt_offered_8w', label: 'DMT offered within 8 weeks of diagnosis (relapsing MS)', kind: 'interval', start: 'diagnosis_date', end: 'dmt_offered_date', thresholdDays: 56, population: ['RRMS'], source: 'UK MS metrics pilot (JNNP 2019)' },
  { id: 'annual_review_12m', label: 'Review within 12 months of the previous review or diagnosis', kind: 'review', start: 'previous_review_date', startFallback: 'diagnosis_date', end: 'last_review_date', thresholdDays: 365, population: MS_ONLY, source: 'NICE QS108 statement 6' },
];

/** Reporting period granularity of the KPI extract. */
export type KpiGranularity = 'quarter' | 'month';

/** A reporting period, inclusive day numbers. */
export interface KpiPeriod {
  startDay: number;
  endDay: number;
}

/** The reporting periods covering the 36-month window (12 quarters or 36 months). */
export function kpiPeriods(window: AuditWindow, granularity: KpiGranularity): KpiPeriod[] {
  const step = granularity === 'quarter' ? 3 : 1;
  const periods: KpiPeriod[] = [];
  for (let m = 0; m < WINDOW_MONTHS; m += step) {
    periods.push({ startDay: addMonths(window.startDay, m), endDay: addMonths(window.startDay, m + step) - 1 });
  }
  return periods;
}

/** One row of the centre-level KPI extract (dates as day numbers). */
export interface KpiRow {
  centre_code: string;
  centre_name: string;
  period_start: number;
  period_end: number;
  kpi_id: KpiId;
  numerator: number;
  denominator: number;
}

/** Running KPI counts per centre, KPI and period, fed one patient row at a time. */
export class KpiTally {
  private readonly periods: KpiPeriod[];
  private readonly periodOfDay: Int16Array;
  private readonly centreIndex = new Map<string, number>();
  /** [centre][kpi][period][0 = numerator, 1 = denominator] flattened. */
  private readonly counts: Int32Array;

  constructor(private readonly centres: Centre[], private readonly window: AuditWindow, granularity: KpiGranularity = 'quarter') {
    this.periods = kpiPeriods(window, granularity);
    const days = window.asOfDay - window.startDay + 1;
    this.periodOfDay = new Int16Array(days).fill(-1);
    this.periods.forEach((p, k) => {
      for (let d = p.startDay; d <= Math.min(p.endDay, window.asOfDay); d += 1) this.periodOfDay[d - window.startDay] = k;
    });
    centres.forEach((c, i) => this.centreIndex.set(c.code, i));
    this.counts = new Int32Array(centres.length * SAMPLE_KPIS.length * this.periods.length * 2);
  }

  private period(day: number): number {
    const k = day - this.window.startDay;
    return k < 0 || k >= this.periodOfDay.length ? -1 : this.periodOfDay[k];
  }

  /**
   * Count one patient row, as a careful analysis of the patient extract would: rows without a
   * valid known centre code are not attributable; end before start or dates after as-of are
   * invalid and excluded; open clocks past the threshold are breaches (domain.md).
   */
  add(rec: PatientRecord): void {
    const ci = this.centreIndex.get(rec.centre_code);
    if (ci === undefined) return;
    const asOf = this.window.asOfDay;
    for (let m = 0; m < SAMPLE_KPIS.length; m += 1) {
      const def = SAMPLE_KPIS[m];
      if (def.population && !def.population.includes(rec.ms_type)) continue;
      let start = rec[def.start];
      const end = rec[def.end];
      let periodDay: number;
      if (def.kind === 'review') {
        if (end === null) continue;
        if (start === null && def.startFallback) start = rec[def.startFallback];
        if (start === null) continue;
        periodDay = end;
      } else {
        if (start === null) continue;
        periodDay = start;
      }
      const p = this.period(periodDay);
      if (p < 0 || start > asOf) continue;
      let met: boolean;
      if (end === null) {
        if (asOf - start <= def.thresholdDays) continue; // clock still running
        met = false;
      } else {
        if (end < start || end > asOf) continue; // invalid
        met = end - start <= def.thresholdDays;
      }
      const base = ((ci * SAMPLE_KPIS.length + m) * this.periods.length + p) * 2;
      if (met) this.counts[base] += 1;
      this.counts[base + 1] += 1;
    }
  }

  /** KPI rows by centre code, KPI and period; periods with no eligible patients are left out. */
  rows(): KpiRow[] {
    const out: KpiRow[] = [];
    const order = this.centres.map((_, i) => i).sort((a, b) => (this.centres[a].code < this.centres[b].code ? -1 : 1));
    for (const ci of order) {
      const c = this.centres[ci];
      for (let m = 0; m < SAMPLE_KPIS.length; m += 1) {
        for (let p = 0; p < this.periods.length; p += 1) {
          const base = ((ci * SAMPLE_KPIS.length + m) * this.periods.length + p) * 2;
          const denominator = this.counts[base + 1];
          if (denominator === 0) continue;
          out.push({
            centre_code: c.code, centre_name: c.name,
            period_start: this.periods[p].startDay, period_end: this.periods[p].endDay,
            kpi_id: SAMPLE_KPIS[m].id, numerator: this.counts[base], denominator,
          });
        }
      }
    }
    return out;
  }
}

/** KPI extract column names in canonical order (shared/schema/fields.ts). */
export const KPI_COLUMNS: ReadonlyArray<keyof KpiRow> = KPI_FIELDS.map((f) => f.name as keyof KpiRow);

/** A KPI row's cells in canonical column order, dates as ISO yyyy-mm-dd. */
export function kpiCells(row: KpiRow): Cell[] {
  return KPI_COLUMNS.map((name) => (name === 'period_start' || name === 'period_end' ? dayToIso(row[name]) : row[name]));
}

/** The centre-level KPI extract matching an audit run (generates the patients to count them). */
export function generateKpi(options: AuditOptions & { granularity?: KpiGranularity }): KpiRow[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const tally = new KpiTally(generateCentres(seed), auditWindow(options.asOf ?? DEFAULT_AS_OF), options.granularity);
  for (const p of generateAudit(options)) tally.add(p.record);
  return tally.rows();
}
