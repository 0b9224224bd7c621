/**
 * A streamed import for headless analysis: the file's bytes are pushed through the masked field
 * scanner (shared/io/read/field-scan.ts) chunk by chunk, and only the columns the plan needs
 * (plan.ts) become a narrow raw table. That table goes through the SAME import (importExtract:
 * typing, category and centre-code normalisation, validation, row exclusions) and then the same
 * analysis as the in-memory path, so the per-centre result, the row accounting and the
 * identifier findings are identical; only the columns the analysis never reads are left out.
 *
 * The one thing the import would take from the skipped columns is the default as-of date (the
 * latest date in any date column, not after today). Date columns the analysis does not read are
 * scanned for their distinct values only; the as-of date is worked out here from those with the
 * import's own typing rules and handed to the import, which then validates against it.
 *
 * Use: `startStream(head, ...)` with the first bytes of the file (at least the header row), then
 * `push()` every chunk from `bodyStart` on (see FieldScanner.push for the tail contract), then
 * `finish()`. A ScanFallback thrown by push, or a `{ fallback }` from startStream, means: read
 * the file the usual way.
 */
import type { Column } from '../../data/table';
import { fieldDefinition } from '../../schema/fields';
import { BLANK_ROW, type RawColumn, type RawTable } from '../../io/raw-table';
import { findIdentifiers } from '../../io/identifiers';
import { importExtract, type PipelineResult } from '../../io/pipeline';
import { countLineFeeds, detectFormat, delimiterOf } from '../../io/read/detect';
import { sniffEncoding } from '../../io/read/decode';
import { readDelimited } from '../../io/read/delimited';
import { FieldMode, FieldScanner, type FieldScanOptions, type ScannedColumn } from '../../io/read/field-scan';
import { latestDateNotAfter, todayDays } from '../../data/as-of';
import { inferColumnKind, typeColumn } from '../../io/types';
import { planStream, type StreamPlan, type StreamQuery } from './plan';

const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface FinishOptions {
  /** As-of date given by the person (day number). */
  asOf?: number;
  /** Key for columns the identifier guard pseudonymises. */
  pseudonymKey?: Uint8Array;
}

/** A streamed import in progress. */
export class StreamedImport {
  private readonly scanner: FieldScanner;

  constructor(
    readonly fileName: string,
    readonly format: 'csv' | 'tsv' | 'semicolon',
    readonly plan: StreamPlan,
    /** Offset of the first byte after the header row. */
    readonly bodyStart: number,
    delimiter: number,
    headerLines: number,
    expectedRows: number | undefined,
    /** Today (day number), for the default as-of date. */
    readonly runDate: number,
    /** What the host has to scan faster (Node's ASCII test, the WebAssembly record walker), if anything. */
    host: Pick<FieldScanOptions, 'isAscii' | 'indexer'> = {},
  ) {
    this.scanner = new FieldScanner({
      delimiter, columnCount: plan.headers.length, modes: plan.modes, headers: plan.headers, firstLine: headerLines + 1, expectedRows, runDate, ...host,
    });
  }

  /** Scan the complete records in buf[start, end); returns where the unconsumed tail starts. */
  push(buf: Uint8Array, start: number, end: number, final: boolean): number {
    return this.scanner.push(buf, start, end, final);
  }

  /** The import of the narrow table, as importExtract would have imported the whole file. */
  async finish(options: FinishOptions = {}): Promise<PipelineResult> {
    const { headers, mapping } = this.plan;
    const scanned = this.scanner.columns();
    const rows = this.scanner.rowCount;
    const kept = scanned.filter((c) => c.codes !== null);
    const columns: RawColumn[] = kept.map((c) => ({ header: headers[c.index], codes: c.codes as Int32Array, dictionary: c.dictionary }));
    const narrowMapping: Record<string, string | null> = {};
    for (const c of columns) narrowMapping[c.header] = mapping[c.header] ?? null;
    // Blank lines are read and excluded as the full reader excludes them (delimited.ts, blank_row).
    const blank = this.scanner.blankLines;
    const raw: RawTable & { notes: string[] } = {
      format: this.format, encoding: 'utf-8', rowsRead: rows + blank, rowCount: rows, columns,
      sourceRows: this.scanner.rowLines(), readerErrors: [], notes: [], ...(blank > 0 ? { readerExcluded: { [BLANK_ROW]: blank } } : {}),
    };
    const given = options.asOf !== undefined && Number.isFinite(options.asOf);
    const asOf = given ? options.asOf : latestDate(scanned, headers, mapping, narrowMapping, columns, this.runDate);
    const result = await importExtract(raw, this.fileName, {
      mapping: narrowMapping, pseudonymKey: options.pseudonymKey, runDate: this.runDate, ...(asOf !== undefined ? { asOf } : {}),
    });
    return { ...result, asOfRule: given ? 'given' : asOf === undefined ? 'no_dates' : 'latest_date_not_after_run_date' };
  }
}

/**
 * The import's default as-of date over every date column of the file (the one rule,
 * shared/data/as-of.ts), from the distinct values of each column typed as the import types them.
 * Columns the identifier guard will drop don't count.
 */
function latestDate(
  scanned: ScannedColumn[], headers: string[], mapping: Record<string, string | null>,
  narrowMapping: Record<string, string | null>, narrow: RawColumn[], runDate: number,
): number | undefined {
  const guarded = new Set(findIdentifiers(narrow.map((column) => ({ header: column.header, column })), narrowMapping).map((f) => f.column));
  const dates: ArrayLike<number>[] = [];
  for (const c of scanned) {
    const header = headers[c.index];
    if (c.mode === FieldMode.KEYS || guarded.has(header)) continue;
    const field = mapping[header] ?? null;
    // DISTINCT columns hold their latest ISO date, and their other values (whose day/month order
    // the import infers from the numeric dates alone: ISO values never change it, dates.ts).
    if (c.mode === FieldMode.DISTINCT) dates.push([c.latestIsoDay]);
    const identity = Int32Array.from(c.dictionary, (_, k) => k);
    const distinct: RawColumn = { header, codes: identity, dictionary: c.dictionary };
    const kind = field ? fieldDefinition('patient', field)?.kind : inferColumnKind(c.codes ? { header, codes: c.codes, dictionary: c.dictionary } : distinct);
    if (kind !== 'date') continue;
    const typed = typeColumn(distinct, 'date').column as Extract<Column, { kind: 'date' }>;
    dates.push(typed.values);
  }
  return latestDateNotAfter(dates, runDate) ?? undefined;
}

/** Offset just past the header record (quotes respected), or -1 when the bytes end first. */
function headerEnd(bytes: Uint8Array, from: number, complete: boolean): { end: number; lines: number } | null {
  let quoted = false;
  let lines = 1;
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if (!quoted && (b === LF || b === CR)) {
      if (b === CR) {
        if (i + 1 >= bytes.length && !complete) return null;
        return { end: i + 1 < bytes.length && bytes[i + 1] === LF ? i + 2 : i + 1, lines };
      }
      return { end: i + 1, lines };
    } else if (b === LF || (b === CR && bytes[i + 1] !== LF)) lines++;
  }
  return complete ? { end: bytes.length, lines } : null;
}

/** The layout of a delimited file's start: its format, delimiter, header and where the records begin. */
export interface FileHead {
  format: 'csv' | 'tsv' | 'semicolon';
  /** Delimiter byte. */
  delimiter: number;
  headers: string[];
  /** Offset of the first byte after the header row. */
  bodyStart: number;
  /** File lines the header row takes. */
  headerLines: number;
}

/**
 * The header of a plain UTF-8 delimited file from its first bytes (`complete` when they are the
 * whole file), or why it must be read the usual way.
 */
export async function readHead(head: Uint8Array, fileName: string, complete: boolean): Promise<FileHead | { fallback: string }> {
  let format;
  try {
    format = detectFormat(head, fileName, complete);
  } catch {
    return { fallback: 'the file is not delimited text' };
  }
  if (format !== 'csv' && format !== 'tsv' && format !== 'semicolon') return { fallback: `a ${format} file is read whole` };
  const sniff = sniffEncoding(head);
  if (sniff.encoding !== 'utf-8') return { fallback: `${sniff.encoding} text is read whole` };
  const found = headerEnd(head, sniff.bomLength, complete);
  if (!found) return { fallback: 'the header row is longer than the first read' };
  const delimiter = delimiterOf(format);
  let headers: string[];
  try {
    headers = (await readDelimited(head.subarray(0, found.end), fileName, { delimiter })).columns.map((c) => c.header);
  } catch {
    return { fallback: 'the header row could not be read' };
  }
  return { format, delimiter: delimiter.charCodeAt(0), headers, bodyStart: found.end, headerLines: found.lines };
}

/**
 * Start a streamed import from the first bytes of the file (`complete` when they are the whole
 * file), or say why the file must be read the usual way.
 */
export async function startStream(
  head: Uint8Array, fileName: string, fileBytes: number, query: StreamQuery, runDate: number = todayDays(),
  host: Pick<FieldScanOptions, 'isAscii' | 'indexer'> = {},
): Promise<StreamedImport | { fallback: string }> {
  const layout = await readHead(head, fileName, head.length >= fileBytes);
  if ('fallback' in layout) return layout;
  const plan = planStream(layout.headers, fileName, query);
  if ('fallback' in plan) return plan;
  // Rows expected, from the line length of the first read (sizes the patient id table up front).
  const lines = countLineFeeds(head, layout.bodyStart);
  const expectedRows = lines > 0 ? Math.ceil(((fileBytes - layout.bodyStart) * lines) / (head.length - layout.bodyStart)) : undefined;
  return new StreamedImport(fileName, layout.format, plan, layout.bodyStart, layout.delimiter, layout.headerLines, expectedRows, runDate, host);
}
