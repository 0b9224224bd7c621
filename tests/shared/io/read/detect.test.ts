import { describe, expect, it } from 'vitest';
import { binaryReason, countLineFeeds, detectDelimiter, detectFormat, extensionOf } from '../../../../shared/io/read/detect';
import { seeded } from '../../../helpers/seeded';
import { ImportError } from '../../../../shared/io/import-result';
import { utf16, utf8 } from './helpers';

const bytes = (...xs: number[]) => new Uint8Array(xs);

describe('detectFormat', () => {
  it('goes by magic bytes before the name', () => {
    expect(detectFormat(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0), 'data.csv')).toBe('xlsx');
    expect(detectFormat(utf8('PAR1....PAR1'), 'data.csv')).toBe('parquet');
    expect(detectFormat(utf8('ARROW1\0\0'), 'x.bin')).toBe('arrow');
    expect(detectFormat(bytes(0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0), 'x.arrows')).toBe('arrow');
  });

  it('detects comma, tab and semicolon text', () => {
    expect(detectFormat(utf8('a,b,c\n1,2,3\n'), 'x.txt')).toBe('csv');
    expect(detectFormat(utf8('a\tb\tc\n1\t2\t3\n'), 'x.txt')).toBe('tsv');
    expect(detectFormat(utf8('a;b;c\n1,5;2;3\n'), 'x.csv')).toBe('semicolon');
    expect(detectFormat(utf16('a\tb\n1\t2\n', 'le', true), 'x.txt')).toBe('tsv');
  });

  it('refuses binary data named .csv with a plain message', () => {
    const data = new Uint8Array(2000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
    let err: unknown;
    try {
      detectFormat(data, 'patients.csv');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).code).toBe('binary');
    expect((err as ImportError).message).toMatch(/patients\.csv" is not a text extract/);
  });

  it('refuses old .xls files with advice', () => {
    expect(() => detectFormat(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0), 'old.xls')).toThrow(/save it as \.xlsx or CSV/);
  });
});

describe('binaryReason', () => {
  it('flags NUL bytes and control characters, not text or UTF-16', () => {
    expect(binaryReason(utf8('plain, text\n'))).toBeNull();
    // An SQLite database header followed by a zeroed page.
    const sqlite = new Uint8Array(512);
    sqlite.set(utf8('SQLite format 3\0'));
    sqlite[16] = 0x10;
    expect(binaryReason(sqlite)).toMatch(/NUL/);
    expect(binaryReason(utf16('a,b\n1,2\n', 'le', false))).toBeNull();
    expect(binaryReason(bytes(1, 2, 3, 4, 5, 6, 7, 8, 0x61, 0x62))).toMatch(/control characters/);
  });
});

describe('detectDelimiter', () => {
  it('respects quotes: commas inside quotes do not count', () => {
    expect(detectDelimiter(utf8('a;b\n"x,y,z";1\n"p,q";2\n'))).toBe(';');
    expect(detectDelimiter(utf8('a,b\n"x;y;z",1\n"p;q",2\n'))).toBe(',');
  });

  it('prefers the most consistent delimiter across records', () => {
    // Commas appear in some values (decimal commas), semicolons split every record the same way.
    expect(detectDelimiter(utf8('id;bmi;edss\n1;25,3;3,5\n2;30;2\n3;22,1;6\n'))).toBe(';');
  });

  it('falls back to the extension for a single column', () => {
    expect(detectDelimiter(utf8('id\n1\n2\n'), 'x.tsv')).toBe('\t');
    expect(detectDelimiter(utf8('id\n1\n2\n'), 'x.csv')).toBe(',');
  });

  it('ignores a cut-off last line in a truncated sample', () => {
    expect(detectDelimiter(utf8('a\tb\n1\t2\n3,4,5,6'), 'x', true)).toBe('\t');
  });
});

describe('extensionOf', () => {
  it('gives the lower-case extension', () => {
    expect(extensionOf('C:\\data\\Extract.TSV')).toBe('tsv');
    expect(extensionOf('/tmp/.hidden')).toBe('');
    expect(extensionOf('noext')).toBe('');
  });
});

describe('countLineFeeds', () => {
  it('counts the line feeds in a range as a byte loop does', () => {
    const random = seeded(12);
    for (let trial = 0; trial < 50; trial++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 3000) }, () => (random() < 0.1 ? 10 : 32 + Math.floor(random() * 90)));
      const from = Math.floor(random() * bytes.length);
      const to = from + Math.floor(random() * (bytes.length - from + 1));
      let loop = 0;
      for (let i = from; i < to; i++) if (bytes[i] === 10) loop++;
      expect(countLineFeeds(bytes, from, to)).toBe(loop);
    }
    expect(countLineFeeds(new Uint8Array(0))).toBe(0);
    expect(countLineFeeds(new TextEncoder().encode('a\nb\n\n'))).toBe(3);
    expect(countLineFeeds(new TextEncoder().encode('a\nb\n\n'), 2)).toBe(2);
  });
});
