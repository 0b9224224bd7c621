import { describe, expect, it } from 'vitest';
import {
  keyedHash, pseudonymise, pseudonymiseDictionary, sha256, generatePseudonymKey, PSEUDONYM_KEY_BYTES,
} from '../../../shared/privacy/pseudonymise';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const bytes = (h: string) => new Uint8Array(h.match(/../g)!.map((x) => parseInt(x, 16)));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('SHA-256 and HMAC-SHA-256', () => {
  it('matches FIPS 180-4 examples', () => {
    expect(hex(sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(utf8('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))))
      .toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('matches RFC 4231 test cases 1, 2 and 6 (key longer than a block)', () => {
    expect(hex(keyedHash(bytes('0b'.repeat(20))).mac(utf8('Hi There'))))
      .toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(hex(keyedHash(utf8('Jefe')).mac(utf8('what do ya want for nothing?'))))
      .toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(hex(keyedHash(bytes('aa'.repeat(131))).mac(utf8('Test Using Larger Than Block-Size Key - Hash Key First'))))
      .toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('agrees with crypto.subtle for many message lengths', async () => {
    const key = generatePseudonymKey();
    expect(key.length).toBe(PSEUDONYM_KEY_BYTES);
    const ck = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const h = keyedHash(key);
    for (const len of [0, 1, 10, 55, 56, 63, 64, 65, 119, 120, 200]) {
      const msg = utf8('x'.repeat(len));
      const want = new Uint8Array(await crypto.subtle.sign('HMAC', ck, msg));
      expect(hex(h.mac(msg))).toBe(hex(want));
    }
  });
});

describe('pseudonymise', () => {
  const key = bytes('01'.repeat(32));

  it('is PX + 16 hex characters, stable for a key, different across keys', () => {
    const p = pseudonymise('9434765919', key);
    expect(p).toMatch(/^PX[0-9a-f]{16}$/);
    expect(pseudonymise('9434765919', key)).toBe(p);
    expect(pseudonymise('9434765919', bytes('02'.repeat(32)))).not.toBe(p);
  });

  it('matches HMAC-SHA-256 from crypto.subtle for short, block-edge and non-ASCII values', async () => {
    const ck = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const values = Array.from({ length: 70 }, (_, n) => 'ab3'.repeat(30).slice(0, n)).concat(['Zoë Brontë', 'RTH-£5']);
    for (const v of values) {
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', ck, utf8(v.trim())));
      expect(pseudonymise(v, key)).toBe('PX' + hex(mac).slice(0, 16));
    }
  });

  it('gives one pseudonym for an NHS number however it is written', () => {
    const p = pseudonymise('9434765919', key);
    expect(pseudonymise('943 476 5919', key)).toBe(p);
    expect(pseudonymise('943-476-5919', key)).toBe(p);
  });

  it('is the HMAC of the value, not a plain hash of it', async () => {
    const ck = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', ck, utf8('9434765919')));
    expect(pseudonymise('9434765919', key)).toBe('PX' + hex(mac).slice(0, 16));
  });

  it('hashes 1M distinct values in a few seconds', () => {
    const dict = Array.from({ length: 1_000_000 }, (_, i) => String(9_000_000_000 + i));
    // CPU time of this process, so other work on the shared machine doesn't count against it.
    const start = process.cpuUsage();
    const out = pseudonymiseDictionary(dict, key);
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    expect(new Set(out).size).toBe(dict.length);
    expect(ms).toBeLessThan(8000);
  });
});
