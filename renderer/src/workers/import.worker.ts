/**
 * Import off the UI thread: read the file, propose a mapping, then (once the person confirms)
 * type, validate, guard identifiers and store. Cancelling terminates this worker; the store
 * writes a dataset in one transaction, so a cancelled import leaves nothing behind. Its handlers
 * are checked against ImportApi (import-protocol.ts), the same interface the page calls.
 */
import { readTabular } from '../../../shared/io/read';
import { importExtract, prepareImport } from '../../../shared/io/pipeline';
import { ImportError } from '../../../shared/io/import-result';
import type { RawTable } from '../../../shared/io/raw-table';
import { sha256Hex } from '../../../shared/data/hash';
import { getOrCreatePseudonymKey, saveDataset, rememberMapping } from '../store/datasets';
import { headerSignature } from '../../../shared/io/mapping';
import { importRpc, type ImportPrepared, type ImportProgress } from './import-protocol';
import type { RpcContext } from './rpc';

let pending: { raw: RawTable; bytes: Uint8Array; fileName: string; fileSize: number; sha256: string } | null = null;

/** Read (a sheet of) the file and tell the page what the mapping screen needs. */
async function readAndPrepare(bytes: Uint8Array, fileName: string, fileSize: number, sha256: string, sheet: string | undefined, headerRow: number | undefined, context: RpcContext<ImportProgress>): Promise<ImportPrepared> {
  const raw = await readTabular(bytes, fileName, {
    sheet,
    headerRow,
    onProgress: (progress) => context.progress({ stage: 'reading', progress }),
  });
  pending = { raw, bytes, fileName, fileSize, sha256 };
  return { preparation: prepareImport(raw), sheets: raw.sheets ?? [], sheet: raw.sheet, format: raw.format };
}

/** Anything that is not an ImportError still reaches the page as one plain, coded failure. */
function asImportError(err: unknown): ImportError {
  if (err instanceof ImportError) return err;
  return new ImportError(`The import stopped unexpectedly: ${err instanceof Error ? err.message : String(err)}. Nothing was stored.`, '', 'unexpected');
}

importRpc.serve({
  async read({ fileName, fileSize, bytes, sheet }, context) {
    try {
      return await readAndPrepare(bytes, fileName, fileSize, await sha256Hex(bytes), sheet, undefined, context);
    } catch (err) {
      throw asImportError(err);
    }
  },
  async readSheet({ sheet, headerRow }, context) {
    try {
      if (!pending) throw new ImportError('There is no workbook open to read another sheet from. Open the file again.', '', 'no_pending');
      const { bytes, fileName, fileSize, sha256 } = pending;
      return await readAndPrepare(bytes, fileName, fileSize, sha256, sheet ?? pending.raw.sheet, headerRow, context);
    } catch (err) {
      throw asImportError(err);
    }
  },
  async import({ choices }, context) {
    try {
      if (!pending) throw new ImportError('There is no file waiting to be imported. Open the file again.', '', 'no_pending');
      const { raw, fileName, fileSize, sha256 } = pending;
      context.progress({ stage: 'typing', progress: { bytesRead: fileSize, bytesTotal: fileSize, rows: raw.rowsRead } });
      const result = await importExtract(raw, fileName, {
        mapping: choices.mapping,
        dateOrders: choices.dateOrders,
        identifierActions: choices.identifierActions,
        pseudonymKey: await getOrCreatePseudonymKey(),
      });
      context.progress({ stage: 'storing', progress: { bytesRead: fileSize, bytesTotal: fileSize, rows: result.table.rowCount } });
      await rememberMapping(headerSignature(raw.columns.map((c) => c.header)), choices.mapping);
      const meta = await saveDataset(result, { fileName, fileSize, sha256 });
      const { table: _table, ...summary } = result;
      pending = null;
      return { meta, result: summary };
    } catch (err) {
      throw asImportError(err);
    }
  },
});
