/**
 * Reading an extract from the command line, shared by `msvw inspect` and `msvw analyse`:
 * - only regular files are read (a device such as /dev/zero, a FIFO or a directory is refused
 *   before a byte is read, so the CLI never reads without end or blocks forever);
 * - the size is checked against the one import limit (shared/io/limits.ts) before reading;
 * - the mapping options `--map "Header=field"` (repeatable), `--mapping mapping.json`, `--sheet`
 *   and `--header-row N` are applied here, so both commands accept them alike;
 * - `--by` on an identifier column is refused: msvw never prints an identifier.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkFileSize, readTabular } from '../shared/io/read/index';
import { importExtract, type PipelineResult } from '../shared/io/pipeline';
import { ImportError } from '../shared/io/import-result';
import { mapOptions, MappingOptionError, overlayMapping, parseMappingFile, type MappingFile } from '../shared/io/mapping-options';
import type { RawTable } from '../shared/io/raw-table';
import { generatePseudonymKey } from '../shared/privacy/pseudonymise';
import { findColumn } from '../shared/data/table';

export { MappingOptionError } from '../shared/io/mapping-options';

/** The mapping options of a command line, as given. */
export interface MappingArgs {
  /** `--map` values, in order. */
  map?: string[];
  /** `--mapping` file path. */
  mapping?: string;
  sheet?: string;
  /** `--header-row` as given (checked here). */
  headerRow?: string;
}

/** Mapping options checked and loaded (the mapping file read). */
export interface MappingChoice {
  mapping?: Record<string, string | null>;
  sheet?: string;
  headerRow?: number;
  file?: MappingFile;
}

/** What kind of thing a path is, in words, when it is not a regular file. */
function kindOf(s: Awaited<ReturnType<typeof stat>>): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a pipe (FIFO)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Check and load the mapping options (reads the --mapping file). Throws MappingOptionError. */
export async function loadMappingChoice(args: MappingArgs): Promise<MappingChoice> {
  const out: MappingChoice = {};
  if (args.headerRow !== undefined) {
    if (!/^[1-9]\d{0,6}$/.test(args.headerRow)) throw new MappingOptionError(`--header-row must be the row number of the column names, 1 or more (got "${args.headerRow}").`);
    out.headerRow = Number(args.headerRow);
  }
  let fromFile: Record<string, string | null> = {};
  if (args.mapping !== undefined) {
    let text: string;
    try {
      const s = await stat(args.mapping);
      if (!s.isFile()) throw new MappingOptionError(`--mapping ${args.mapping}: ${kindOf(s)}, not a mapping file. Give the .json file the app's mapping screen exported.`);
      if (s.size > 1024 * 1024) throw new MappingOptionError(`--mapping ${args.mapping}: ${s.size} bytes is too large for a mapping file. Give the .json file the app's mapping screen exported.`);
      text = await readFile(args.mapping, 'utf8');
    } catch (err) {
      if (err instanceof MappingOptionError) throw err;
      throw new MappingOptionError(`--mapping ${args.mapping}: file not found or unreadable. Check the path.`);
    }
    out.file = parseMappingFile(text, args.mapping);
    fromFile = out.file.mapping;
    out.sheet = out.file.sheet;
    out.headerRow ??= out.file.headerRow;
  }
  const fromMap = args.map && args.map.length > 0 ? mapOptions(args.map) : {};
  if (args.mapping !== undefined || (args.map && args.map.length > 0)) out.mapping = { ...fromFile, ...fromMap };
  if (args.sheet !== undefined) out.sheet = args.sheet;
  return out;
}

/**
 * Read an extract file for the CLI: regular files only, size checked before reading, sheet and
 * header row as chosen. Throws ImportError (file named) or MappingOptionError.
 */
export async function readExtractFile(file: string, choice: MappingChoice = {}, maxFileBytes?: number): Promise<RawTable> {
  const fileName = path.basename(file);
  let s: Awaited<ReturnType<typeof stat>>;
  try {
    s = await stat(file);
  } catch {
    throw new ImportError(`${file}: file not found. Check the path and that the file exists.`, fileName, 'not_found');
  }
  if (!s.isFile()) {
    throw new ImportError(`"${file}" is ${kindOf(s)}, not a file, so it was not read. Give the path of a CSV, TSV, .csv.gz, .xlsx, Parquet or Arrow extract.`, fileName, 'not_a_file');
  }
  checkFileSize(s.size, fileName, maxFileBytes);
  const bytes = new Uint8Array(await readFile(file));
  return readTabular(bytes, fileName, {
    ...(choice.sheet !== undefined ? { sheet: choice.sheet } : {}),
    ...(choice.headerRow !== undefined ? { headerRow: choice.headerRow } : {}),
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
  });
}

/** Import a read extract with the chosen mapping (identifiers dropped or pseudonymised with a key made for this run). */
export async function importWithChoice(raw: RawTable, fileName: string, choice: MappingChoice, asOf?: number): Promise<PipelineResult> {
  const mapping = choice.mapping ? overlayMapping(raw, choice.mapping, fileName) : undefined;
  return importExtract(raw, fileName, {
    ...(mapping ? { mapping } : {}),
    ...(choice.file?.dateOrders ? { dateOrders: choice.file.dateOrders } : {}),
    ...(choice.file?.identifierActions ? { identifierActions: choice.file.identifierActions } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    pseudonymKey: generatePseudonymKey(),
  });
}

/** Groups above this share of rows make a grouping column look like one value per person. */
export const BY_UNIQUE_SHARE = 0.5;
/** ...once it has at least this many groups (a handful of centres in a tiny file is fine). */
export const BY_UNIQUE_MIN_GROUPS = 20;

/**
 * Why `--by <column>` must be refused, or null: the column is an identifier the import found
 * (dropped, pseudonymised or kept), the patient id, or holds about one value per row.
 */
export function byRefusal(by: string | undefined, extract: PipelineResult): string | null {
  if (by === undefined) return null;
  const lower = by.toLowerCase();
  const finding = extract.identifiers.find((f) => f.column.toLowerCase() === lower || f.column.toLowerCase().replace(/[^a-z0-9]+/g, '_') === lower);
  const kindWords: Record<string, string> = { nhs_number: 'NHS numbers', postcode: 'postcodes', date_of_birth: 'dates of birth', name: "people's names", free_text: 'free text that may name people' };
  if (finding) return `--by "${by}": that column holds ${kindWords[finding.kind] ?? 'identifiers'}, and msvw never prints an identifier. Group by a centre, region or other category instead.`;
  if (lower === 'patient_id') return `--by "${by}": the patient id identifies people, and msvw never prints an identifier. Group by a centre, region or other category instead.`;
  const column = findColumn(extract.table, by);
  if (column?.kind === 'text' && column.dictionary.length >= BY_UNIQUE_MIN_GROUPS && column.dictionary.length > BY_UNIQUE_SHARE * extract.table.rowCount) {
    return `--by "${by}": that column has ${column.dictionary.length.toLocaleString('en-GB')} different values in ${extract.table.rowCount.toLocaleString('en-GB')} rows, about one per person, so it may identify people and is not printed. Group by a centre, region or other category instead.`;
  }
  return null;
}
