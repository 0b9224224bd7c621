/**
 * msvw business-case: the business case for one centre and one standard, headless (same model as
 * the app: shared/business-case).
 * Usage:
 *   msvw business-case <file> --centre <code> [--measure <id>] [--set name=value ...] [--years 1..5]
 *     [--scenario scenario.json] [--target standard|core|achievable|aspirational|<0..1>] [--as-of yyyy-mm-dd]
 *     [--no-suppression] [--sheet NAME] [--catalogue FILE] [--format json]
 * Prints {inputs, years, totals, perPersonReachingStandard, sensitivity} as JSON. Counts of 1-7 people
 * read from the data, and every figure worked out from them, are shown as "*" unless --no-suppression.
 * Exit codes: 0 success, 2 bad options or an unusable file (one line on stderr naming the fix).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MeasureError } from '../../shared/analysis/filter';
import type { VariationResult } from '../../shared/analysis/variation';
import {
  analyseCentre, applyScenario, BusinessCaseError, DEFAULT_YEARS, MAX_YEARS, MIN_YEARS, parseScenario, prefillInputs, publishBusinessCase, setInput,
  type BusinessCaseInput, type CentreFacts, type Scenario, type TargetChoice,
} from '../../shared/business-case';
import { ImportError } from '../../shared/io/import-result';
import { SuppressionError } from '../../shared/privacy/suppression';
import type { PipelineResult } from '../../shared/io/pipeline';
import type { Standard } from '../../shared/standards/schema';
import { chooseMeasure, loadExtract } from './analyse';
import { fileProblemLine, parseCommandLine } from '../args';
import { CliUsageError, loadCatalogue } from './standards';

export const USAGE =
  'msvw business-case <file> --centre <code> [--measure <id>] [--set name=value ...] [--years 1..5] [--scenario scenario.json] ' +
  '[--target standard|core|achievable|aspirational|<0..1>] [--as-of yyyy-mm-dd] [--no-suppression] [--sheet NAME] [--catalogue FILE] [--format json]';

/** Options shared by `msvw business-case` and `msvw report` (parsed through the CLI's one parser, parseCommandLine). */
export const CASE_OPTIONS = {
  centre: { type: 'string' },
  measure: { type: 'string' },
  set: { type: 'string', multiple: true },
  years: { type: 'string' },
  scenario: { type: 'string' },
  target: { type: 'string' },
  'as-of': { type: 'string' },
  'no-suppression': { type: 'boolean' },
  sheet: { type: 'string' },
  catalogue: { type: 'string' },
} as const;

export interface CaseArgs {
  file: string;
  centre: string;
  measure?: string;
  sets: { key: string; value: number }[];
  /** Horizon from --years; without it, the scenario's, else DEFAULT_YEARS. */
  years?: number;
  scenario?: string;
  target: TargetChoice;
  asOf?: string;
  suppress: boolean;
  sheet?: string;
  catalogue?: string;
}

/** The case options, checked, from parsed values and positionals. */
export function caseArgs(values: Record<string, string | boolean | string[] | undefined>, positionals: string[], usage: string): CaseArgs {
  if (positionals.length !== 1) {
    throw new CliUsageError(positionals.length ? `give one file, not ${positionals.length} (${positionals.join(', ')}). Usage: ${usage}` : `give the extract to read. Usage: ${usage}`);
  }
  const centre = values.centre;
  if (typeof centre !== 'string' || centre.trim() === '') throw new CliUsageError(`give the centre with --centre <code>, e.g. --centre RTH. Usage: ${usage}`);
  const yearsText = typeof values.years === 'string' ? values.years : undefined;
  if (yearsText !== undefined && (!/^\d+$/.test(yearsText) || Number(yearsText) < MIN_YEARS || Number(yearsText) > MAX_YEARS)) {
    throw new CliUsageError(`--years must be a whole number from ${MIN_YEARS} to ${MAX_YEARS} (got "${yearsText}").`);
  }
  const sets = ((values.set as string[] | undefined) ?? []).map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    const text = eq > 0 ? pair.slice(eq + 1).trim() : '';
    const value = Number(text);
    if (!key || text === '' || !Number.isFinite(value)) throw new CliUsageError(`--set needs name=value with a number, e.g. --set currentNurseWte=2.4 (got "${pair}").`);
    return { key, value };
  });
  let target: TargetChoice = { kind: 'standard' };
  const t = values.target;
  if (typeof t === 'string' && t !== 'standard') {
    if (t === 'core' || t === 'achievable' || t === 'aspirational') target = { kind: 'tier', tier: t };
    else if (/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(t)) target = { kind: 'user', value: Number(t) };
    else throw new CliUsageError(`--target must be standard, core, achievable, aspirational or a proportion between 0 and 1, e.g. 0.8 (got "${t}").`);
  }
  const asOf = values['as-of'];
  if (typeof asOf === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CliUsageError(`--as-of must be a date written yyyy-mm-dd, e.g. 2024-03-31 (got "${asOf}").`);
  return {
    file: positionals[0], centre: centre.trim(), measure: values.measure as string | undefined, sets, years: yearsText === undefined ? undefined : Number(yearsText),
    scenario: values.scenario as string | undefined, target, asOf: asOf as string | undefined, suppress: values['no-suppression'] !== true,
    sheet: values.sheet as string | undefined, catalogue: values.catalogue as string | undefined,
  };
}

/** A scenario file, read and checked. */
export async function readScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliUsageError(`cannot read scenario file "${file}": check the path (a JSON file exported from the Business case page).`);
  }
  return parseScenario(text, path.basename(file));
}

export interface PreparedCase {
  extract: PipelineResult;
  catalogue: Standard[];
  standard: Standard;
  facts: CentreFacts;
  variation: VariationResult;
  inputs: BusinessCaseInput[];
  scenario: Scenario | null;
  years: number;
}

/** Read the extract, analyse the centre and (withCase) build the inputs: prefilled, then the scenario, then each --set in order. */
export async function prepareCase(args: CaseArgs, withCase = true): Promise<PreparedCase> {
  const catalogue = await loadCatalogue(args.catalogue);
  const scenario = args.scenario ? await readScenario(args.scenario) : null;
  const extract = await loadExtract(args.file, args.sheet, args.asOf);
  const measureId = args.measure ?? scenario?.measureId;
  const standard = chooseMeasure(measureId ? { measure: measureId } : {}, catalogue, extract);
  if (!('kind' in standard)) throw new CliUsageError('a business case needs a standard from the catalogue: give --measure <id> (msvw standards lists them).');
  const { facts, variation } = analyseCentre(extract.table, standard, args.centre, { asOf: args.asOf, target: args.target });
  let inputs: BusinessCaseInput[] = [];
  if (withCase) {
    inputs = prefillInputs(facts);
    if (scenario) inputs = applyScenario(inputs, scenario);
    for (const { key, value } of args.sets) inputs = setInput(inputs, key, value, `Set on the command line (--set ${key}=${value})`);
  }
  return { extract, catalogue, standard, facts, variation, inputs, scenario, years: args.years ?? scenario?.years ?? DEFAULT_YEARS };
}

/** One line on stderr for the errors people can fix; anything else is re-thrown. */
export function reportError(command: string, err: unknown): number {
  if (err instanceof CliUsageError || err instanceof MeasureError || err instanceof BusinessCaseError || err instanceof SuppressionError) {
    process.stderr.write(`msvw ${command}: ${err.message.split('\n')[0]}\n`);
    return 2;
  }
  if (err instanceof ImportError) {
    process.stderr.write(`msvw ${command}: ${fileProblemLine(err)}\n`);
    return 2;
  }
  throw err;
}

/** Run `msvw business-case`. */
export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(args, { ...CASE_OPTIONS, format: { type: 'string' } }, USAGE);
    if (values.format !== undefined && values.format !== 'json') throw new CliUsageError(`--format must be json (got "${values.format}").`);
    const parsed = caseArgs(values, positionals, USAGE);
    const prepared = await prepareCase(parsed);
    const published = publishBusinessCase(prepared.inputs, prepared.years, { suppression: parsed.suppress ? undefined : false });
    process.stdout.write(`${JSON.stringify(published.json, null, 2)}\n`);
    return 0;
  } catch (err) {
    return reportError('business-case', err);
  }
}
