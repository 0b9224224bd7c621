import { describe, expect, it } from 'vitest';
import { FieldMode, FieldScanner, PLACEHOLDER_VALUE, ScanFallback, type FieldModeCode } from '../../../../shared/io/read/field-scan';
import { readDelimited } from '../../../../shared/io/read/delimited';
import { daysFromIso } from '../../../../shared/data/table';
import { seeded as prng } from '../../../helpers/seeded';

const enc = new TextEncoder();
const RUN_DATE = daysFromIso('2026-12-01');


const WORDS = ['RTH', 'rth ', 'a', 'NA', '2024-03-01', '2024-13-01', '01/02/2024', 'x"y', 'Female', '42', '3.5', '-', 'P12ab'];

/** A random CSV the full reader accepts without row errors: quotes (with "" and line breaks inside), CRLF/LF/CR, blank lines, spaces. */
function randomCsv(rand: () => number, columns: number, rows: number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const header = Array.from({ length: columns }, (_, c) => `col${c}`).join(',');
  const eols = ['\n', '\r\n', '\r'];
  let out = header + pick(eols);
  for (let r = 0; r < rows; r++) {
    if (rand() < 0.05) out += pick(eols); // a blank line
    const cells: string[] = [];
    for (let c = 0; c < columns; c++) {
      const x = rand();
      let v: string;
      if (x < 0.15) v = '';
      else if (x < 0.3) v = `"${pick(WORDS).replace(/"/g, '""')}${rand() < 0.3 ? pick(['\n', '\r\n', ',', ' ']) : ''}${rand() < 0.3 ? '""' : ''}"`;
      else v = pick(WORDS);
      if (rand() < 0.1) v = ` ${v}`;
      if (rand() < 0.1 && !v.startsWith('"') && !v.startsWith(' "')) v = `${v}  `;
      cells.push(v);
    }
    // A row of empty values only would be a blank line for both readers: keep one value.
    if (cells.every((v) => v.trim() === '' || v.trim() === '""')) cells[0] = 'a';
    out += cells.join(',') + (r < rows - 1 || rand() < 0.5 ? pick(eols) : '');
  }
  return out;
}

/** Scan bytes in chunks at the given cut points, as the CLI does (the unconsumed tail moves to the front). */
function scanInChunks(bytes: Uint8Array, modes: FieldModeCode[], cuts: number[], bodyStart: number): FieldScanner {
  const scanner = new FieldScanner({ delimiter: 44, columnCount: modes.length, modes, headers: modes.map((_, c) => `col${c}`), firstLine: 2, runDate: RUN_DATE });
  let carry = new Uint8Array(0);
  const points = [...cuts.filter((c) => c > bodyStart && c < bytes.length).sort((a, b) => a - b), bytes.length];
  let from = bodyStart;
  for (const to of points) {
    const final = to === bytes.length;
    const buf = new Uint8Array(carry.length + (to - from));
    buf.set(carry, 0);
    buf.set(bytes.subarray(from, to), carry.length);
    const consumed = scanner.push(buf, 0, buf.length, final);
    carry = buf.slice(consumed);
    from = to;
  }
  expect(carry.length).toBe(0);
  return scanner;
}

/** Offset after the header line (the generated headers have no quotes). */
function bodyStartOf(text: string): number {
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m.index + m[0].length : text.length;
}

describe('FieldScanner reads kept columns exactly as the full reader does', () => {
  it('over random files with quotes, doubled quotes, CRLF and line breaks inside quotes, at random chunk splits', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rand = prng(seed);
      const columns = 1 + Math.floor(rand() * 5);
      const text = randomCsv(rand, columns, 1 + Math.floor(rand() * 40));
      const bytes = enc.encode(text);
      const full = await readDelimited(bytes, 'f.csv', { delimiter: ',' });
      expect(full.readerErrors).toEqual([]);
      const cuts = Array.from({ length: Math.floor(rand() * 8) }, () => Math.floor(rand() * bytes.length));
      // Cut right inside CRLF pairs and doubled quotes too.
      for (let i = 1; i < bytes.length; i++) if ((bytes[i - 1] === 13 && bytes[i] === 10) || (bytes[i - 1] === 34 && bytes[i] === 34)) if (rand() < 0.3) cuts.push(i);
      const modes = Array.from({ length: columns }, () => FieldMode.CODES as FieldModeCode);
      const scanner = scanInChunks(bytes, modes, cuts, bodyStartOf(text));
      expect(scanner.rowCount, `seed ${seed}`).toBe(full.rowCount);
      const scanned = scanner.columns();
      scanned.forEach((c, k) => {
        expect(c.dictionary, `seed ${seed} column ${k}`).toEqual(full.columns[k].dictionary);
        expect([...(c.codes ?? [])], `seed ${seed} column ${k}`).toEqual([...full.columns[k].codes]);
      });
      expect([...scanner.rowLines()], `seed ${seed}`).toEqual([...full.sourceRows]);
    }
  });

  it('gives a KEYS column equal codes for equal values and never decodes a long value', async () => {
    const text = 'id,x\nP1234567,1\n  NA ,2\nP7654321,3\nP1234567,4\n"P1234567",5\n,6\nA-very-long-patient-id-1,7\nA-very-long-patient-id-1,8\n';
    const bytes = enc.encode(text);
    const full = await readDelimited(bytes, 'f.csv', { delimiter: ',' });
    const scanner = scanInChunks(bytes, [FieldMode.KEYS, FieldMode.SKIP], [15, 40], bodyStartOf(text));
    const [keys] = scanner.columns();
    const fullCodes = [...full.columns[0].codes];
    const codes = [...(keys.codes ?? [])];
    // Same partition of rows into equal values, and the same missing rows.
    for (let a = 0; a < codes.length; a++) {
      for (let b = 0; b < codes.length; b++) expect(codes[a] === codes[b], `rows ${a} ${b}`).toBe(fullCodes[a] === fullCodes[b]);
    }
    expect(keys.dictionary).toContain('NA');
    expect(keys.dictionary.filter((v) => v !== 'NA').every((v) => v === PLACEHOLDER_VALUE)).toBe(true);
  });

  it('keeps the latest ISO date not after the run date in a DISTINCT column, and its other values', () => {
    const text = 'd\n2024-01-05\n2026-11-30\n2027-01-01\n2026-02-30\n1899-12-31\n03/04/2024\n2026-11-30\n';
    const scanner = scanInChunks(enc.encode(text), [FieldMode.DISTINCT], [9, 20], bodyStartOf(text));
    const [d] = scanner.columns();
    expect(d.latestIsoDay).toBe(daysFromIso('2026-11-30'));
    expect(d.dictionary).toEqual(['03/04/2024']);
  });
});

describe('FieldScanner stops (the file is read the usual way) when it cannot read exactly as the full reader', () => {
  const scan = (text: string, modes: FieldModeCode[]) => () => scanInChunks(enc.encode(text), modes, [], bodyStartOf(text));
  it.each([
    ['a ragged row', 'a,b\n1,2\n3\n', [FieldMode.CODES, FieldMode.CODES], /has 1 values but the header has 2/],
    ['a character outside ASCII', 'a,b\n1,caf\u00e9\n', [FieldMode.CODES, FieldMode.SKIP], /outside ASCII/],
    ['an unterminated quote', 'a,b\n1,"x\n', [FieldMode.CODES, FieldMode.SKIP], /never closed/],
    ['text after a closing quote', 'a,b\n1,"x"y\n', [FieldMode.CODES, FieldMode.SKIP], /closing quote/],
    ['an NHS number in a skipped column', 'a,b\n1,943 476 5919\n', [FieldMode.CODES, FieldMode.SKIP], /NHS numbers/],
    ['a full postcode in a skipped column', 'a,b\n1, "SW1A 1AA"\n', [FieldMode.CODES, FieldMode.SKIP], /postcodes/],
    ["a person's name as the patient id", 'a,b\nJohn Smith,1\n', [FieldMode.KEYS, FieldMode.SKIP], /names/],
  ])('%s', (_what, text, modes, message) => {
    expect(scan(text, modes as FieldModeCode[])).toThrow(ScanFallback);
    expect(scan(text, modes as FieldModeCode[])).toThrow(message);
  });

  it('lets ordinary values through (dates, codes, hospital names, hex ids)', () => {
    const text = 'a,b,c\nPcd9b92a2,R0N,University Hospitals of Oakenham NHS Trust\nP98cdbee0,2025-03-24,South East\n';
    expect(scan(text, [FieldMode.KEYS, FieldMode.SKIP, FieldMode.SKIP])).not.toThrow();
  });
});
