/**
 * A HostFile's bytes as a web ReadableStream, so no part of the app holds a chosen file whole:
 * - a Blob (the browser's File) streams itself with blob.stream();
 * - an Electron token becomes a pull-based stream: each pull asks main for the next chunk
 *   (host.readFileChunk, at most MAX_FILE_CHUNK_BYTES), so reading goes at the pace of its
 *   consumer and main never holds more than one chunk;
 * - a URL the app serves (the bundled sample) is fetched and its response.body streamed.
 *
 * How the import worker gets the bytes (state/import-session.ts): a Blob is handed over as it is
 * (structured clone shares the file, not its bytes) and the worker streams it itself, as often as
 * it needs (another sheet, another header row). A token or URL stream is built here on the page,
 * where window.workbench and the page's fetch live, and transferred to the worker (ReadableStream
 * is transferable in Chromium, so in Electron's renderer too): the worker's reads pull chunks
 * through the page, and each re-read builds a fresh stream.
 */
import type { HostFile, WorkbenchHost } from '../../../shared/host/workbench-host';
import { MAX_FILE_CHUNK_BYTES, MAX_IMPORT_BYTES, tooLargeMessage } from '../../../shared/io/limits';
import { joinChunks } from '../../../shared/io/bytes';

/** The host operation the token stream pulls through. */
export type ChunkReader = Pick<WorkbenchHost, 'readFileChunk'>;

/** Refusal when a file ends before the size it had when chosen (it was edited or truncated since). */
export function shorterThanChosen(name: string): string {
  return `"${name}" ended sooner than its size when you chose it (it may have been edited since). Open the file again.`;
}

/** A pull-based stream over readFileChunk: one chunk per pull, up to the size chosen. */
function tokenStream(file: HostFile, token: string, reader: ChunkReader, chunkBytes: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (offset >= file.size) {
          controller.close();
          return;
        }
        const chunk = await reader.readFileChunk({ token, offset, length: Math.min(chunkBytes, file.size - offset) });
        if (chunk.byteLength === 0) throw new Error(shorterThanChosen(file.name));
        offset += chunk.byteLength;
        controller.enqueue(chunk);
        if (offset >= file.size) controller.close();
      },
    },
    // One chunk read ahead: main reads the next while the worker parses this one.
    { highWaterMark: 1 },
  );
}

/** A stream of a URL the app serves (the bundled sample): fetched on first pull, its body passed on. */
function urlStream(file: HostFile, url: string): ReadableStream<Uint8Array> {
  let body: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (body === null) {
          const response = await fetch(url);
          if (!response.ok || response.body === null) throw new Error(`"${file.name}" could not be loaded from this build (HTTP ${response.status}).`);
          body = response.body.getReader();
        }
        const { done, value } = await body.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await body?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The bytes of a chosen file as a stream, from its start; call again to read it again. */
export function hostFileStream(file: HostFile, reader: ChunkReader, chunkBytes = MAX_FILE_CHUNK_BYTES): ReadableStream<Uint8Array> {
  const source = file.source;
  switch (source.kind) {
    case 'blob':
      return source.blob.stream();
    case 'token':
      return tokenStream(file, source.token, reader, Math.max(1, Math.min(chunkBytes, MAX_FILE_CHUNK_BYTES)));
    case 'url':
      return urlStream(file, source.url);
  }
}

/**
 * A small file whole (a standards or scenario JSON the person opened), streamed in and joined;
 * a file over `maxBytes` is refused by its size before any of it is read.
 */
export async function readHostFileBytes(file: HostFile, reader: ChunkReader, maxBytes = MAX_IMPORT_BYTES): Promise<Uint8Array> {
  if (file.size > maxBytes) throw new Error(tooLargeMessage(file.name, file.size, maxBytes));
  const parts: Uint8Array[] = [];
  let length = 0;
  const stream = hostFileStream(file, reader).getReader();
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await stream.cancel();
      throw new Error(tooLargeMessage(file.name, length, maxBytes));
    }
    parts.push(value);
  }
  return joinChunks(parts, length);
}

/**
 * Size of a file the app serves (the bundled sample), for its HostFile: the Content-Length of the
 * answer when it has one (the body is then not read), or else its body counted as it streams
 * (none of it kept); null when it is missing.
 */
export async function servedFileSize(url: string): Promise<number | null> {
  const response = await fetch(url).catch(() => null);
  if (response === null || !response.ok || response.body === null) return null;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isSafeInteger(declared) && declared >= 0) {
    await response.body.cancel();
    return declared;
  }
  const body = response.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await body.read();
    if (done) return size;
    size += value.byteLength;
  }
}
