/** The native menu's commands, as a runtime list the preload can check incoming messages against. */
import type { MenuCommand } from '../../../shared/host/workbench-host';

/** Every MenuCommand, once. */
export const MENU_COMMANDS = ['open-file', 'print', 'show-data', 'show-about'] as const satisfies readonly MenuCommand[];

// Compile-time guard: adding a MenuCommand to the contract without listing it here fails the build.
type Missing = Exclude<MenuCommand, (typeof MENU_COMMANDS)[number]>;
const _everyCommandListed: [Missing] extends [never] ? true : Missing = true;

/** True when a value received over IPC is one of the menu commands. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
