/**
 * Import off the UI thread: read the file, propose a mapping, then (once the person confirms)
 * type, validate, guard identifiers and store. Cancelling terminates this worker; the store
 * writes a dataset in one transaction, so a cancelled import leaves nothing behind.
 */
import { readTabular } from '../../../shared/io/read';
import { importExtract, prepareImport } from '../../../shared/io/pipeline';
import { ImportError } from '../../../shared/io/import-result';
import type { RawTable } from '../../../shared/io/raw-table';
import { sha256Hex } from '../../../shared/data/hash';
import { getOrCreatePseudonymKey, saveDataset, rememberMapping } from '../store/datasets';
import { headerSignature } from '../../../shared/io/mapping';
import type { FromImportWorker, ToImportWorker } from './import-protocol';

const scope = self as unknown as { onmessage: ((e: MessageEvent<ToImportWorker>) => void) | null; postMessage: (m: FromImportWorker) => void };
const post = (message: FromImportWorker) => scope.postMessage(message);

let pending: { raw: RawTable; bytes: Uint8Array; fileName: string; fileSize: number; sha256: string } | null = null;

/** Read (a sheet of) the file and tell the page what the mapping screen needs. */
async function readAndPrepare(bytes: Uint8Array, fileName: string, fileSize: number, sha256: string, sheet?: string, headerRow?: number): Promise<void> {
  const raw = await readTabular(bytes, fileName, {
    sheet,
    headerRow,
    onProgress: (progress) => post({ type: 'progress', stage: 'reading', progress }),
  });
  pending = { raw, bytes, fileName, fileSize, sha256 };
  post({ type: 'prepared', preparation: prepareImport(raw), sheets: raw.sheets ?? [], sheet: raw.sheet, format: raw.format });
}

function fail(err: unknown): void {
  if (err instanceof ImportError) post({ type: 'failed', message: err.message, code: err.code });
  else post({ type: 'failed', code: 'unexpected', message: `The import stopped unexpectedly: ${err instanceof Error ? err.message : String(err)}. Nothing was stored.` });
}

scope.onmessage = async (event: MessageEvent<ToImportWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'read') {
      const sha256 = await sha256Hex(message.bytes);
      await readAndPrepare(message.bytes, message.fileName, message.fileSize, sha256, message.sheet);
    } else if (message.type === 'read-sheet') {
      if (!pending) throw new ImportError('There is no workbook open to read another sheet from. Open the file again.', '', 'no_pending');
      const { bytes, fileName, fileSize, sha256 } = pending;
      await readAndPrepare(bytes, fileName, fileSize, sha256, message.sheet ?? pending.raw.sheet, message.headerRow);
    } else if (message.type === 'import') {
      if (!pending) throw new ImportError('There is no file waiting to be imported. Open the file again.', '', 'no_pending');
      const { raw, fileName, fileSize, sha256 } = pending;
      post({ type: 'progress', stage: 'typing', progress: { bytesRead: fileSize, bytesTotal: fileSize, rows: raw.rowsRead } });
      const result = await importExtract(raw, fileName, {
        mapping: message.choices.mapping,
        dateOrders: message.choices.dateOrders,
        identifierActions: message.choices.identifierActions,
        pseudonymKey: await getOrCreatePseudonymKey(),
      });
      post({ type: 'progress', stage: 'storing', progress: { bytesRead: fileSize, bytesTotal: fileSize, rows: result.table.rowCount } });
      await rememberMapping(headerSignature(raw.columns.map((c) => c.header)), message.choices.mapping);
      const meta = await saveDataset(result, { fileName, fileSize, sha256 });
      const { table: _table, ...summary } = result;
      pending = null;
      post({ type: 'stored', meta, result: summary });
    }
  } catch (err) {
    fail(err);
  }
};
