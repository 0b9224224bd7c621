import { describe, expect, it } from 'vitest';
import { fileProblemLine } from '../../cli/args';

describe('fileProblemLine', () => {
  it('puts file, row and column in front, once each', () => {
    expect(fileProblemLine({ file: 'a.csv', row: 3, column: 'age', message: 'not a number.' })).toBe('a.csv, row 3, column "age": not a number.');
  });
  it('leaves out what the message already says', () => {
    expect(fileProblemLine({ file: 'wide.csv', row: 1, message: '"wide.csv", row 1: the header has too many columns.' })).toBe('"wide.csv", row 1: the header has too many columns.');
    expect(fileProblemLine({ file: 'a (1).csv', message: '"a (1).csv" is empty.' })).toBe('"a (1).csv" is empty.');
  });
  it('does not take row 1 for row 12', () => {
    expect(fileProblemLine({ file: 'a.csv', row: 1, message: 'a.csv, row 12: odd.' })).toBe('row 1: a.csv, row 12: odd.');
  });
});
