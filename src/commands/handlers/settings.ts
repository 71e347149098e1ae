import type { Reply } from '../../domain/reply.ts';
import type { DeliveryMode, DeliveryPolicy } from '../../domain/subscription.ts';
import { describePreferences, describeSubscription } from '../describe.ts';
import type { Run } from '../deps.ts';
import { notice, usageError } from '../replies.ts';
import { mayChange, notAllowed } from './permission.ts';
import { defaultsOf } from './preferences.ts';
import { describeLinks } from './links.ts';

/** `settings`: this chat's subscription, read-only. */
export async function settings(run: Run): Promise<Reply> {
  const sub = await run.deps.subscriptions.findByTarget(run.context.target);
  const links = await linksLine(run);
  if (sub === undefined) {
    return notice(`${run.t('sub.none')}${links}`);
  }
  return notice(
    `${describeSubscription(run.t, sub)}\n${describePreferences(run.t, sub, defaultsOf(run))}${links}`,
  );
}

/** The linked chats, in a private chat only (nobody else sees them). */
async function linksLine(run: Run): Promise<string> {
  const { links } = run.deps;
  if (links === undefined || run.context.target.kind !== 'private') return '';
  const { platform, chatId } = run.context.target;
  return `\n${describeLinks(run.t, await links.personOf({ platform, chatId }))}`;
}

/** `digest <HH:MM>...|off`: a digest at those times, or every story as it comes. */
export async function digest(run: Run, times: 'off' | readonly string[]): Promise<Reply> {
  if (!(await mayChange(run))) return notAllowed('digest', run);
  const sub = await run.deps.subscriptions.findByTarget(run.context.target);
  if (sub?.active !== true) {
    return usageError(run.t, 'digest', run.t('sub.subscribeFirst'));
  }
  const mode: DeliveryMode =
    times === 'off' ? { kind: 'instant' } : { kind: 'digest', times: [...new Set(times)].sort() };
  const now = run.deps.clock.now();
  const updated = await run.deps.subscriptions.updateSubscription(sub.id, { mode }, now);
  return notice(describeSubscription(run.t, updated));
}

/** `policy event|event+updates|every`: how this chat takes an event several outlets report. */
export async function policy(run: Run, chosen: DeliveryPolicy): Promise<Reply> {
  if (!(await mayChange(run))) return notAllowed('policy', run);
  const sub = await run.deps.subscriptions.findByTarget(run.context.target);
  if (sub?.active !== true) {
    return usageError(run.t, 'policy', run.t('sub.subscribeFirst'));
  }
  const now = run.deps.clock.now();
  const updated = await run.deps.subscriptions.updateSubscription(sub.id, { policy: chosen }, now);
  return notice(describeSubscription(run.t, updated));
}
