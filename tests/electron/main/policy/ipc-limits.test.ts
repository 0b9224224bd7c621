import { describe, expect, it } from 'vitest';
import { MAX_CHUNK_BYTES, MAX_OPEN_FILE_BYTES, MAX_OPEN_FILES, MAX_SAVE_BYTES, openSizeProblem } from '../../../../electron/main/policy/ipc-limits';
import { checkFileSize } from '../../../../shared/io/read/index';
import { MAX_IMPORT_BYTES } from '../../../../shared/io/limits';

describe('openSizeProblem: which chosen files the Open dialog refuses', () => {
  it('accepts ordinary extracts, and several large ones together (nothing is read whole)', () => {
    expect(openSizeProblem([{ name: 'audit.csv', size: 131 * 1024 * 1024 }])).toBeNull();
    expect(openSizeProblem([])).toBeNull();
    expect(openSizeProblem([{ name: 'a.csv', size: MAX_OPEN_FILE_BYTES }, { name: 'b.csv', size: MAX_OPEN_FILE_BYTES }])).toBeNull();
  });

  it('names an oversized file, its size and the limit in the same sentence as the web build and the CLI', () => {
    const size = MAX_OPEN_FILE_BYTES + 1;
    const problem = openSizeProblem([{ name: 'national-audit.csv', size }]);
    expect(problem).toMatch(/^"national-audit\.csv" is 400 MB, larger than the 400 MB the workbench can read\. Split the extract/);
    expect(() => checkFileSize(size, 'national-audit.csv')).toThrow(problem!);
  });

  it('refuses too many files', () => {
    const many = Array.from({ length: MAX_OPEN_FILES + 1 }, (_, i) => ({ name: `f${i}.csv`, size: 1 }));
    expect(openSizeProblem(many)).toMatch(/at most/);
  });

  it('keeps the one import limit, and every IPC message well under the ~512 MiB Electron ceiling', () => {
    expect(MAX_OPEN_FILE_BYTES).toBe(MAX_IMPORT_BYTES);
    expect(MAX_CHUNK_BYTES).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(MAX_SAVE_BYTES).toBeLessThan(512 * 1024 * 1024);
  });
});
