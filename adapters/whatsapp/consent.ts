import {
  parseCommand,
  cleanInput,
  translate,
  type Clock,
  type CommandContext,
  type CommandHandler,
  type Reply,
  type ConsentAction,
  type ConsentLogStore,
  type SubscriptionStore,
} from '../../src/index.ts';

/** A message that asks to start or stop broadcasts. */
export interface ConsentRequest {
  action: ConsentAction;
  /** The topics named; empty means everything. */
  topics: string[];
}

export interface ConsentDeps {
  commands: CommandHandler;
  subscriptions: SubscriptionStore;
  consentLog: ConsentLogStore;
  clock: Clock;
}

/** "STOP", "Stop!", "cancel", "quit" and the like: the plain opt-outs people type, in any case. */
const PLAIN_STOP = /^[!/]?\s*(stop|unsubscribe|unsub|cancel|quit)\s*[.!]*$/iu;

export const STOPPED_TEXT = translate('en', 'consent.stopped');

/** Whether `text` asks to opt in (subscribe [topics]) or out (stop, unsubscribe [topics]). */
export function consentRequest(text: string): ConsentRequest | undefined {
  const clean = cleanInput(text);
  if (PLAIN_STOP.test(clean)) return { action: 'opt-out', topics: [] };
  const parsed = parseCommand(clean);
  if (!parsed.ok) return undefined;
  const { command } = parsed;
  if (command.name === 'subscribe') return { action: 'opt-in', topics: command.topics };
  if (command.name === 'unsubscribe') return { action: 'opt-out', topics: command.topics };
  return undefined;
}

/**
 * Handles an opt-in or opt-out and records it in the consent log with its time. A full opt-out
 * in a private chat is done here, at once, past the command rate limit (nobody waits to stop
 * the messages); the rest goes through the core's subscribe/unsubscribe, then the resulting
 * state is recorded.
 */
export async function handleConsent(
  deps: ConsentDeps,
  context: CommandContext,
  text: string,
  request: ConsentRequest,
): Promise<Reply | undefined> {
  const fullStop = request.action === 'opt-out' && request.topics.length === 0;
  const reply =
    fullStop && context.target.kind === 'private'
      ? await stopNow(deps, context)
      : await deps.commands.handleText(context, text);
  const subscribed = await isSubscribed(deps, context);
  await deps.consentLog.record({
    at: deps.clock.now(),
    platform: context.platform,
    chatId: context.target.chatId,
    userId: context.user.id,
    action: request.action,
    topics: request.topics,
    text: cleanInput(text),
    subscribed,
  });
  return reply;
}

async function stopNow(deps: ConsentDeps, context: CommandContext): Promise<Reply> {
  const sub = await deps.subscriptions.findByTarget(context.target);
  const language = sub?.preferences?.language;
  if (sub?.active !== true) {
    return { kind: 'notice', text: translate(language, 'consent.notSubscribed') };
  }
  await deps.subscriptions.deactivateSubscription(sub.id, 'unsubscribed', deps.clock.now());
  return { kind: 'notice', text: translate(language, 'consent.stopped') };
}

async function isSubscribed(deps: ConsentDeps, context: CommandContext): Promise<boolean> {
  const sub = await deps.subscriptions.findByTarget(context.target);
  return sub?.active === true;
}
