import type { CommandContext, CommandHandler } from '../domain/platform.ts';
import type { Reply } from '../domain/reply.ts';
import type { Command } from './command.ts';
import { userKey, type CommandDeps, type Run } from './deps.ts';
import { fitReply } from './fit-reply.ts';
import { digest, policy, settings } from './handlers/settings.ts';
import { filter, language, quiet, timezone, toggle } from './handlers/preferences.ts';
import { dedupe, link, unlink } from './handlers/links.ts';
import { help, topics } from './handlers/info.ts';
import { latest, related, search, summary } from './handlers/stories.ts';
import { coverage } from './handlers/coverage.ts';
import { subscribe, unsubscribe } from './handlers/subscriptions.ts';
import { resolveLimits } from './limits.ts';
import { createAnchorMemory } from './cross-language.ts';
import { createListingMemory } from './listing-memory.ts';
import { parseCommand } from './parse.ts';
import { createRateLimiter } from './rate-limit.ts';
import { failureReply, slowDown, tooLong } from './failures.ts';
import { somethingWentWrong } from './replies.ts';
import { translator } from '../domain/i18n.ts';
import { cleanInput } from './text.ts';

/**
 * The core's command handler: rate limit, length limit, parse, run, fit the reply to
 * REPLY_LIMITS. It never throws: an unexpected error is logged and answered with a short error.
 */
export function createCommandHandler(deps: CommandDeps): CommandHandler {
  const limits = resolveLimits(deps.limits);
  const listings = createListingMemory(limits.listingChats);
  const anchors = createAnchorMemory();
  const limiter = createRateLimiter(deps.clock, {
    limit: limits.commandsPerWindow,
    windowMs: limits.windowMs,
    maxUsers: limits.rateLimitUsers,
  });
  const operators = deps.operators ?? new Set<string>();
  return {
    async handleText(context, text) {
      const operator = isOperator(operators, context);
      const decision = operator ? undefined : limiter.check(userKey(context));
      if (decision?.kind === 'silent') return undefined;
      let t = translator(deps.defaultLanguage);
      try {
        const chat = await deps.subscriptions.findByTarget(context.target);
        t = translator(chat?.preferences?.language ?? deps.defaultLanguage);
        const run: Run = {
          deps,
          context,
          limits,
          listings,
          anchors,
          isOperator: operator,
          chat,
          t,
        };
        if (decision?.kind === 'notice') return slowDown(t, decision.retryAfterMs);
        const reply = await answer(run, text);
        return reply === undefined ? undefined : fitReply(reply);
      } catch (err) {
        deps.log.error(logFields(context, err), 'command failed');
        return somethingWentWrong(t);
      }
    },
  };
}

function isOperator(operators: ReadonlySet<string>, context: CommandContext): boolean {
  return operators.has(userKey(context));
}

async function answer(run: Run, text: string): Promise<Reply | undefined> {
  if (text.length > run.limits.maxInputChars) return tooLong(run.t, text.length, run.limits);
  const parsed = parseCommand(cleanInput(text), {
    ...(run.deps.botName === undefined ? {} : { botName: run.deps.botName }),
  });
  if (!parsed.ok) return failureReply(run.t, parsed.failure, run.limits);
  return inChatZone(run, await execute(run, parsed.command));
}

/** Stories shown in the chat's own zone and labels in its language, when it chose them. */
function inChatZone(run: Run, reply: Reply): Reply {
  const prefs = run.chat?.preferences;
  if (reply.kind === 'notice' || prefs === undefined) return reply;
  const language = prefs.language === undefined ? {} : { language: prefs.language };
  if (reply.kind === 'error') return { ...reply, ...language };
  const zone = prefs.timezone === undefined ? {} : { timeZone: prefs.timezone };
  return { ...reply, ...zone, ...language };
}

function execute(run: Run, command: Command): Reply | Promise<Reply> {
  switch (command.name) {
    case 'help':
      return help(run, command.about);
    case 'latest':
      return latest(run, command.count, command.topic);
    case 'summary':
      return summary(run, command.story);
    case 'related':
      return related(run, command.story);
    case 'coverage':
      return coverage(run, command.story);
    case 'search':
      return search(run, command.words);
    case 'topics':
      return topics(run);
    case 'subscribe':
      return subscribe(run, command.topics, command.policy, command.last);
    case 'unsubscribe':
      return unsubscribe(run, command.topics);
    case 'settings':
      return settings(run);
    case 'digest':
      return digest(run, command.off ? 'off' : command.times);
    case 'policy':
      return policy(run, command.policy);
    case 'filter':
      return filter(run, command.action, command.changes);
    case 'timezone':
      return timezone(run, command.zone);
    case 'quiet':
      return quiet(run, command.hours);
    case 'previews':
    case 'images':
    case 'batch':
      return toggle(run, command.name, command.value);
    case 'language':
      return language(run, command.code);
    case 'link':
      return link(run, command.code);
    case 'unlink':
      return unlink(run);
    case 'dedupe':
      return dedupe(run, command.value);
  }
}

function logFields(context: CommandContext, err: unknown) {
  return {
    err,
    platform: context.platform,
    chatId: context.target.chatId,
    userId: context.user.id,
  };
}
