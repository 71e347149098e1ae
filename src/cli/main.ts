import { Command, CommanderError } from 'commander';
import { existsSync } from 'node:fs';
import { ConfigError } from '../app/config-errors.ts';
import { registerAskCommand } from './ask-command.ts';
import type { CliDeps } from './cli-deps.ts';
import { registerEvalCommands } from './eval-commands.ts';
import { registerFeedsCommands } from './feeds-commands.ts';
import { registerMigrateCommand } from './migrate-command.ts';
import { registerStoryCommands } from './story-commands.ts';
import { registerStartCommand } from './start-command.ts';
import { registerOperatorCommands } from './operator-commands.ts';
import { heraldVersion, listEverySubcommand } from './help.ts';
import { registerSubscriptionCommands } from './subscription-commands.ts';
import { UsageError } from './usage-error.ts';
import { registerWhatsAppCommands } from './whatsapp-commands.ts';

/** Builds the `herald` program. Each group of subcommands lives in its own module. */
export function createProgram(deps: CliDeps): Command {
  const program = new Command('herald')
    .description('Herald: a news-distribution bot (stories, summaries, related stories)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => {
        deps.out(s.trimEnd());
      },
    })
    .version(heraldVersion(), '-V, --version', "print Herald's version")
    .helpOption('-h, --help', 'print the help (every command; `herald <command> --help` for one)')
    .exitOverride();
  registerStoryCommands(program, deps);
  registerEvalCommands(program);
  registerFeedsCommands(program, deps);
  registerStartCommand(program, deps);
  registerOperatorCommands(program, deps);
  registerSubscriptionCommands(program, deps);
  registerAskCommand(program, deps);
  registerMigrateCommand(program, deps);
  registerWhatsAppCommands(program, deps);
  listEverySubcommand(program);
  return program;
}

/** Reads `.env` from the working directory (if any) under the real environment. */
export function environmentWithDotEnv(env: NodeJS.ProcessEnv, path = '.env'): NodeJS.ProcessEnv {
  if (existsSync(path)) process.loadEnvFile(path);
  return env;
}

/** Runs the CLI; resolves to the process exit code. Errors become one line on stderr. */
export async function runCli(argv: string[], partial: Partial<CliDeps> = {}): Promise<number> {
  const deps: CliDeps = {
    ...partial,
    env: partial.env ?? environmentWithDotEnv(process.env),
    out: partial.out ?? ((text) => process.stdout.write(`${text}\n`)),
  };
  try {
    await createProgram(deps).parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
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
