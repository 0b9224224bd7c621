/**
 * Which columns a headless analysis needs, so a streamed read can skip the rest at byte level
 * (shared/io/read/field-scan.ts). The plan maps the measure, the grouping and the fields that
 * decide row exclusions (centre_code, patient_id) to source columns through the suggested
 * mapping of the header row, exactly as the import would map them.
 *
 * Columns and what the scan keeps of them:
 * - needed fields, and every unmapped column: values and a code per row (CODES). Unmapped
 *   columns are kept whole because their kind, name and identifier check depend on their values.
 * - patient_id, used only to find repeated patients: a code per row, values not decoded (KEYS).
 * - other date fields, when no as-of date is given: their latest ISO date and other distinct
 *   values only (DISTINCT), because the default as-of date is the latest date in any date column.
 * - everything else: skipped (SKIP), but still checked for values that might be identifiers.
 *
 * A plan is refused (the caller reads the file the usual way) when the result could differ from
 * the in-memory path: a KPI extract, a header that names an identifier (date of birth, a name),
 * grouping or filtering on the patient id, or a period without an as-of date for a measure whose
 * as-of date would then come from the imported rows rather than the import.
 */
import type { Standard } from '../../standards/schema';
import { fieldDefinition } from '../../schema/fields';
import { applyMapping, columnNameFor, extractTypeOfMapping, normaliseHeader, suggestMapping, uniqueHeaders } from '../../io/mapping';
import { detectIdentifier } from '../../io/identifiers';
import { FieldMode, type FieldModeCode } from '../../io/read/field-scan';

/** What the analysis asks for, as far as columns are concerned. */
export interface StreamQuery {
  standard: Standard;
  /** Grouping field (default centre_code). */
  by?: string;
  /** Whether an as-of date is given. */
  asOfGiven: boolean;
  /** Whether an analysis period is given. */
  period: boolean;
}

export interface StreamPlan {
  headers: string[];
  mapping: Record<string, string | null>;
  modes: FieldModeCode[];
}

/** The fields a standard reads: its dates and its population and numerator clauses. */
export function fieldsOfStandard(standard: Standard): string[] {
  const fields = standard.population.map((c) => c.field);
  switch (standard.kind) {
    case 'interval': fields.push(standard.startField, standard.endField); break;
    case 'composite': for (const p of standard.parts) fields.push(p.startField, p.endField); break;
    case 'frequency': fields.push(standard.eventField, standard.previousField, standard.baselineField); break;
    case 'status': for (const c of standard.numerator) fields.push(c.field); break;
    case 'kpi': break;
  }
  return fields;
}

/** Fields that decide which rows the import keeps (shared/io/validate.ts). */
const EXCLUSION_FIELDS = ['centre_code'];

/** Fields the published result shows beside each group (the centre's name, issue 11). */
const LABEL_FIELDS = ['centre_name'];
/** The field the import finds repeated patients with. */
const PATIENT_FIELD = 'patient_id';
/** Values that flag every header as an identifier by its header alone (see detectIdentifier). */
const HEADER_PROBE = { codes: new Int32Array(0), dictionary: ['0'] };

/** A plan for the streamed read, or the reason the file must be read whole. */
export function planStream(headers: string[], fileName: string, query: StreamQuery): StreamPlan | { fallback: string } {
  const { standard } = query;
  if (standard.kind === 'kpi') return { fallback: 'KPI measures read a KPI extract' };
  const snapshot = standard.kind === 'status' || standard.kind === 'frequency';
  if (query.period && !query.asOfGiven && !snapshot) return { fallback: 'a period without --as-of takes the as-of date from the imported rows' };
  if (uniqueHeaders(headers).some((h, i) => h !== headers[i])) return { fallback: 'the header row has blank or repeated names' };
  const proposed = suggestMapping(headers).mapping;
  const extractType = extractTypeOfMapping(proposed);
  if (extractType !== 'patient') return { fallback: 'not a patient-level extract' };
  let mapping: Record<string, string | null>;
  try {
    mapping = applyMapping(fileName, headers, proposed, extractType);
  } catch {
    return { fallback: 'the header row does not map' };
  }
  // An unmapped column is named after its header unless that name is taken by a mapped field:
  // which names are taken depends on every column, so such files are read whole.
  const mappedFields = new Set(Object.values(mapping).filter((f): f is string => f !== null));
  if (headers.some((h) => mapping[h] === null && mappedFields.has(columnNameFor(h, null)))) return { fallback: 'an unmapped column is named like a mapped field' };
  const needed = new Set([...fieldsOfStandard(standard), query.by ?? 'centre_code', ...EXCLUSION_FIELDS, ...LABEL_FIELDS]);
  if (needed.has(PATIENT_FIELD)) return { fallback: 'the analysis reads the patient id' };
  const modes: FieldModeCode[] = headers.map((header) => {
    const field = mapping[header] ?? null;
    if (field === null) return FieldMode.CODES;
    if (needed.has(field)) return FieldMode.CODES;
    if (field === PATIENT_FIELD) return FieldMode.KEYS;
    // Other date columns matter only for the default as-of date.
    return fieldDefinition(extractType, field)?.kind === 'date' && !query.asOfGiven ? FieldMode.DISTINCT : FieldMode.SKIP;
  });
  for (let c = 0; c < headers.length; c++) {
    const header = headers[c];
    // A header mentioning birth makes the identifier guard judge dates against the as-of date.
    if (/\bbirth\b/.test(normaliseHeader(header))) return { fallback: `column "${header}" may hold dates of birth` };
    if (modes[c] === FieldMode.CODES) continue; // kept whole: the import's own identifier guard sees its values
    if (detectIdentifier(header, { header, ...HEADER_PROBE }, mapping[header] ?? null)) {
      return { fallback: `column "${header}" is named like an identifier` };
    }
  }
  return { headers, mapping, modes };
}
