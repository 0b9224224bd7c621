/**
 * msvw spc: SPC charts over time, headless (same core as the app's Trends page).
 * Usage:
 *   msvw spc <file> --measure <id> [--by centre_code|region|none] [--group <value>] [--period month|quarter]
 *     [--chart p|pprime|xmr|run] [--statistic proportion|median-wait|count] [--baseline <k>] [--rebase yyyy-mm-dd,...]
 *     [--screen|--no-screen] [--two-of-three mdc2023|nhsr] [--trend-ties break|ignore] [--run-length 7|6]
 *     [--target <value>] [--as-of yyyy-mm-dd] [--include-provisional] [--format json|csv] [--no-suppress]
 *     [--sheet NAME] [--catalogue FILE]
 *   msvw spc <file> --value <column> --period <column> [--by <column>] [--chart xmr|run] ...   (a plain series file)
 * Prints {chart, options, series: [{group, trial, variationIcon, assuranceIcon, points: [...]}]} as JSON,
 * or one CSV row per point. Counts of 1-7 are shown as * (and values computed from them hidden) unless
 * --no-suppress. Exit codes: 0 success, 2 bad options or an unusable file (one line on stderr).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MeasureError } from '../../shared/analysis/filter';
import { plainSeriesTable } from '../../shared/analysis/plain-series';
import { SPC_CHART_TYPES, type SpcChartType, type SpcChoices, type SpcRunLength } from '../../shared/analysis/spc-choices';
import { spcFromColumns, spcFromTable, type SpcReport } from '../../shared/analysis/spc-report';
import { publishSpcReport, SPC_TABLE_COLUMNS, spcExportFootnote, spcTableRows } from '../../shared/analysis/trend-export';
import type { TrendStatistic } from '../../shared/analysis/trends';
import { ImportError } from '../../shared/io/import-result';
import { checkFileSize, readTabular } from '../../shared/io/read/index';
import { csvCell } from '../../shared/io/validate';
import { SuppressionError } from '../../shared/privacy/suppression';
import { findStandard } from '../../shared/standards/catalogue';
import { chooseMeasure, loadExtract } from './analyse';
import { fileProblemLine, oneOf, parseCommandLine } from '../args';
import { CliUsageError, loadCatalogue } from './standards';

export const USAGE =
  'msvw spc <file> --measure <id> [--by centre_code|region|none] [--group <value>] [--period month|quarter] [--chart p|pprime|xmr|run] ' +
  '[--statistic proportion|median-wait|count] [--baseline <k>] [--rebase yyyy-mm-dd,...] [--screen|--no-screen] [--two-of-three mdc2023|nhsr] ' +
  '[--trend-ties break|ignore] [--run-length 7|6] [--target <value>] [--as-of yyyy-mm-dd] [--include-provisional] [--format json|csv] [--no-suppress]; ' +
  'or msvw spc <file> --value <column> --period <column> [--by <column>] --chart xmr';

/** The options `msvw spc` takes (node:util parseArgs). */
const OPTIONS = {
  measure: { type: 'string' },
  value: { type: 'string' },
  by: { type: 'string' },
  group: { type: 'string' },
  period: { type: 'string' },
  chart: { type: 'string' },
  statistic: { type: 'string' },
  baseline: { type: 'string' },
  rebase: { type: 'string' },
  screen: { type: 'boolean' },
  'no-screen': { type: 'boolean' },
  'two-of-three': { type: 'string' },
  'trend-ties': { type: 'string' },
  'run-length': { type: 'string' },
  target: { type: 'string' },
  'as-of': { type: 'string' },
  'include-provisional': { type: 'boolean' },
  format: { type: 'string' },
  'no-suppress': { type: 'boolean' },
  sheet: { type: 'string' },
  catalogue: { type: 'string' },
} as const;

const STATISTICS: Record<string, TrendStatistic> = { proportion: 'proportion', 'median-wait': 'medianWait', count: 'count' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface SpcArgs {
  file: string;
  /** Measure mode (an extract) or plain mode (a series file). */
  mode: 'measure' | 'plain';
  measure?: string;
  value?: string;
  /** Grouping column, null for the whole extract. */
  by: string | null;
  group?: string;
  granularity: 'month' | 'quarter';
  /** Period column in plain mode. */
  periodColumn?: string;
  statistic: TrendStatistic;
  choices: Partial<SpcChoices>;
  asOf?: string;
  includeProvisional: boolean;
  format: 'json' | 'csv';
  suppress: boolean;
  sheet?: string;
  catalogue?: string;
}

/** Parse the command line into the series and chart choices. */
export function parseSpcArgs(args: string[]): SpcArgs {
  const { values: o, positionals } = parseCommandLine(args, OPTIONS, USAGE);
  if (positionals.length !== 1) {
    throw new CliUsageError(positionals.length ? `give one file, not ${positionals.length} (${positionals.join(', ')}). Usage: ${USAGE}` : `give the file to chart. Usage: ${USAGE}`);
  }
  const plain = o.value !== undefined;
  if (plain && o.measure !== undefined) throw new CliUsageError('give either --measure (an extract) or --value with --period (a plain series file), not both.');
  if (plain && o.period === undefined) throw new CliUsageError('a plain series file needs --period <column> naming the column that holds each value\'s period, e.g. --value median_wait --period month.');
  if (o.screen && o['no-screen']) throw new CliUsageError('give --screen or --no-screen, not both.');
  const chart = oneOf<SpcChartType>('chart', o.chart, SPC_CHART_TYPES);
  if (plain && (chart === 'p' || chart === 'pprime')) throw new CliUsageError(`--chart ${chart} needs counts from an extract; a plain series file takes --chart xmr or run.`);
  const statistic = STATISTICS[oneOf('statistic', o.statistic, Object.keys(STATISTICS)) ?? 'proportion'];
  if (plain && o.statistic !== undefined) throw new CliUsageError('--statistic applies to a measure on an extract, not to a plain series file.');
  const granularity = plain ? 'month' : (oneOf('period', o.period, ['month', 'quarter'] as const) ?? 'month');
  let baseline: number | 'all' | undefined;
  if (o.baseline !== undefined) {
    if (o.baseline === 'all') baseline = 'all';
    else if (/^\d+$/.test(o.baseline) && Number(o.baseline) >= 12) baseline = Number(o.baseline);
    else throw new CliUsageError(`--baseline must be a whole number of points of 12 or more, or "all" (got "${o.baseline}").`);
  }
  const rebase = o.rebase === undefined ? undefined : o.rebase.split(',').map((d) => d.trim()).filter(Boolean);
  for (const d of rebase ?? []) if (!ISO_DATE.test(d)) throw new CliUsageError(`--rebase takes dates written yyyy-mm-dd, separated by commas, e.g. 2024-04-01,2025-01-01 (got "${d}").`);
  const runLength = oneOf('run-length', o['run-length'], ['7', '6'] as const);
  let target: number | null | undefined;
  if (o.target !== undefined) {
    target = Number(o.target);
    if (o.target.trim() === '' || !Number.isFinite(target)) throw new CliUsageError(`--target must be a number, e.g. 0.8 for 80% (got "${o.target}").`);
    if (!plain && statistic === 'proportion' && !(target >= 0 && target <= 1)) {
      throw new CliUsageError(`--target for a proportion is between 0 and 1, e.g. 0.8 for 80% (got "${o.target}").`);
    }
  }
  if (o['as-of'] !== undefined && !ISO_DATE.test(o['as-of'])) throw new CliUsageError(`--as-of must be a date written yyyy-mm-dd (got "${o['as-of']}").`);
  if (o.group !== undefined && o.by === 'none') throw new CliUsageError('--group picks one group of --by; with --by none the whole extract is one series.');
  const choices: Partial<SpcChoices> = {
    ...(chart ? { chart } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(rebase ? { rebase } : {}),
    ...(o.screen ? { screen: true } : o['no-screen'] ? { screen: false } : {}),
    ...(o['two-of-three'] ? { twoOfThree: oneOf('two-of-three', o['two-of-three'], ['mdc2023', 'nhsr'] as const) } : {}),
    ...(o['trend-ties'] ? { trendTies: oneOf('trend-ties', o['trend-ties'], ['break', 'ignore'] as const) } : {}),
    ...(runLength ? { runLength: Number(runLength) as SpcRunLength } : {}),
    ...(target !== undefined ? { target } : {}),
  };
  const by = o.by === undefined ? (plain ? null : 'centre_code') : o.by === 'none' ? null : o.by;
  return {
    file: positionals[0],
    mode: plain ? 'plain' : 'measure',
    measure: o.measure,
    value: o.value,
    by,
    group: o.group,
    granularity,
    periodColumn: plain ? o.period : undefined,
    statistic,
    choices,
    asOf: o['as-of'],
    includeProvisional: o['include-provisional'] ?? false,
    format: oneOf('format', o.format, ['json', 'csv'] as const) ?? 'json',
    suppress: !o['no-suppress'],
    sheet: o.sheet,
    catalogue: o.catalogue,
  };
}

/** Read a plain series file (no extract mapping). */
async function loadPlain(file: string, sheet: string | undefined) {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new CliUsageError(`cannot read "${file}": check the path and that the file exists.`);
  }
  checkFileSize(size, path.basename(file));
  return readTabular(new Uint8Array(await readFile(file)), path.basename(file), sheet ? { sheet } : {});
}

/** Build the SPC report the command prints. */
export async function spcReport(a: SpcArgs): Promise<SpcReport> {
  if (a.mode === 'plain') {
    const raw = await loadPlain(a.file, a.sheet);
    const table = plainSeriesTable(raw, a.value ?? '', a.periodColumn ?? '', a.by);
    const report = spcFromColumns(table, a.value ?? '', a.periodColumn ?? '', a.by, a.choices);
    return a.group === undefined ? report : { ...report, series: report.series.filter((s) => s.group === a.group) };
  }
  const catalogue = await loadCatalogue(a.catalogue);
  const extract = await loadExtract(a.file, a.sheet, a.asOf);
  const spec = chooseMeasure({ measure: a.measure }, catalogue, extract);
  const standard = 'kind' in spec ? spec : findStandard(catalogue, a.measure ?? '');
  if (!standard) throw new CliUsageError(`unknown measure "${a.measure}": run "msvw standards" for the ids.`);
  const report = spcFromTable(extract.table, standard, {
    by: a.by,
    groups: a.group === undefined ? undefined : [a.group],
    granularity: a.granularity,
    asOf: a.asOf ?? (extract.asOf === null ? undefined : isoDate(extract.asOf)),
    statistic: a.statistic,
    includeProvisional: a.includeProvisional,
    choices: a.choices,
  });
  if (a.group !== undefined && report.series.length === 0) {
    throw new CliUsageError(`no ${a.by ?? 'group'} "${a.group}" with data for "${standard.id}" in ${path.basename(a.file)}: check the code (case matters), or leave out --group to list every group.`);
  }
  return report;
}

/** ISO date of a day number. */
function isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Run `msvw spc`. */
export async function run(args: string[]): Promise<number> {
  try {
    const a = parseSpcArgs(args);
    const report = await spcReport(a);
    if (!a.suppress) process.stderr.write('msvw spc: warning: --no-suppress prints counts of 1-7 people; do not share this output outside your organisation.\n');
    const published = publishSpcReport(report, { suppress: a.suppress });
    if (a.format === 'csv') {
      const lines = [SPC_TABLE_COLUMNS.join(',')];
      for (const row of spcTableRows(published)) lines.push(SPC_TABLE_COLUMNS.map((c) => csvCell(row[c] as string | number | null)).join(','));
      process.stdout.write(lines.join('\r\n') + '\r\n');
    } else {
      const output = {
        chart: published.chart,
        options: published.options,
        labels: published.labels,
        measure: published.measure,
        period: published.granularity,
        asOf: published.asOf,
        suppression: published.suppression,
        footnote: spcExportFootnote(published, { suppression: published.suppression }),
        series: published.series,
      };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof MeasureError || err instanceof SuppressionError || err instanceof RangeError) {
      process.stderr.write(`msvw spc: ${err.message.split('\n')[0]}\n`);
      return 2;
    }
    if (err instanceof ImportError) {
      process.stderr.write(`msvw spc: ${fileProblemLine(err)}\n`);
      return 2;
    }
    throw err;
  }
}
