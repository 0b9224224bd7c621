/** Joining bytes that arrived in chunks (a stream, a zip entry): the one copy the readers share. */

/** The chunks as one array of `size` bytes (a lone chunk on its own ArrayBuffer is returned as it is). */
export function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1 && chunks[0].byteLength === size && chunks[0].buffer instanceof ArrayBuffer) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}
