import { describe, expect, it } from 'vitest';
import { plainIpcMessage } from '../../../electron/preload/ipc-errors';

describe('plainIpcMessage: the page sees main\'s words, not Electron\'s wrapper', () => {
  it('strips the remote-method prefix and the error class', () => {
    const error = new Error(`Error invoking remote method 'workbench:open-files': Error: "big.csv" is 900.0 MB; split it.`);
    expect(plainIpcMessage(error)).toBe('"big.csv" is 900.0 MB; split it.');
  });

  it('strips typed error classes too', () => {
    expect(plainIpcMessage(new Error(`Error invoking remote method 'workbench:save-file': TypeError: bad`))).toBe('bad');
  });

  it('never passes a stack trace on', () => {
    const error = new Error(`Error invoking remote method 'workbench:info': Error: failed\n    at handler (main.js:1:1)`);
    expect(plainIpcMessage(error)).toBe('failed');
  });

  it('falls back to a plain sentence', () => {
    expect(plainIpcMessage(undefined)).toBe('The workbench could not complete that request.');
    expect(plainIpcMessage(new Error(''))).toBe('The workbench could not complete that request.');
    expect(plainIpcMessage('plain text')).toBe('plain text');
  });
});
