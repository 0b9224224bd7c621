/**
 * msvw analyse: variation between centres for one measure, headless (same core as the app).
 * Usage:
 *   msvw analyse <file> [--measure <id> | --start <field> --end <field> --days <n>] [--by <field>]
 *     [--as-of yyyy-mm-dd] [--from yyyy-mm-dd --to yyyy-mm-dd] [--period latest|last4|all|FROM..TO]
 *     [--limits exact|normal|arcsine] [--overdispersion auto|none|additive|multiplicative]
 *     [--target pooled|<0..1>] [--tier core|achievable|aspirational] [--min-n <n>]
 *     [--suppress 1-7|1-5|round5 | --no-suppress] [--format json|csv] [--sheet NAME] [--catalogue FILE]
 *     [--header-row N] [--map "Header=field"]... [--mapping FILE]
 * Prints the published result (one row per centre) as pretty JSON, or CSV safe to open in a
 * spreadsheet, through the one output path (shared/output/publish.ts): small numbers suppressed
 * by default (1-7 as *), published statistics computed from the centres shown in full.
 * `--no-suppress` prints every count, with a one-line warning on stderr.
 * Exit codes: 0 success, 2 bad options or an unusable file (one line on stderr naming the fix).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ColumnarTable } from '../../shared/data/table';
import { daysFromIso, findColumn, isoFromDays } from '../../shared/data/table';
import { MeasureError } from '../../shared/analysis/filter';
import { adHocKpi } from '../../shared/analysis/measure';
import { parsePeriodChoice } from '../../shared/analysis/periods';
import { analyseVariation, checkComparisonOptions, toStandard, variationFromCounts, type MeasureSpec, type VariationOptions, type VariationResult } from '../../shared/analysis/variation';
import { todayDays } from '../../shared/data/as-of';
import { ImportError } from '../../shared/io/import-result';
import type { PipelineResult } from '../../shared/io/pipeline';
// The readers and the import are loaded only when a file is read whole or through the narrow
// import (dynamic imports below): the tallied path never needs them, and compiling them costs start-up.
import type { MappingArgs } from '../extract-file';
import { MappingOptionError } from '../../shared/io/mapping-options';
import { DEFAULT_MIN_N, NO_SUPPRESSION_WARNING, publicationCsv, publicationJson, publishVariation, type SuppressionRule } from '../../shared/output/publish';
import { findStandard } from '../../shared/standards/shipped';
import type { Standard, Tier } from '../../shared/standards/schema';
import type { FunnelMethod, OverdispersionMethod } from '../../shared/stats';
import { fileProblemLine, parseCommandLine } from '../args';
import { CliUsageError, loadCatalogue } from './standards';
import { aggregateFile } from './analyse-aggregate';

export const USAGE =
  'msvw analyse <file> [--measure <id> | --start <field> --end <field> --days <n>] [--by <field>] [--as-of yyyy-mm-dd] ' +
  '[--from yyyy-mm-dd --to yyyy-mm-dd] [--period latest|last4|all|FROM..TO] [--limits exact|normal|arcsine] ' +
  '[--overdispersion auto|none|additive|multiplicative] [--target pooled|<0..1>] [--tier core|achievable|aspirational] [--min-n <n>] ' +
  '[--suppress 1-7|1-5|round5 | --no-suppress] [--format json|csv] [--sheet NAME] [--catalogue FILE] ' +
  '[--header-row N] [--map "Header=field"]... [--mapping FILE]';

/** The measure used when none is named on a patient-level extract. */
const DEFAULT_MEASURE = '4plus4-part1';

const VALUE_OPTIONS = [
  'measure', 'start', 'end', 'days', 'by', 'as-of', 'from', 'to', 'period', 'limits', 'overdispersion', 'target', 'tier', 'min-n', 'suppress', 'format', 'sheet', 'catalogue',
  'map', 'mapping', 'header-row',
] as const;
type OptionName = (typeof VALUE_OPTIONS)[number];

const CHOICES = {
  limits: ['exact', 'normal', 'arcsine'],
  overdispersion: ['auto', 'none', 'additive', 'multiplicative'],
  tier: ['core', 'achievable', 'aspirational'],
  format: ['json', 'csv'],
  suppress: ['1-7', '1-5', 'round5'],
} as const;

export interface AnalyseArgs {
  file: string;
  options: Partial<Record<OptionName, string>>;
  /** --no-suppress: print every count (the user's explicit choice). */
  noSuppress: boolean;
  /** --map values (repeatable). */
  maps?: string[];
}

/**
 * analyse's options, for node:util parseArgs (through the CLI's one parser): every value option as
 * a repeatable string, so a repeat is caught below (only --map may be given more than once), plus --no-suppress.
 */
const OPTIONS = {
  ...(Object.fromEntries(VALUE_OPTIONS.map((name) => [name, { type: 'string', multiple: true }])) as Record<OptionName, { type: 'string'; multiple: true }>),
  'no-suppress': { type: 'boolean' },
} as const;

/** Parse the command line (parseCommandLine): one file and `--name value` (or `--name=value`) options. */
export function parseAnalyseArgs(args: string[]): AnalyseArgs {
  const parsed = parseCommandLine(args, OPTIONS, USAGE);
  const options: Partial<Record<OptionName, string>> = {};
  const maps = parsed.values.map ?? [];
  if (maps.some((m) => m === '')) throw new CliUsageError(`--map needs a value. Usage: ${USAGE}`);
  for (const name of VALUE_OPTIONS) {
    const values = parsed.values[name];
    if (!values || name === 'map') continue;
    if (values.length > 1) throw new CliUsageError(`--${name} is given twice; give it once.`);
    if (values[0] === '') throw new CliUsageError(`--${name} needs a value. Usage: ${USAGE}`);
    options[name] = values[0];
  }
  const noSuppress = parsed.values['no-suppress'] === true;
  const files = parsed.positionals;
  if (files.length !== 1) {
    throw new CliUsageError(files.length ? `give one file, not ${files.length} (${files.join(', ')}). Usage: ${USAGE}` : `give the extract to analyse. Usage: ${USAGE}`);
  }
  for (const [name, allowed] of Object.entries(CHOICES)) {
    const value = options[name as OptionName];
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
      throw new CliUsageError(`--${name} must be ${allowed.join(', ')} (got "${value}").`);
    }
  }
  if (noSuppress && options.suppress !== undefined) throw new CliUsageError('give either --suppress or --no-suppress, not both.');
  for (const name of ['as-of', 'from', 'to'] as const) {
    const value = options[name];
    if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliUsageError(`--${name} must be a date written yyyy-mm-dd, e.g. 2024-03-31 (got "${value}").`);
  }
  if ((options.from === undefined) !== (options.to === undefined)) throw new CliUsageError('give --from and --to together to set the period, e.g. --from 2024-04-01 --to 2025-03-31.');
  if (options.period !== undefined) {
    try {
      parsePeriodChoice(options.period);
    } catch (err) {
      throw new CliUsageError(`--period: ${(err as Error).message}`);
    }
    if (options.from !== undefined) throw new CliUsageError('give either --period or --from/--to, not both.');
  }
  const adHoc = ['start', 'end', 'days'].filter((k) => options[k as OptionName] !== undefined);
  if (adHoc.length && adHoc.length < 3) throw new CliUsageError('an ad-hoc measure needs --start, --end and --days together, e.g. --start referral_date --end first_seen_date --days 28.');
  if (adHoc.length && options.measure !== undefined) throw new CliUsageError('give either --measure or --start/--end/--days, not both.');
  if (options.days !== undefined && !/^[1-9]\d*$/.test(options.days)) throw new CliUsageError(`--days must be a whole number of days above 0 (got "${options.days}").`);
  if (options['min-n'] !== undefined && !/^[1-9]\d*$/.test(options['min-n'])) throw new CliUsageError(`--min-n must be a whole number of patients, 1 or more (got "${options['min-n']}").`);
  if (options.target !== undefined && options.target !== 'pooled') {
    const t = Number(options.target);
    if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(options.target) || !(t >= 0 && t <= 1)) {
      throw new CliUsageError(`--target must be "pooled" or a proportion between 0 and 1, e.g. 0.8 (got "${options.target}").`);
    }
  }
  return { file: files[0], options, noSuppress, ...(maps.length ? { maps } : {}) };
}

/**
 * Read and import an extract as the app does (identifiers dropped or pseudonymised by default).
 * Like `msvw inspect`, identifiers are pseudonymised with a random key made for this run and never
 * written anywhere: the analysis prints aggregates only, which do not depend on the key.
 */
export async function loadExtract(file: string, sheet: string | undefined, asOf: string | undefined, mapping: Omit<MappingArgs, 'sheet'> = {}): Promise<PipelineResult> {
  const { importWithChoice, loadMappingChoice, readExtractFile } = await import('../extract-file');
  const choice = await loadMappingChoice({ ...mapping, sheet });
  const raw = await readExtractFile(file, choice).catch((err: unknown) => {
    throw err instanceof ImportError && err.code === 'not_found' ? new CliUsageError(`cannot read "${file}": check the path and that the file exists.`) : err;
  });
  return importWithChoice(raw, path.basename(file), choice, asOf ? daysFromIso(asOf) : undefined);
}

// --- Streamed path (issue 12; cli/commands/analyse-stream.ts) ------------------------------------
/**
 * The measure when the file may be streamed: a regular file (opening a FIFO would wait for a
 * writer; the full path refuses devices and pipes with a message), with no sheet, mapping choice
 * or KPI period (those are the full reader's and the full import's to apply). Otherwise null.
 */
async function streamableMeasure(file: string, args: AnalyseArgs, catalogue: Standard[]): Promise<MeasureSpec | null> {
  const { options } = args;
  if (options.sheet !== undefined || options['header-row'] !== undefined || options.mapping !== undefined || args.maps?.length || options.period !== undefined) return null;
  try {
    if (!(await stat(file)).isFile()) return null;
  } catch {
    return null;
  }
  try {
    // For a patient-level extract the measure depends on the options and the catalogue only.
    const patientExtract = { extractType: 'patient', fileName: path.basename(file), table: { rowCount: 0, columns: [] } } as unknown as PipelineResult;
    return chooseMeasure(options, catalogue, patientExtract);
  } catch {
    return null; // the in-memory path reports it, after checking the file
  }
}

/**
 * The extract read by streaming only the columns this analysis needs, or null when that path does
 * not apply (then the file is read whole, as before). Same import, same result.
 */
async function streamedExtract(file: string, args: AnalyseArgs, catalogue: Standard[]): Promise<PipelineResult | null> {
  const { options } = args;
  const measure = await streamableMeasure(file, args, catalogue);
  if (!measure) return null;
  const asOf = options['as-of'] !== undefined ? daysFromIso(options['as-of']) : undefined;
  const { streamExtract } = await import('./analyse-stream');
  const streamed = await streamExtract(file, { standard: toStandard(measure), by: options.by, asOfGiven: asOf !== undefined, period: Boolean(options.from && options.to), asOf });
  return 'extract' in streamed ? streamed.extract : null;
}

/** What the output says of the extract: the same fields whichever path read it. */
type ExtractInfo = Pick<PipelineResult, 'fileName' | 'sheet' | 'extractType' | 'identifiers'> & { accounting: Pick<PipelineResult['accounting'], 'rowsRead' | 'rowsImported' | 'rowsExcluded'> };

/**
 * The analysis tallied as the file streams (analyse-aggregate.ts), or null when that path does
 * not apply. Same counts as the import and analysis would make, through the same variationFromCounts.
 */
async function aggregatedAnalysis(file: string, args: AnalyseArgs, catalogue: Standard[]): Promise<{ result: VariationResult; extract: ExtractInfo } | null> {
  const { options } = args;
  if (options.from || options.to || (options.by !== undefined && options.by !== 'centre_code')) return null;
  const measure = await streamableMeasure(file, args, catalogue);
  if (!measure) return null;
  const standard = toStandard(measure);
  if (standard.kind !== 'interval') return null;
  const vo = variationOptions(options, { asOf: null } as unknown as PipelineResult);
  checkComparisonOptions(vo);
  const asOf = options['as-of'] !== undefined ? daysFromIso(options['as-of']) : undefined;
  if (asOf !== undefined && Number.isNaN(asOf)) return null; // the in-memory path words the error
  const tallied = await aggregateFile(file, standard, {
    standard, by: 'centre_code', asOfGiven: asOf !== undefined, period: false, runDate: todayDays(), tier: vo.tier, ...(asOf !== undefined ? { asOf } : {}),
  });
  if ('fallback' in tallied) {
    if (process.env.MSVW_TRACE) process.stderr.write(`msvw analyse: not tallied as it streams: ${tallied.fallback}\n`);
    return null;
  }
  if (process.env.MSVW_TRACE) process.stderr.write(`msvw analyse: tallied as it streams on ${tallied.threads} thread${tallied.threads === 1 ? '' : 's'}\n`);
  const { tally, extract, tier } = tallied;
  const result = variationFromCounts(standard, tally, { ...vo, by: 'centre_code' }, null, tier);
  return {
    result,
    extract: {
      fileName: path.basename(file), extractType: 'patient', identifiers: [],
      accounting: { rowsRead: extract.rowsRead, rowsImported: extract.rowsImported, rowsExcluded: extract.rowsExcluded },
    },
  };
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
      if (ids.length === 1) return adHocKpi(ids[0], catalogue);
      throw new CliUsageError(`${extract.fileName} is a KPI extract: choose a KPI with --measure <kpi_id>. KPI ids in the file: ${list}.`);
    }
    const standard = findStandard(catalogue, id);
    if (standard?.kind === 'kpi') return standard;
    if (ids.some((k) => k.toLowerCase() === id.toLowerCase())) return adHocKpi(id, catalogue);
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
    kpiPeriod: options.period !== undefined ? parsePeriodChoice(options.period) : undefined,
    limits: options.limits as FunnelMethod | undefined,
    overdispersion: (options.overdispersion as OverdispersionMethod | undefined) ?? 'auto',
    minN: options['min-n'] !== undefined ? Number(options['min-n']) : DEFAULT_MIN_N,
    target: options.target === undefined || options.target === 'pooled' ? 'pooled' : Number(options.target),
    tier: options.tier as Tier | undefined,
  };
}

/** The suppression rule from the command line: --no-suppress, --suppress RULE, or the default 1-7. */
export function suppressionRule(args: Pick<AnalyseArgs, 'options' | 'noSuppress'>): SuppressionRule {
  if (args.noSuppress) return 'none';
  return (args.options.suppress as SuppressionRule | undefined) ?? '1-7';
}

/** Run `msvw analyse`. */
export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseAnalyseArgs(args);
    const { file, options, maps } = parsed;
    const catalogue = await loadCatalogue(options.catalogue);
    const analysed = await aggregatedAnalysis(file, parsed, catalogue) ?? await (async () => {
      const extract = (await streamedExtract(file, parsed, catalogue)) ?? (await loadExtract(file, options.sheet, options['as-of'], { map: maps, mapping: options.mapping, headerRow: options['header-row'] }));
      const { byRefusal } = await import('../extract-file');
      const refusal = byRefusal(options.by, extract);
      if (refusal) throw new CliUsageError(refusal);
      const measure = chooseMeasure(options, catalogue, extract);
      return { result: analyseVariation(extract.table, measure, variationOptions(options, extract)), extract: extract as ExtractInfo };
    })();
    const { result, extract } = analysed;
    const rule = suppressionRule(parsed);
    const publication = publishVariation(result, { suppression: rule, dataset: { fileName: extract.fileName } });
    if (rule === 'none') process.stderr.write(`msvw analyse: warning: ${NO_SUPPRESSION_WARNING}\n`);
    if (options.format === 'csv') {
      process.stdout.write(publicationCsv(result, publication));
    } else {
      const a = extract.accounting;
      const output = {
        ...publicationJson(result, publication),
        // Row accounting counts every row, including centres not shown: printed only when the user turned suppression off.
        ...(rule === 'none' ? { accounting: result.accounting } : {}),
        extract: {
          file: extract.fileName, sheet: extract.sheet ?? null, type: extract.extractType,
          ...(rule === 'none' ? { rowsRead: a.rowsRead, rowsImported: a.rowsImported, rowsExcluded: a.rowsExcluded } : {}),
          identifiers: extract.identifiers,
        },
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    }
    if (process.env.MSVW_TRACE) process.stderr.write(`msvw analyse: printed at ${performance.now().toFixed(0)} ms\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof MeasureError || err instanceof MappingOptionError) {
      process.stderr.write(`msvw analyse: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ImportError) {
      process.stderr.write(`msvw analyse: ${fileProblemLine(err)}\n`);
      return 2;
    }
    throw err;
  }
}
