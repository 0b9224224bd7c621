#!/usr/bin/env node
/**
 * msvw: the workbench, headless. Same shared/ core as the app. Built to plain JavaScript
 * (vite.cli.config.ts -> out/cli/msvw.js, run by bin/msvw.js), so a call starts in Node's own
 * time: each command is loaded only when it is asked for.
 *
 * Usage: msvw <command> [options]; msvw --version; msvw --help.
 * Exit codes: 0 success (and `msvw --help`); 2 unusable input or options, including `msvw` with no
 * command, which prints the usage to stderr (one line on stderr otherwise, never a stack trace).
 */
import { version } from '../package.json';
import { CliUsageError } from './args';

/** One command: what it does (for the usage text) and how to load it. */
interface Command {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

/**
 * Every command, in the order the usage lists them. To add one: write cli/commands/<name>.ts
 * exporting `run(args): Promise<number>`, and add a line here.
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
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
    process.stderr.write(`msvw: ${what}. Commands: ${Object.keys(COMMANDS).join(', ')} (msvw --help)\n`);
    return 2;
  }
  const command = await COMMANDS[first].load();
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
