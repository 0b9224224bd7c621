#!/usr/bin/env node
/**
 * msvw: the workbench, headless. Same shared/ core as the app.
 * Usage: msvw <command> [args]; commands live in cli/commands/<name>.ts and export `run`.
 * Exit codes: 0 success, 2 unusable input or options (one line on stderr, never a stack trace).
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');
  const available = (await readdir(dir)).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`msvw: MS Variation Workbench, headless\nUsage: msvw <command> [options]\nCommands: ${available.join(', ')}\n`);
    return command ? 0 : 2;
  }
  if (!available.includes(command)) {
    process.stderr.write(`msvw: unknown command "${command}". Commands: ${available.join(', ')}\n`);
    return 2;
  }
  const mod = (await import(`./commands/${command}.ts`)) as { run: (args: string[]) => Promise<number> };
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    // Known, actionable errors carry their own message; anything else is still one line.
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`msvw: ${message.split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
