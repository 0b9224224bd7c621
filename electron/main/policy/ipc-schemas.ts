/**
 * The IPC contract of the desktop app, in one table keyed by the WorkbenchHost operation: its
 * invoke channel and the zod schema of its argument list (arguments arrive as the tuple passed
 * to ipcRenderer.invoke). The preload invokes through it, main validates every payload against
 * it before acting, and the types make a missing operation, or a schema that does not accept
 * what WorkbenchHost sends, a compile error.
 */
import { z } from 'zod';
import type { HostOperation, WorkbenchHost } from '../../../shared/host/workbench-host';
import {
  FILE_TOKEN_PATTERN,
  MAX_CHUNK_BYTES,
  MAX_DIALOG_TITLE,
  MAX_OPEN_FILE_BYTES,
  MAX_OPEN_EXTENSIONS,
  MAX_SAVE_BYTES,
  MAX_SAVED_NAME_LENGTH,
  MAX_SUGGESTED_NAME_INPUT,
} from './ipc-limits';

/** Extensions an export may be saved with: the formats the workbench writes, nothing executable. */
export const SAVE_EXTENSIONS: ReadonlySet<string> = new Set([
  'csv', 'tsv', 'xlsx', 'json', 'svg', 'png', 'pdf', 'html', 'txt', 'md', 'zip', 'parquet', 'arrow',
]);

/** Windows device names that cannot be file names, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** Control characters, Windows-reserved punctuation, and invisible bidi / zero-width marks. */
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f<>:"|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A safe file name to offer in the Save dialog, from the renderer's suggestion: no folders, no
 * leading dots, no reserved or invisible characters, an allowed extension; null when the
 * extension is not one the workbench exports.
 */
export function sanitiseSuggestedName(suggested: string): string | null {
  const lastSeparator = Math.max(suggested.lastIndexOf('/'), suggested.lastIndexOf('\\'));
  const cleaned = suggested
    .normalize('NFC')
    .slice(lastSeparator + 1)
    .replace(UNSAFE_NAME_CHARS, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  const dot = cleaned.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = cleaned.slice(dot + 1).toLowerCase();
  if (!SAVE_EXTENSIONS.has(extension)) return null;
  let base = cleaned.slice(0, dot).replace(/[\s.]+$/, '');
  if (base === '') base = 'export';
  if (WINDOWS_RESERVED.test(base.split('.')[0])) base = `_${base}`;
  const maxBase = MAX_SAVED_NAME_LENGTH - extension.length - 1;
  return `${base.slice(0, maxBase).replace(/[\s.]+$/, '') || 'export'}.${extension}`;
}

/** Printable text of bounded length (no control characters). */
// eslint-disable-next-line no-control-regex
const printable = (max: number) => z.string().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]+$/, 'must not contain control characters');

/** openFiles(request): a dialog title, a short list of plain extensions, single or multiple. */
export const openFilesRequestSchema = z.strictObject({
  title: printable(MAX_DIALOG_TITLE),
  extensions: z.array(z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'extensions are letters and digits, without the dot')).min(1).max(MAX_OPEN_EXTENSIONS),
  multiple: z.boolean(),
});

/** saveFile(request): a sanitised name, a MIME type, and bytes or text under the size limit. */
export const saveFileRequestSchema = z.strictObject({
  suggestedName: z
    .string()
    .min(1)
    .max(MAX_SUGGESTED_NAME_INPUT)
    .transform((name, ctx) => {
      const safe = sanitiseSuggestedName(name);
      if (safe === null) {
        ctx.addIssue({ code: 'custom', message: `the file type is not one the workbench exports (${[...SAVE_EXTENSIONS].join(', ')})` });
        return z.NEVER;
      }
      return safe;
    }),
  mimeType: z.string().max(255).regex(/^[\w.+-]+\/[\w.+-]+(;\s*charset=[\w-]+)?$/i, 'must be a MIME type such as text/csv'),
  data: z.union([
    // Any Uint8Array view, as SaveFileRequest declares (z.instanceof would narrow it to ArrayBuffer-backed ones).
    z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be bytes or text').refine((bytes) => bytes.byteLength <= MAX_SAVE_BYTES, 'the export is too large to save in one go'),
    z.string().max(MAX_SAVE_BYTES, 'the export is too large to save in one go'),
  ]),
});

/** savePdf(request): a sanitised name ending in .pdf (added when missing). */
export const savePdfRequestSchema = z.strictObject({
  suggestedName: z
    .string()
    .min(1)
    .max(MAX_SUGGESTED_NAME_INPUT)
    .transform((name, ctx) => {
      const withExtension = /\.[A-Za-z0-9]{1,8}$/.test(name.trim()) ? name : `${name.trim()}.pdf`;
      const safe = sanitiseSuggestedName(withExtension);
      if (safe === null || !safe.toLowerCase().endsWith('.pdf')) {
        ctx.addIssue({ code: 'custom', message: 'a PDF must be saved with the .pdf extension' });
        return z.NEVER;
      }
      return safe;
    }),
});

/**
 * readFileChunk(request): a token as openFiles issues them, an offset within the import limit and
 * a length of 1 byte to MAX_CHUNK_BYTES (whether the token is this window's, and the offset within
 * its file, main checks next).
 */
export const fileChunkRequestSchema = z.strictObject({
  token: z.string().regex(FILE_TOKEN_PATTERN, 'the file token is not one the workbench issued'),
  offset: z.number().int('the offset must be a whole number of bytes').min(0, 'the offset must not be negative').max(MAX_OPEN_FILE_BYTES, 'the offset is past the largest file the workbench reads'),
  length: z.number().int('the length must be a whole number of bytes').min(1, 'the length must be at least 1 byte').max(MAX_CHUNK_BYTES, `at most ${MAX_CHUNK_BYTES} bytes are read at a time`),
});

/** No arguments at all. */
const noArguments = z.tuple([]);

/** One row of the contract: the invoke channel and the schema of the argument list. */
interface IpcEntry {
  channel: `workbench:${string}`;
  args: z.ZodType;
}

/** The IPC contract: every WorkbenchHost operation, its channel and its argument schema. */
export const HOST_IPC = {
  openFiles: { channel: 'workbench:open-files', args: z.tuple([openFilesRequestSchema]) },
  readFileChunk: { channel: 'workbench:read-file-chunk', args: z.tuple([fileChunkRequestSchema]) },
  saveFile: { channel: 'workbench:save-file', args: z.tuple([saveFileRequestSchema]) },
  savePdf: { channel: 'workbench:save-pdf', args: z.tuple([savePdfRequestSchema]) },
  print: { channel: 'workbench:print', args: noArguments },
  info: { channel: 'workbench:info', args: noArguments },
} as const satisfies { [K in HostOperation]: IpcEntry };

/** Validated arguments of an operation, as main receives them (names already sanitised). */
export type InvokeArguments<K extends HostOperation> = z.output<(typeof HOST_IPC)[K]['args']>;

// Compile-time guard: each schema accepts exactly the arguments WorkbenchHost declares, so the
// contract cannot drift from the interface the page is written against.
type Drifted = {
  [K in HostOperation]: [Parameters<WorkbenchHost[K]>] extends [z.input<(typeof HOST_IPC)[K]['args']>]
    ? [z.input<(typeof HOST_IPC)[K]['args']>] extends [Parameters<WorkbenchHost[K]>] ? never : K
    : K;
}[HostOperation];
const _schemasMatchTheContract: [Drifted] extends [never] ? true : Drifted = true;

/** Result of checking one IPC call's arguments. */
export type ArgumentCheck<K extends HostOperation> =
  | { ok: true; args: InvokeArguments<K> }
  | { ok: false; message: string };

/** Validate the arguments of one invoke call; the message says what was wrong, for a plain error. */
export function checkInvokeArguments<K extends HostOperation>(operation: K, args: unknown[]): ArgumentCheck<K> {
  const { channel, args: schema } = HOST_IPC[operation];
  const result = schema.safeParse(args);
  if (result.success) return { ok: true, args: result.data as InvokeArguments<K> };
  const details = result.error.issues
    .map((issue) => (issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  return { ok: false, message: `The workbench refused a ${channel} request: ${details}.` };
}
