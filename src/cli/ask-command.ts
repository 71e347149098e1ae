import type { Command } from 'commander';
import type { CliContext } from '../app/context.ts';
import { withCliContext } from './lazy-context.ts';
import { systemClock } from '../domain/clock.ts';
import { CONSOLE_TARGET } from '../domain/console-target.ts';
import type { CommandContext, CommandHandler } from '../domain/platform.ts';
import type { Reply } from '../domain/reply.ts';
import type { TextEngine } from '../text/engine.ts';
import type { CliDeps } from './cli-deps.ts';

/** Who `herald ask` speaks as: the console's person, an operator, in the console's chat. */
const ASKER: CommandContext = {
  platform: 'console',
  target: CONSOLE_TARGET,
  user: { id: 'console', name: 'operator' },
  isAdmin: () => Promise.resolve(true),
};

/** `herald ask "<command text>" [--json]`: one chat command, answered as the console would. */
export function registerAskCommand(program: Command, deps: CliDeps): void {
  program
    .command('ask <text...>')
    .description('run one chat command (as an operator in the console chat) and print the reply')
    .option('--json', 'print the reply value as JSON')
    .action((words: string[], opts: { json?: boolean }) =>
      withCliContext(deps.env, async (c) => {
        const reply = await (await createAskHandler(c)).handleText(ASKER, words.join(' '));
        deps.out(await formatReply(reply, c, opts.json === true));
        if (reply?.kind === 'error') process.exitCode = 1;
      }),
    );
}

/** The command handler over the configured store; the related index is built only if asked. */
export async function createAskHandler(c: CliContext): Promise<CommandHandler> {
  const [{ createEngineFromStore }, { createCommandHandler }] = await Promise.all([
    import('../app/text-engine.ts'),
    import('../commands/handler.ts'),
  ]);
  let engine: Promise<TextEngine> | undefined;
  return createCommandHandler({
    stories: c.store.stories,
    events: c.store.events,
    subscriptions: c.store.subscriptions,
    related: {
      related: async (id, k) =>
        (await (engine ??= createEngineFromStore(c.store.stories))).related(id, k),
    },
    clock: systemClock,
    log: c.log,
    operators: new Set([...c.config.operators, `${ASKER.platform}:${ASKER.user.id}`]),
    defaultLanguage: c.config.replyLanguage,
    defaultTimezone: c.config.delivery.digestTimezone,
  });
}

async function formatReply(
  reply: Reply | undefined,
  c: CliContext,
  json: boolean,
): Promise<string> {
  if (json) return JSON.stringify(reply ?? null);
  if (reply === undefined) return '(no reply)';
  const { replyToPlainText } = await import('../commands/plain-text.ts');
  return replyToPlainText(reply, { timeZone: c.config.schedule.timezone });
}
