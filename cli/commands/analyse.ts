/**
 * msvw analyse: variation between centres for one measure, headless (same core as the app).
 * Usage:
 *   msvw analyse <file> [--measure <id> | --start <field> --end <field> --days <n>] [--by <field>]
 *     [--as-of yyyy-mm-dd] [--from yyyy-mm-dd --to yyyy-mm-dd] [--limits exact|normal|arcsine]
 *     [--overdispersion none|additive|multiplicative] [--target pooled|<0..1>]
 *     [--tier core|achievable|aspirational] [--format json|csv] [--sheet NAME] [--catalogue FILE]
 * Prints the tidy result (one row per centre) as pretty JSON, or CSV safe to open in a spreadsheet.
 * Exit codes: 0 success, 2 bad options or an unusable file (one line on stderr naming the fix).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnarTable } from '../../shared/data/table';
import { daysFromIso, findColumn, isoFromDays } from '../../shared/data/table';
import { MeasureError } from '../../shared/analysis/filter';
import { adHocKpi } from '../../shared/analysis/measure';
import { analyseVariation, toStandard, type MeasureSpec, type VariationOptions, type VariationResult } from '../../shared/analysis/variation';
import { ImportError } from '../../shared/io/import-result';
import { importExtract, type PipelineResult } from '../../shared/io/pipeline';
import { checkFileSize, readTabular } from '../../shared/io/read/index';
import { csvCell } from '../../shared/io/validate';
import { generatePseudonymKey } from '../../shared/privacy/pseudonymise';
import { findStandard } from '../../shared/standards/catalogue';
import type { Standard, Tier } from '../../shared/standards/schema';
import type { FunnelMethod, OverdispersionMethod } from '../../shared/stats';
import { CliUsageError, loadCatalogue } from './standards';
import { streamExtract } from './analyse-stream';

const USAGE =
  'msvw analyse <file> [--measure <id> | --start <field> --end <field> --days <n>] [--by <field>] [--as-of yyyy-mm-dd] ' +
  '[--from yyyy-mm-dd --to yyyy-mm-dd] [--limits exact|normal|arcsine] [--overdispersion none|additive|multiplicative] ' +
  '[--target pooled|<0..1>] [--tier core|achievable|aspirational] [--format json|csv] [--sheet NAME] [--catalogue FILE]';

/** The measure used when none is named on a patient-level extract. */
const DEFAULT_MEASURE = '4plus4-part1';

const VALUE_OPTIONS = ['measure', 'start', 'end', 'days', 'by', 'as-of', 'from', 'to', 'limits', 'overdispersion', 'target', 'tier', 'format', 'sheet', 'catalogue'] as const;
type OptionName = (typeof VALUE_OPTIONS)[number];

const CHOICES = {
  limits: ['exact', 'normal', 'arcsine'],
  overdispersion: ['none', 'additive', 'multiplicative'],
  tier: ['core', 'achievable', 'aspirational'],
  format: ['json', 'csv'],
} as const;

export interface AnalyseArgs {
  file: string;
  options: Partial<Record<OptionName, string>>;
}

/** Parse the command line: one file and `--name value` (or `--name=value`) options. */
export function parseAnalyseArgs(args: string[]): AnalyseArgs {
  const options: Partial<Record<OptionName, string>> = {};
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) { files.push(arg); continue; }
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(2, eq) : arg.slice(2)) as OptionName;
    if (!VALUE_OPTIONS.includes(name)) throw new CliUsageError(`unknown option "${arg}". Usage: ${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) {
      throw new CliUsageError(`--${name} needs a value. Usage: ${USAGE}`);
    }
    if (options[name] !== undefined) throw new CliUsageError(`--${name} is given twice; give it once.`);
    options[name] = value;
  }
  if (files.length !== 1) {
    throw new CliUsageError(files.length ? `give one file, not ${files.length} (${files.join(', ')}). Usage: ${USAGE}` : `give the extract to analyse. Usage: ${USAGE}`);
  }
  for (const [name, allowed] of Object.entries(CHOICES)) {
    const value = options[name as OptionName];
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
      throw new CliUsageError(`--${name} must be ${allowed.join(', ')} (got "${value}").`);
    }
  }
  for (const name of ['as-of', 'from', 'to'] as const) {
    const value = options[name];
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliUsageError(`--${name} must be a date written yyyy-mm-dd, e.g. 2024-03-31 (got "${value}").`);
  }
  if ((options.from === undefined) !== (options.to === undefined)) throw new CliUsageError('give --from and --to together to set the period, e.g. --from 2024-04-01 --to 2025-03-31.');
  const adHoc = ['start', 'end', 'days'].filter((k) => options[k as OptionName] !== undefined);
  if (adHoc.length && adHoc.length < 3) throw new CliUsageError('an ad-hoc measure needs --start, --end and --days together, e.g. --start referral_date --end first_seen_date --days 28.');
  if (adHoc.length && options.measure !== undefined) throw new CliUsageError('give either --measure or --start/--end/--days, not both.');
  if (options.days !== undefined && !/^[1-9]\d*$/.test(options.days)) throw new CliUsageError(`--days must be a whole number of days above 0 (got "${options.days}").`);
  if (options.target !== undefined && options.target !== 'pooled') {
    const t = Number(options.target);
    if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(options.target) || !(t >= 0 && t <= 1)) {
      throw new CliUsageError(`--target must be "pooled" or a proportion between 0 and 1, e.g. 0.8 (got "${options.target}").`);
    }
  }
  return { file: files[0], options };
}

/**
 * Read and import an extract as the app does (identifiers dropped or pseudonymised by default).
 * Like `msvw inspect`, identifiers are pseudonymised with a random key made for this run and never
 * written anywhere: the analysis prints aggregates only, which do not depend on the key.
 */
export async function loadExtract(file: string, sheet: string | undefined, asOf: string | undefined): Promise<PipelineResult> {
  const fileName = path.basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new CliUsageError(`cannot read "${file}": check the path and that the file exists.`);
  }
  checkFileSize(size, fileName);
  const bytes = new Uint8Array(await readFile(file));
  const raw = await readTabular(bytes, fileName, sheet ? { sheet } : {});
  return importExtract(raw, fileName, { pseudonymKey: generatePseudonymKey(), ...(asOf ? { asOf: daysFromIso(asOf) } : {}) });
}

// --- Streamed path (issue 12; cli/commands/analyse-stream.ts) ------------------------------------
/**
 * The extract read by streaming only the columns this analysis needs, or null when that path does
 * not apply (then the file is read whole, as before). Same import, same result.
 */
async function streamedExtract(file: string, options: AnalyseArgs['options'], catalogue: Standard[]): Promise<PipelineResult | null> {
  if (options.sheet !== undefined) return null;
  let measure: MeasureSpec;
  try {
    // For a patient-level extract the measure depends on the options and the catalogue only.
    const patientExtract = { extractType: 'patient', fileName: path.basename(file), table: { rowCount: 0, columns: [] } } as unknown as PipelineResult;
    measure = chooseMeasure(options, catalogue, patientExtract);
  } catch {
    return null; // the in-memory path reports it, after checking the file
  }
  const asOf = options['as-of'] !== undefined ? daysFromIso(options['as-of']) : undefined;
  const streamed = await streamExtract(file, { standard: toStandard(measure), by: options.by, asOfGiven: asOf !== undefined, period: Boolean(options.from && options.to), asOf });
  return 'extract' in streamed ? streamed.extract : null;
}
// --- end of the streamed path --------------------------------------------------------------------

/** KPI ids present in a KPI extract. */
function kpiIds(table: ColumnarTable): string[] {
  const column = findColumn(table, 'kpi_id');
  return column?.kind === 'text' ? [...column.dictionary].sort() : [];
}

/** Which measure to analyse, from the options, the catalogue and the kind of extract. */
export function chooseMeasure(options: AnalyseArgs['options'], catalogue: Standard[], extract: PipelineResult): MeasureSpec {
  if (options.start && options.end && options.days) return { startField: options.start, endField: options.end, days: Number(options.days) };
  const id = options.measure;
  if (extract.extractType === 'kpi') {
    const ids = kpiIds(extract.table);
    const list = ids.length ? ids.join(', ') : '(none found)';
    if (id === undefined) {
      if (ids.length === 1) return adHocKpi(ids[0]);
      throw new CliUsageError(`${extract.fileName} is a KPI extract: choose a KPI with --measure <kpi_id>. KPI ids in the file: ${list}.`);
    }
    const standard = findStandard(catalogue, id);
    if (standard?.kind === 'kpi') return standard;
    if (ids.some((k) => k.toLowerCase() === id.toLowerCase())) return adHocKpi(id);
    throw new CliUsageError(`${extract.fileName} is a KPI extract with no KPI "${id}": use --measure with one of ${list}.`);
  }
  const standard = findStandard(catalogue, id ?? DEFAULT_MEASURE);
  if (!standard) throw new CliUsageError(`unknown measure "${id}": run "msvw standards" for the ids, or give --start, --end and --days.`);
  if (standard.kind === 'kpi') throw new CliUsageError(`"${standard.id}" reads a KPI extract, but ${extract.fileName} is a patient-level extract: choose a patient-level standard (msvw standards).`);
  return standard;
}

/**
 * Variation options from the command line. Without --as-of, the as-of date is the one the import
 * validation chose (so its warnings and the analysis agree), unless a period is given: then
 * snapshot measures are taken at the period end.
 */
export function variationOptions(options: AnalyseArgs['options'], extract: PipelineResult): VariationOptions {
  const importAsOf = extract.asOf === null || (options.from && options.to) ? undefined : isoFromDays(extract.asOf);
  return {
    by: options.by,
    asOf: options['as-of'] ?? importAsOf,
    filters: options.from && options.to ? { period: { from: options.from, to: options.to } } : undefined,
    limits: options.limits as FunnelMethod | undefined,
    overdispersion: options.overdispersion as OverdispersionMethod | undefined,
    target: options.target === undefined || options.target === 'pooled' ? 'pooled' : Number(options.target),
    tier: options.tier as Tier | undefined,
  };
}

const CSV_HEADER = [
  'measure_id', 'group_by', 'group', 'n', 'numerator', 'proportion', 'ci95_lower', 'ci95_upper', 'l95', 'u95', 'l998', 'u998', 'z', 'band', 'tier',
  'median_days', 'excluded_clock_running', 'excluded_invalid', 'excluded_missing', 'target', 'limits', 'overdispersion', 'as_of',
];

/** The result as CSV, one row per group; text cells are guarded against formula injection. */
export function resultCsv(result: VariationResult): string {
  const lines = [CSV_HEADER.join(',')];
  for (const g of result.groups) {
    const cells: (string | number | null)[] = [
      result.measure.id, result.by, g.group, g.n, g.numerator, g.proportion, g.ci95[0], g.ci95[1], g.limits.l95, g.limits.u95, g.limits.l998, g.limits.u998,
      g.z, g.band, g.tier, g.medianDays, g.excluded.clockRunning, g.excluded.invalid, g.excluded.missing, result.target, result.limits,
      result.overdispersion.applied ? result.overdispersion.method : 'none', result.asOf,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Run `msvw analyse`. */
export async function run(args: string[]): Promise<number> {
  try {
    const { file, options } = parseAnalyseArgs(args);
    const catalogue = await loadCatalogue(options.catalogue);
    const extract = (await streamedExtract(file, options, catalogue)) ?? (await loadExtract(file, options.sheet, options['as-of']));
    const measure = chooseMeasure(options, catalogue, extract);
    const result = analyseVariation(extract.table, measure, variationOptions(options, extract));
    if (options.format === 'csv') {
      process.stdout.write(resultCsv(result));
    } else {
      const a = extract.accounting;
      const output = {
        ...result,
        extract: {
          file: extract.fileName, sheet: extract.sheet ?? null, type: extract.extractType,
          rowsRead: a.rowsRead, rowsImported: a.rowsImported, rowsExcluded: a.rowsExcluded, identifiers: extract.identifiers,
        },
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof MeasureError) {
      process.stderr.write(`msvw analyse: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ImportError) {
      const where = [err.file, err.row !== undefined ? `row ${err.row}` : '', err.column ? `column "${err.column}"` : ''].filter(Boolean).join(', ');
      process.stderr.write(`msvw analyse: ${where}: ${err.message.split('\n')[0]}\n`);
      return 2;
    }
    throw err;
  }
}
