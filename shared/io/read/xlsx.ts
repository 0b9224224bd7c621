/**
 * Excel .xlsx reader on read-excel-file (its /universal entry: no DOM, no Node, takes an
 * ArrayBuffer, so it runs in Node and in a worker). Before the library sees the file:
 * - the zip's central directory is read with fflate, and an archive that declares an absurd
 *   unpacked size (a "zip bomb") is refused;
 * - the XML parts are inflated with fflate's streaming Unzip, metered as they stream, so an
 *   archive that lies about its sizes is stopped at the limit rather than at the end of memory;
 * - the chosen sheet's extent (its farthest cell) is measured from the XML, and a sheet wider than
 *   MAX_COLUMNS or larger than MAX_CELLS is refused before the library lays out its rows.
 * The parts are then repacked without compression, so the library never starts decompression workers.
 */
import { Unzip, UnzipInflate, unzipSync, zipSync, type Unzipped } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { bracketed, ImportError, libraryDetail } from '../import-result';
import { BLANK_ROW, type ReadOptions } from '../raw-table';
import type { ReaderTable } from './notes';
import { checkpoint, isoFromMillis, ValueColumnBuilder } from './columns';
import { dedupeHeaders } from './delimited';
import { formatBytes, INFLATE_INPUT_CHUNK, MAX_CELLS, MAX_COLUMNS, MAX_INFLATED_BYTES, MAX_SHEET_XML_BYTES } from '../limits';
import { chooseHeaderRow, HEADER_SEARCH_ROWS, headerNote, type HeaderChoice } from './header-row';
import { joinChunks } from '../bytes';

/** Limits that protect against zip bombs; a workbook above either is refused. */
export const XLSX_LIMITS = {
  /** Total unpacked size of all entries (declared, then metered as it inflates). */
  maxUncompressedBytes: MAX_INFLATED_BYTES,
  /** Unpacked size over file size; XML sheets compress ~10-30:1, so 200:1 is not a spreadsheet. */
  maxCompressionRatio: 200,
  /** The ratio is only judged once the unpacked size exceeds this (16 MiB): tiny files vary. */
  ratioFloorBytes: 16 * 1024 ** 2,
  /** Largest XML of the sheet read (the library holds it whole, several times over). */
  maxSheetXmlBytes: MAX_SHEET_XML_BYTES,
  /** Most cells in the extent of the sheet read. */
  maxCells: MAX_CELLS,
};

/** Reader options for workbooks: the usual options plus the zip-bomb limits (tests lower them). */
export interface WorkbookOptions extends ReadOptions {
  maxUncompressedBytes?: number;
  maxCompressionRatio?: number;
  ratioFloorBytes?: number;
  maxSheetXmlBytes?: number;
  maxCells?: number;
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

function corrupt(fileName: string, detail: string): ImportError {
  return new ImportError(
    `"${fileName}" could not be read as an Excel workbook: ${detail}. Open it in Excel and save it again as .xlsx (or export the sheet as CSV), then import that.`,
    fileName,
    'corrupt_xlsx',
  );
}

/** The entries listed in a zip archive's central directory (sizes as declared there), read with fflate. */
export function zipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push({ name: f.name, method: f.compression, compressedSize: f.size, uncompressedSize: f.originalSize });
        return false;
      },
    });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw corrupt(fileName, /end of central directory|invalid zip/i.test(detail) ? 'the end of the zip archive is missing or damaged (the file may have been cut short while copying)' : `its zip directory is damaged${bracketed(libraryDetail(err))}`);
  }
  if (entries.length === 0) throw corrupt(fileName, 'the zip archive lists no files');
  const impossible = entries.find((e) => e.compressedSize > bytes.length || (e.method !== 0 && e.method !== 8));
  if (impossible) throw corrupt(fileName, `its zip directory is damaged (part "${impossible.name.slice(0, 80)}" is listed with an impossible size or method)`);
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



/** What a pass over a sheet's XML found: its valued cells and its farthest cell. */
export interface SheetExtent {
  /** Cells holding a value (<v> or inline string). */
  values: number;
  /** 1-based farthest row and column of a cell with content. */
  maxRow: number;
  maxCol: number;
  /** Inflated XML bytes. */
  xmlBytes: number;
}

/** Column letters (A, Z, AA, XFD) as a 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** Spreadsheet address of a 1-based row and column, e.g. XFD1048576. */
export function cellAddress(row: number, col: number): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** Bytes of the window kept across chunks, so a tag split between two chunks is still seen whole. */
const SCAN_OVERLAP = 512;

/**
 * Measures a sheet's XML as it inflates, without keeping it: counts valued cells and finds the
 * farthest cell with content (from each <c r="..."> that is not self-closing).
 */
class ExtentScanner {
  readonly extent: SheetExtent = { values: 0, maxRow: 0, maxCol: 0, xmlBytes: 0 };
  private carry = '';
  private readonly decoder = new TextDecoder('latin1');

  push(chunk: Uint8Array, final: boolean): void {
    this.extent.xmlBytes += chunk.length;
    const text = this.carry + this.decoder.decode(chunk, { stream: !final });
    // Only tags starting before `limit` are judged now; the rest waits for more bytes.
    const limit = final ? text.length : Math.max(0, text.length - SCAN_OVERLAP);
    const cell = /<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,4})(\d{1,8})"[^>]*?(\/?)>|<(?:\w+:)?(?:v|is)[\s>]/g;
    let m: RegExpExecArray | null;
    while ((m = cell.exec(text)) !== null && m.index < limit) {
      if (m[1] === undefined) {
        this.extent.values++;
        continue;
      }
      if (m[3] === '/') continue;
      const row = Number(m[2]);
      const col = columnNumber(m[1]);
      if (row > this.extent.maxRow) this.extent.maxRow = row;
      if (col > this.extent.maxCol) this.extent.maxCol = col;
    }
    const resume = m === null ? limit : m.index;
    this.carry = final ? '' : text.slice(Math.min(resume, limit));
  }
}

/** Parts of an archive: XML kept by name, and the extent of each worksheet scanned. */
interface Inflated {
  parts: Unzipped;
  extents: Map<string, SheetExtent>;
}

/**
 * Inflate an archive's XML parts with fflate's streaming Unzip, metering every byte as it comes
 * out: past the limit the inflation stops and the file is refused. `keep(name)` says which parts
 * to keep; worksheets not kept are only measured.
 */
function inflateParts(bytes: Uint8Array, fileName: string, options: WorkbookOptions, keep: (name: string) => boolean): Inflated {
  const maxBytes = options.maxUncompressedBytes ?? XLSX_LIMITS.maxUncompressedBytes;
  const maxRatio = options.maxCompressionRatio ?? XLSX_LIMITS.maxCompressionRatio;
  const ratioFloor = options.ratioFloorBytes ?? XLSX_LIMITS.ratioFloorBytes;
  const parts: Unzipped = {};
  const extents = new Map<string, SheetExtent>();
  let total = 0;
  let failure: ImportError | null = null;
  const unzip = new Unzip((file) => {
    const name = file.name;
    const xml = name.endsWith('.xml') || name.endsWith('.rels');
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name);
    const kept = xml && keep(name);
    if (!kept && !isSheet) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const scanner = isSheet ? new ExtentScanner() : null;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = corrupt(fileName, `part "${name}" is damaged${bracketed(libraryDetail(err))}`);
        return;
      }
      size += data.length;
      total += data.length;
      if (total > ratioFloor && total / bytes.length > maxRatio) {
        failure = new ImportError(
          `"${fileName}" is ${formatBytes(bytes.length)} but unpacks to more than ${formatBytes(total)} (measured while unpacking; spreadsheets are rarely over ${maxRatio} times their file size). It may be a "zip bomb" (a file built to exhaust memory) rather than a real workbook. If it is a genuine workbook, export the sheet as CSV and import that.`,
          fileName,
          'zip_bomb',
        );
        file.terminate();
        return;
      }
      if (total > maxBytes) {
        failure = new ImportError(
          `"${fileName}" unpacks to more than ${formatBytes(maxBytes)} (measured while unpacking, at part "${name}"), the limit for workbooks. It may be a "zip bomb" (a file built to exhaust memory) rather than a real workbook. If it is a genuine workbook, export the sheet as CSV and import that.`,
          fileName,
          'zip_bomb',
        );
        file.terminate();
        return;
      }
      scanner?.push(data, final);
      if (kept) chunks.push(data);
      if (final) {
        if (scanner) extents.set(name, scanner.extent);
        if (kept) parts[name] = joinChunks(chunks, size);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let o = 0; o < bytes.length && !failure; o += INFLATE_INPUT_CHUNK) {
      const end = Math.min(bytes.length, o + INFLATE_INPUT_CHUNK);
      unzip.push(bytes.subarray(o, end), end === bytes.length);
    }
  } catch (err) {
    if (!failure) failure = corrupt(fileName, `its zip data is damaged${bracketed(libraryDetail(err))}`);
  }
  if (failure) throw failure;
  return { parts, extents };
}

/** Workbook parts other than worksheets (workbook, relationships, shared strings, styles). */
const notWorksheet = (name: string) => !name.startsWith('xl/worksheets/');

/** Read the directory, check the declared sizes, then inflate (metered) all but the worksheets, measuring those. */
function unpack(bytes: Uint8Array, fileName: string, options: WorkbookOptions): Inflated {
  const entries = zipEntries(bytes, fileName);
  checkZipBomb(entries, bytes.length, fileName, options);
  return inflateParts(bytes, fileName, options, notWorksheet);
}

/** The sheet names of a workbook, in order (for the sheet picker). */
export function listSheets(bytes: Uint8Array, fileName: string, options: WorkbookOptions = {}): string[] {
  return sheetInfos(unpack(bytes, fileName, options).parts, fileName).map((s) => s.name);
}

/** The sheet holding the data: the one with the most values (the first among equals). */
function dataSheet(sheets: SheetInfo[], extents: Map<string, SheetExtent>): SheetInfo {
  let best = sheets[0];
  let bestValues = -1;
  for (const s of sheets) {
    const v = s.path ? (extents.get(s.path)?.values ?? 0) : 0;
    if (v > bestValues) {
      best = s;
      bestValues = v;
    }
  }
  return best;
}

/** Refuse a sheet whose extent is beyond the limits, naming its farthest cell and what to do. */
function checkExtent(extent: SheetExtent | undefined, sheet: string, fileName: string, options: WorkbookOptions): void {
  if (!extent) return;
  const maxCells = options.maxCells ?? XLSX_LIMITS.maxCells;
  const maxXml = options.maxSheetXmlBytes ?? XLSX_LIMITS.maxSheetXmlBytes;
  const far = cellAddress(extent.maxRow, extent.maxCol);
  const fix = `Delete the rows and columns beyond the data in Excel (or export the sheet as CSV) and import again.`;
  if (extent.maxCol > MAX_COLUMNS) {
    throw new ImportError(`Sheet "${sheet}" of "${fileName}" has a cell in column ${extent.maxCol.toLocaleString('en-GB')} (${far}), more than the ${MAX_COLUMNS.toLocaleString('en-GB')} columns the workbench reads. ${fix}`, fileName, 'too_many_columns');
  }
  if (extent.maxRow * extent.maxCol > maxCells) {
    throw new ImportError(`Sheet "${sheet}" of "${fileName}" spans ${extent.maxRow.toLocaleString('en-GB')} rows by ${extent.maxCol.toLocaleString('en-GB')} columns (to cell ${far}), more than the ${maxCells.toLocaleString('en-GB')} cells the workbench reads from a sheet. ${fix}`, fileName, 'too_many_cells');
  }
  if (extent.xmlBytes > maxXml) {
    throw new ImportError(`Sheet "${sheet}" of "${fileName}" unpacks to ${formatBytes(extent.xmlBytes)}, more than the ${formatBytes(maxXml)} the workbench reads from one sheet. Export the sheet as CSV and import that.`, fileName, 'too_large');
  }
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

/** Values counted in words for a note, e.g. "1 value", "4,000 values". */
function valuesInWords(n: number): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? 'value' : 'values'}`;
}

/**
 * Read one sheet of an .xlsx workbook as raw columns: the sheet asked for, else the one holding
 * the most values (named in a note with the others); the header row is found below any title
 * or blank rows (or given as options.headerRow).
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string, options: WorkbookOptions = {}): Promise<WorkbookTable> {
  const { parts, extents } = unpack(bytes, fileName, options);
  const sheets = sheetInfos(parts, fileName);
  const notes: string[] = [];
  let info: SheetInfo;
  if (options.sheet !== undefined) {
    const found = sheets.find((s) => s.name === options.sheet);
    if (!found) {
      throw new ImportError(
        `"${fileName}" has no sheet called "${options.sheet}". Its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}. Choose one of those.`,
        fileName,
        'sheet_not_found',
      );
    }
    info = found;
  } else {
    info = dataSheet(sheets, extents);
    if (sheets.length > 1) {
      const valuesOf = (s: SheetInfo) => (s.path ? (extents.get(s.path)?.values ?? 0) : 0);
      const others = sheets.filter((s) => s !== info).map((s) => `"${s.name}" (${valuesInWords(valuesOf(s))})`).join(', ');
      notes.push(`Read sheet "${info.name}" because it holds the most data (${valuesInWords(valuesOf(info))}); the other sheets are ${others}. To read another, choose it in the sheet list (--sheet in msvw).`);
    }
  }
  checkExtent(info.path ? extents.get(info.path) : undefined, info.name, fileName, options);
  checkpoint(options, fileName, 0, bytes.length);
  // Inflate the chosen sheet (metered again); every sheet when its part can't be resolved.
  const sheetParts = inflateParts(bytes, fileName, options, (name) => (info.path ? name === info.path : name.startsWith('xl/worksheets/'))).parts;
  const files: Unzipped = { ...parts, ...sheetParts };
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
    throw corrupt(fileName, `sheet "${info.name}" is damaged${bracketed(libraryDetail(err))}`);
  }
  checkpoint(options, fileName, 0, bytes.length);

  const isBlank = (row: unknown[]) => row.every((v) => cellText(v) === null || cellText(v)?.trim() === '');
  const where = `sheet "${info.name}"`;
  let headerIndex: number;
  let choice: HeaderChoice | null = null;
  if (options.headerRow !== undefined) {
    headerIndex = options.headerRow - 1;
    if (headerIndex >= rows.length || isBlank(rows[headerIndex])) {
      throw new ImportError(`Row ${options.headerRow} of ${where} in "${fileName}" is ${headerIndex >= rows.length ? 'past the last row' : 'blank'}, so it can't be the header. Give the row that holds the column names.`, fileName, 'bad_header_row', options.headerRow);
    }
  } else {
    choice = chooseHeaderRow(rows.slice(0, HEADER_SEARCH_ROWS).map((row) => row.map(cellText)));
    if (choice === null) {
      // Blank at the top: the first non-blank row further down is the header.
      headerIndex = rows.findIndex((row) => !isBlank(row));
      if (headerIndex < 0) {
        throw new ImportError(`Sheet "${info.name}" of "${fileName}" is empty: it has no header row and no data. Choose the sheet that holds the extract.`, fileName, 'empty');
      }
    } else headerIndex = choice.index;
  }
  const note = headerNote(where, headerIndex + 1, choice, options.headerRow !== undefined);
  if (note) notes.push(note);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const headerRow = rows[headerIndex];
  const { headers, duplicates } = dedupeHeaders(Array.from({ length: width }, (_v, c) => cellText(headerRow[c]) ?? ''));
  notes.push(...duplicates);
  const builders = headers.map(() => new ValueColumnBuilder(rows.length - headerIndex));
  const sourceRows: number[] = [];
  let blankRows = 0;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r];
    if (isBlank(row)) {
      blankRows++;
      continue;
    }
    for (let c = 0; c < width; c++) builders[c].add(cellText(row[c]));
    sourceRows.push(r + 1);
    checkpoint(options, fileName, sourceRows.length, bytes.length);
  }
  checkpoint(options, fileName, sourceRows.length, bytes.length, true);
  return {
    format: 'xlsx',
    sheet: info.name,
    sheets: sheets.map((s) => s.name),
    rowsRead: sourceRows.length + blankRows,
    rowCount: sourceRows.length,
    columns: builders.map((b, c) => b.build(headers[c])),
    sourceRows: Int32Array.from(sourceRows),
    readerErrors: [],
    ...(blankRows > 0 ? { readerExcluded: { [BLANK_ROW]: blankRows } } : {}),
    headerRow: headerIndex + 1,
    notes,
  };
}
