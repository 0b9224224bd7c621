import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../../shared/host/workbench-host';
import { menuTemplate } from '../../../electron/main/menu';

/** Every item in a template, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

/** Click the item with this label and return the commands it sent. */
function clickLabel(template: MenuItemConstructorOptions[], label: string, send: ReturnType<typeof vi.fn>): MenuCommand[] {
  const item = items(template).find((candidate) => candidate.label === label);
  expect(item, `menu item "${label}"`).toBeDefined();
  send.mockClear();
  (item!.click as () => void)();
  return send.mock.calls.map(([command]) => command as MenuCommand);
}

describe('menuTemplate: the native menu sends host menu commands', () => {
  const send = vi.fn();
  const template = menuTemplate({ send, isMac: false, devTools: false });

  it('has File, Edit, View and Help', () => {
    expect(template.map((item) => item.label ?? item.role)).toEqual(['&File', 'editMenu', '&View', '&Help']);
  });

  it('File > Open extract… (Ctrl/Cmd+O) sends open-file', () => {
    const open = items(template).find((item) => item.label === 'Open extract…');
    expect(open?.accelerator).toBe('CmdOrCtrl+O');
    expect(clickLabel(template, 'Open extract…', send)).toEqual(['open-file']);
  });

  it('File > Print… sends print; View > Data sends show-data; Help > About sends show-about', () => {
    expect(clickLabel(template, 'Print…', send)).toEqual(['print']);
    expect(clickLabel(template, 'Data', send)).toEqual(['show-data']);
    expect(clickLabel(template, 'About MS Variation Workbench', send)).toEqual(['show-about']);
  });

  it('File has Quit', () => {
    expect(items(template).some((item) => item.role === 'quit')).toBe(true);
  });

  it('offers reload and developer tools only in development', () => {
    const roles = (t: MenuItemConstructorOptions[]) => items(t).map((item) => item.role);
    expect(roles(template)).not.toContain('toggleDevTools');
    expect(roles(template)).not.toContain('reload');
    expect(roles(menuTemplate({ send, isMac: false, devTools: true }))).toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS', () => {
    expect(menuTemplate({ send, isMac: true, devTools: false })[0].role).toBe('appMenu');
  });
});
