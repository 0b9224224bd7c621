/**
 * Import off the UI thread: stream the file in, propose a mapping, then (once the person confirms)
 * type, validate, guard identifiers and store. Cancelling terminates this worker; the store
 * writes a dataset in one transaction, so a cancelled import leaves nothing behind. Its handlers
 * are checked against ImportApi (import-protocol.ts), the same interface the page calls.
 *
 * The worker never holds the file's bytes between calls: each read streams the source the page
 * gives it (import-read.ts), and another sheet or header row is read from a fresh source.
 */
import { importExtract, prepareImport } from '../../../shared/io/pipeline';
import { ImportError } from '../../../shared/io/import-result';
import type { RawTable } from '../../../shared/io/raw-table';
import { getOrCreatePseudonymKey, saveDataset, rememberMapping } from '../store/datasets';
import { headerSignature } from '../../../shared/io/mapping';
import { importRpc, type ImportFile, type ImportPrepared, type ImportProgress, type ImportSource } from './import-protocol';
import { readSource, streamOf } from './import-read';
import type { RpcContext } from './rpc';

/** The file read last: its table, facts and fingerprint, waiting for the person's choices. */
let pending: { raw: RawTable; file: ImportFile; sha256: string } | null = null;

/** Read (a sheet of) the file from `source` and tell the page what the mapping screen needs. */
async function readAndPrepare(file: ImportFile, source: ImportSource, sheet: string | undefined, headerRow: number | undefined, context: RpcContext<ImportProgress>, expectedSha256?: string): Promise<ImportPrepared> {
  const { raw, sha256 } = await readSource(streamOf(source), file, { sheet, headerRow }, (progress) => context.progress({ stage: 'reading', progress }));
  if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
    throw new ImportError(`"${file.name}" has changed since it was first read. Open the file again.`, file.name, 'changed');
  }
  pending = { raw, file, sha256 };
  return { preparation: prepareImport(raw), sheets: raw.sheets ?? [], sheet: raw.sheet, format: raw.format };
}

/** Anything that is not an ImportError still reaches the page as one plain, coded failure. */
function asImportError(err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  return new ImportError(`The import stopped unexpectedly: ${err instanceof Error ? err.message : String(err)}. Nothing was stored.`, '', 'unexpected');
}

importRpc.serve({
  async read({ file, source, sheet }, context) {
    try {
      pending = null;
      return await readAndPrepare({ name: file.name, size: file.size }, source, sheet, undefined, context);
    } catch (err) {
      throw asImportError(err);
    }
  },
  async readSheet({ source, sheet, headerRow }, context) {
    try {
      if (!pending) throw new ImportError('There is no workbook open to read another sheet from. Open the file again.', '', 'no_pending');
      const { file, sha256, raw } = pending;
      return await readAndPrepare(file, source, sheet ?? raw.sheet, headerRow, context, sha256);
    } catch (err) {
      throw asImportError(err);
    }
  },
  async import({ choices }, context) {
    try {
      if (!pending) throw new ImportError('There is no file waiting to be imported. Open the file again.', '', 'no_pending');
      const { raw, file, sha256 } = pending;
      context.progress({ stage: 'typing', progress: { bytesRead: file.size, bytesTotal: file.size, rows: raw.rowsRead } });
      const result = await importExtract(raw, file.name, {
        mapping: choices.mapping,
        dateOrders: choices.dateOrders,
        identifierActions: choices.identifierActions,
        pseudonymKey: await getOrCreatePseudonymKey(),
      });
      context.progress({ stage: 'storing', progress: { bytesRead: file.size, bytesTotal: file.size, rows: result.table.rowCount } });
      await rememberMapping(headerSignature(raw.columns.map((c) => c.header)), choices.mapping);
      const meta = await saveDataset(result, { fileName: file.name, fileSize: file.size, sha256 });
      const { table: _table, ...summary } = result;
      pending = null;
      return { meta, result: summary };
    } catch (err) {
      throw asImportError(err);
    }
  },
});
