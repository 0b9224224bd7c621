/**
 * msvw report: the A4 report for one centre, headless, as one self-contained HTML file (inline SVG
 * and CSS, no external reference) that prints to the same pages as the app's report
 * (shared/report/build.ts). Includes the business case unless --analysis-only.
 * Usage:
 *   msvw report <file> --centre <code> [--measure <id>] [--scenario scenario.json] [--set name=value ...]
 *     [--years 1..5] [--target standard|core|achievable|aspirational|<0..1>] [--as-of yyyy-mm-dd]
 *     [--patient-summary] [--analysis-only] [--no-suppression] [--sheet NAME] [--catalogue FILE] --out report.html
 * Exit codes: 0 written, 2 bad options or an unusable file (one line on stderr naming the fix).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tierSummary } from '../../shared/analysis/tiers';
import { sha256Hex } from '../../shared/data/hash';
import { buildReport } from '../../shared/report';
import { isoFromDays } from '../../shared/data/table';
import { parseCommandLine } from '../args';
import { CASE_OPTIONS, caseArgs, prepareCase, reportError } from './business-case';
import { CliUsageError } from './standards';

export const USAGE =
  'msvw report <file> --centre <code> [--measure <id>] [--scenario scenario.json] [--set name=value ...] [--years 1..5] ' +
  '[--target standard|core|achievable|aspirational|<0..1>] [--as-of yyyy-mm-dd] [--patient-summary] [--analysis-only] [--no-suppression] ' +
  '[--sheet NAME] [--catalogue FILE] --out report.html';

/** Name and version written in the report's provenance. */
const PRODUCED_BY = 'MS Variation Workbench (msvw report)';

/** Run `msvw report`. */
export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(args, {
      ...CASE_OPTIONS, out: { type: 'string' }, 'patient-summary': { type: 'boolean' }, 'analysis-only': { type: 'boolean' },
    }, USAGE);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new CliUsageError(`give the file to write with --out, e.g. --out report.html. Usage: ${USAGE}`);
    if (!/\.html?$/i.test(out)) throw new CliUsageError(`--out must name an .html file (got "${out}").`);
    const parsed = caseArgs(values, positionals, USAGE);
    const bytes = new Uint8Array(await readFile(parsed.file).catch(() => {
      throw new CliUsageError(`cannot read "${parsed.file}": check the path and that the file exists.`);
    }));
    const importedAt = new Date().toISOString();
    const analysisOnly = values['analysis-only'] === true;
    const prepared = await prepareCase(parsed, !analysisOnly);
    const { extract, catalogue, facts, variation } = prepared;
    const applicable = catalogue.filter((s) => (extract.extractType === 'kpi') === (s.kind === 'kpi'));
    const asOf = extract.asOf === null ? facts.asOf : (parsed.asOf ?? isoFromDays(extract.asOf));
    const tierRows = tierSummary(extract.table, applicable, { asOf, filters: { period: facts.period } });
    const doc = await buildReport({
      variation,
      facts,
      businessCase: analysisOnly ? undefined : { inputs: prepared.inputs, years: prepared.years, scenarioName: prepared.scenario?.name },
      tierRows,
      dataset: {
        fileName: path.basename(parsed.file), sha256: await sha256Hex(bytes), importedAt,
        rowsRead: extract.accounting.rowsRead, rowsImported: extract.accounting.rowsImported,
      },
      generatedAt: importedAt,
      patientSummary: values['patient-summary'] === true,
      suppression: parsed.suppress ? undefined : false,
      producedBy: PRODUCED_BY,
    });
    try {
      await writeFile(out, doc.html, 'utf8');
    } catch {
      throw new CliUsageError(`cannot write "${out}": check the folder exists and you may write to it.`);
    }
    process.stdout.write(`wrote ${out}: ${doc.title}\n`);
    return 0;
  } catch (err) {
    return reportError('report', err);
  }
}
