/**
 * The one argument parser of msvw: node:util parseArgs (strict), with its errors turned into a
 * one-line CliUsageError that names the option and shows the command's usage. Every command
 * parses through parseCommandLine. `--help`/`-h` is not a command's option: cli/msvw.ts answers
 * it (asksForHelp) with the command's USAGE before the command runs.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A problem with the command line or its files, reported as one line and exit code 2. */
export class CliUsageError extends Error {}

/**
 * True when a command's arguments ask for its usage: `--help` or `-h` anywhere before a `--`
 * (after `--` every argument is a file name, so `msvw analyse -- --help` reads a file "--help").
 * An option's value cannot be either: parseArgs refuses a separate value starting with "-"
 * (it must be written `--sheet=-h`).
 */
export function asksForHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/** Option definitions, as node:util parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** parseArgs's own error, e.g. "Unknown option '--colour'", reworded for people. */
function usageMessage(error: Error, code: string, usage: string): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${option ?? error.message}". Usage: ${usage}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(error.message)
        ? `${option} does not take a value. Usage: ${usage}`
        : `${option} needs a value. Usage: ${usage}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${/'([^']*)'/.exec(error.message)?.[1] ?? ''}". Usage: ${usage}`;
    default:
      return `${error.message.split('\n')[0]}. Usage: ${usage}`;
  }
}

/**
 * Parse a command's arguments strictly against its options (long names, `--name value` or
 * `--name=value`); throws CliUsageError with one line that includes the usage.
 */
export function parseCommandLine<const O extends OptionSpec>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (error instanceof Error && code.startsWith('ERR_PARSE_ARGS')) throw new CliUsageError(usageMessage(error, code, usage));
    throw error;
  }
}

/** What a located file problem carries (shared/io ImportError): the file, and where in it. */
interface LocatedProblem {
  message: string;
  file: string;
  row?: number;
  column?: string;
}

/**
 * One line for a problem with a file: "file, row 3, column "x": message", naming the file once
 * (file, row and column each left out when the message already says it, e.g. '"/tmp/ff.csv" is a pipe').
 */
export function fileProblemLine(problem: LocatedProblem): string {
  const message = problem.message.split('\n')[0];
  // Each of file, row and column is put in front unless the message already says it.
  const parts = [problem.file, problem.row !== undefined ? `row ${problem.row}` : '', problem.column ? `column "${problem.column}"` : ''];
  const says = (part: string): boolean => new RegExp(`${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`).test(message);
  const where = parts.filter((part) => part !== '' && !says(part)).join(', ');
  return where ? `${where}: ${message}` : message;
}

/** Checks that an option's value is one of the allowed choices (one line naming them otherwise). */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new CliUsageError(`--${name} must be ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}
