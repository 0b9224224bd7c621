/**
 * msvw standards: list the standards catalogue (shipped, plus a user's edits with --catalogue).
 * Usage: msvw standards [--json] [--catalogue FILE]
 * Exit codes: 0 listed, 2 bad options or an unreadable catalogue file (one line on stderr).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Standard } from '../../shared/standards/schema';
import { exportCatalogue, mergeCatalogue, SHIPPED_STANDARDS } from '../../shared/standards/shipped';
import { isTiered } from '../../shared/standards/tiers';
import { CliUsageError, parseCommandLine } from '../args';

// analyse.ts imports the error from here.
export { CliUsageError };

export const USAGE = 'msvw standards [--json] [--catalogue FILE]';

/** The shipped catalogue, merged with the user's catalogue file when one is given. */
export async function loadCatalogue(file: string | undefined): Promise<Standard[]> {
  if (!file) return mergeCatalogue(SHIPPED_STANDARDS, []);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliUsageError(`cannot read catalogue file "${file}": check the path (a JSON file exported by "msvw standards --json").`);
  }
  // The schemas are loaded only to check a user's file: the shipped catalogue needs none.
  const { importCatalogue } = await import('../../shared/standards/catalogue');
  const check = importCatalogue(text, path.basename(file));
  if (!check.ok) {
    const more = check.errors.length > 1 ? ` (and ${check.errors.length - 1} more problems)` : '';
    throw new CliUsageError(`${check.errors[0]}${more}; fix the catalogue file or leave out --catalogue.`);
  }
  return mergeCatalogue(SHIPPED_STANDARDS, check.standards);
}

/** What a tier without a time frame shows as (Hobart et al. 2019 left some tiers without consensus). */
export const ABSENT_TIER = 'none';

/** A tier's time frame in days, or ABSENT_TIER. */
function tierDays(days: number | null | undefined): string {
  return days === null || days === undefined ? ABSENT_TIER : `${days}d`;
}

/** How a standard decides "met", in a few words. */
export function describeThresholds(s: Standard): string {
  switch (s.kind) {
    case 'interval': {
      const t = s.thresholds;
      const span = `${s.startField} -> ${s.endField}`;
      return isTiered(t) ? `${span}: aspirational ${tierDays(t.aspirational)} / achievable ${tierDays(t.achievable)} / core ${tierDays(t.core)}` : `${span} <= ${t.single}d`;
    }
    case 'composite': return s.parts.map((p) => `${p.startField} -> ${p.endField} <= ${p.days}d`).join(' and ');
    case 'frequency': return `${s.previousField} (or ${s.baselineField}) -> ${s.eventField} <= ${s.days}d, not overdue`;
    case 'status': return s.numerator.map((c) => `${c.field} ${c.op}${c.values ? ` ${c.values.length > 3 ? `[${c.values.length} values]` : c.values.join('|')}` : ''}${c.days !== undefined ? ` ${c.days}d` : ''}`).join(' and ');
    case 'kpi': return `kpi_id = ${s.kpiId}`;
  }
}

/** Fixed-width text table. */
function textTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n') + '\n';
}

/** Run `msvw standards`. */
export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseCommandLine(args, { json: { type: 'boolean' }, catalogue: { type: 'string' } }, USAGE);
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument "${positionals[0]}". Usage: ${USAGE}`);
    const { json, catalogue: catalogueFile } = values;
    if (catalogueFile === '') throw new CliUsageError('--catalogue needs a file: msvw standards --catalogue my-standards.json');
    const standards = await loadCatalogue(catalogueFile);
    if (json) {
      process.stdout.write(exportCatalogue(standards));
      return 0;
    }
    const rows = [['id', 'kind', 'provenance', 'met when', 'title'], ...standards.map((s) => [s.id, s.kind, s.provenance, describeThresholds(s), s.title])];
    process.stdout.write(textTable(rows));
    return 0;
  } catch (err) {
    if (!(err instanceof CliUsageError)) throw err;
    process.stderr.write(`msvw standards: ${err.message}\n`);
    return 2;
  }
}
