import { describe, expect, it } from 'vitest';
import { forbiddenDebugSwitches } from '../../../../electron/main/policy/debug-switches';

describe('forbiddenDebugSwitches: packaged builds refuse debugging doors', () => {
  it('finds remote debugging and inspector switches in any form', () => {
    expect(
      forbiddenDebugSwitches(['/opt/app/msvw', '--remote-debugging-port=9222', '--inspect', '--inspect-brk=0.0.0.0:9229', '-remote-debugging-pipe', '--js-flags=--allow-natives-syntax']),
    ).toEqual(['remote-debugging-port', 'inspect', 'inspect-brk', 'remote-debugging-pipe', 'js-flags']);
  });

  it('ignores ordinary arguments and files', () => {
    expect(forbiddenDebugSwitches(['/opt/app/msvw', 'extract.csv', '--lang=en-GB', '/home/x/--inspect.csv'])).toEqual([]);
  });

  it('on Windows also catches the /switch syntax Chromium accepts there, in any case', () => {
    expect(
      forbiddenDebugSwitches(['C:\\Program Files\\MSVW\\msvw.exe', '/remote-debugging-port=9222', '/INSPECT', '/js-flags=--expose-gc', '/inspect-brk=9229'], 'win32'),
    ).toEqual(['remote-debugging-port', 'inspect', 'js-flags', 'inspect-brk']);
    expect(forbiddenDebugSwitches(['C:\\x\\msvw.exe', '--remote-debugging-pipe', '-inspect'], 'win32')).toEqual(['remote-debugging-pipe', 'inspect']);
  });

  it('takes /name as a path, not a switch, outside Windows', () => {
    expect(forbiddenDebugSwitches(['/opt/app/msvw', '/inspect', '/debug'], 'linux')).toEqual([]);
    expect(forbiddenDebugSwitches(['/Applications/MSVW.app', '/inspect'], 'darwin')).toEqual([]);
    expect(forbiddenDebugSwitches(['C:\\x\\msvw.exe', 'C:\\data\\inspect.csv', 'D:/debug/extract.csv'], 'win32')).toEqual([]);
  });

  it('reports each switch once', () => {
    expect(forbiddenDebugSwitches(['--inspect', '--INSPECT=1'])).toEqual(['inspect']);
  });
});
