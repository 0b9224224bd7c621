/**
 * Canonical extract fields (domain.md, "What extracts look like"). Sources use many synonyms;
 * the column mapper resolves them to these names.
 */
import type { ColumnKind } from '../data/table';

export type ExtractType = 'patient' | 'kpi';

export interface FieldDefinition {
  /** Canonical name used throughout the workbench. */
  name: string;
  /** Label shown to people. */
  label: string;
  kind: ColumnKind;
  extract: ExtractType;
  /** Header variants seen in source systems (compared after normalising case, spacing, punctuation). */
  synonyms: string[];
}

const patient = (name: string, label: string, kind: ColumnKind, synonyms: string[] = []): FieldDefinition => ({
  name, label, kind, extract: 'patient', synonyms,
});
const kpi = (name: string, label: string, kind: ColumnKind, synonyms: string[] = []): FieldDefinition => ({
  name, label, kind, extract: 'kpi', synonyms,
});

/** Patient-level audit extract, one row per person. */
export const PATIENT_FIELDS: FieldDefinition[] = [
  patient('patient_id', 'Patient ID (pseudonymised)', 'text', ['patient id', 'pseudo id', 'pseudonymised id', 'pseudonymised patient id', 'local patient id', 'person id', 'study id', 'audit id', 'record id', 'pt id', 'patient ref', 'patient reference', 'pt ref']),
  patient('centre_code', 'Centre code (ODS)', 'text', ['trust code', 'trust ods', 'trust ods code', 'provider ods code', 'provider ods', 'provider code', 'ods code', 'ods', 'organisation code', 'org code', 'organisation ods code', 'site code', 'site ods code', 'hospital code', 'hospital ods code', 'centre', 'center code', 'centre ods code', 'provider site code']),
  patient('centre_name', 'Centre name', 'text', ['trust name', 'trust', 'provider name', 'provider', 'organisation name', 'organisation', 'site name', 'site', 'hospital', 'hospital name', 'center name', 'treating centre', 'treating hospital', 'neuroscience centre']),
  patient('region', 'Region', 'text', ['nhs region', 'commissioning region', 'nhs england region', 'icb', 'integrated care board', 'stp']),
  patient('sex', 'Sex', 'text', ['gender', 'sex at birth', 'person stated gender code', 'gender code']),
  patient('age_band', 'Age band', 'text', ['age group', 'age range', 'age band at referral', 'age category']),
  patient('ethnicity', 'Ethnicity', 'text', ['ethnic group', 'ethnic category', 'ethnic origin', 'ethnicity code']),
  patient('imd_decile', 'IMD decile (1 = most deprived)', 'number', ['imd decile', 'imd', 'deprivation decile', 'imd 2019 decile', 'index of multiple deprivation decile']),
  patient('ms_type', 'MS type', 'text', ['ms subtype', 'ms sub type', 'disease course', 'ms course', 'diagnosis type', 'phenotype', 'ms phenotype', 'type of ms']),
  patient('symptom_onset_date', 'Symptom onset date', 'date', ['date of symptom onset', 'onset date', 'first symptom date', 'date of first symptoms', 'symptom onset', 'date of onset']),
  patient('referral_date', 'Referral date', 'date', ['date of referral', 'referral received date', 'referral received', 'date referral received', 'date referral received by neurology', 'referral date received', 'date of gp referral', 'gp referral date', 'date referred', 'referred date', 'rtt clock start', 'clock start date']),
  patient('first_seen_date', 'First seen by MS specialist', 'date', ['date first seen', 'first appointment date', 'first seen', 'first specialist appointment', 'date 1st neuro appt', 'date first neuro appt', 'date of first neurology appointment', 'first neurology appointment', 'first neuro appointment', '1st neuro appt', 'date 1st seen', 'date first seen by neurologist', 'first outpatient appointment', 'first ms clinic appointment']),
  patient('mri_date', 'MRI date', 'date', ['date of mri', 'mri scan date', 'last mri date', 'date of first mri', 'mri performed date']),
  patient('diagnosis_date', 'Diagnosis date', 'date', ['date of diagnosis', 'ms diagnosis date', 'diagnosed date', 'date diagnosed', 'date of ms diagnosis']),
  patient('ms_nurse_first_contact_date', 'MS nurse first contact', 'date', ['ms nurse contact date', 'nurse first contact', 'date of first ms nurse contact', 'date first seen by ms nurse', 'ms nurse first seen', 'date ms nurse contact', 'first ms nurse contact']),
  patient('dmt_offered_date', 'DMT offered date', 'date', ['date dmt offered', 'dmt offer date', 'date dmt discussed', 'dmt discussed date', 'date treatment offered', 'dmt offered']),
  patient('dmt_start_date', 'DMT start date', 'date', ['date dmt started', 'dmt started', 'treatment start date', 'date started dmt', 'date of first dmt', 'first dmt date', 'date treatment started', 'drug start date']),
  patient('dmt_name', 'DMT name', 'text', ['dmt', 'disease modifying therapy', 'disease modifying treatment', 'current dmt', 'drug', 'dmt drug', 'current treatment', 'dmt type', 'drug name']),
  patient('edss', 'EDSS', 'number', ['edss score', 'expanded disability status scale', 'latest edss', 'edss at last review']),
  patient('relapses_12m', 'Relapses in last 12 months', 'number', ['relapses last 12 months', 'relapse count 12m', 'relapses', 'number of relapses in last 12 months', 'relapses in past year', 'relapses 12 months']),
  patient('last_relapse_onset_date', 'Last relapse onset', 'date', ['relapse onset date', 'date of last relapse', 'last relapse date', 'date of relapse onset']),
  patient('last_relapse_treated_date', 'Last relapse treated', 'date', ['relapse treatment date', 'relapse treated date', 'date relapse treated', 'date steroids given', 'steroid treatment date']),
  patient('last_review_date', 'Last annual review', 'date', ['date of last review', 'last review', 'annual review date', 'date of annual review', 'last annual review date', 'most recent review date']),
  patient('previous_review_date', 'Previous annual review', 'date', ['date of previous review', 'previous review', 'previous annual review date', 'prior review date']),
  patient('comorbidity_screen_date', 'Comorbidity screen date', 'date', ['comorbidity screening date', 'date of comorbidity screen', 'comorbidities reviewed date', 'date comorbidities reviewed']),
  patient('smoking_status', 'Smoking status', 'text', ['smoker', 'smoking', 'smoking status at last review', 'tobacco use']),
  patient('bmi', 'BMI', 'number', ['body mass index']),
  patient('emergency_admissions_12m', 'Emergency admissions in last 12 months', 'number', ['emergency admissions', 'non elective admissions 12m', 'emergency admissions last 12 months', 'unplanned admissions', 'a and e admissions']),
];

/** Centre-level KPI extract, one row per centre, period and KPI. */
export const KPI_FIELDS: FieldDefinition[] = [
  kpi('centre_code', 'Centre code (ODS)', 'text', ['trust code', 'trust ods', 'trust ods code', 'provider ods code', 'provider ods', 'provider code', 'ods code', 'ods', 'organisation code', 'org code', 'site code', 'hospital code']),
  kpi('centre_name', 'Centre name', 'text', ['trust name', 'trust', 'provider name', 'provider', 'organisation name', 'organisation', 'site name', 'hospital', 'hospital name']),
  kpi('period_start', 'Period start', 'date', ['start of period', 'period from', 'from date']),
  kpi('period_end', 'Period end', 'date', ['end of period', 'period to', 'to date']),
  kpi('kpi_id', 'KPI', 'text', ['kpi', 'indicator', 'indicator id', 'measure id', 'metric']),
  kpi('numerator', 'Numerator', 'number', ['num', 'count met']),
  kpi('denominator', 'Denominator', 'number', ['denom', 'eligible', 'population']),
];

/** Every canonical field of an extract type. */
export function fieldsFor(type: ExtractType): FieldDefinition[] {
  return type === 'patient' ? PATIENT_FIELDS : KPI_FIELDS;
}

/** The definition of a canonical field in an extract type. */
export function fieldDefinition(type: ExtractType, name: string): FieldDefinition | undefined {
  return fieldsFor(type).find((f) => f.name === name);
}
