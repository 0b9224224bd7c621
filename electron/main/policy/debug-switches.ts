/**
 * Command-line switches that open a debugging door into a running app. Packaged builds refuse
 * to start with any of them (the fuses already disable Node's --inspect family; Chromium's
 * remote-debugging switches are not covered by a fuse, so main checks them itself).
 */

/** Switch names (without dashes) that enable remote debugging or inspection. */
export const FORBIDDEN_DEBUG_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
] as const;

/** The forbidden debugging switches present in a command line (e.g. process.argv). */
export function forbiddenDebugSwitches(argv: readonly string[]): string[] {
  const found = new Set<string>();
  for (const argument of argv) {
    const match = /^--?([a-z][a-z-]*)(=.*)?$/i.exec(argument);
    if (match === null) continue;
    const name = match[1].toLowerCase();
    if ((FORBIDDEN_DEBUG_SWITCHES as readonly string[]).includes(name)) found.add(name);
  }
  return [...found];
}
