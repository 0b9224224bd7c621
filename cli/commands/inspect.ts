/**
 * msvw inspect <file> [--sheet NAME] [--as-of YYYY-MM-DD] [--map "Header=field"]... [--max-file-bytes N]
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
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readTabular, checkFileSize } from '../../shared/io/read';
import { importExtract, prepareImport } from '../../shared/io/pipeline';
import type { RawTable } from '../../shared/io/raw-table';
import { ImportError } from '../../shared/io/import-result';
import { generatePseudonymKey } from '../../shared/privacy/pseudonymise';
import { daysFromIso, isoFromDays } from '../../shared/data/table';
import { CliUsageError, parseCommandLine } from '../args';

const USAGE = 'Usage: msvw inspect <file> [--sheet NAME] [--as-of YYYY-MM-DD] [--map "Header=field"]... [--max-file-bytes N]';

/** Parsed command-line options of inspect. */
interface InspectArgs {
  file: string;
  sheet?: string;
  asOf?: number;
  mapping?: Record<string, string | null>;
  maxFileBytes?: number;
}

/** inspect's options, for node:util parseArgs (through the CLI's one parser). */
const OPTIONS = {
  sheet: { type: 'string' },
  'as-of': { type: 'string' },
  map: { type: 'string', multiple: true },
  'max-file-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parse inspect's arguments; throws CliUsageError with a one-line message. */
function parseInspectArgs(args: string[]): InspectArgs | 'help' {
  const { values, positionals } = parseCommandLine(args, OPTIONS, USAGE.replace(/^Usage: /, ''));
  if (values.help) return 'help';
  const out: Partial<InspectArgs> = {};
  if (values.sheet !== undefined) out.sheet = values.sheet;
  if (values['as-of'] !== undefined) {
    const v = values['as-of'];
    const d = daysFromIso(v);
    if (Number.isNaN(d)) throw new CliUsageError(`--as-of "${v}" is not a date; write it as YYYY-MM-DD.`);
    out.asOf = d;
  }
  for (const v of values.map ?? []) {
    const eq = v.lastIndexOf('=');
    if (eq <= 0) throw new CliUsageError(`--map "${v}" should look like "Source header=canonical_field" (or "Header=" to leave it unmapped).`);
    out.mapping = { ...(out.mapping ?? {}), [v.slice(0, eq)]: v.slice(eq + 1).trim() || null };
  }
  if (values['max-file-bytes'] !== undefined) {
    const n = Number(values['max-file-bytes']);
    if (!Number.isInteger(n) || n <= 0) throw new CliUsageError(`--max-file-bytes needs a whole number of bytes.`);
    out.maxFileBytes = n;
  }
  if (positionals.length === 0) throw new CliUsageError(`no file given. ${USAGE}`);
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
  let parsed: InspectArgs | 'help';
  try {
    parsed = parseInspectArgs(args);
  } catch (e) {
    if (e instanceof CliUsageError) return fail(e.message);
    throw e;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parsed;
  const fileName = path.basename(options.file);
  try {
    let size: number;
    try {
      const s = await stat(options.file);
      if (!s.isFile()) return fail(`${options.file}: not a file. Give the path of a CSV, TSV, .xlsx, Parquet or Arrow extract.`);
      size = s.size;
    } catch {
      return fail(`${options.file}: file not found. Check the path and try again.`);
    }
    // Refuse an over-size file before reading it into memory.
    checkFileSize(size, fileName, options.maxFileBytes);
    const bytes = new Uint8Array(await readFile(options.file));
    const raw = await readTabular(bytes, fileName, { sheet: options.sheet, maxFileBytes: options.maxFileBytes });
    const mapping = options.mapping ? completeMapping(raw, options.mapping) : undefined;
    const result = await importExtract(raw, fileName, { mapping, asOf: options.asOf, pseudonymKey: generatePseudonymKey() });
    const report = {
      file: options.file,
      format: result.format,
      ...(result.sheet !== undefined ? { sheet: result.sheet } : {}),
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
    if (e instanceof ImportError) {
      const named = e.message.includes(fileName) ? e.message : `${options.file}: ${e.message}`;
      return fail(named);
    }
    const what = e instanceof Error ? e.message : String(e);
    return fail(`${options.file}: could not be read (${what.split('\n')[0]}). Check that it is a CSV, TSV, .xlsx, Parquet or Arrow extract.`);
  }
}

/** The suggested mapping with the --map choices laid over it. */
function completeMapping(raw: RawTable, given: Record<string, string | null>): Record<string, string | null> {
  const suggested = prepareImport(raw).suggestion.mapping;
  const merged: Record<string, string | null> = { ...suggested };
  // A field given by --map is taken away from whichever header the suggestion gave it to.
  for (const field of Object.values(given)) {
    if (field === null) continue;
    for (const h of Object.keys(merged)) if (merged[h] === field && !(h in given)) merged[h] = null;
  }
  return { ...merged, ...given };
}
