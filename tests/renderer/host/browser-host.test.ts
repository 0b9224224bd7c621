/**
 * The browser host refuses a file over the one size limit before reading it, with the same
 * message as the CLI (shared/io/read checkFileSize), and hands on the files it accepts as
 * handles (the File itself), none of their bytes read.
 */
import { describe, expect, it, vi } from 'vitest';
import { browserHostFiles } from '../../../renderer/src/host/browser-host';
import { checkFileSize } from '../../../shared/io/read/index';
import { MAX_IMPORT_BYTES } from '../../../shared/io/limits';

/** A stand-in for a browser File: its size is claimed, and reading it is recorded. */
function fakeFile(name: string, size: number) {
  const arrayBuffer = vi.fn(async () => new ArrayBuffer(Math.min(size, 16)));
  const stream = vi.fn(() => new Blob([new Uint8Array(Math.min(size, 16))]).stream());
  return { file: { name, size, lastModified: 0, arrayBuffer, stream } as unknown as File, arrayBuffer, stream };
}

function cliMessage(name: string, size: number): string {
  try {
    checkFileSize(size, name);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('checkFileSize accepted the size');
}

describe('browserHostFiles', () => {
  it('refuses a file over the 400 MiB limit before reading any of it, with the CLI message', async () => {
    const size = MAX_IMPORT_BYTES + 1;
    const { file, arrayBuffer } = fakeFile('huge.csv', size);
    const error = await browserHostFiles([file]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(cliMessage('huge.csv', size));
    expect((error as Error).message).toMatch(/^"huge\.csv" is 400 MB, larger than the 400 MB the workbench can read\. Split the extract/);
    expect((error as Error).message).not.toContain('\n');
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('reads none of a batch when one file is too large', async () => {
    const small = fakeFile('small.csv', 10);
    const big = fakeFile('big.csv', 2 * MAX_IMPORT_BYTES);
    await expect(browserHostFiles([small.file, big.file])).rejects.toThrow(/"big\.csv" is 800 MB, larger than the 400 MB/);
    expect(small.arrayBuffer).not.toHaveBeenCalled();
    expect(big.arrayBuffer).not.toHaveBeenCalled();
  });

  it('accepts a file at the limit (here a lowered one) as a handle to the File, reading none of it', async () => {
    const { file, arrayBuffer, stream } = fakeFile('ok.csv', 16);
    const [chosen] = await browserHostFiles([file], 16);
    expect(chosen).toEqual({ name: 'ok.csv', size: 16, lastModified: 0, source: { kind: 'blob', blob: file } });
    expect(arrayBuffer).not.toHaveBeenCalled();
    expect(stream).not.toHaveBeenCalled();
  });
});
