/**
 * A reading library's error text is quoted in a message only when it is the library's own account
 * of the file, never the JavaScript engine's words about the library's variables.
 */
import { tableFromArrays, tableToIPC } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { bracketed, ImportError, libraryDetail } from '../../../shared/io/import-result';
import { readArrow } from '../../../shared/io/read/arrow';

describe('libraryDetail', () => {
  it('keeps a library\'s own message, without its full stop, and drops the engine\'s', () => {
    expect(libraryDetail(new Error('thrift unhandled type: 14.'))).toBe('thrift unhandled type: 14');
    expect(libraryDetail('invalid block type')).toBe('invalid block type');
    expect(libraryDetail(new TypeError("Cannot destructure property 'version' of 'n' as it is null."))).toBeNull();
    expect(libraryDetail(new RangeError('Offset is outside the bounds of the DataView'))).toBeNull();
    expect(libraryDetail(new ReferenceError('x is not defined'))).toBeNull();
    expect(libraryDetail(new Error('   '))).toBeNull();
    expect(libraryDetail(undefined)).toBeNull();
    expect(libraryDetail(new Error('x'.repeat(500)))).toHaveLength(200);
    expect(bracketed(null)).toBe('');
    expect(bracketed('bad header')).toBe(' (bad header)');
  });

  it('a damaged Arrow file gets a plain message, not the engine\'s words about the reader\'s variables', () => {
    const arrow = tableToIPC(tableFromArrays({ centre_code: ['RTH', 'RGT', 'RRV'], n: [1, 2, 3] }), { format: 'file' })!;
    const bad = arrow.slice();
    for (let i = 8; i < bad.length - 8; i += 3) bad[i] ^= 0xff;
    let thrown: unknown;
    try {
      readArrow(bad, 'corrupted.arrow');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ImportError);
    const message = (thrown as ImportError).message;
    expect(message).toMatch(/^"corrupted\.arrow" could not be read as an Arrow file: it is damaged or cut short\. Export it again/);
    expect(message).not.toMatch(/Cannot|destructure|undefined|null/);
  });
});
