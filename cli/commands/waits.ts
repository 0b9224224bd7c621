/**
 * msvw waits: waiting-time curves, headless (same core as the app's Trends page).
 * Usage:
 *   msvw waits <file> (--start <field> --end <field> [--days <n>] | --measure <id>) [--by <field>|none] [--group <value>]
 *     [--split yyyy-mm-dd | --split-by month|quarter] [--as-of yyyy-mm-dd] [--conf log-log|log] [--format json|csv] [--table summary|steps]
 *     [--no-suppress] [--sheet NAME] [--catalogue FILE]
 * Prints {groups: [{group, n, events, censored, median, medianCi, withinDays, steps: [...]}], logRank, ...} as
 * JSON, or CSV (one row per curve, or per step with --table steps). --split-by draws one curve per month or
 * quarter of the start event (the last DEFAULT_LAST_PERIODS with people, as the app's Trends page). People still waiting are censored
 * at the as-of date. Counts of 1-7 are shown as *, curve steps are merged so each published drop
 * comes from at least 8 events, unless --no-suppress.
 * Exit codes: 0 success, 2 bad options or an unusable file (one line on stderr).
 */
import { MeasureError } from '../../shared/analysis/filter';
import { thresholdFor } from '../../shared/analysis/measure';
import { publishWaits, WAIT_STEP_COLUMNS, WAIT_SUMMARY_COLUMNS, waitStepRows, waitSummaryRows, type PublishedWaitsResult } from '../../shared/analysis/trend-export';
import { waitsFromTable, type WaitsOptions } from '../../shared/analysis/waits';
import { isoFromDays } from '../../shared/data/table';
import { ImportError } from '../../shared/io/import-result';
import { csvCell } from '../../shared/io/validate';
import { findStandard } from '../../shared/standards/catalogue';
import type { KmConfType } from '../../shared/stats/kaplan-meier';
import type { TrendGranularity } from '../../shared/analysis/calendar-periods';
import { loadExtract } from './analyse';
import { fileProblemLine, oneOf, parseCommandLine } from '../args';
import { CliUsageError, loadCatalogue } from './standards';

export const USAGE =
  'msvw waits <file> (--start <field> --end <field> [--days <n>] | --measure <id>) [--by <field>|none] [--group <value>] [--split yyyy-mm-dd | --split-by month|quarter] ' +
  '[--as-of yyyy-mm-dd] [--conf log-log|log] [--format json|csv] [--table summary|steps] [--no-suppress] [--sheet NAME] [--catalogue FILE]';

const OPTIONS = {
  start: { type: 'string' },
  end: { type: 'string' },
  days: { type: 'string' },
  measure: { type: 'string' },
  by: { type: 'string' },
  group: { type: 'string' },
  split: { type: 'string' },
  'split-by': { type: 'string' },
  'as-of': { type: 'string' },
  conf: { type: 'string' },
  format: { type: 'string' },
  table: { type: 'string' },
  'no-suppress': { type: 'boolean' },
  sheet: { type: 'string' },
  catalogue: { type: 'string' },
} as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface WaitsArgs {
  file: string;
  start?: string;
  end?: string;
  days?: number;
  measure?: string;
  by: string | null;
  group?: string;
  split?: string;
  /** One curve per month or quarter of the start event (not with split). */
  splitBy?: TrendGranularity;
  asOf?: string;
  conf: KmConfType;
  format: 'json' | 'csv';
  table: 'summary' | 'steps';
  suppress: boolean;
  sheet?: string;
  catalogue?: string;
}

/** Parse the command line. */
export function parseWaitsArgs(args: string[]): WaitsArgs {
  const { values: o, positionals } = parseCommandLine(args, OPTIONS, USAGE);
  if (positionals.length !== 1) {
    throw new CliUsageError(positionals.length ? `give one file, not ${positionals.length} (${positionals.join(', ')}). Usage: ${USAGE}` : `give the extract. Usage: ${USAGE}`);
  }
  if (o.measure !== undefined && (o.start !== undefined || o.end !== undefined)) throw new CliUsageError('give either --measure or --start and --end, not both.');
  if (o.measure === undefined && (o.start === undefined || o.end === undefined)) {
    throw new CliUsageError('give the wait as --start <field> --end <field> (e.g. --start referral_date --end first_seen_date --days 28), or --measure <id>.');
  }
  if (o.days !== undefined && !/^\d+$/.test(o.days)) throw new CliUsageError(`--days must be a whole number of days, e.g. 28 (got "${o.days}").`);
  for (const name of ['as-of', 'split'] as const) {
    const v = o[name];
    if (v !== undefined && !ISO_DATE.test(v)) throw new CliUsageError(`--${name} must be a date written yyyy-mm-dd, e.g. 2025-04-01 (got "${v}").`);
  }
  if (o.split !== undefined && o['split-by'] !== undefined) {
    throw new CliUsageError('give either --split yyyy-mm-dd (before / from a date) or --split-by month|quarter (one curve per period), not both.');
  }
  return {
    file: positionals[0],
    start: o.start,
    end: o.end,
    days: o.days === undefined ? undefined : Number(o.days),
    measure: o.measure,
    by: o.by === undefined ? 'centre_code' : o.by === 'none' ? null : o.by,
    group: o.group,
    split: o.split,
    splitBy: oneOf('split-by', o['split-by'], ['month', 'quarter'] as const),
    asOf: o['as-of'],
    conf: oneOf('conf', o.conf, ['log-log', 'log'] as const) ?? 'log-log',
    format: oneOf('format', o.format, ['json', 'csv'] as const) ?? 'json',
    table: oneOf('table', o.table, ['summary', 'steps'] as const) ?? 'summary',
    suppress: !o['no-suppress'],
    sheet: o.sheet,
    catalogue: o.catalogue,
  };
}

/** Start, end and threshold from --measure (an interval standard) or the options. */
async function waitFields(a: WaitsArgs): Promise<Pick<WaitsOptions, 'start' | 'end' | 'days'>> {
  if (a.measure === undefined) return { start: a.start ?? '', end: a.end ?? '', days: a.days };
  const standard = findStandard(await loadCatalogue(a.catalogue), a.measure);
  if (!standard) throw new CliUsageError(`unknown measure "${a.measure}": run "msvw standards" for the ids.`);
  if (standard.kind !== 'interval') throw new CliUsageError(`"${standard.id}" is a ${standard.kind} measure; waiting-time curves need an interval measure (one start and one end date), or --start and --end.`);
  return { start: standard.startField, end: standard.endField, days: a.days ?? thresholdFor(standard) };
}

type Cell = string | number | null;

/** CSV of a published waits result: one row per curve, or one per step (same rows as the app's export). */
export function waitsCsv(result: PublishedWaitsResult, table: 'summary' | 'steps'): string {
  const columns = table === 'summary' ? WAIT_SUMMARY_COLUMNS : WAIT_STEP_COLUMNS;
  const rows = (table === 'summary' ? waitSummaryRows(result) : waitStepRows(result)) as Record<string, unknown>[];
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c] as Cell)).join(','))];
  return lines.join('\r\n') + '\r\n';
}

/** Run `msvw waits`. */
export async function run(args: string[]): Promise<number> {
  try {
    const a = parseWaitsArgs(args);
    const fields = await waitFields(a);
    const extract = await loadExtract(a.file, a.sheet, a.asOf);
    const result = waitsFromTable(extract.table, {
      ...fields,
      by: a.by,
      groups: a.group === undefined ? undefined : [a.group],
      splitAt: a.split,
      splitBy: a.splitBy,
      asOf: a.asOf ?? (extract.asOf === null ? undefined : isoFromDays(extract.asOf)),
      conf: a.conf,
    });
    if (a.group !== undefined && result.groups.length === 0) {
      throw new CliUsageError(`no ${a.by ?? 'group'} "${a.group}" with waits in ${extract.fileName}: check the code (case matters), or leave out --group.`);
    }
    if (!a.suppress) process.stderr.write('msvw waits: warning: --no-suppress prints counts of 1-7 people and every step of each curve; do not share this output outside your organisation.\n');
    const published = publishWaits(result, { suppress: a.suppress });
    if (a.format === 'csv') process.stdout.write(waitsCsv(published, a.table));
    else process.stdout.write(`${JSON.stringify(published, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError || err instanceof MeasureError || err instanceof RangeError) {
      process.stderr.write(`msvw waits: ${err.message.split('\n')[0]}\n`);
      return 2;
    }
    if (err instanceof ImportError) {
      process.stderr.write(`msvw waits: ${fileProblemLine(err)}\n`);
      return 2;
    }
    throw err;
  }
}
