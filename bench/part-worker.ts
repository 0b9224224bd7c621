/**
 * The helper thread of the 'ours-parallel' bench case: reads bytes [start, end) of a file from
 * disk with a part reader and hands the part back with its buffers transferred (no copies).
 * The app would do the same in a web worker with file.slice(start, end).stream().
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createPartReader, partBuffers } from '../shared/io/read/delimited';
import type { PartTask } from '../shared/io/read/parallel';

const CHUNK = 4 << 20;

parentPort?.postMessage({ ready: true });

parentPort?.on('message', (message: { file: string; task: PartTask }) => {
  const { file, task } = message;
  try {
    const reader = createPartReader({ fileName: task.fileName, delimiter: task.delimiter, ncols: task.ncols, bytesTotal: task.end - task.start });
    const fd = openSync(file, 'r');
    try {
      const buffer = new Uint8Array(CHUNK);
      for (let at = task.start; at < task.end; ) {
        const chunk = buffer.subarray(0, Math.min(CHUNK, task.end - at));
        const n = readSync(fd, chunk, 0, chunk.length, at);
        if (n === 0) break;
        reader.push(chunk.subarray(0, n));
        at += n;
      }
    } finally {
      closeSync(fd);
    }
    const part = reader.finishPart();
    parentPort?.postMessage({ part }, partBuffers(part));
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
