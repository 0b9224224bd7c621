import { describe, expect, it } from 'vitest';
import { MAX_OPEN_FILE_BYTES, MAX_OPEN_FILES, MAX_OPEN_TOTAL_BYTES, openSizeProblem } from '../../../../electron/main/policy/ipc-limits';

describe('openSizeProblem: what the Open dialog may hand over in one IPC message', () => {
  it('accepts ordinary extracts', () => {
    expect(openSizeProblem([{ name: 'audit.csv', size: 131 * 1024 * 1024 }])).toBeNull();
    expect(openSizeProblem([])).toBeNull();
  });

  it('names an oversized file and says what to do', () => {
    const problem = openSizeProblem([{ name: 'national-audit.csv', size: MAX_OPEN_FILE_BYTES + 1 }]);
    expect(problem).toContain('"national-audit.csv"');
    expect(problem).toMatch(/split/);
  });

  it('refuses too many files or too much together', () => {
    const many = Array.from({ length: MAX_OPEN_FILES + 1 }, (_, i) => ({ name: `f${i}.csv`, size: 1 }));
    expect(openSizeProblem(many)).toMatch(/at most/);
    const half = Math.floor(MAX_OPEN_TOTAL_BYTES / 2) + 1;
    expect(openSizeProblem([{ name: 'a.csv', size: half }, { name: 'b.csv', size: half }])).toMatch(/fewer files/);
  });

  it('stays well under the ~512 MiB Electron IPC message ceiling', () => {
    expect(MAX_OPEN_TOTAL_BYTES).toBeLessThan(512 * 1024 * 1024);
    expect(MAX_OPEN_FILE_BYTES).toBeLessThanOrEqual(MAX_OPEN_TOTAL_BYTES);
  });
});
