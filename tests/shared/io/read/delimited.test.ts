import { describe, expect, it } from 'vitest';
import { createDelimitedReader, dedupeHeaders, readDelimited } from '../../../../shared/io/read/delimited';
import { ImportError } from '../../../../shared/io/import-result';
import { readerNotes } from '../../../../shared/io/read/notes';
import type { RawTable } from '../../../../shared/io/raw-table';
import { headersOf, rowsOf, seeded, utf16, utf8 } from './helpers';

const read = (s: string | Uint8Array, name = 'extract.csv') => readDelimited(typeof s === 'string' ? utf8(s) : s, name);

function thrown(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('readDelimited: RFC 4180 fields', () => {
  it('reads quoted commas, doubled quotes and newlines inside quotes', () => {
    const t = read('id,name,note\n1,"Smith, John","said ""hi""\nthen left"\n2,Jane,plain\n');
    expect(headersOf(t)).toEqual(['id', 'name', 'note']);
    expect(rowsOf(t)).toEqual([
      ['1', 'Smith, John', 'said "hi"\nthen left'],
      ['2', 'Jane', 'plain'],
    ]);
    // The second record starts on line 4 because the first one spans two lines.
    expect(Array.from(t.sourceRows)).toEqual([2, 4]);
  });

  it('handles CRLF, LF and CR line ends and a missing final newline', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const t = read(['a,b', '1,2', '3,4'].join(eol));
      expect(rowsOf(t)).toEqual([['1', '2'], ['3', '4']]);
      expect(t.rowsRead).toBe(2);
    }
  });

  it('trims spaces around unquoted fields but keeps them inside quotes', () => {
    const t = read('a,b,c\n  x  ,"  y  ", z\n');
    expect(rowsOf(t)).toEqual([['x', '  y  ', 'z']]);
  });

  it('treats empty fields (and "") as missing', () => {
    const t = read('a,b,c\n,"",x\n');
    expect(rowsOf(t)).toEqual([[null, null, 'x']]);
    expect(t.columns[0].dictionary).toEqual([]);
  });

  it('reads a trailing empty field after a final delimiter', () => {
    const t = read('a,b\n1,');
    expect(rowsOf(t)).toEqual([['1', null]]);
  });

  it('dictionary-encodes: one string per distinct value, codes per row', () => {
    const t = read('sex\nMale\nFemale\nMale\nMale\n');
    expect(t.columns[0].dictionary).toEqual(['Male', 'Female']);
    expect(Array.from(t.columns[0].codes)).toEqual([0, 1, 0, 0]);
  });

  it('keeps distinct values apart across many values and table growth', () => {
    const lines = ['v,w'];
    for (let i = 0; i < 5000; i++) lines.push(`${i % 700},x${i % 3}`);
    const t = read(lines.join('\n'));
    expect(t.columns[0].dictionary.length).toBe(700);
    expect(t.columns[1].dictionary).toEqual(['x0', 'x1', 'x2']);
    for (let r = 0; r < 5000; r++) expect(t.columns[0].dictionary[t.columns[0].codes[r]]).toBe(String(r % 700));
  });
});

describe('readDelimited: dictionary keys of every length', () => {
  it('keeps values of 1 to 40 bytes apart, including ones differing only in the last byte or by a NUL-like padding', () => {
    const values: string[] = [];
    for (let len = 1; len <= 40; len++) {
      values.push('a'.repeat(len));
      values.push('a'.repeat(len - 1) + 'b');
    }
    values.push('abc\u0001', 'abc');
    const lines = ['v'];
    for (let k = 0; k < 3; k++) for (const v of values) lines.push(v);
    const t = read(lines.join('\n'));
    expect(t.columns[0].dictionary).toEqual([...new Set(values)]);
    expect(rowsOf(t).map((r) => r[0])).toEqual(lines.slice(1));
  });

  it('reads ISO dates through the date cache, including far-apart and invalid ones, as text exactly', () => {
    const dates = ['2021-03-15', '1850-01-01', '2021-03-15', '2099-12-31', '2021-13-01', '2021-02-30', '2021-3-15', '0000-01-01', '9999-12-31', '2021-03-15'];
    const t = read(['d', ...dates].join('\n'));
    expect(rowsOf(t).map((r) => r[0])).toEqual(dates);
    expect(t.columns[0].dictionary).toEqual([...new Set(dates)]);
  });

  it('takes back a date first seen in a rejected row, so it is not cached with a stale code', () => {
    const t = read('d,x\n2021-01-01,1\n2022-06-30,2,extra\n2022-06-30,3\n2021-01-01,4\n');
    expect(rowsOf(t)).toEqual([['2021-01-01', '1'], ['2022-06-30', '3'], ['2021-01-01', '4']]);
    expect(t.columns[0].dictionary).toEqual(['2021-01-01', '2022-06-30']);
    expect(Array.from(t.columns[0].codes)).toEqual([0, 1, 0]);
  });

  it('reads a near-unique id column (the hash table jumps to its final size)', () => {
    const lines = ['id,sex'];
    for (let i = 0; i < 100_000; i++) lines.push(`P${(i * 7919) % 100_003},${i % 2 ? 'M' : 'F'}`);
    lines.push('P7919,F');
    const t = read(lines.join('\n'));
    const ids = t.columns[0];
    expect(ids.dictionary.length).toBe(100_000);
    expect(ids.dictionary[ids.codes[100_000]]).toBe('P7919');
    expect(ids.codes[100_000]).toBe(ids.codes[1]);
  });
});

describe('readDelimited: rows it cannot use', () => {
  it('excludes ragged rows with their row number and the counts', () => {
    const t = read('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    expect(rowsOf(t)).toEqual([['1', '2', '3'], ['10', '11', '12']]);
    expect(t.rowsRead).toBe(4);
    expect(t.rowCount).toBe(2);
    expect(t.readerErrors.map((e) => [e.row, e.reason])).toEqual([[3, 'ragged_row'], [4, 'ragged_row']]);
    expect(t.readerErrors[0].message).toMatch(/row 3: 2 values but the header has 3 columns/);
    expect(t.readerErrors[1].message).toMatch(/row 4: 4 values/);
    expect(t.readerErrors[0].message).toContain('extract.csv');
    expect(Array.from(t.sourceRows)).toEqual([2, 5]);
  });

  it('does not leave values from a rejected row in the dictionaries', () => {
    const t = read('a,b\n1,2\nonly-in-bad-row,3,4\n');
    expect(t.columns[0].dictionary).toEqual(['1']);
    expect(t.columns[1].dictionary).toEqual(['2']);
  });

  it('counts blank lines (and lines of only delimiters) as rows read and excluded as blank rows', () => {
    const t = read('a,b\n\n1,2\n   \n,\n\r\n3,4\n');
    expect(rowsOf(t)).toEqual([['1', '2'], ['3', '4']]);
    expect(t.rowsRead).toBe(6);
    expect(t.readerExcluded).toEqual({ blank_row: 4 });
    expect(Array.from(t.sourceRows)).toEqual([3, 7]);
  });

  it('turns an unterminated quote into one bad record naming the row, and reads on from the next line', () => {
    const t = read('a,b\n1,2\n3,"never closed\n4,5\n6,7\n');
    expect(rowsOf(t)).toEqual([['1', '2'], ['4', '5'], ['6', '7']]);
    expect(t.rowsRead).toBe(4);
    expect(t.readerErrors).toHaveLength(1);
    expect(t.readerErrors[0]).toMatchObject({ row: 3, reason: 'unterminated_quote' });
    expect(t.readerErrors[0].message).toMatch(/row 3/);
  });

  it('keeps a quote inside an unquoted value as text', () => {
    const t = read('h,note\n1,5\'10" tall\n');
    expect(rowsOf(t)).toEqual([['1', '5\'10" tall']]);
  });
});

describe('readDelimited: headers and empty files', () => {
  it('names blank headers column_N and suffixes duplicates, noting each rename', () => {
    const t = read('id,,id,Date, ,id\n1,2,3,4,5,6\n');
    expect(headersOf(t)).toEqual(['id', 'column_2', 'id_2', 'Date', 'column_5', 'id_3']);
    expect(readerNotes(t)).toHaveLength(2);
    expect(readerNotes(t)[0]).toMatch(/"id" appears more than once; the repeat was kept as "id_2"/);
  });

  it('dedupeHeaders reports each duplicate and avoids clashing with existing names', () => {
    const d = dedupeHeaders(['x', 'x', 'x_2', '']);
    expect(d.headers).toEqual(['x', 'x_3', 'x_2', 'column_4']);
    expect(d.duplicates).toHaveLength(1);
    expect(d.duplicates[0]).toContain('"x_3"');
  });

  it('throws "empty" for an empty file or one with only blank lines', () => {
    for (const s of ['', '\n\n', '\uFEFF', '  \r\n ']) {
      const e = thrown(() => read(s));
      expect(e.code).toBe('empty');
      expect(e.message).toContain('extract.csv');
    }
  });

  it('returns a valid table with no rows for a header-only file', () => {
    const t = read('a,b,c\r\n');
    expect(headersOf(t)).toEqual(['a', 'b', 'c']);
    expect(t.rowCount).toBe(0);
    expect(t.rowsRead).toBe(0);
    expect(t.columns[0].codes.length).toBe(0);
  });
});

describe('readDelimited: encodings', () => {
  it('strips a UTF-8 BOM and reports utf-8', () => {
    const t = read(utf8('\uFEFFnäme,b\nZoë,2\n'));
    expect(headersOf(t)).toEqual(['näme', 'b']);
    expect(rowsOf(t)).toEqual([['Zoë', '2']]);
    expect(t.encoding).toBe('utf-8');
  });

  it('reads UTF-16 LE and BE, with and without a BOM', () => {
    const text = 'name,cost\nZoë,£5\nAl,"x, y"\n';
    for (const [endian, bom] of [['le', true], ['be', true], ['le', false], ['be', false]] as const) {
      const t = read(utf16(text, endian, bom));
      expect(t.encoding).toBe(endian === 'le' ? 'utf-16le' : 'utf-16be');
      expect(headersOf(t)).toEqual(['name', 'cost']);
      expect(rowsOf(t)).toEqual([['Zoë', '£5'], ['Al', 'x, y']]);
    }
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, so £ survives', () => {
    // "cost\n£5,Café\n" in Windows-1252: £ = 0xA3, é = 0xE9.
    const bytes = new Uint8Array([0x63, 0x6f, 0x73, 0x74, 0x2c, 0x6e, 0x0a, 0xa3, 0x35, 0x2c, 0x43, 0x61, 0x66, 0xe9, 0x0a]);
    const t = read(bytes);
    expect(t.encoding).toBe('windows-1252');
    expect(rowsOf(t)).toEqual([['£5', 'Café']]);
    expect(readerNotes(t).join(' ')).toMatch(/read as Windows-1252/);
  });

  it('keeps valid UTF-8 as UTF-8 (no mojibake)', () => {
    const t = read('cost\n£5\n');
    expect(t.encoding).toBe('utf-8');
    expect(rowsOf(t)).toEqual([['£5']]);
  });
});

describe('readDelimited: delimiters', () => {
  it('detects tab and semicolon and reports the format', () => {
    const tsv = read('a\tb\n1,5\t2\n', 'x.tsv');
    expect(tsv.format).toBe('tsv');
    expect(rowsOf(tsv)).toEqual([['1,5', '2']]);
    const semi = read('a;b;c\n1,5;2;3\n4,5;6;7\n', 'x.csv');
    expect(semi.format).toBe('semicolon');
    expect(rowsOf(semi)).toEqual([['1,5', '2', '3'], ['4,5', '6', '7']]);
  });

  it('uses an explicit delimiter when given', () => {
    const t = readDelimited(utf8('a;b\n1;2\n'), 'x.csv', { delimiter: ',' });
    expect(headersOf(t)).toEqual(['a;b']);
  });
});

describe('readDelimited: progress and cancellation', () => {
  const big = () => {
    const lines = ['id,v'];
    for (let i = 0; i < 140_000; i++) lines.push(`${i},${i % 10}`);
    return utf8(lines.join('\n'));
  };

  it('reports progress about every 64k rows and at the end', () => {
    const seen: number[] = [];
    const bytes = big();
    readDelimited(bytes, 'big.csv', { onProgress: (p) => seen.push(p.rows) });
    expect(seen).toEqual([65_536, 131_072, 140_000]);
  });

  it('throws "cancelled" when cancelled', () => {
    let checks = 0;
    const e = thrown(() => readDelimited(big(), 'big.csv', { isCancelled: () => ++checks > 1 }));
    expect(e.code).toBe('cancelled');
  });
});

/** A random CSV exercising quotes, CRLF, blanks, spaces, ragged rows and repeats. */
function fuzzCsv(seed: number, rows: number): string {
  const rnd = seeded(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const values = ['a', 'b c', '', '  pad  ', 'x,y', 'say "hi"', 'line\nbreak', 'crlf\r\nin', '£', 'Zoë', '2021-03-05'];
  const out: string[] = ['c1,c2,c3'];
  for (let r = 0; r < rows; r++) {
    const n = rnd() < 0.05 ? pick([2, 4]) : 3;
    const fields: string[] = [];
    for (let f = 0; f < n; f++) {
      const v = rnd() < 0.3 ? String(Math.floor(rnd() * 50)) : pick(values);
      fields.push(/[",\r\n]/.test(v) || rnd() < 0.1 ? `"${v.replace(/"/g, '""')}"` : v);
    }
    out.push(fields.join(','));
    if (rnd() < 0.03) out.push('');
  }
  return out.join(rnd() < 0.5 ? '\n' : '\r\n') + '\n';
}

function snapshot(t: RawTable) {
  return { rows: rowsOf(t), src: Array.from(t.sourceRows), errors: t.readerErrors, read: t.rowsRead, enc: t.encoding, headers: headersOf(t) };
}

describe('createDelimitedReader: streamed in chunks', () => {
  it('gives exactly the same table as a whole read, for any chunk size', () => {
    // Big enough to pass the 64 KB sniffing window, so chunks are really parsed one by one.
    const text = fuzzCsv(7, 6000);
    const bytes = utf8(text);
    expect(bytes.length).toBeGreaterThan(70_000);
    const whole = snapshot(readDelimited(bytes, 'f.csv'));
    expect(whole.errors.length).toBeGreaterThan(0);
    for (const size of [1, 7, 333, 4096, 65_537]) {
      const reader = createDelimitedReader('f.csv', {}, bytes.length);
      for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
      expect(snapshot(reader.finish())).toEqual(whole);
    }
  });

  it('keeps no reference to a pushed chunk, so the caller may reuse one buffer', () => {
    const bytes = utf8(fuzzCsv(5, 6000));
    const whole = snapshot(readDelimited(bytes, 'f.csv'));
    for (const size of [1000, 70_000]) {
      const reader = createDelimitedReader('f.csv', {}, bytes.length);
      const buffer = new Uint8Array(size);
      for (let i = 0; i < bytes.length; i += size) {
        const part = bytes.subarray(i, i + size);
        buffer.set(part);
        reader.push(buffer.subarray(0, part.length));
        buffer.fill(0x2c);
      }
      expect(snapshot(reader.finish())).toEqual(whole);
    }
  });

  it('streams UTF-16 split at odd byte boundaries', () => {
    const text = fuzzCsv(11, 3000);
    const bytes = utf16(text, 'le', true);
    const whole = snapshot(readDelimited(bytes, 'f.csv'));
    const reader = createDelimitedReader('f.csv', {}, bytes.length);
    for (let i = 0; i < bytes.length; i += 1001) reader.push(bytes.subarray(i, i + 1001));
    expect(snapshot(reader.finish())).toEqual(whole);
    expect(whole.enc).toBe('utf-16le');
  });

  it('agrees with a simple reference parser on random input', () => {
    for (const seed of [1, 2, 3]) {
      const text = fuzzCsv(seed, 400);
      const t = read(text);
      const ref = referenceParse(text);
      expect(rowsOf(t)).toEqual(ref.rows);
      expect(t.readerErrors.map((e) => e.row)).toEqual(ref.ragged);
    }
  });
});

/** A slow, obviously-correct RFC 4180 reader for comparison (3 columns, blank lines skipped). */
function referenceParse(text: string): { rows: (string | null)[][]; ragged: number[] } {
  const records: { fields: { v: string; quoted: boolean }[]; line: number }[] = [];
  let fields: { v: string; quoted: boolean }[] = [];
  let v = '';
  let quoted = false;
  let inQ = false;
  let line = 1;
  let start = 1;
  const endField = () => {
    fields.push({ v, quoted });
    v = '';
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQ) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          v += '"';
          i++;
        } else inQ = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        v += c;
      }
    } else if (c === '"' && v.trim() === '') {
      inQ = true;
      quoted = true;
      v = '';
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      records.push({ fields, line: start });
      fields = [];
      line++;
      start = line;
    } else v += c;
  }
  const rows: (string | null)[][] = [];
  const ragged: number[] = [];
  const clean = (f: { v: string; quoted: boolean }) => {
    const s = f.quoted ? f.v : f.v.trim();
    return s === '' ? null : s;
  };
  records.slice(1).forEach((r) => {
    const vals = r.fields.map(clean);
    if (vals.every((x) => x === null)) return;
    if (vals.length !== 3) ragged.push(r.line);
    else rows.push(vals);
  });
  return { rows, ragged };
}
