/**
 * CRC-32 (IEEE 802.3 polynomial 0xEDB88320, as in zip and PNG) of bytes, as 8 hex digits: the
 * checksum each stored chunk carries, so damage on disk is found when a dataset is reopened
 * rather than shown as silently changed cells. Synchronous on purpose: it also runs inside a
 * database upgrade transaction, which must not wait on anything else.
 */

const POLYNOMIAL = 0xedb88320;

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of the bytes as 8 lower-case hex digits (e.g. "cbf43926" for "123456789"). */
export function crc32Hex(bytes: Uint8Array): string {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
