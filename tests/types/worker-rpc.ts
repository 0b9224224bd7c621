/**
 * Type-level test of the worker RPC (compiled by `tsc`, never run): both the worker's handlers and
 * the page's calls are checked against the same API interface, so each `@ts-expect-error` below
 * marks a mistake the typecheck must reject. If one of them stops being an error, tsc fails with
 * "Unused '@ts-expect-error' directive".
 */
import type { DatasetApi, DatasetFacets } from '../../renderer/src/workers/dataset-api';
import { datasetRpc } from '../../renderer/src/workers/dataset-api';
import { importRpc, type ImportApi, type ImportSource } from '../../renderer/src/workers/import-protocol';
import type { RpcClient, RpcHandlers } from '../../renderer/src/workers/rpc';

declare const datasetHandlers: RpcHandlers<DatasetApi>;
declare const importHandlers: RpcHandlers<ImportApi>;
declare const dataset: RpcClient<DatasetApi>;
declare const importer: RpcClient<ImportApi>;
declare const source: ImportSource;
declare const file: File;

/** Never called: only compiled. */
export function workerSide(): void {
  // The real handlers type-check (the positive case).
  datasetRpc.serve(datasetHandlers);
  importRpc.serve(importHandlers);

  datasetRpc.serve({
    ...datasetHandlers,
    // @ts-expect-error a dataset handler that resolves 42 instead of facets
    facets: async () => 42,
  });

  datasetRpc.serve({
    ...datasetHandlers,
    // @ts-expect-error a handler that takes the wrong params (start as text)
    rows: async ({ start }: { start: string; end: number }) => [[start]],
  });

  // @ts-expect-error a worker that leaves out an operation the page calls
  datasetRpc.serve({ open: datasetHandlers.open });

  importRpc.serve({
    ...importHandlers,
    async readSheet(_params, context) {
      // @ts-expect-error a progress event of the wrong shape (no such stage)
      context.progress({ stage: 'parsing', progress: { bytesRead: 0, bytesTotal: 0, rows: 0 } });
      return importHandlers.readSheet({ source, sheet: 'x' }, context);
    },
  });

  importRpc.serve({
    ...importHandlers,
    // @ts-expect-error a read handler written for the old whole-bytes call (the file comes as a source to stream)
    read: async ({ bytes }: { bytes: Uint8Array; fileName: string }) => importHandlers.read({ file: { name: 'x', size: bytes.length }, source }, { progress: () => {} }),
  });

  importRpc.serve({
    ...importHandlers,
    async read(params, context) {
      // @ts-expect-error reading progress counts bytes and rows, not a fraction
      context.progress({ stage: 'reading', progress: 0.5 });
      return importHandlers.read(params, context);
    },
  });
}

/** Never called: only compiled. */
export async function pageSide(): Promise<void> {
  const facets: DatasetFacets = await dataset.call('facets', {});
  void facets;

  // @ts-expect-error the result of facets is not a number
  const wrong: number = await dataset.call('facets', {});
  void wrong;

  // @ts-expect-error rows takes numbers
  await dataset.call('rows', { start: 'a', end: 1 });

  // @ts-expect-error no such operation
  await dataset.call('delete', {});

  // A browser File goes to the worker as a Blob source; a stream the page builds, as a stream source.
  await importer.call('read', { file: { name: file.name, size: file.size }, source: { kind: 'blob', blob: file } });
  await importer.call('read', { file: { name: file.name, size: file.size }, source: { kind: 'stream', stream: file.stream() } });

  // @ts-expect-error the page no longer sends a file's bytes whole
  await importer.call('read', { file: { name: file.name, size: file.size }, bytes: new Uint8Array(0) });

  // @ts-expect-error a source is a Blob or a stream, not a path
  await importer.call('read', { file: { name: file.name, size: file.size }, source: { kind: 'path', path: '/tmp/x.csv' } });

  await importer.call('readSheet', { source, sheet: 'Audit' }, {
    // @ts-expect-error progress events have a stage, not a percent
    onProgress: (event: { percent: number }) => event.percent,
  });
}
