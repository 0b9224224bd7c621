/**
 * A plain series file (one value per period, optionally per group), e.g. a monthly median wait
 * exported from another system, as a small ColumnarTable for spcFromColumns. It is not a patient
 * extract, so it skips the extract mapping: the value column must hold numbers, the period column
 * "yyyy-mm", "yyyy-Qn" or dates (ISO, UK dd/mm/yyyy, d-MMM-yy).
 */
import type { Column, ColumnarTable } from '../data/table';
import type { RawColumn, RawTable } from '../io/raw-table';
import { parseDate } from '../io/types/dates';
import { parseNumber } from '../io/types/numbers';
import { MeasureError } from './filter';

/** Periods written as months or quarters, kept as text (they sort as text). */
const PERIOD_TEXT = /^\d{4}-(?:\d{2}|Q[1-4])$/i;

/** The raw column with this header (case-insensitive), or a MeasureError listing the headers. */
function rawColumn(raw: RawTable, header: string, what: string): RawColumn {
  const column = raw.columns.find((c) => c.header.trim().toLowerCase() === header.trim().toLowerCase());
  if (!column) {
    throw new MeasureError(`No column "${header}" for ${what}; the file's columns are: ${raw.columns.map((c) => c.header).join(', ')}.`, header);
  }
  return column;
}

/** A plain series file as a table with the value (number), period (text or date) and group (text) columns. */
export function plainSeriesTable(raw: RawTable, valueField: string, periodField: string, by: string | null): ColumnarTable {
  const value = rawColumn(raw, valueField, 'the values (--value)');
  const period = rawColumn(raw, periodField, 'the periods (--period)');
  const rowLabel = (i: number): number => raw.sourceRows[i] ?? i + 2;
  const numbers = new Float64Array(raw.rowCount);
  for (let i = 0; i < raw.rowCount; i++) {
    const code = value.codes[i];
    const v = code < 0 ? Number.NaN : parseNumber(value.dictionary[code]);
    if (!Number.isFinite(v)) {
      throw new MeasureError(`Row ${rowLabel(i)}, column "${value.header}": "${code < 0 ? '' : value.dictionary[code]}" is not a number; fix or remove the row.`, value.header);
    }
    numbers[i] = v;
  }
  const columns: Column[] = [{ kind: 'number', name: valueField, values: numbers }];
  const present = period.dictionary.filter((d) => d.trim() !== '');
  if (present.every((d) => PERIOD_TEXT.test(d.trim()))) {
    columns.push({ kind: 'text', name: periodField, codes: period.codes, dictionary: period.dictionary.map((d) => d.trim().toUpperCase()) });
  } else {
    const days = period.dictionary.map((d) => parseDate(d, { order: 'dmy' }));
    const bad = days.findIndex((d, k) => Number.isNaN(d) && period.dictionary[k].trim() !== '');
    if (bad >= 0) {
      throw new MeasureError(`Column "${period.header}": "${period.dictionary[bad]}" is not a period; write periods as yyyy-mm, yyyy-Qn or dates (yyyy-mm-dd or dd/mm/yyyy).`, period.header);
    }
    const values = new Float64Array(raw.rowCount);
    for (let i = 0; i < raw.rowCount; i++) values[i] = period.codes[i] < 0 ? Number.NaN : days[period.codes[i]];
    columns.push({ kind: 'date', name: periodField, values });
  }
  if (by !== null) {
    const group = rawColumn(raw, by, 'the groups (--by)');
    columns.push({ kind: 'text', name: by, codes: group.codes, dictionary: group.dictionary });
  }
  return { rowCount: raw.rowCount, columns };
}
