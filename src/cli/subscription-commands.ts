import type { Command } from 'commander';
import { withCliContext } from '../app/context.ts';
import { systemClock } from '../domain/clock.ts';
import {
  pauseSubscription,
  removeSubscription,
  resumeSubscription,
  type AdminOutcome,
} from '../delivery/subscription-admin.ts';
import type { CliDeps } from './cli-deps.ts';
import { subscriptionLine } from './operator-format.ts';
import { UsageError } from './usage-error.ts';

type Action = typeof pauseSubscription;

/** `herald subscription pause|resume|remove <id>`: one subscription, by its id. */
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
  return group;
}

async function run(deps: CliDeps, id: string, action: Action): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const outcome: AdminOutcome = await action(c.store.subscriptions, id, systemClock.now());
    if (!outcome.ok) throw new UsageError(outcome.reason);
    const note = outcome.changed ? '' : ' (unchanged)';
    deps.out(`${subscriptionLine(outcome.subscription)}${note}`);
  });
}
