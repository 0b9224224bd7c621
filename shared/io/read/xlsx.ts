/**
 * Excel .xlsx reader on read-excel-file (its /universal entry: no DOM, no Node, takes an
 * ArrayBuffer, so it runs in Node and in a worker). Before the library sees the file, the zip's
 * central directory is read here and a workbook that would unpack to an absurd size (a "zip
 * bomb") is refused. The archive is then unpacked once with fflate (sizes bounded by the
 * directory) and repacked without compression, so the library never starts decompression workers.
 */
import { unzipSync, zipSync, type Unzipped } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { ImportError } from '../import-result';
import type { ReadOptions } from '../raw-table';
import type { ReaderTable } from './notes';
import { checkpoint, isoFromMillis, ValueColumnBuilder } from './columns';
import { dedupeHeaders } from './delimited';

/** Limits that protect against zip bombs; a workbook above either is refused. */
export const XLSX_LIMITS = {
  /** Total unpacked size of all entries (1 GiB). */
  maxUncompressedBytes: 1024 ** 3,
  /** Unpacked size over file size; XML sheets compress ~10-30:1, so 200:1 is not a spreadsheet. */
  maxCompressionRatio: 200,
  /** The ratio is only judged once the unpacked size exceeds this (16 MiB): tiny files vary. */
  ratioFloorBytes: 16 * 1024 ** 2,
};

/** Reader options for workbooks: the usual options plus the zip-bomb limits (tests lower them). */
export interface WorkbookOptions extends ReadOptions {
  maxUncompressedBytes?: number;
  maxCompressionRatio?: number;
  ratioFloorBytes?: number;
}

/** A workbook sheet read as raw columns, with notes (formula cells without a saved value, renamed headers). */
export type WorkbookTable = ReaderTable;

/** One entry of a zip archive's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const ZIP64_EXTRA_ID = 0x0001;
const U32_MAX = 0xffffffff;

/** Human-readable size, e.g. "1.5 GB". */
function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}

function corrupt(fileName: string, detail: string): ImportError {
  return new ImportError(
    `"${fileName}" could not be read as an Excel workbook: ${detail}. Open it in Excel and save it again as .xlsx (or export the sheet as CSV), then import that.`,
    fileName,
    'corrupt_xlsx',
  );
}

/** The entries listed in a zip archive's central directory (sizes as declared there). */
export function zipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(fileName, 'the end of the zip archive is missing (the file may have been cut short while copying)');
  let offset = view.getUint32(eocd + 16, true);
  if (offset === U32_MAX) throw corrupt(fileName, 'it uses a 64-bit zip layout larger than any workbook this app can open');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  while (offset + 46 <= eocd && view.getUint32(offset, true) === CENTRAL_SIGNATURE) {
    const method = view.getUint16(offset + 10, true);
    let compressedSize = view.getUint32(offset + 20, true);
    let uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const nameStart = offset + 46;
    if (nameStart + nameLength + extraLength > n) throw corrupt(fileName, 'its zip directory is damaged');
    const name = decoder.decode(bytes.subarray(nameStart, nameStart + nameLength));
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX) {
      // ZIP64 extra field: 8-byte sizes, uncompressed first, each present only when its field is 0xFFFFFFFF.
      let e = nameStart + nameLength;
      const end = e + extraLength;
      while (e + 4 <= end) {
        const id = view.getUint16(e, true);
        const size = view.getUint16(e + 2, true);
        if (id === ZIP64_EXTRA_ID) {
          let p = e + 4;
          const u64 = (at: number) => view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
          if (uncompressedSize === U32_MAX && p + 8 <= e + 4 + size) {
            uncompressedSize = u64(p);
            p += 8;
          }
          if (compressedSize === U32_MAX && p + 8 <= e + 4 + size) compressedSize = u64(p);
          break;
        }
        e += 4 + size;
      }
    }
    entries.push({ name, method, compressedSize, uncompressedSize });
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  if (entries.length === 0) throw corrupt(fileName, 'the zip archive lists no files');
  return entries;
}

/** Refuse an archive whose declared unpacked size, or compression ratio, is beyond the limits. */
export function checkZipBomb(entries: ZipEntry[], fileSize: number, fileName: string, options: WorkbookOptions = {}): void {
  const maxBytes = options.maxUncompressedBytes ?? XLSX_LIMITS.maxUncompressedBytes;
  const maxRatio = options.maxCompressionRatio ?? XLSX_LIMITS.maxCompressionRatio;
  const floor = options.ratioFloorBytes ?? XLSX_LIMITS.ratioFloorBytes;
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const advice = 'It may be a "zip bomb" (a file built to exhaust memory) rather than a real workbook. If it is a genuine workbook, export the sheet as CSV and import that.';
  if (total > maxBytes) {
    throw new ImportError(
      `"${fileName}" would unpack to ${formatBytes(total)}, more than the ${formatBytes(maxBytes)} limit for workbooks. ${advice}`,
      fileName,
      'zip_bomb',
    );
  }
  const ratio = total / Math.max(1, fileSize);
  if (total > floor && ratio > maxRatio) {
    throw new ImportError(
      `"${fileName}" is ${formatBytes(fileSize)} but would unpack to ${formatBytes(total)} (${Math.round(ratio)} times larger; spreadsheets are rarely over ${maxRatio} times). ${advice}`,
      fileName,
      'zip_bomb',
    );
  }
}

/** Text of an XML attribute value or text node with the five entities and numeric references resolved. */
export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? _m;
  });
}

/** The attributes of an XML start tag as name -> value. */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

interface SheetInfo {
  name: string;
  /** Path of the sheet's XML inside the archive, when resolvable. */
  path: string | null;
}

/** The sheets of an unpacked workbook, in workbook order, with the XML path of each. */
function sheetInfos(files: Unzipped, fileName: string): SheetInfo[] {
  const workbook = files['xl/workbook.xml'];
  if (!workbook) throw corrupt(fileName, 'it is a zip archive but not an Excel workbook (no xl/workbook.xml inside)');
  const xml = new TextDecoder().decode(workbook);
  const relsBytes = files['xl/_rels/workbook.xml.rels'];
  const targets = new Map<string, string>();
  if (relsBytes) {
    const rels = new TextDecoder().decode(relsBytes);
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
      const a = attributes(m[1]);
      if (a.Id && a.Target) {
        const t = a.Target.replace(/^\.\//, '');
        targets.set(a.Id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
      }
    }
  }
  const sheets: SheetInfo[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    if (a.name === undefined) continue;
    const rid = Object.entries(a).find(([k]) => k.endsWith(':id') || k === 'id')?.[1];
    sheets.push({ name: a.name, path: rid ? (targets.get(rid) ?? null) : null });
  }
  if (sheets.length === 0) throw corrupt(fileName, 'the workbook lists no sheets');
  return sheets;
}

/** Unpack the XML parts of an archive after the zip-bomb check. */
function unpack(bytes: Uint8Array, fileName: string, options: WorkbookOptions): Unzipped {
  const entries = zipEntries(bytes, fileName);
  checkZipBomb(entries, bytes.length, fileName, options);
  try {
    return unzipSync(bytes, { filter: (f) => f.name.endsWith('.xml') || f.name.endsWith('.rels') });
  } catch (err) {
    throw corrupt(fileName, `its zip data is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The sheet names of a workbook, in order (for the sheet picker). */
export function listSheets(bytes: Uint8Array, fileName: string, options: WorkbookOptions = {}): string[] {
  return sheetInfos(unpack(bytes, fileName, options), fileName).map((s) => s.name);
}

/** Counts of cells the library reads as empty though they hold formulas: no saved value, or an error. */
function formulaGaps(xml: string): { noValue: number; errors: number } {
  let noValue = 0;
  let errors = 0;
  if (!xml.includes('<f') && !xml.includes('t="e"')) return { noValue, errors };
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = m[2] ?? '';
    if (/\bt="e"/.test(m[1])) errors++;
    else if (/<f[\s>/]/.test(inner) && !/<v>[^<]/.test(inner) && !/<is>/.test(inner)) noValue++;
  }
  return { noValue, errors };
}

/** Cell text for the dictionary: dates as ISO text, numbers in their shortest form, booleans TRUE/FALSE. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoFromMillis(value.getTime());
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Read one sheet of an .xlsx workbook (default: the first) as raw columns; the first non-empty row is the header. */
export async function readWorkbook(bytes: Uint8Array, fileName: string, options: WorkbookOptions = {}): Promise<WorkbookTable> {
  const files = unpack(bytes, fileName, options);
  const sheets = sheetInfos(files, fileName);
  const wanted = options.sheet ?? sheets[0].name;
  const info = sheets.find((s) => s.name === wanted);
  if (!info) {
    throw new ImportError(
      `"${fileName}" has no sheet called "${wanted}". Its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}. Choose one of those.`,
      fileName,
      'sheet_not_found',
    );
  }
  checkpoint(options, fileName, 0, bytes.length);
  const notes: string[] = [];
  if (info.path && files[info.path]) {
    const gaps = formulaGaps(new TextDecoder().decode(files[info.path]));
    if (gaps.noValue > 0) notes.push(`${gaps.noValue} formula ${gaps.noValue === 1 ? 'cell has' : 'cells have'} no saved result in sheet "${info.name}" and ${gaps.noValue === 1 ? 'was' : 'were'} read as empty. Open the workbook in Excel, let it recalculate, save, and import again to include them.`);
    if (gaps.errors > 0) notes.push(`${gaps.errors} ${gaps.errors === 1 ? 'cell holds' : 'cells hold'} a formula error (such as #DIV/0! or #N/A) in sheet "${info.name}" and ${gaps.errors === 1 ? 'was' : 'were'} read as empty.`);
  }
  // Repack without compression: the library then unpacks synchronously (no worker threads).
  const stored = zipSync(files, { level: 0 });
  let rows: unknown[][];
  try {
    rows = (await readSheet(stored.buffer, info.name)) as unknown[][];
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw corrupt(fileName, `sheet "${info.name}" is damaged (${detail})`);
  }
  checkpoint(options, fileName, 0, bytes.length);

  let headerIndex = 0;
  const isBlank = (row: unknown[]) => row.every((v) => cellText(v) === null || cellText(v)?.trim() === '');
  while (headerIndex < rows.length && isBlank(rows[headerIndex])) headerIndex++;
  if (headerIndex >= rows.length) {
    throw new ImportError(`Sheet "${info.name}" of "${fileName}" is empty: it has no header row and no data. Choose the sheet that holds the extract.`, fileName, 'empty');
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const headerRow = rows[headerIndex];
  const { headers, duplicates } = dedupeHeaders(Array.from({ length: width }, (_v, c) => cellText(headerRow[c]) ?? ''));
  notes.push(...duplicates);
  const builders = headers.map(() => new ValueColumnBuilder(rows.length - headerIndex));
  const sourceRows: number[] = [];
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r];
    if (isBlank(row)) continue;
    for (let c = 0; c < width; c++) builders[c].add(cellText(row[c]));
    sourceRows.push(r + 1);
    checkpoint(options, fileName, sourceRows.length, bytes.length);
  }
  checkpoint(options, fileName, sourceRows.length, bytes.length, true);
  return {
    format: 'xlsx',
    sheet: info.name,
    sheets: sheets.map((s) => s.name),
    rowsRead: sourceRows.length,
    rowCount: sourceRows.length,
    columns: builders.map((b, c) => b.build(headers[c])),
    sourceRows: Int32Array.from(sourceRows),
    readerErrors: [],
    notes,
  };
}
