/**
 * msvw inspect <file> [--sheet NAME] [--header-row N] [--as-of YYYY-MM-DD] [--map "Header=field"]... [--mapping FILE] [--max-file-bytes N]
 *
 * Reads an extract exactly as the app imports it (readTabular + importExtract, default choices:
 * suggested mapping, dd/mm dates, identifiers dropped or pseudonymised) and prints, as JSON, how
 * every row and column was accounted for. Nothing is stored.
 *
 * Pseudonym key: inspect prints counts only, never values, so it pseudonymises with a random key
 * made for this run and never written anywhere. Counts (duplicates included) don't depend on the
 * key, so the report matches what the app would store with its own key.
 *
 * Exit codes: 0 when the file was read (even if rows were excluded); 2 when it can't be used,
 * with one line on stderr naming the file, what is wrong and what to do.
 */
import path from 'node:path';
import { ImportError } from '../../shared/io/import-result';
import { daysFromIso, isoFromDays } from '../../shared/data/table';
import { importWithChoice, loadMappingChoice, MappingOptionError, readExtractFile } from '../extract-file';
import { CliUsageError, parseCommandLine } from '../args';

export const USAGE = 'msvw inspect <file> [--sheet NAME] [--header-row N] [--as-of YYYY-MM-DD] [--map "Header=field"]... [--mapping FILE] [--max-file-bytes N]';

/** Parsed command-line options of inspect. */
interface InspectArgs {
  file: string;
  sheet?: string;
  asOf?: number;
  map?: string[];
  mappingFile?: string;
  headerRow?: string;
  maxFileBytes?: number;
}

/** inspect's options, for node:util parseArgs (through the CLI's one parser). */
const OPTIONS = {
  sheet: { type: 'string' },
  'header-row': { type: 'string' },
  'as-of': { type: 'string' },
  map: { type: 'string', multiple: true },
  mapping: { type: 'string' },
  'max-file-bytes': { type: 'string' },
} as const;

/** Parse inspect's arguments; throws CliUsageError with a one-line message. */
function parseInspectArgs(args: string[]): InspectArgs {
  const { values, positionals } = parseCommandLine(args, OPTIONS, USAGE);
  const out: Partial<InspectArgs> = {};
  if (values.sheet !== undefined) out.sheet = values.sheet;
  if (values['header-row'] !== undefined) out.headerRow = values['header-row'];
  if (values.map !== undefined) out.map = values.map;
  if (values.mapping !== undefined) out.mappingFile = values.mapping;
  if (values['as-of'] !== undefined) {
    const v = values['as-of'];
    const d = daysFromIso(v);
    if (Number.isNaN(d)) throw new CliUsageError(`--as-of "${v}" is not a date; write it as YYYY-MM-DD.`);
    out.asOf = d;
  }
  if (values['max-file-bytes'] !== undefined) {
    const n = Number(values['max-file-bytes']);
    if (!Number.isInteger(n) || n <= 0) throw new CliUsageError(`--max-file-bytes needs a whole number of bytes.`);
    out.maxFileBytes = n;
  }
  if (positionals.length === 0) throw new CliUsageError(`no file given. Usage: ${USAGE}`);
  if (positionals.length > 1) throw new CliUsageError(`only one file can be inspected at a time (got "${positionals[0]}" and "${positionals[1]}").`);
  return { ...out, file: positionals[0] };
}

/** Write one line to stderr and return the "unusable input" exit code. */
function fail(message: string): number {
  process.stderr.write(`msvw inspect: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}

/** Inspect one extract and print its import report as JSON. */
export async function run(args: string[]): Promise<number> {
  let options: InspectArgs;
  try {
    options = parseInspectArgs(args);
  } catch (e) {
    if (e instanceof CliUsageError) return fail(e.message);
    throw e;
  }
  const fileName = path.basename(options.file);
  try {
    const choice = await loadMappingChoice({ map: options.map, mapping: options.mappingFile, sheet: options.sheet, headerRow: options.headerRow });
    const raw = await readExtractFile(options.file, choice, options.maxFileBytes);
    const result = await importWithChoice(raw, fileName, choice, options.asOf);
    const report = {
      file: options.file,
      format: result.format,
      ...(result.sheet !== undefined ? { sheet: result.sheet } : {}),
      ...(raw.headerRow !== undefined ? { headerRow: raw.headerRow } : {}),
      ...(result.encoding !== undefined ? { encoding: result.encoding } : {}),
      extractType: result.extractType,
      rowsRead: result.accounting.rowsRead,
      rowsImported: result.accounting.rowsImported,
      rowsWithWarnings: result.accounting.rowsWithWarnings,
      rowsExcluded: result.accounting.rowsExcluded,
      columns: result.columns.map((c) => ({ source: c.source, field: c.field, type: c.type, missing: c.missing, invalid: c.invalid })),
      identifiers: result.identifiers.map((f) => ({ column: f.column, kind: f.kind, action: f.action })),
      asOf: result.asOf === null ? null : isoFromDays(result.asOf),
      warnings: result.warnings,
      notes: result.notes,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof MappingOptionError) return fail(e.message);
    if (e instanceof ImportError) {
      const named = e.message.includes(fileName) ? e.message : `${options.file}: ${e.message}`;
      return fail(named);
    }
    const what = e instanceof Error ? e.message : String(e);
    return fail(`${options.file}: could not be read (${what.split('\n')[0]}). Check that it is a CSV, TSV, .xlsx, Parquet or Arrow extract.`);
  }
}
