/**
 * Text encodings of extracts. Readers work on bytes: UTF-8 and Windows-1252 are ASCII-compatible,
 * so delimiters, quotes and newlines are found byte by byte and strings are made only for distinct
 * values. UTF-16 is transcoded to UTF-8 bytes first. Uses TextDecoder/TextEncoder only (present in
 * Node, browsers and workers); the WHATWG label 'windows-1252' works in all of them.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** What the first bytes say about the encoding: the encoding and the length of its byte order mark. */
export interface EncodingSniff {
  /** 'utf-8' here means "ASCII-compatible": UTF-8 or, if invalid UTF-8 turns up, Windows-1252. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  bomLength: number;
  /** True when a UTF-8 byte order mark was present (then the file is UTF-8, never 1252). */
  utf8Bom: boolean;
}

/** How many leading bytes are examined for UTF-16 NUL patterns and binary content. */
export const SNIFF_BYTES = 8192;

/**
 * Share of NUL bytes at odd (or even) positions above which BOM-less text is taken to be
 * UTF-16 LE (or BE): ASCII text in UTF-16 has a NUL in every other byte.
 */
const UTF16_NUL_SHARE = 0.3;

/** Encoding of a byte sequence from its byte order mark, or from the UTF-16 NUL pattern without one. */
export function sniffEncoding(bytes: Uint8Array): EncodingSniff {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, utf8Bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, utf8Bom: false };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, utf8Bom: false };
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n >= 2) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenNul++;
      if (bytes[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul / pairs > UTF16_NUL_SHARE && evenNul / pairs < UTF16_NUL_SHARE / 3) return { encoding: 'utf-16le', bomLength: 0, utf8Bom: false };
    if (evenNul / pairs > UTF16_NUL_SHARE && oddNul / pairs < UTF16_NUL_SHARE / 3) return { encoding: 'utf-16be', bomLength: 0, utf8Bom: false };
  }
  return { encoding: 'utf-8', bomLength: 0, utf8Bom: false };
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/** True when the bytes are valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** True when every byte is 7-bit ASCII (then UTF-8 and Windows-1252 read it the same). */
export function isAscii(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  let acc = 0;
  for (let i = start; i < end; i++) acc |= bytes[i];
  return acc < 0x80;
}

const decoders = new Map<TextEncoding, TextDecoder>();

/** A (non-fatal) decoder for an encoding, shared. */
export function decoderFor(encoding: TextEncoding): TextDecoder {
  let d = decoders.get(encoding);
  if (!d) {
    d = new TextDecoder(encoding);
    decoders.set(encoding, d);
  }
  return d;
}

/** Text of bytes in an encoding (no BOM handling: pass bytes after the BOM). */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string {
  return decoderFor(encoding).decode(bytes);
}

/**
 * Bytes in an ASCII-compatible encoding ready for byte-level parsing: the BOM is stripped and
 * UTF-16 is transcoded to UTF-8. `encoding` is the source encoding; for BOM-less ASCII-compatible
 * input it is 'utf-8' when valid UTF-8, else 'windows-1252' (whose bytes are kept as they are).
 */
export function toParseableBytes(bytes: Uint8Array): { bytes: Uint8Array; encoding: TextEncoding } {
  const sniff = sniffEncoding(bytes);
  const body = bytes.subarray(sniff.bomLength);
  if (sniff.encoding !== 'utf-8') {
    return { bytes: new TextEncoder().encode(new TextDecoder(sniff.encoding).decode(body)), encoding: sniff.encoding };
  }
  if (sniff.utf8Bom || isAscii(body) || isValidUtf8(body)) return { bytes: body, encoding: 'utf-8' };
  return { bytes: body, encoding: 'windows-1252' };
}

/**
 * A streaming transcoder from UTF-16 chunks to UTF-8 bytes (surrogates split across chunks are
 * kept). A file of odd length ends with half a character: that stray byte is dropped at the end
 * (rather than read as U+FFFD, which would make a phantom row) and `onStrayByte` is told.
 */
export function createUtf16Transcoder(encoding: 'utf-16le' | 'utf-16be', onStrayByte?: () => void): (chunk: Uint8Array, final: boolean) => Uint8Array {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  let total = 0;
  return (chunk, final) => {
    total += chunk.length;
    const stray = final && total % 2 === 1;
    if (stray) onStrayByte?.();
    // Decoding the last chunk as a stream leaves the stray byte inside the decoder, unread.
    return encoder.encode(decoder.decode(chunk, { stream: !final || stray }));
  };
}
