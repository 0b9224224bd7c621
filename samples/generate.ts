/**
 * `npm run samples`: regenerate the committed synthetic samples in samples/data/.
 * `npm run samples -- --rows 1000000 --out DIR [--seed N] [--as-of yyyy-mm-dd] [--xlsx] [--monthly]`:
 * write big ones (audit.csv, kpi.csv, README.md, and audit.xlsx with --xlsx) into DIR.
 * Exit codes: 0 written, 1 could not write, 2 bad options (one line on stderr).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_AS_OF, DEFAULT_ROWS, DEFAULT_SEED, parseAsOf } from './generator';
import { XLSX_MAX_ROWS, writeSamples, type SampleFileNames, type SampleWriteOptions } from './write';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Where the committed samples live. */
export const COMMITTED_DIR = path.join(HERE, 'data');

const COMMITTED_NAMES: SampleFileNames = { auditCsv: 'audit-sample.csv', kpiCsv: 'kpi-sample.csv', auditXlsx: 'audit-sample.xlsx', readme: 'README.md' };
const OUT_NAMES: SampleFileNames = { auditCsv: 'audit.csv', kpiCsv: 'kpi.csv', auditXlsx: 'audit.xlsx', readme: 'README.md' };
const USAGE = 'usage: npm run samples [-- --rows N --out DIR --seed N --as-of yyyy-mm-dd --xlsx --monthly]';

/** Options that make no sense; the message is the one line shown. */
export class SampleUsageError extends Error {}

/** Command-line flags to write options; throws SampleUsageError naming the bad flag. */
export function parseSampleArgs(argv: string[]): SampleWriteOptions {
  let rows = DEFAULT_ROWS;
  let seed = DEFAULT_SEED;
  let asOf = DEFAULT_AS_OF;
  let outDir: string | null = null;
  let xlsx = false;
  let monthly = false;
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new SampleUsageError(`${flag} needs a value; ${USAGE}`);
      i += 1;
      return v;
    };
    switch (flag) {
      case '--rows': {
        const v = value();
        rows = Number(v);
        if (!/^\d+$/.test(v) || rows < 1 || rows > 50_000_000) throw new SampleUsageError(`--rows must be a whole number from 1 to 50000000, got "${v}"`);
        break;
      }
      case '--seed': {
        const v = value();
        seed = Number(v);
        if (!/^\d+$/.test(v) || seed > 0xffffffff) throw new SampleUsageError(`--seed must be a whole number from 0 to 4294967295, got "${v}"`);
        break;
      }
      case '--as-of': {
        asOf = value();
        try {
          parseAsOf(asOf);
        } catch {
          throw new SampleUsageError(`--as-of must be a real date written yyyy-mm-dd, got "${asOf}"`);
        }
        break;
      }
      case '--out':
        outDir = path.resolve(value());
        break;
      case '--xlsx':
        xlsx = true;
        break;
      case '--monthly':
        monthly = true;
        break;
      default:
        throw new SampleUsageError(`unknown option "${flag}"; ${USAGE}`);
    }
  }
  // Without --out the committed samples are rewritten, workbook included.
  const committed = outDir === null;
  if (committed) xlsx = true;
  if (xlsx && rows > XLSX_MAX_ROWS) throw new SampleUsageError(`an .xlsx sheet holds at most ${XLSX_MAX_ROWS} rows; lower --rows, or give --out without --xlsx`);
  return {
    rows, seed, asOf,
    outDir: outDir ?? COMMITTED_DIR,
    names: committed ? COMMITTED_NAMES : OUT_NAMES,
    xlsx,
    granularity: monthly ? 'month' : 'quarter',
  };
}

/** Run the command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let options: SampleWriteOptions;
  try {
    options = parseSampleArgs(argv);
  } catch (err) {
    process.stderr.write(`samples: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  try {
    const result = await writeSamples(options);
    for (const f of result.files) {
      process.stdout.write(`${path.join(options.outDir, f.name)}: ${f.rows} rows, ${(f.bytes / 1_000_000).toFixed(1)} MB\n`);
    }
    process.stdout.write(`${result.manifest.length} deliberately bad rows listed in ${path.join(options.outDir, options.names.readme)}; ${result.seconds.toFixed(1)} s\n`);
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`samples: could not write to ${options.outDir}: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
