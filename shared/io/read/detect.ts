/**
 * What kind of file an import is: magic bytes first (xlsx, parquet, arrow), then text with its
 * delimiter found by how consistently each candidate splits the first records (quotes respected).
 */
import { ImportError, type FileFormat } from '../import-result';
import { SNIFF_BYTES, sniffEncoding, toParseableBytes } from './decode';

/** Delimiters a text extract may use, with the format each one means. */
export const DELIMITERS = { csv: ',', tsv: '\t', semicolon: ';' } as const;
export type TextFormat = keyof typeof DELIMITERS;
export type Delimiter = (typeof DELIMITERS)[TextFormat];

/** Bytes of the text examined to choose the delimiter. */
export const DELIMITER_SAMPLE_BYTES = 65_536;
/** Records examined to choose the delimiter. */
export const DELIMITER_SAMPLE_RECORDS = 50;
/** Share of control characters in the first bytes above which a file is binary, not text. */
export const BINARY_CONTROL_SHARE = 0.1;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** True when the bytes start with the given byte values. */
function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const PARQUET = [0x50, 0x41, 0x52, 0x31]; // "PAR1"
const ARROW_FILE = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const ARROW_CONTINUATION = [0xff, 0xff, 0xff, 0xff];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy .xls (and other OLE2 files)

/**
 * Line feeds in bytes [from, to), found with the engine's own search (indexOf) rather than a loop
 * over every byte: code that runs once per file runs unoptimised, where a byte loop over a 1 MB
 * sample took some 8 ms.
 */
export function countLineFeeds(bytes: Uint8Array, from = 0, to = bytes.length): number {
  const view = from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to);
  let lines = 0;
  for (let at = view.indexOf(LF); at >= 0; at = view.indexOf(LF, at + 1)) lines++;
  return lines;
}

/** Why text-looking bytes are binary, or null when they read as text. */
export function binaryReason(bytes: Uint8Array): string | null {
  const sniff = sniffEncoding(bytes);
  if (sniff.encoding !== 'utf-8') return null; // UTF-16: NULs are expected
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) nul++;
    else if ((b < 0x20 && b !== 0x09 && b !== LF && b !== CR && b !== 0x0c) || b === 0x7f) control++;
  }
  if (nul > 0) return `it contains NUL bytes (${nul} in the first ${n} bytes)`;
  if (n > 0 && control / n > BINARY_CONTROL_SHARE) return `${Math.round((100 * control) / n)}% of its first ${n} bytes are control characters`;
  return null;
}

/** The file's extension in lower case, without the dot ("" when none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * The file format: magic bytes first (xlsx, parquet, arrow), else text with its delimiter.
 * `complete` is false when `bytes` is only the start of the file (streamed reading).
 */
export function detectFormat(bytes: Uint8Array, fileName: string, complete = true): FileFormat {
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return 'xlsx';
  if (startsWith(bytes, PARQUET)) return 'parquet';
  if (startsWith(bytes, ARROW_FILE) || startsWith(bytes, ARROW_CONTINUATION)) return 'arrow';
  if (startsWith(bytes, OLE2)) {
    throw new ImportError(
      `"${fileName}" is an old-style Excel 97-2003 (.xls) or other OLE2 file, which the workbench cannot read. Open it in Excel and save it as .xlsx or CSV, then import that.`,
      fileName,
      'unsupported_format',
    );
  }
  const reason = binaryReason(bytes);
  if (reason) {
    throw new ImportError(
      `"${fileName}" is not a text extract: ${reason}. It may be a database, archive or renamed spreadsheet file. Export the data as CSV or as an .xlsx workbook and import that.`,
      fileName,
      'binary',
    );
  }
  const sample = toParseableBytes(bytes.subarray(0, DELIMITER_SAMPLE_BYTES)).bytes;
  return formatOfDelimiter(detectDelimiter(sample, fileName, !complete || bytes.length > DELIMITER_SAMPLE_BYTES));
}

/** The text format a delimiter stands for. */
export function formatOfDelimiter(delimiter: Delimiter): TextFormat {
  return delimiter === ',' ? 'csv' : delimiter === '\t' ? 'tsv' : 'semicolon';
}

/** The delimiter of a text format (xlsx/parquet/arrow have none: comma is returned). */
export function delimiterOf(format: FileFormat): Delimiter {
  return format === 'tsv' ? '\t' : format === 'semicolon' ? ';' : ',';
}

/**
 * The delimiter (comma, tab or semicolon) that splits the first records most consistently.
 * Works on ASCII-compatible bytes; quotes are respected. `truncated` says the sample stops
 * mid-file, so its last record is ignored. Ties go to the extension's delimiter, then to more fields.
 */
export function detectDelimiter(bytes: Uint8Array, fileName = '', truncated = false): Delimiter {
  const candidates: Delimiter[] = [',', '\t', ';'];
  const codes = candidates.map((d) => d.charCodeAt(0));
  const perRecord: number[][] = [];
  let counts = [0, 0, 0];
  let inQuotes = false;
  let nonBlank = false;
  let i = 0;
  const n = bytes.length;
  let complete = true;
  while (i < n && perRecord.length < DELIMITER_SAMPLE_RECORDS) {
    const c = bytes[i];
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 < n && bytes[i + 1] === QUOTE) i++;
        else inQuotes = false;
      }
      i++;
      continue;
    }
    if (c === QUOTE) {
      inQuotes = true;
      nonBlank = true;
    } else if (c === LF || c === CR) {
      if (nonBlank) perRecord.push(counts);
      counts = [0, 0, 0];
      nonBlank = false;
      if (c === CR && i + 1 < n && bytes[i + 1] === LF) i++;
    } else {
      nonBlank = true;
      for (let k = 0; k < 3; k++) if (c === codes[k]) counts[k]++;
    }
    i++;
  }
  if (i >= n) complete = !truncated && !inQuotes;
  if (nonBlank && complete && perRecord.length < DELIMITER_SAMPLE_RECORDS) perRecord.push(counts);
  if (perRecord.length === 0 && nonBlank) perRecord.push(counts);

  const ext = extensionOf(fileName);
  const preferred: Delimiter = ext === 'tsv' || ext === 'tab' ? '\t' : ',';
  let best: Delimiter = preferred;
  let bestScore = [-1, -1, -1];
  candidates.forEach((d, k) => {
    const tally = new Map<number, number>();
    for (const r of perRecord) tally.set(r[k], (tally.get(r[k]) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [count, times] of tally) {
      if (times > modeCount || (times === modeCount && count > mode)) {
        mode = count;
        modeCount = times;
      }
    }
    if (mode === 0) return;
    const consistency = modeCount / perRecord.length;
    const score = [Math.round(consistency * 100), d === preferred ? 1 : 0, mode];
    for (let j = 0; j < score.length; j++) {
      if (score[j] > bestScore[j]) {
        best = d;
        bestScore = score;
        return;
      }
      if (score[j] < bestScore[j]) return;
    }
  });
  return best;
}
