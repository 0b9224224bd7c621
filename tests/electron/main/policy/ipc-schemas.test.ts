import { describe, expect, it } from 'vitest';
import { MENU_COMMAND_CHANNEL } from '../../../../shared/host/workbench-host';
import {
  checkInvokeArguments,
  HOST_IPC,
  openFilesRequestSchema,
  sanitiseSuggestedName,
  saveFileRequestSchema,
} from '../../../../electron/main/policy/ipc-schemas';
import { MAX_SAVE_BYTES, MAX_SAVED_NAME_LENGTH } from '../../../../electron/main/policy/ipc-limits';

const openRequest = { title: 'Open an audit or KPI extract', extensions: ['csv', 'xlsx', 'tsv'], multiple: true };
const saveRequest = { suggestedName: 'funnel-4plus4-part1.svg', mimeType: 'image/svg+xml', data: '<svg/>' };

describe('the IPC contract: one row per WorkbenchHost operation', () => {
  it('gives every operation its own channel and an argument schema, and nothing to the menu channel', () => {
    expect(Object.keys(HOST_IPC).sort()).toEqual(['info', 'openFiles', 'print', 'readFileChunk', 'saveFile', 'savePdf']);
    const channels = Object.values(HOST_IPC).map((entry) => entry.channel);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channels).not.toContain(MENU_COMMAND_CHANNEL);
  });
});

describe('readFileChunk request', () => {
  const token = 'a'.repeat(32);
  it('accepts a token, an offset and a length up to 4 MiB', () => {
    expect(checkInvokeArguments('readFileChunk', [{ token, offset: 0, length: 4 * 1024 * 1024 }])).toEqual({ ok: true, args: [{ token, offset: 0, length: 4 * 1024 * 1024 }] });
  });
  it('refuses longer chunks, odd numbers, other tokens, paths and extra fields', () => {
    for (const request of [
      { token, offset: 0, length: 4 * 1024 * 1024 + 1 },
      { token, offset: 0, length: 0 },
      { token, offset: -1, length: 1 },
      { token, offset: Number.NaN, length: 1 },
      { token, offset: 1e15, length: 1 },
      { token, offset: '0', length: 1 },
      { token: token.toUpperCase(), offset: 0, length: 1 },
      { token: '/etc/passwd', offset: 0, length: 1 },
      { token, offset: 0, length: 1, path: '/etc/passwd' },
    ]) {
      const checked = checkInvokeArguments('readFileChunk', [request]);
      expect(checked.ok, JSON.stringify(request)).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/^The workbench refused a workbench:read-file-chunk request: /);
    }
  });
});

describe('savePdf request', () => {
  it('takes a sanitised .pdf name, adding the extension when missing', () => {
    expect(checkInvokeArguments('savePdf', [{ suggestedName: '../report 2026-09.pdf' }])).toEqual({ ok: true, args: [{ suggestedName: 'report 2026-09.pdf' }] });
    expect(checkInvokeArguments('savePdf', [{ suggestedName: 'report' }])).toEqual({ ok: true, args: [{ suggestedName: 'report.pdf' }] });
  });
  it('refuses another extension, extra fields and missing names', () => {
    const other = checkInvokeArguments('savePdf', [{ suggestedName: 'report.exe' }]);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.message).toMatch(/^The workbench refused a workbench:save-pdf request: suggestedName: a PDF must be saved with the \.pdf extension\.$/);
    expect(checkInvokeArguments('savePdf', [{ suggestedName: 'a.pdf', data: 'x' }]).ok).toBe(false);
    expect(checkInvokeArguments('savePdf', [{}]).ok).toBe(false);
    expect(checkInvokeArguments('savePdf', []).ok).toBe(false);
  });
});

describe('openFiles request', () => {
  it('accepts a well-formed request', () => {
    expect(openFilesRequestSchema.parse(openRequest)).toEqual(openRequest);
    expect(checkInvokeArguments('openFiles', [openRequest])).toEqual({ ok: true, args: [openRequest] });
  });

  it.each([
    ['missing fields', { title: 'x' }],
    ['extra fields', { ...openRequest, defaultPath: '/etc' }],
    ['empty title', { ...openRequest, title: '' }],
    ['control characters in title', { ...openRequest, title: 'Open\u0000' }],
    ['very long title', { ...openRequest, title: 'x'.repeat(201) }],
    ['extension with a dot', { ...openRequest, extensions: ['.csv'] }],
    ['wildcard extension', { ...openRequest, extensions: ['*'] }],
    ['path in extension', { ...openRequest, extensions: ['../csv'] }],
    ['no extensions', { ...openRequest, extensions: [] }],
    ['too many extensions', { ...openRequest, extensions: Array.from({ length: 33 }, (_, i) => `e${i}`) }],
    ['multiple as string', { ...openRequest, multiple: 'yes' }],
    ['not an object', 'open'],
    ['null', null],
  ])('rejects %s', (_label, request) => {
    expect(openFilesRequestSchema.safeParse(request).success).toBe(false);
    const checked = checkInvokeArguments('openFiles', [request]);
    expect(checked.ok).toBe(false);
  });

  it('rejects extra or missing arguments', () => {
    expect(checkInvokeArguments('openFiles', []).ok).toBe(false);
    expect(checkInvokeArguments('openFiles', [openRequest, 'extra']).ok).toBe(false);
  });

  it('explains a refusal in plain words naming the field', () => {
    const checked = checkInvokeArguments('openFiles', [{ ...openRequest, extensions: ['.csv'] }]);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.message).toContain(HOST_IPC.openFiles.channel);
      expect(checked.message).toContain('extensions.0');
      expect(checked.message).not.toMatch(/\n\s+at /);
    }
  });
});

describe('saveFile request', () => {
  it('accepts text and bytes', () => {
    expect(saveFileRequestSchema.parse(saveRequest)).toEqual(saveRequest);
    const bytes = new Uint8Array([1, 2, 3]);
    const parsed = saveFileRequestSchema.parse({ ...saveRequest, suggestedName: 'chart.png', mimeType: 'image/png', data: bytes });
    expect(parsed.data).toBe(bytes);
  });

  it('sanitises the suggested name on the way in', () => {
    const parsed = saveFileRequestSchema.parse({ ...saveRequest, suggestedName: '../../.config/autostart/funnel.svg' });
    expect(parsed.suggestedName).toBe('funnel.svg');
  });

  it.each([
    ['an executable extension', { ...saveRequest, suggestedName: 'report.exe' }],
    ['a shell script', { ...saveRequest, suggestedName: 'run.sh' }],
    ['a desktop launcher', { ...saveRequest, suggestedName: 'x.desktop' }],
    ['no extension', { ...saveRequest, suggestedName: 'report' }],
    ['an empty name', { ...saveRequest, suggestedName: '' }],
    ['a bad MIME type', { ...saveRequest, mimeType: 'text' }],
    ['a MIME type with a newline', { ...saveRequest, mimeType: 'text/csv\nX: y' }],
    ['data of the wrong type', { ...saveRequest, data: 42 }],
    ['data as a plain array', { ...saveRequest, data: [1, 2, 3] }],
    ['extra fields', { ...saveRequest, path: '/etc/passwd' }],
  ])('rejects %s', (_label, request) => {
    expect(saveFileRequestSchema.safeParse(request).success).toBe(false);
  });

  it('rejects exports over the size limit', () => {
    // A stand-in with the size of a huge export, without allocating one.
    const tooBig = Object.create(Uint8Array.prototype, { byteLength: { value: MAX_SAVE_BYTES + 1 }, length: { value: MAX_SAVE_BYTES + 1 } }) as Uint8Array;
    const checked = checkInvokeArguments('saveFile', [{ ...saveRequest, suggestedName: 'x.parquet', data: tooBig }]);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toContain('too large');
    const justRight = new Uint8Array(new ArrayBuffer(16));
    expect(saveFileRequestSchema.safeParse({ ...saveRequest, suggestedName: 'x.parquet', data: justRight }).success).toBe(true);
  });

  it('says which types are allowed when the extension is refused', () => {
    const checked = checkInvokeArguments('saveFile', [{ ...saveRequest, suggestedName: 'evil.bat' }]);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(/csv, tsv, xlsx/);
  });
});

describe('print and info take no arguments', () => {
  it('accepts none and rejects any', () => {
    expect(checkInvokeArguments('print', [])).toEqual({ ok: true, args: [] });
    expect(checkInvokeArguments('info', [])).toEqual({ ok: true, args: [] });
    expect(checkInvokeArguments('print', [{ silent: true }]).ok).toBe(false);
    expect(checkInvokeArguments('info', ['x']).ok).toBe(false);
  });
});

describe('sanitiseSuggestedName', () => {
  it.each([
    ['funnel-4plus4-part1.svg', 'funnel-4plus4-part1.svg'],
    ['League table.CSV', 'League table.csv'],
    ['../../etc/passwd.csv', 'passwd.csv'],
    ['C:\\Users\\x\\Desktop\\report.xlsx', 'report.xlsx'],
    ['/absolute/path/report.pdf', 'report.pdf'],
    ['.bashrc.txt', 'bashrc.txt'],
    ['...hidden.json', 'hidden.json'],
    ['  spaced   out  .csv', 'spaced out.csv'],
    ['a<b>c:d"e|f?g*h.csv', 'a-b-c-d-e-f-g-h.csv'],
    ['line\nbreak.csv', 'line-break.csv'],
    ['tab\tname.csv', 'tab-name.csv'],
    ['report\u202Efdp.csv', 'report-fdp.csv'],
    ['zero\u200Bwidth.csv', 'zero-width.csv'],
    ['CON.csv', '_CON.csv'],
    ['lpt1.txt', '_lpt1.txt'],
    ['.csv', null],
    ['trailing.csv.', 'trailing.csv'],
    ['report.exe', null],
    ['report.csv.exe', null],
    ['report.lnk', null],
    ['report', null],
    ['', null],
    ['dir/', null],
  ])('%j -> %j', (input, expected) => {
    expect(sanitiseSuggestedName(input)).toBe(expected);
  });

  it('keeps names short and the extension intact', () => {
    const name = sanitiseSuggestedName(`${'a'.repeat(500)}.xlsx`);
    expect(name).not.toBeNull();
    expect(name!.length).toBeLessThanOrEqual(MAX_SAVED_NAME_LENGTH);
    expect(name!.endsWith('.xlsx')).toBe(true);
  });

  it('never returns a name with a separator or a leading dot', () => {
    const inputs = ['a/b/c.csv', 'a\\b.csv', '.x.csv', './x.csv', '..\\..\\x.csv', 'x/.y.csv'];
    for (const input of inputs) {
      const name = sanitiseSuggestedName(input);
      expect(name).not.toBeNull();
      expect(name).not.toMatch(/[/\\]/);
      expect(name!.startsWith('.')).toBe(false);
    }
  });
});
