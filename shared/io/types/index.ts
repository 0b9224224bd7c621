/** Cell typing for raw columns: dates, numbers, kind inference and category normalisation. */
export { parseDate, inferDateOrder, daysFromExcelSerial, expandYear, defaultPivotYear, EXCEL_SERIAL_MIN, EXCEL_SERIAL_MAX, SERIAL_LIKE_MIN, SERIAL_LIKE_MAX } from './dates';
export type { DateOrder, DateOrderGuess, DateParseOptions } from './dates';
export { parseNumber, isMissingToken, MISSING_TOKENS } from './numbers';
export type { NumberParseOptions } from './numbers';
export { inferColumnKind, typeColumn, typeTable, headerSuggestsDate, KIND_SHARE, INFER_SAMPLE_LIMIT } from './infer';
export type { TypeOptions, TypedColumn } from './infer';
export { normaliseCategory, normaliseCentreCode, normaliseTextColumn, categoryValues, CATEGORY_FIELDS } from './categories';
export type { NormalisedColumn } from './categories';
