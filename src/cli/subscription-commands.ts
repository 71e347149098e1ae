import type { Command } from 'commander';
import { withCliContext } from './lazy-context.ts';
import { systemClock } from '../domain/clock.ts';
import {
  pauseSubscription,
  removeSubscription,
  resumeSubscription,
  setSubscriptionBatch,
  setSubscriptionPolicy,
  type AdminOutcome,
} from '../delivery/subscription-admin.ts';
import {
  currentFormat,
  previewPost,
  resetFormat,
  sampleStory,
  saveFormat,
} from '../delivery/format-admin.ts';
import { POST_PARTS } from '../domain/post-format.ts';
import { DELIVERY_POLICIES } from '../domain/subscription.ts';
import type { CliDeps } from './cli-deps.ts';
import { subscriptionLine } from './operator-format.ts';
import { UsageError } from './usage-error.ts';

type Action = typeof pauseSubscription;

/** `herald subscription pause|resume|remove|policy|batch|format <id>`: one subscription, by its id. */
export function registerSubscriptionCommands(program: Command, deps: CliDeps): Command {
  const group = program
    .command('subscription')
    .description('pause, resume or remove one subscription, or set its post format');
  const verb = (name: string, description: string, action: Action) =>
    group
      .command(`${name} <id>`)
      .description(description)
      .action((id: string) => run(deps, id, action));
  verb('pause', 'stop sending to this subscription until resumed', pauseSubscription);
  verb('resume', 'send to this subscription again', resumeSubscription);
  verb(
    'remove',
    'stop sending for good (kept inactive, so nothing is ever sent twice)',
    removeSubscription,
  );
  group
    .command('policy <id> <policy>')
    .description(
      `how it takes an event several outlets report: ${DELIVERY_POLICIES.join(', ')} (ADR 0025)`,
    )
    .action((id: string, policy: string) =>
      run(deps, id, (store, at, now) => setSubscriptionPolicy(store, at, policy, now)),
    );
  group
    .command('batch <id> <on|off>')
    .description('several stories waiting for the chat as one message (on, default) or one each')
    .action((id: string, value: string) =>
      run(deps, id, (store, at, now) => setSubscriptionBatch(store, at, value, now)),
    );
  group
    .command('format <id>')
    .description('set the post format of this subscription (parts, header, footer) and preview it')
    .option('--header <text>', 'a line above each post: {title} {source} {link} {topics} {date}')
    .option('--footer <text>', 'a line below each post, with the same placeholders')
    .option('--hide <parts>', `parts left out: ${POST_PARTS.join(',')}`)
    .option('--reset', 'back to the default card')
    .action((id: string, opts: FormatOptions) => format(deps, id, opts));
  return group;
}

interface FormatOptions {
  header?: string;
  footer?: string;
  hide?: string;
  reset?: boolean;
}

async function format(deps: CliDeps, id: string, opts: FormatOptions): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const stores = { subscriptions: c.store.subscriptions, postFormats: c.store.postFormats };
    if (opts.reset === true) {
      await resetFormat(stores, id);
      deps.out(`${id}: back to the default card`);
      return;
    }
    const current = await currentFormat(stores, id);
    const hidden = (opts.hide ?? '').split(',').map((p) => p.trim());
    const unknown = hidden.filter(
      (p) => p !== '' && !(POST_PARTS as readonly string[]).includes(p),
    );
    if (unknown.length > 0)
      throw new UsageError(`unknown part(s) ${unknown.join(', ')} (${POST_PARTS.join(', ')})`);
    const input = {
      parts:
        opts.hide === undefined
          ? current.parts
          : Object.fromEntries(POST_PARTS.map((p) => [p, !hidden.includes(p)])),
      header: opts.header ?? current.header,
      footer: opts.footer ?? current.footer,
    };
    const saved = await saveFormat(stores, id, input, 'operator (cli)', systemClock.now());
    if (!saved.ok) throw new UsageError(saved.problems.join('; '));
    deps.out(`saved the post format of ${id}`);
    const render = deps.previews?.(c.config.schedule.timezone);
    if (render === undefined) return;
    const story = await sampleStory(c.store.stories, systemClock.now());
    deps.out(await previewPost(render, saved.subscription.target.platform, saved.format, story));
  });
}

async function run(deps: CliDeps, id: string, action: Action): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const outcome: AdminOutcome = await action(c.store.subscriptions, id, systemClock.now());
    if (!outcome.ok) throw new UsageError(outcome.reason);
    const note = outcome.changed ? '' : ' (unchanged)';
    deps.out(`${subscriptionLine(outcome.subscription)}${note}`);
  });
}
