/**
 * Arrow IPC reader (file or stream format) on @uwdata/flechette. Dates and timestamps become
 * ISO text so typing reads them like any other extract. Correctness over speed.
 */
import { tableFromIPC, Type, type Table } from '@uwdata/flechette';
import { bracketed, ImportError, libraryDetail } from '../import-result';
import type { ReadOptions } from '../raw-table';
import type { ReaderTable } from './notes';
import { checkTableSize, isoFromMillis, tableFromColumns, textOfValue } from './columns';

/** Read an Arrow IPC file or stream as raw columns. */
export function readArrow(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): ReaderTable {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (err) {
    throw new ImportError(
      `"${fileName}" could not be read as an Arrow file: it is damaged or cut short${bracketed(libraryDetail(err))}. Export it again (or as CSV) and import that.`,
      fileName,
      'corrupt_arrow',
    );
  }
  const fields = table.schema.fields;
  checkTableSize('Arrow', fileName, fields.length, table.numRows);
  const columns = fields.map((_f, c) => table.getChildAt(c));
  const isTime = fields.map((f) => {
    const t = f.type.typeId === Type.Dictionary ? (f.type as { dictionary: { typeId: number } }).dictionary.typeId : f.type.typeId;
    return t === Type.Date || t === Type.Timestamp;
  });
  return tableFromColumns(
    'arrow',
    fields.map((f) => f.name),
    table.numRows,
    (c, r) => {
      const v: unknown = columns[c].at(r);
      if (isTime[c] && typeof v === 'number') return isoFromMillis(v);
      return textOfValue(v);
    },
    fileName,
    options,
    bytes.length,
  );
}
