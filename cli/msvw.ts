#!/usr/bin/env node
/**
 * msvw: the workbench, headless. Same shared/ core as the app. Built to plain JavaScript
 * (vite.cli.config.ts -> out/cli/msvw.js, run by bin/msvw.js), so a call starts in Node's own
 * time: each command is loaded only when it is asked for.
 *
 * Usage: msvw <command> [options]; msvw <command> --help; msvw --version; msvw --help.
 * Exit codes: 0 success (and `msvw --help`, `msvw <command> --help`); 2 unusable input or options,
 * including `msvw` with no command, which prints the usage to stderr (one line on stderr otherwise,
 * never a stack trace).
 */
import { version } from '../package.json';
import { asksForHelp, CliUsageError } from './args';

/** One command: what it does (for the usage text) and how to load it. */
interface Command {
  summary: string;
  /** USAGE: its usage without the leading "Usage: ", printed by `msvw <command> --help`. */
  load: () => Promise<{ USAGE: string; run: (args: string[]) => Promise<number> }>;
}

/**
 * Every command, in the order the usage lists them. To add one: write cli/commands/<name>.ts
 * exporting `USAGE` and `run(args): Promise<number>`, and add a line here.
 */
export const COMMANDS = {
  inspect: { summary: 'how every row and column of an extract is read (JSON)', load: () => import('./commands/inspect') },
  analyse: { summary: 'variation between centres for one measure (JSON or CSV)', load: () => import('./commands/analyse') },
  standards: { summary: 'the standards catalogue (table or JSON)', load: () => import('./commands/standards') },
  spc: { summary: 'SPC chart of a measure over time, with Making Data Count rules and icons (JSON or CSV)', load: () => import('./commands/spc') },
  'business-case': { summary: 'what meeting a standard takes for one centre, what it costs and saves (JSON)', load: () => import('./commands/business-case') },
  report: { summary: 'a self-contained A4 HTML report for one centre (and its business case)', load: () => import('./commands/report') },
  waits: { summary: 'waiting-time curves (Kaplan-Meier), medians and percentiles (JSON or CSV)', load: () => import('./commands/waits') },
} satisfies Record<string, Command>;

type CommandName = keyof typeof COMMANDS;

/** The usage text: commands with their summaries. */
export function usage(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  return [
    'msvw: MS Variation Workbench, headless',
    'Usage: msvw <command> [options]     (msvw <command> --help for its options)',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`),
    '',
    'Options: --help, -h  this text;  --version, -v  the version',
    '',
  ].join('\n');
}

/** Typing slips a suggestion covers: at most this many single-letter edits (analyze -> analyse is 1). */
const MAX_SUGGESTION_EDITS = 2;

/** Levenshtein distance (single-character insertions, deletions and substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The command a mistyped name most likely meant (a close spelling, or a unique prefix), or null. */
export function nearestCommand(name: string): CommandName | null {
  const wanted = name.toLowerCase();
  const names = Object.keys(COMMANDS) as CommandName[];
  const prefixed = names.filter((n) => wanted.length >= 2 && n.startsWith(wanted));
  if (prefixed.length === 1) return prefixed[0];
  let best: CommandName | null = null;
  let bestDistance = MAX_SUGGESTION_EDITS + 1;
  for (const n of names) {
    const d = editDistance(wanted, n);
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  return best;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Run msvw with its arguments; resolves the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (!isCommand(first)) {
    const option = first.startsWith('-');
    const nearest = option ? null : nearestCommand(first);
    const what = option ? `unknown option "${first}"` : `unknown command "${first}"${nearest ? `; did you mean "${nearest}"?` : ''}`;
    process.stderr.write(`msvw: ${what}${nearest ? '' : '.'} Commands: ${Object.keys(COMMANDS).join(', ')} (msvw --help)\n`);
    return 2;
  }
  // The second thread of a large analysis starts now (if bin/msvw.js has not started it), alongside the loading of the command.
  if (first === 'analyse') (await import('./scan-worker-start')).prestartScanWorker(rest);
  const command = await COMMANDS[first].load();
  // --help or -h anywhere in a command's arguments: its usage, and nothing read or run.
  if (asksForHelp(rest)) {
    process.stdout.write(`Usage: ${command.USAGE}\n`);
    return 0;
  }
  return command.run(rest);
}

// `msvw ... | head` closes the pipe early: that is the reader's choice, not an error to report.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`msvw: could not write the output (${error.message}).\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 2);
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    // Known, actionable errors carry their own message; anything else is still one line.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`msvw: ${err instanceof CliUsageError ? '' : 'stopped: '}${message.split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
