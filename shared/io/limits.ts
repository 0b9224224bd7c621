/**
 * The resource limits of an import, in one place: the core, the web build, Electron and the CLI
 * all read these, so a file is refused (or read) the same way everywhere. Each limit is checked
 * before anything sized by it is allocated, and a file beyond one is refused with one sentence
 * naming the limit and what to do.
 */

const MiB = 1024 ** 2;

/**
 * Largest file the workbench imports (400 MiB), in every build: web, desktop and CLI. Files are
 * streamed, never read whole (Electron passes them in bounded chunks, see MAX_FILE_CHUNK_BYTES),
 * so the limit is set by what an import holds at once, not by the transport: the columns built
 * from every row, their typed copy and the stored Arrow chunks, about 4 GiB for a 400 MiB extract
 * in a browser tab or worker. The same limit everywhere keeps the three in step.
 */
export const MAX_IMPORT_BYTES = 400 * MiB;

/**
 * Most bytes one readFileChunk call moves from Electron's main process to a window (4 MiB): small
 * enough that no IPC message comes near Electron's ~512 MiB ceiling (electron/electron#53961) and
 * that a window can never make main hold much of a file at once, large enough that IPC overhead
 * stays a few per cent of the read.
 */
export const MAX_FILE_CHUNK_BYTES = 4 * MiB;

/** Most columns in an extract: audit extracts have tens; a wider file is a mistake or an attack. */
export const MAX_COLUMNS = 2_000;

/**
 * Most cells (rows x columns) of a workbook sheet, Parquet or Arrow table, judged from its
 * extent or metadata before the cells are read: these readers hold every cell at once, at tens
 * of bytes each, so 50 million cells stay within a couple of GiB.
 */
export const MAX_CELLS = 50_000_000;

/** Most rows of a workbook sheet (Excel's own limit, 1,048,576). */
export const MAX_SHEET_ROWS = 1_048_576;

/** Largest header record of a text file (1 MiB): no real header is longer. */
export const MAX_HEADER_BYTES = MiB;

/**
 * Longest quoted value (16 MiB). A quote still open this far on is taken to be unterminated: its
 * row is reported and reading resumes on the next line, so one stray quote never swallows a file.
 */
export const MAX_QUOTED_VALUE_BYTES = 16 * MiB;

/**
 * Most bytes a compressed import (.xlsx parts, .csv.gz) may inflate to (1 GiB), counted as it
 * inflates rather than trusted from the archive's own directory, which a zip bomb can fake.
 */
export const MAX_INFLATED_BYTES = 1024 * MiB;

/**
 * Compressed bytes handed to a streaming inflater at a time: deflate expands at most ~1032:1
 * (RFC 1951's longest match per code), so one push inflates to at most ~16 MiB before the meter
 * sees it.
 */
export const INFLATE_INPUT_CHUNK = 16 * 1024;

/**
 * Largest XML of one workbook sheet (160 MiB inflated). The workbook library holds the whole sheet
 * at about 10 times its XML size (measured here: 153 MB of sheet XML, 1,040,000 rows x 4 columns,
 * read in 11 s at a 1.6 GB peak), so a larger sheet is refused before it is parsed; Excel's own
 * 1,048,576 rows of a narrow extract fit.
 */
export const MAX_SHEET_XML_BYTES = 160 * MiB;

/**
 * The one sentence that refuses a file over the size limit, naming the file, its size and the
 * limit, with what to do; the same words in the web build, the desktop app and the CLI.
 */
export function tooLargeMessage(fileName: string, size: number, maxBytes = MAX_IMPORT_BYTES): string {
  return `"${fileName}" is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} the workbench can read. Split the extract (for example by year or centre) or leave out columns you do not need, and import the parts.`;
}

/** Bytes as people read them, e.g. "1.5 GB", "400 MB", "12 KB". */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= MiB) return `${(n / MiB).toFixed(n >= 100 * MiB ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}
