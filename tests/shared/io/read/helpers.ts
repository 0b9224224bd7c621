/** Test helpers for raw tables. */
import type { RawTable } from '../../../../shared/io/raw-table';

/** Every accepted row as plain values (null for empty). */
export function rowsOf(t: RawTable): (string | null)[][] {
  const out: (string | null)[][] = [];
  for (let r = 0; r < t.rowCount; r++) out.push(t.columns.map((c) => (c.codes[r] < 0 ? null : c.dictionary[c.codes[r]])));
  return out;
}

/** Header names. */
export function headersOf(t: RawTable): string[] {
  return t.columns.map((c) => c.header);
}

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** UTF-16 bytes of a string, little or big endian, with an optional byte order mark. */
export function utf16(s: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (u: number) => {
    if (endian === 'le') {
      out[o++] = u & 0xff;
      out[o++] = u >> 8;
    } else {
      out[o++] = u >> 8;
      out[o++] = u & 0xff;
    }
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
  return out;
}

export { seeded } from '../../../helpers/seeded';
