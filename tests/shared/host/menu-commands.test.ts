import { describe, expect, it } from 'vitest';
import { isMenuCommand, MENU_COMMANDS } from '../../../shared/host/workbench-host';

describe('isMenuCommand: the preload passes only real menu commands to the page', () => {
  it('accepts every command', () => {
    for (const command of MENU_COMMANDS) expect(isMenuCommand(command)).toBe(true);
    expect([...MENU_COMMANDS].sort()).toEqual(['open-file', 'print', 'show-about', 'show-data']);
  });

  it.each([undefined, null, 1, {}, 'OPEN-FILE', 'open-file ', 'toString', '__proto__', ['print']])('rejects %j', (value) => {
    expect(isMenuCommand(value)).toBe(false);
  });
});
