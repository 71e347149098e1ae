import { Command, CommanderError } from 'commander';
import { ConfigError } from '../app/config.ts';
import { registerStoryCommands } from './story-commands.ts';
import { registerEvalCommands } from './eval-commands.ts';
import { UsageError } from './usage-error.ts';

/** Builds the `herald` program. Each group of subcommands lives in its own module. */
export function createProgram(): Command {
  const program = new Command('herald')
    .description('Herald: a news-distribution bot (stories, summaries, related stories)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStoryCommands(program);
  registerEvalCommands(program);
  return program;
}

/** Runs the CLI; resolves to the process exit code. Errors become one line on stderr. */
export async function runCli(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help/version text).
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof UsageError || err instanceof ConfigError) {
    process.stderr.write(`herald: ${err.message}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`herald: ${message.split('\n')[0] ?? 'failed'}\n`);
  return 1;
}
