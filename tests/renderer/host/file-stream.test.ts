/**
 * The stream adapter: a chosen file's handle becomes a ReadableStream that yields exactly its
 * bytes, pulling Electron's chunks one at a time on demand (never more than the cap per call),
 * and fails with a sentence when the file ends early.
 */
import { describe, expect, it, vi } from 'vitest';
import { hostFileStream, readHostFileBytes, servedFileSize, shorterThanChosen, type ChunkReader } from '../../../renderer/src/host/file-stream';
import type { FileChunkRequest, HostFile } from '../../../shared/host/workbench-host';
import { MAX_FILE_CHUNK_BYTES } from '../../../shared/io/limits';

/** Bytes 0..n-1 mod 251, so a misplaced chunk shows. */
const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

/** A stand-in for main: serves `bytes` for token "t" the way readFileChunk does, recording calls. */
function fakeMain(bytes: Uint8Array, options: { truncateAt?: number } = {}) {
  const calls: FileChunkRequest[] = [];
  const reader: ChunkReader = {
    readFileChunk: vi.fn(async (request: FileChunkRequest) => {
      calls.push(request);
      const end = Math.min(options.truncateAt ?? bytes.length, request.offset + request.length);
      return bytes.slice(Math.min(request.offset, end), end);
    }),
  };
  return { reader, calls };
}

const tokenFile = (size: number, name = 'extract.csv'): HostFile => ({ name, size, lastModified: 0, source: { kind: 'token', token: 't' } });

async function collect(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; chunks: number }> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.byteLength;
  }
  return { bytes, chunks: parts.length };
}

describe('hostFileStream over Electron tokens', () => {
  it('yields exactly the file, in chunks of the requested size, asking for nothing past the end', async () => {
    const bytes = pattern(10_001);
    const { reader, calls } = fakeMain(bytes);
    const { bytes: read, chunks } = await collect(hostFileStream(tokenFile(bytes.length), reader, 4096));
    expect(read).toEqual(bytes);
    expect(chunks).toBe(3);
    expect(calls).toEqual([
      { token: 't', offset: 0, length: 4096 },
      { token: 't', offset: 4096, length: 4096 },
      { token: 't', offset: 8192, length: 1809 },
    ]);
  });

  it('never asks for more than the 4 MiB cap per call, whatever chunk size is asked of it', async () => {
    const size = MAX_FILE_CHUNK_BYTES + 10;
    const { reader, calls } = fakeMain(new Uint8Array(size));
    await collect(hostFileStream(tokenFile(size), reader, 64 * 1024 * 1024));
    expect(calls.map((c) => c.length)).toEqual([MAX_FILE_CHUNK_BYTES, 10]);
  });

  it('is pull-based: reads ahead at most one chunk of what its consumer has taken', async () => {
    const { reader, calls } = fakeMain(pattern(100_000));
    const stream = hostFileStream(tokenFile(100_000), reader, 1000).getReader();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.length).toBeLessThanOrEqual(1);
    await stream.read();
    await stream.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.length).toBeLessThanOrEqual(3);
    await stream.cancel();
  });

  it('an empty file is an empty stream, with no call to main', async () => {
    const { reader, calls } = fakeMain(new Uint8Array(0));
    expect((await collect(hostFileStream(tokenFile(0), reader))).bytes.byteLength).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('errors with a sentence naming the file when it ends before the size it was chosen with', async () => {
    const { reader } = fakeMain(pattern(5000), { truncateAt: 3000 });
    await expect(collect(hostFileStream(tokenFile(5000, 'cut.csv'), reader, 1000))).rejects.toThrow(shorterThanChosen('cut.csv'));
    expect(shorterThanChosen('cut.csv')).toMatch(/^"cut\.csv" ended sooner than its size when you chose it .* Open the file again\.$/);
  });

  it('passes main\'s refusal on as the stream\'s error', async () => {
    const reader: ChunkReader = { readFileChunk: async () => { throw new Error('The workbench can only read a file you chose in this window.'); } };
    await expect(collect(hostFileStream(tokenFile(10), reader))).rejects.toThrow('only read a file you chose in this window');
  });
});

describe('hostFileStream over a Blob and a served URL', () => {
  it('streams a Blob (a browser File) itself, as often as asked', async () => {
    const bytes = pattern(20_000);
    const file: HostFile = { name: 'a.csv', size: bytes.length, lastModified: 0, source: { kind: 'blob', blob: new Blob([bytes]) } };
    const { reader, calls } = fakeMain(new Uint8Array(0));
    expect((await collect(hostFileStream(file, reader))).bytes).toEqual(bytes);
    expect((await collect(hostFileStream(file, reader))).bytes).toEqual(bytes);
    expect(calls).toHaveLength(0);
  });

  it('fetches a served file on first pull and streams its body', async () => {
    const bytes = pattern(50_000);
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(new Blob([bytes]).stream(), { status: 200 }));
    try {
      const file: HostFile = { name: 'audit-sample.csv', size: bytes.length, lastModified: 0, source: { kind: 'url', url: 'http://127.0.0.1/audit-sample.csv' } };
      const stream = hostFileStream(file, fakeMain(new Uint8Array(0)).reader);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect((await collect(stream)).bytes).toEqual(bytes);
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      // Without a Content-Length (a chunked answer), the size is counted from the streamed body.
      expect(await servedFileSize('http://127.0.0.1/audit-sample.csv')).toBe(bytes.length);
      // With one, the body is not read.
      fetchSpy.mockImplementation(async () => new Response(new Blob([bytes]).stream(), { status: 200, headers: { 'content-length': '50000' } }));
      expect(await servedFileSize('http://127.0.0.1/audit-sample.csv')).toBe(50_000);
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('reports a served file that is missing', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('no', { status: 404 }));
    try {
      expect(await servedFileSize('http://127.0.0.1/missing.csv')).toBeNull();
      const file: HostFile = { name: 'missing.csv', size: 1, lastModified: 0, source: { kind: 'url', url: 'http://127.0.0.1/missing.csv' } };
      await expect(collect(hostFileStream(file, fakeMain(new Uint8Array(0)).reader))).rejects.toThrow('"missing.csv" could not be loaded from this build (HTTP 404).');
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

describe('readHostFileBytes (small files read whole: standards, scenarios)', () => {
  it('joins the streamed chunks', async () => {
    const bytes = pattern(9000);
    expect(await readHostFileBytes(tokenFile(bytes.length), fakeMain(bytes).reader)).toEqual(bytes);
  });

  it('refuses a file over the limit by its size, before reading any of it', async () => {
    const { reader, calls } = fakeMain(pattern(100));
    await expect(readHostFileBytes(tokenFile(100, 'big.json'), reader, 99)).rejects.toThrow(/^"big\.json" is 100 bytes, larger than the 99 bytes the workbench can read\./);
    expect(calls).toHaveLength(0);
  });
});
