/**
 * Notes a reader hands on beside its RawTable (duplicate headers renamed, encoding fallback,
 * formula cells without a saved value...), for the import report. The RawTable contract is
 * unchanged: readers return a RawTable that also carries `notes`.
 */
import type { RawTable } from '../raw-table';

/** A RawTable with the reader's notes for the person. */
export interface ReaderTable extends RawTable {
  notes: string[];
}

/** The notes a reader attached to a table (none when it attached none). */
export function readerNotes(table: RawTable): string[] {
  const notes = (table as Partial<ReaderTable>).notes;
  return Array.isArray(notes) ? notes : [];
}
