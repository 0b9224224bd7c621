/**
 * Canonical values for coded text fields (domain.md: ms_type CIS/RRMS/SPMS/PPMS, sex, smoking
 * status). Applied to a column's dictionary, so each distinct spelling is looked at once, and the
 * mapping applied is reported (ColumnReport.normalised).
 */
import { recodeDictionary, type TextColumn } from '../../data/table';

/** Lower case, "multiple sclerosis"/"MS" words dropped, punctuation to single spaces. */
function key(value: string): string {
  return value
    .toLowerCase()
    .replace(/multiple sclerosis/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bms\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Spelling keys (after key()) -> canonical value, per field. */
const RULES: Record<string, Record<string, string>> = {
  // MS phenotypes (Lublin 2014): relapsing-remitting, secondary/primary progressive, clinically isolated syndrome.
  ms_type: {
    'relapsing remitting': 'RRMS', relapsingremitting: 'RRMS', rrms: 'RRMS', rr: 'RRMS', 'relapse remitting': 'RRMS', remitting: 'RRMS',
    'secondary progressive': 'SPMS', spms: 'SPMS', sp: 'SPMS', secondary: 'SPMS',
    'primary progressive': 'PPMS', ppms: 'PPMS', pp: 'PPMS', primary: 'PPMS',
    'clinically isolated syndrome': 'CIS', cis: 'CIS',
  },
  // NHS Data Dictionary "Person stated gender code": 1 male, 2 female, 9 indeterminate, X/0 not known.
  sex: {
    m: 'Male', male: 'Male', man: 'Male', '1': 'Male',
    f: 'Female', female: 'Female', woman: 'Female', '2': 'Female',
    other: 'Other', o: 'Other', indeterminate: 'Other', i: 'Other', '9': 'Other', 'non binary': 'Other',
    unknown: 'Unknown', u: 'Unknown', 'not known': 'Unknown', x: 'Unknown', '0': 'Unknown', 'not stated': 'Unknown',
    'prefer not to say': 'Unknown', 'not recorded': 'Unknown',
  },
  smoking_status: {
    current: 'Current', 'current smoker': 'Current', smoker: 'Current', smokes: 'Current', yes: 'Current', y: 'Current',
    ex: 'Ex', 'ex smoker': 'Ex', exsmoker: 'Ex', former: 'Ex', 'former smoker': 'Ex', quit: 'Ex', 'stopped smoking': 'Ex',
    never: 'Never', 'never smoked': 'Never', 'never smoker': 'Never', 'non smoker': 'Never', nonsmoker: 'Never', no: 'Never', n: 'Never',
    'not recorded': 'Not recorded', unknown: 'Not recorded', 'not known': 'Not recorded', 'not asked': 'Not recorded',
  },
};

/** Canonical fields whose values are normalised here. */
export const CATEGORY_FIELDS: readonly string[] = Object.keys(RULES);

/** The canonical values of a categorical field (e.g. ms_type: CIS, PPMS, RRMS, SPMS). */
export function categoryValues(field: string): string[] {
  return [...new Set(Object.values(RULES[field] ?? {}))].sort();
}

/** The canonical value for a field's raw value (e.g. ms_type "Relapsing remitting" -> "RRMS"), or null if unrecognised. */
export function normaliseCategory(field: string, value: string): string | null {
  const rules = RULES[field];
  if (!rules) return null;
  return rules[key(value)] ?? null;
}

/** A text column with its categories normalised, the mapping applied and the values left as they were. */
export interface NormalisedColumn {
  column: TextColumn;
  /** Raw value -> canonical value, for every value that changed. */
  normalised: Record<string, string>;
  /** Distinct values not recognised (kept unchanged). */
  unrecognised: string[];
}

/** Normalise a text column's dictionary for a canonical field; codes are renumbered when spellings merge. */
export function normaliseTextColumn(column: TextColumn, field: string): NormalisedColumn {
  if (!RULES[field]) return { column, normalised: {}, unrecognised: [] };
  const normalised: Record<string, string> = {};
  const unrecognised: string[] = [];
  let changed = false;
  const values = column.dictionary.map((value) => {
    const canonical = normaliseCategory(field, value);
    if (canonical === null) unrecognised.push(value);
    else if (canonical !== value) {
      normalised[value] = canonical;
      changed = true;
    }
    return canonical ?? value;
  });
  const recoded = recodeDictionary(column.codes, values);
  // Unchanged unless a value was respelled or two entries merged.
  if (!changed && recoded.dictionary.length === values.length) return { column, normalised, unrecognised };
  return { column: { ...column, ...recoded }, normalised, unrecognised };
}

/** A centre code as the import keeps it: trimmed and upper-cased ("rth " -> "RTH"). */
export function normaliseCentreCode(value: string): string {
  return value.trim().toUpperCase();
}
