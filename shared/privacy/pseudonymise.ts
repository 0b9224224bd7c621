/**
 * Pseudonymisation of direct identifiers (domain.md, "Identifiers and disclosure control"):
 * a keyed hash, HMAC-SHA-256 (RFC 2104, FIPS 180-4), with a secret key generated and kept on
 * this machine. The same value and key always give the same pseudonym, so records still link
 * within one machine's data; without the key a pseudonym can't be recomputed from a guessed
 * NHS number.
 *
 * Implemented in plain TypeScript rather than crypto.subtle: subtle's per-call promise costs
 * about 17 microseconds, so 1M distinct values took ~17 s; precomputing the HMAC inner and
 * outer key blocks makes each short value two SHA-256 block compressions (~1 s for 1M).
 * tests/shared/privacy/pseudonymise.test.ts checks it against RFC 4231 vectors and crypto.subtle.
 */
import { nhsDigits, isValidNhsNumber } from './nhs-number';

/** Pseudonyms start with this so they are never mistaken for source identifiers. */
export const PSEUDONYM_PREFIX = 'PX';
/** Hex characters of the HMAC kept: 64 bits, collision odds ~1 in 10^7 at 1M values (birthday bound). */
export const PSEUDONYM_HEX_CHARS = 16;
/** Bytes of a generated key: 256 bits, the HMAC-SHA-256 block-size-safe recommendation (RFC 2104 s.3). */
export const PSEUDONYM_KEY_BYTES = 32;

const BLOCK = 64;
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const H0 = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const W = new Uint32Array(64);

/** One SHA-256 compression of 16 big-endian words into the state (FIPS 180-4, s.6.2.2). */
function compress(state: Uint32Array, words: Uint32Array): void {
  for (let i = 0; i < 16; i++) W[i] = words[i];
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15];
    const w2 = W[i - 2];
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3];
  let e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0;
    d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0; state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0; state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0; state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0; state[7] = (state[7] + h) | 0;
}

const BLOCK_WORDS = new Uint32Array(16);

/** Load 64 bytes from `bytes` at `offset` as big-endian words (bytes past the end read as 0). */
function loadBlock(bytes: Uint8Array, offset: number, words: Uint32Array): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    words[i] = ((bytes[j] ?? 0) << 24) | ((bytes[j + 1] ?? 0) << 16) | ((bytes[j + 2] ?? 0) << 8) | (bytes[j + 3] ?? 0);
  }
}

/** Absorb a message and the SHA-256 padding into a state that already holds `prefixBytes` bytes (whole blocks). */
function absorb(state: Uint32Array, prefixBytes: number, message: Uint8Array): void {
  const full = Math.floor(message.length / BLOCK) * BLOCK;
  for (let off = 0; off < full; off += BLOCK) {
    loadBlock(message, off, BLOCK_WORDS);
    compress(state, BLOCK_WORDS);
  }
  const restLen = message.length - full;
  const tailLen = restLen + 9 > BLOCK ? 2 * BLOCK : BLOCK;
  const tail = new Uint8Array(tailLen);
  tail.set(message.subarray(full));
  tail[restLen] = 0x80;
  const bits = (prefixBytes + message.length) * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tailLen - 8, Math.floor(bits / 0x100000000));
  view.setUint32(tailLen - 4, bits >>> 0);
  for (let off = 0; off < tailLen; off += BLOCK) {
    loadBlock(tail, off, BLOCK_WORDS);
    compress(state, BLOCK_WORDS);
  }
}

/** The 32 digest bytes of a finished state. */
function digestBytes(state: Uint32Array): Uint8Array {
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) view.setUint32(i * 4, state[i]);
  return out;
}

/** SHA-256 digest of bytes (FIPS 180-4). */
export function sha256(message: Uint8Array): Uint8Array {
  const state = Uint32Array.from(H0);
  absorb(state, 0, message);
  return digestBytes(state);
}

/** A reusable HMAC-SHA-256 keyed by one secret: the key blocks are absorbed once (RFC 2104). */
export interface KeyedHash {
  /** HMAC-SHA-256 of the message bytes. */
  mac(message: Uint8Array): Uint8Array;
  /** The first two big-endian words of HMAC-SHA-256 of a string of code units below 128 (ASCII). */
  macAsciiHead(text: string, out: Uint32Array): void;
}

/** Bytes of a short ASCII message that fit one padded block after the HMAC key block. */
const SHORT_MESSAGE_MAX = BLOCK - 9;
/** Bit length of the outer HMAC message: the 64-byte key block plus a 32-byte inner digest. */
const OUTER_BITS = (BLOCK + 32) * 8;

/** Prepare HMAC-SHA-256 with this key (RFC 2104: keys longer than a block are hashed first). */
export function keyedHash(key: Uint8Array): KeyedHash {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? sha256(key) : key);
  const pad = new Uint8Array(BLOCK);
  const words = new Uint32Array(16);
  const inner = Uint32Array.from(H0);
  for (let i = 0; i < BLOCK; i++) pad[i] = k[i] ^ 0x36;
  loadBlock(pad, 0, words);
  compress(inner, words);
  const outer = Uint32Array.from(H0);
  for (let i = 0; i < BLOCK; i++) pad[i] = k[i] ^ 0x5c;
  loadBlock(pad, 0, words);
  compress(outer, words);

  const state = new Uint32Array(8);
  const msgWords = new Uint32Array(16);
  const mac = (message: Uint8Array): Uint8Array => {
    state.set(inner);
    absorb(state, BLOCK, message);
    const innerDigest = digestBytes(state);
    state.set(outer);
    absorb(state, BLOCK, innerDigest);
    return digestBytes(state);
  };
  const macAsciiHead = (text: string, out: Uint32Array): void => {
    if (text.length > SHORT_MESSAGE_MAX) {
      const full = mac(new TextEncoder().encode(text));
      out[0] = (full[0] << 24) | (full[1] << 16) | (full[2] << 8) | full[3];
      out[1] = (full[4] << 24) | (full[5] << 16) | (full[6] << 8) | full[7];
      return;
    }
    // Inner hash: one block holding the message, 0x80, zeros and the bit length.
    msgWords.fill(0);
    for (let i = 0; i < text.length; i++) msgWords[i >> 2] |= text.charCodeAt(i) << (24 - 8 * (i & 3));
    msgWords[text.length >> 2] |= 0x80 << (24 - 8 * (text.length & 3));
    msgWords[15] = (BLOCK + text.length) * 8;
    state.set(inner);
    compress(state, msgWords);
    // Outer hash: one block holding the inner digest, 0x80, zeros and the bit length.
    for (let i = 0; i < 8; i++) msgWords[i] = state[i];
    msgWords[8] = 0x80000000;
    for (let i = 9; i < 15; i++) msgWords[i] = 0;
    msgWords[15] = OUTER_BITS;
    state.set(outer);
    compress(state, msgWords);
    out[0] = state[0];
    out[1] = state[1];
  };
  return { mac, macAsciiHead };
}

/** A new random pseudonym key (kept on this machine, never exported). */
export function generatePseudonymKey(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(PSEUDONYM_KEY_BYTES));
}

/** The form of a value that is hashed: NHS numbers as 10 bare digits, anything else trimmed. */
export function canonicalIdentifier(value: string): string {
  if (isValidNhsNumber(value)) return nhsDigits(value) ?? value.trim();
  return value.trim();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Whether every code unit is below 128 (so one code unit is one UTF-8 byte). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Pseudonymise one value: "PX" + the first 16 hex characters of HMAC-SHA-256(key, value). */
export function pseudonymiseWith(hash: KeyedHash, value: string, head: Uint32Array = new Uint32Array(2)): string {
  const text = canonicalIdentifier(value);
  if (isAscii(text)) {
    hash.macAsciiHead(text, head);
  } else {
    const mac = hash.mac(new TextEncoder().encode(text));
    head[0] = (mac[0] << 24) | (mac[1] << 16) | (mac[2] << 8) | mac[3];
    head[1] = (mac[4] << 24) | (mac[5] << 16) | (mac[6] << 8) | mac[7];
  }
  const a = head[0], b = head[1];
  return PSEUDONYM_PREFIX
    + HEX[a >>> 24] + HEX[(a >>> 16) & 255] + HEX[(a >>> 8) & 255] + HEX[a & 255]
    + HEX[b >>> 24] + HEX[(b >>> 16) & 255] + HEX[(b >>> 8) & 255] + HEX[b & 255];
}

/** Pseudonymise one value with a key. */
export function pseudonymise(value: string, key: Uint8Array): string {
  return pseudonymiseWith(keyedHash(key), value);
}

/** Pseudonymise every distinct value of a column's dictionary (hashing the dictionary, not each row). */
export function pseudonymiseDictionary(dictionary: string[], key: Uint8Array): string[] {
  const hash = keyedHash(key);
  const head = new Uint32Array(2);
  const out = new Array<string>(dictionary.length);
  for (let i = 0; i < dictionary.length; i++) out[i] = pseudonymiseWith(hash, dictionary[i], head);
  return out;
}
