/** The native menu: File (open, print, quit), View (data), Help (about); each item is a MenuCommand. */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/host/workbench-host';

/** What the menu needs from its surroundings. */
export interface MenuContext {
  /** Deliver a command to the workbench window. */
  send(command: MenuCommand): void;
  /** macOS puts the app menu first and names Quit differently. */
  isMac: boolean;
  /** Offer Reload / Developer Tools (never in packaged builds). */
  devTools: boolean;
}

/** The application menu template. */
export function menuTemplate(context: MenuContext): MenuItemConstructorOptions[] {
  const { send, isMac, devTools } = context;
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open extract…', accelerator: 'CmdOrCtrl+O', click: () => send('open-file') },
      { type: 'separator' },
      { label: 'Print…', accelerator: 'CmdOrCtrl+P', click: () => send('print') },
      { type: 'separator' },
      { role: isMac ? 'close' : 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Data', click: () => send('show-data') },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(devTools ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [{ label: 'About MS Variation Workbench', click: () => send('show-about') }],
  };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    view,
    help,
  ];
}
