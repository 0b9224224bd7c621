/**
 * Electron wraps errors thrown by ipcMain.handle as "Error invoking remote method '<channel>':
 * Error: <message>". The page should see only the message main wrote for people.
 */

const ELECTRON_PREFIX = /^Error invoking remote method '[^']*':\s*(?:[A-Za-z]*Error:\s*)?/;

/** The human message inside an IPC rejection, without Electron's wrapper or any stack. */
export function plainIpcMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const message = raw.replace(ELECTRON_PREFIX, '').split('\n')[0].trim();
  return message === '' ? 'The workbench could not complete that request.' : message;
}
