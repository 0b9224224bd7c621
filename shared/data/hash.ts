/**
 * Dataset provenance: a fingerprint of the file an extract came from, so a stored dataset can be
 * matched to its source file later. Uses Web Crypto (browsers, workers and Node 20 alike).
 */

/** SHA-256 of the file's bytes as 64 lowercase hex characters (FIPS 180-4). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('This browser cannot fingerprint files (Web Crypto is unavailable). Use a current browser or the desktop app.');
  // digest() takes bytes backed by an ArrayBuffer; copy when they live in shared memory.
  const input = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', input));
  let hex = '';
  for (let i = 0; i < digest.length; i++) hex += digest[i].toString(16).padStart(2, '0');
  return hex;
}
