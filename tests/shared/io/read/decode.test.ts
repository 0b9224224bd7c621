import { describe, expect, it } from 'vitest';
import { createUtf16Transcoder, isAscii, isValidUtf8, sniffEncoding, toParseableBytes } from '../../../../shared/io/read/decode';
import { utf16, utf8 } from './helpers';

describe('sniffEncoding', () => {
  it('reads byte order marks', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ encoding: 'utf-8', bomLength: 3, utf8Bom: true });
    expect(sniffEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0]))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    expect(sniffEncoding(new Uint8Array([0xfe, 0xff, 0, 0x61]))).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('recognises BOM-less UTF-16 by its NUL pattern', () => {
    expect(sniffEncoding(utf16('id,name\n1,x\n', 'le', false)).encoding).toBe('utf-16le');
    expect(sniffEncoding(utf16('id,name\n1,x\n', 'be', false)).encoding).toBe('utf-16be');
    expect(sniffEncoding(utf8('id,name\n')).encoding).toBe('utf-8');
  });
});

describe('toParseableBytes', () => {
  it('strips the BOM and transcodes UTF-16 to UTF-8', () => {
    const r = toParseableBytes(utf16('£5,Zoë', 'be', true));
    expect(r.encoding).toBe('utf-16be');
    expect(new TextDecoder().decode(r.bytes)).toBe('£5,Zoë');
  });

  it('labels invalid UTF-8 as Windows-1252 and keeps the bytes', () => {
    const r = toParseableBytes(new Uint8Array([0xa3, 0x35]));
    expect(r.encoding).toBe('windows-1252');
    expect(new TextDecoder('windows-1252').decode(r.bytes)).toBe('£5');
    expect(toParseableBytes(utf8('£5')).encoding).toBe('utf-8');
  });
});

describe('helpers', () => {
  it('isValidUtf8 and isAscii', () => {
    expect(isValidUtf8(utf8('Zoë'))).toBe(true);
    expect(isValidUtf8(new Uint8Array([0xe9]))).toBe(false);
    expect(isAscii(utf8('abc'))).toBe(true);
    expect(isAscii(utf8('é'))).toBe(false);
  });

  it('the UTF-16 transcoder keeps characters split across chunks', () => {
    const bytes = utf16('a😀b', 'le', false);
    const t = createUtf16Transcoder('utf-16le');
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 3) parts.push(t(bytes.subarray(i, i + 3), i + 3 >= bytes.length));
    expect(new TextDecoder().decode(Uint8Array.from(parts.flatMap((p) => Array.from(p))))).toBe('a😀b');
  });
});
