import type { Command } from 'commander';
import type { CliContext } from '../app/context.ts';
import { withCliContext } from './lazy-context.ts';
import { systemClock } from '../domain/clock.ts';
import {
  DELIVERY_POLICIES,
  DeliveryModeSchema,
  DeliveryPolicySchema,
  FiltersSchema,
  PlatformNameSchema,
  TargetSchema,
  type DeliveryMode,
  type Filters,
  type PlatformName,
  type Target,
} from '../domain/subscription.ts';
import type { CliDeps } from './cli-deps.ts';
import {
  filtersText,
  outboxRowJson,
  outboxText,
  subscriptionJson,
  subscriptionLine,
} from './operator-format.ts';
import { UsageError } from './usage-error.ts';

interface SubscribeOptions {
  topics?: string;
  excludeTopics?: string;
  keywords?: string;
  excludeKeywords?: string;
  digest?: string;
  policy?: string;
  kind?: string;
  thread?: string;
}

const DEAD_SHOWN = 50;

/** `herald subscribe | unsubscribe | subscriptions | outbox`: the operator's delivery tools. */
export function registerOperatorCommands(program: Command, deps: CliDeps): void {
  const run = (work: (c: CliContext) => Promise<void>) => withCliContext(deps.env, work);
  program
    .command('subscribe <platform> <target>')
    .description('subscribe a chat or channel (telegram, discord, whatsapp, console)')
    .option('--topics <a,b>', 'only stories with one of these topics')
    .option('--exclude-topics <a,b>', 'never stories with these topics')
    .option('--keywords <a,b>', 'only stories with one of these words')
    .option('--exclude-keywords <a,b>', 'never stories with these words')
    .option('--digest <HH:MM,...>', 'one digest at each of these times instead of every story')
    .option('--policy <policy>', `${DELIVERY_POLICIES.join(', ')} (default event; ADR 0025)`)
    .option('--kind <kind>', 'private, group or channel (guessed from the target when absent)')
    .option('--thread <id>', 'Telegram forum topic id')
    .action((platform: string, chat: string, opts: SubscribeOptions) =>
      run(async (c) => {
        const input = {
          target: targetOf(platform, chat, opts),
          ...contentOf(opts),
          ...policyOption(opts.policy),
        };
        const saved = await subscriptions(c).saveSubscription(
          { ...input, createdBy: 'operator' },
          systemClock.now(),
        );
        deps.out(`subscribed ${saved.id}: ${filtersText(saved.filters)}`);
      }),
    );
  program
    .command('unsubscribe <platform> <target>')
    .description('stop sending to a chat or channel (kept, marked inactive)')
    .option('--thread <id>', 'Telegram forum topic id')
    .action((platform: string, chat: string, opts: { thread?: string }) =>
      run(async (c) => {
        const target = targetOf(platform, chat, opts);
        const found = await subscriptions(c).findByTarget(target);
        if (found === undefined) throw new UsageError(`no subscription for ${platform}:${chat}`);
        const reason = 'unsubscribed by the operator';
        await subscriptions(c).deactivateSubscription(found.id, reason, systemClock.now());
        deps.out(`unsubscribed ${found.id}`);
      }),
    );
  program
    .command('subscriptions')
    .description('list every subscription, active and inactive')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      run(async (c) => {
        const all = await subscriptions(c).listSubscriptions();
        if (opts.json === true) deps.out(JSON.stringify(all.map(subscriptionJson)));
        else
          deps.out(all.length === 0 ? '(no subscriptions)' : all.map(subscriptionLine).join('\n'));
      }),
    );
  program
    .command('outbox')
    .description('outbox rows by state, and the dead rows with their last error')
    .option('--retry-dead', 'put every dead row back to pending (attempts reset)')
    .option('--json', 'print JSON')
    .action((opts: { retryDead?: boolean; json?: boolean }) => run((c) => outbox(c, deps, opts)));
}

async function outbox(
  c: CliContext,
  deps: CliDeps,
  opts: { retryDead?: boolean; json?: boolean },
): Promise<void> {
  const store = c.store.outbox;
  const retried = opts.retryDead === true ? await store.retryDead(systemClock.now()) : undefined;
  const counts = await store.countsByState();
  const dead = await store.listDead(DEAD_SHOWN);
  if (opts.json === true) {
    const retry = retried === undefined ? {} : { retried };
    deps.out(JSON.stringify({ counts, dead: dead.map(outboxRowJson), ...retry }));
    return;
  }
  if (retried !== undefined) deps.out(`${retried} dead row(s) put back to pending`);
  deps.out(outboxText(counts, dead));
}

function subscriptions(c: CliContext) {
  return c.store.subscriptions;
}

/** Validates the platform and chat id; the kind is guessed from the id unless given. */
export function targetOf(
  platform: string,
  chatId: string,
  opts: { kind?: string; thread?: string },
): Target {
  const name = PlatformNameSchema.safeParse(platform);
  if (!name.success) {
    throw new UsageError(`unknown platform "${platform}" (telegram, discord, whatsapp, console)`);
  }
  const parsed = TargetSchema.safeParse({
    platform: name.data,
    chatId: chatId.trim(),
    kind: opts.kind ?? guessKind(name.data, chatId.trim()),
    ...(opts.thread === undefined ? {} : { threadId: opts.thread }),
  });
  if (!parsed.success) throw new UsageError(`bad target: ${issuesText(parsed.error.issues)}`);
  return parsed.data;
}

/** Telegram: @name is a channel, a negative id a group; WhatsApp: by JID suffix. */
export function guessKind(platform: PlatformName, chatId: string): Target['kind'] {
  switch (platform) {
    case 'telegram':
      if (chatId.startsWith('@')) return 'channel';
      return chatId.startsWith('-') ? 'group' : 'private';
    case 'discord':
      return 'channel';
    case 'whatsapp':
      if (chatId.endsWith('@g.us')) return 'group';
      return chatId.endsWith('@newsletter') ? 'channel' : 'private';
    case 'console':
      return 'private';
  }
}

function policyOption(text: string | undefined) {
  if (text === undefined) return {};
  const policy = DeliveryPolicySchema.safeParse(text.trim().toLowerCase());
  if (!policy.success)
    throw new UsageError(`bad --policy "${text}": one of ${DELIVERY_POLICIES.join(', ')}`);
  return { policy: policy.data };
}

function contentOf(opts: SubscribeOptions): { filters: Filters; mode: DeliveryMode } {
  const filters = FiltersSchema.safeParse({
    includeTopics: list(opts.topics),
    excludeTopics: list(opts.excludeTopics),
    includeKeywords: list(opts.keywords),
    excludeKeywords: list(opts.excludeKeywords),
  });
  if (!filters.success) throw new UsageError(`bad filters: ${issuesText(filters.error.issues)}`);
  const times = list(opts.digest);
  const mode = DeliveryModeSchema.safeParse(
    times.length === 0 ? { kind: 'instant' } : { kind: 'digest', times },
  );
  if (!mode.success) throw new UsageError(`bad --digest: ${issuesText(mode.error.issues)}`);
  return { filters: filters.data, mode: mode.data };
}

function list(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
}

function issuesText(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || 'value'}: ${i.message}`).join('; ');
}
