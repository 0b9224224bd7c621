/**
 * Header records of a delimited file: splitting one record slowly into field bytes (the header,
 * and the records examined to find it below title rows), and making header names unique.
 */
import { MAX_COLUMNS, MAX_HEADER_BYTES } from '../limits';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/**
 * Unique header names: blank headers become "column_N" (N = 1-based position) and a repeated
 * header gets "_2", "_3"... Returns the names and a note for each duplicate, for the import report.
 */
export function dedupeHeaders(headers: string[]): { headers: string[]; duplicates: string[] } {
  const named = headers.map((h, i) => (h.trim() === '' ? `column_${i + 1}` : h.trim()));
  const used = new Set(named);
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const out = named.map((h) => {
    if (!seen.has(h)) {
      seen.add(h);
      return h;
    }
    let k = 2;
    while (used.has(`${h}_${k}`)) k++;
    const renamed = `${h}_${k}`;
    used.add(renamed);
    duplicates.push(`Column "${h}" appears more than once; the repeat was kept as "${renamed}".`);
    return renamed;
  });
  return { headers: out, duplicates };
}

/** Result of splitting one record slowly (used for the header). */
export interface SplitRecord {
  status: 'ok' | 'incomplete' | 'unterminated' | 'too_wide' | 'too_long';
  fields: Uint8Array[];
  next: number;
  lines: number;
}

/** Split one record starting at i into field byte copies (quotes removed, unquoted fields trimmed). */
export function splitRecord(buf: Uint8Array, start: number, n0: number, delim: number, final0: boolean, maxFields = MAX_COLUMNS, maxBytes = MAX_HEADER_BYTES): SplitRecord {
  const fields: Uint8Array[] = [];
  // Never look further than maxBytes: a longer record is refused, not copied.
  const n = Math.min(n0, start + maxBytes + 1);
  const final = final0 && n === n0;
  let i = start;
  let lines = 0;
  for (;;) {
    if (fields.length >= maxFields) return { status: 'too_wide', fields, next: i, lines };
    if (i - start > maxBytes) return { status: 'too_long', fields, next: i, lines };
    while (i < n && buf[i] === SPACE) i++;
    const bytes: number[] = [];
    if (i < n && buf[i] === QUOTE) {
      i++;
      for (;;) {
        if (i >= n) return { status: final ? 'unterminated' : 'incomplete', fields, next: n, lines };
        const c = buf[i];
        if (c === QUOTE) {
          if (i + 1 < n && buf[i + 1] === QUOTE) {
            bytes.push(QUOTE);
            i += 2;
            continue;
          }
          if (i + 1 >= n && !final) return { status: 'incomplete', fields, next: n, lines };
          i++;
          break;
        }
        if (c === LF || (c === CR && !(i + 1 < n && buf[i + 1] === LF))) lines++;
        bytes.push(c);
        i++;
      }
      while (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) bytes.push(buf[i++]);
    } else {
      while (i < n && buf[i] !== delim && buf[i] !== LF && buf[i] !== CR) bytes.push(buf[i++]);
      while (bytes.length > 0 && bytes[bytes.length - 1] === SPACE) bytes.pop();
    }
    fields.push(Uint8Array.from(bytes));
    if (i >= n) {
      if (!final) return { status: 'incomplete', fields, next: n, lines };
      return { status: 'ok', fields, next: n, lines: lines + 1 };
    }
    if (buf[i] === delim) {
      i++;
      continue;
    }
    if (buf[i] === CR) {
      if (i + 1 >= n && !final) return { status: 'incomplete', fields, next: n, lines };
      i += i + 1 < n && buf[i + 1] === LF ? 2 : 1;
    } else i++;
    return { status: 'ok', fields, next: i, lines: lines + 1 };
  }
}
