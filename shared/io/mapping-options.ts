/**
 * A mapping chosen without the mapping screen: `--map "Trust ODS=centre_code"` (repeatable) and
 * `--mapping mapping.json` in msvw, and the file the app's mapping screen exports (the same
 * format). Parsing and applying live here, pure, so the CLI and the app agree on what a mapping
 * file means and every error names the header, field or file and what to do.
 */
import { ImportError } from './import-result';
import type { RawTable } from './raw-table';
import { suggestFromValues, suggestMapping, uniqueHeaders } from './mapping';
import { KPI_FIELDS, PATIENT_FIELDS } from '../schema/fields';
import type { IdentifierChoice } from './identifiers';
import type { DateOrder } from './types';

/** Version of the mapping file format written by the app and read by msvw. */
export const MAPPING_FILE_VERSION = 1;

/** A saved mapping: source header -> canonical field (null = keep unmapped), and how the file was read. */
export interface MappingFile {
  version: typeof MAPPING_FILE_VERSION;
  mapping: Record<string, string | null>;
  sheet?: string;
  headerRow?: number;
  dateOrders?: Record<string, DateOrder>;
  identifierActions?: Record<string, IdentifierChoice>;
}

/** A mapping problem the person can fix: thrown with the option or file named. */
export class MappingOptionError extends Error {}

const CANONICAL = new Set([...PATIENT_FIELDS, ...KPI_FIELDS].map((f) => f.name));

/** One `--map` value ("Source header=canonical_field", or "Header=" to leave it unmapped). */
export function parseMapOption(value: string): [string, string | null] {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) throw new MappingOptionError(`--map "${value}" should look like "Source header=canonical_field" (or "Header=" to leave it unmapped).`);
  const header = value.slice(0, eq).trim();
  const field = value.slice(eq + 1).trim() || null;
  if (field !== null && !CANONICAL.has(field)) {
    throw new MappingOptionError(`--map "${value}": "${field}" is not a field the workbench knows. Fields: ${[...CANONICAL].join(', ')}.`);
  }
  return [header, field];
}

/** The `--map` values as one mapping (a header given twice is an error). */
export function mapOptions(values: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const v of values) {
    const [header, field] = parseMapOption(v);
    if (header in out) throw new MappingOptionError(`--map gives "${header}" twice; give each header once.`);
    out[header] = field;
  }
  return out;
}

const DATE_ORDERS = new Set<string>(['dmy', 'mdy', 'ymd']);
const CHOICES = new Set<string>(['drop', 'pseudonymise', 'keep']);

/** A mapping file's text, checked; `source` names the file in messages. */
export function parseMappingFile(text: string, source: string): MappingFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new MappingOptionError(`${source} is not valid JSON (${err instanceof Error ? err.message : String(err)}). Export the mapping again from the app's mapping screen, or fix the file.`);
  }
  const bad = (what: string) => new MappingOptionError(`${source}: ${what}. A mapping file looks like {"version": 1, "mapping": {"Trust ODS": "centre_code"}}; the app's mapping screen exports one.`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw bad('it is not a JSON object');
  const o = data as Record<string, unknown>;
  if (o.version !== MAPPING_FILE_VERSION) throw bad(`"version" must be ${MAPPING_FILE_VERSION} (got ${JSON.stringify(o.version)})`);
  if (typeof o.mapping !== 'object' || o.mapping === null || Array.isArray(o.mapping)) throw bad('"mapping" must be an object of "Source header": "field" pairs');
  const mapping: Record<string, string | null> = {};
  for (const [header, field] of Object.entries(o.mapping as Record<string, unknown>)) {
    if (field !== null && typeof field !== 'string') throw bad(`the field for "${header}" must be a field name or null`);
    const f = field === null || field.trim() === '' ? null : field.trim();
    if (f !== null && !CANONICAL.has(f)) throw bad(`"${header}" is mapped to "${f}", which is not a field the workbench knows`);
    mapping[header] = f;
  }
  const out: MappingFile = { version: MAPPING_FILE_VERSION, mapping };
  if (o.sheet !== undefined) {
    if (typeof o.sheet !== 'string') throw bad('"sheet" must be a sheet name');
    out.sheet = o.sheet;
  }
  if (o.headerRow !== undefined) {
    if (!Number.isInteger(o.headerRow) || (o.headerRow as number) < 1) throw bad('"headerRow" must be a row number from 1');
    out.headerRow = o.headerRow as number;
  }
  if (o.dateOrders !== undefined) {
    const d = o.dateOrders as Record<string, unknown>;
    if (typeof d !== 'object' || d === null) throw bad('"dateOrders" must be an object');
    for (const [h, v] of Object.entries(d)) if (typeof v !== 'string' || !DATE_ORDERS.has(v)) throw bad(`the date order of "${h}" must be dmy, mdy or ymd`);
    out.dateOrders = d as Record<string, DateOrder>;
  }
  if (o.identifierActions !== undefined) {
    const d = o.identifierActions as Record<string, unknown>;
    if (typeof d !== 'object' || d === null) throw bad('"identifierActions" must be an object');
    for (const [h, v] of Object.entries(d)) if (typeof v !== 'string' || !CHOICES.has(v)) throw bad(`the choice for identifier column "${h}" must be drop, pseudonymise or keep`);
    out.identifierActions = d as Record<string, IdentifierChoice>;
  }
  return out;
}

/** The mapping file for a confirmed mapping (what the app's mapping screen exports). */
export function mappingFileText(file: Omit<MappingFile, 'version'>): string {
  return `${JSON.stringify({ version: MAPPING_FILE_VERSION, ...file }, null, 2)}\n`;
}

/**
 * The suggested mapping with the given choices laid over it. Every given header must be in the
 * file (else the error lists the headers that are); a field given to one header is taken away
 * from whichever header the suggestion gave it to.
 */
export function overlayMapping(raw: RawTable, given: Record<string, string | null>, fileName: string): Record<string, string | null> {
  const headers = uniqueHeaders(raw.columns.map((c) => c.header));
  const byLower = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const resolved: Record<string, string | null> = {};
  for (const [header, field] of Object.entries(given)) {
    const actual = headers.includes(header) ? header : byLower.get(header.toLowerCase());
    if (actual === undefined) {
      const where = raw.headerRow ? ` (header on row ${raw.headerRow})` : '';
      throw new ImportError(
        `"${fileName}" has no column "${header}"${where}. Its columns are: ${headers.map((h) => `"${h}"`).join(', ')}. Check the spelling${raw.headerRow ? ', or set the header row with --header-row' : ''}.`,
        fileName,
        'unknown_column',
        undefined,
        header,
      );
    }
    resolved[actual] = field;
  }
  const merged: Record<string, string | null> = { ...suggestFromValues(suggestMapping(headers), raw.columns.map((c, i) => ({ header: headers[i], dictionary: c.dictionary, codes: c.codes }))).mapping };
  for (const field of Object.values(resolved)) {
    if (field === null) continue;
    for (const h of Object.keys(merged)) if (merged[h] === field && !(h in resolved)) merged[h] = null;
  }
  return { ...merged, ...resolved };
}
