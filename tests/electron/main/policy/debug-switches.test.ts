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

  it('reports each switch once', () => {
    expect(forbiddenDebugSwitches(['--inspect', '--INSPECT=1'])).toEqual(['inspect']);
  });
});
