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

/**
 * How a switch may start. Chromium and Node take `--name` and `-name` everywhere; on Windows
 * Chromium also takes `/name` (base/command_line.cc, kSwitchPrefixes), which elsewhere is a path.
 */
function switchPattern(platform: NodeJS.Platform): RegExp {
  return platform === 'win32' ? /^(?:--?|\/)([a-z][a-z-]*)(?:=.*)?$/i : /^--?([a-z][a-z-]*)(?:=.*)?$/i;
}

/** The forbidden debugging switches present in a command line (e.g. process.argv), on this platform. */
export function forbiddenDebugSwitches(argv: readonly string[], platform: NodeJS.Platform = process.platform): string[] {
  const found = new Set<string>();
  const pattern = switchPattern(platform);
  for (const argument of argv) {
    const match = pattern.exec(argument);
    if (match === null) continue;
    const name = match[1].toLowerCase();
    if ((FORBIDDEN_DEBUG_SWITCHES as readonly string[]).includes(name)) found.add(name);
  }
  return [...found];
}
