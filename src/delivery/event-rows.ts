import { translate } from '../domain/i18n.ts';
import type { Clock } from '../domain/clock.ts';
import { OPEN_OUTBOX_STATES, type OutboxRow } from '../domain/outbox.ts';
import type { Platform, SendOutcome } from '../domain/platform.ts';
import { toCard, type Reply } from '../domain/reply.ts';
import type { Target } from '../domain/subscription.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import {
  alsoReported,
  textOf,
  type DevelopmentCheck,
  type EventReader,
  type StoryReader,
} from './event-delivery.ts';
import { batchReply, type BatchEntry } from './batch.ts';

/*
 * How the dispatcher sends an edit or a follow-up (ADR 0025): both need their event's post sent
 * first (its message id). An edit re-renders the post with the outlets that reported the event
 * since; a follow-up is the later report's card, threaded to the post.
 */

export interface EventRowDeps {
  outbox: Pick<OutboxStore, 'getRow' | 'postsOfMessage'>;
  stories: StoryReader;
  events?: EventReader;
  /** Says what a follow-up adds, in its heading. */
  development?: DevelopmentCheck;
  clock: Clock;
}

/** A message ready to go: its reply, how it is sent, and what is applied after the format. */
export interface Outgoing {
  reply: Reply;
  send(platform: Platform, target: Target, reply: Reply): Promise<SendOutcome>;
  finish(reply: Reply): Reply;
}

export type EventRowPlan =
  | { kind: 'send'; outgoing: Outgoing }
  /** Nothing would change: recorded as done on the post's message, without a call. */
  | { kind: 'done'; messageId: string }
  /** Its post is still on its way: due again then, no attempt counted. */
  | { kind: 'wait'; until: Date }
  /** It can never go: dead-lettered with the reason, the chat's other rows go on. */
  | { kind: 'dead'; reason: string; errorKind: 'impossible' | 'missing' };

/** A post still being sent is looked at again this soon at the earliest. */
const RECHECK_MS = 1000;

/** What to do with a claimed edit or follow-up row. */
export async function planEventRow(
  deps: EventRowDeps,
  platform: Pick<Platform, 'name' | 'edit'>,
  row: OutboxRow,
  /** The chat's language, for the edit's and the follow-up's own words. */
  language?: string,
): Promise<EventRowPlan> {
  const post = row.replyTo === undefined ? undefined : await deps.outbox.getRow(row.replyTo);
  if (post === undefined) return impossible('its post is no longer in the outbox');
  if ((OPEN_OUTBOX_STATES as readonly string[]).includes(post.state)) {
    const due = post.state === 'sending' ? post.leaseUntil : post.nextAttemptAt;
    const soonest = deps.clock.now().getTime() + RECHECK_MS;
    return { kind: 'wait', until: new Date(Math.max(soonest, due?.getTime() ?? 0)) };
  }
  if (post.state !== 'sent' || post.messageId === undefined)
    return impossible(`its post was not sent (${post.state}: ${post.lastError ?? 'no message'})`);
  const [first, story] = await Promise.all([
    deps.stories.getStory(post.storyId),
    deps.stories.getStory(row.storyId),
  ]);
  if (first === undefined || story === undefined)
    return { kind: 'dead', reason: 'story no longer stored', errorKind: 'missing' };
  const messageId = post.messageId;
  if (row.kind === 'follow-up') {
    const line = deps.development?.([textOf(first)], textOf(story)).line ?? '';
    const label =
      line === ''
        ? translate(language, 'event.update')
        : translate(language, 'event.updateWith', { line });
    const replyTo = { messageId, excerpt: first.title };
    return {
      kind: 'send',
      outgoing: {
        reply: { kind: 'card', card: toCard(story) },
        send: (p, target, reply) => p.send(target, reply, { replyTo }),
        finish: (reply) => withHeading(reply, label),
      },
    };
  }
  if (platform.edit === undefined) return impossible(`${platform.name} cannot edit messages`);
  if (post.digestAt !== undefined) return impossible('its post went out in a digest');
  const event = await deps.events?.eventOf(story.id);
  const also =
    event === undefined
      ? undefined
      : await alsoReported(deps.stories, event, first, story, language);
  if (also === undefined) return { kind: 'done', messageId };
  const { line } = also;
  const of = { messageId, sentAt: post.sentAt ?? post.updatedAt };
  const batch = await deps.outbox.postsOfMessage(post.subscriptionId, messageId);
  if (batch.length > 1) {
    const edited = { post: post.id, outlets: also.outlets };
    const reply = await batchAsItStands(deps, batch, edited, language);
    return { kind: 'send', outgoing: editTo(reply, of) };
  }
  return {
    kind: 'send',
    outgoing: {
      reply: { kind: 'card', card: toCard(first, undefined, also.outlets) },
      send: (p, target, reply) =>
        p.edit?.(target, reply, of) ??
        Promise.resolve({ kind: 'invalid', reason: `${p.name} cannot edit messages` }),
      finish: (reply) => withFooter(reply, line),
    },
  };
}

/**
 * A post that went out in a batch (ADR 0029): its edit re-renders the batch message, each
 * story with the outlets of its event as they stand (this one's as of the edit's report).
 */
async function batchAsItStands(
  deps: EventRowDeps,
  rows: readonly OutboxRow[],
  edited: { post: number; outlets: number },
  language: string | undefined,
): Promise<Reply> {
  const entries: BatchEntry[] = [];
  for (const row of rows) {
    const story = await deps.stories.getStory(row.storyId);
    if (story === undefined) continue;
    const outlets =
      row.id === edited.post ? edited.outlets : (await deps.events?.eventOf(story.id))?.outlets;
    entries.push({ row, story, ...(outlets === undefined ? {} : { outlets }) });
  }
  return batchReply(entries, language);
}

function editTo(reply: Reply, of: { messageId: string; sentAt: Date }): Outgoing {
  return {
    reply,
    send: (p, target, r) =>
      p.edit?.(target, r, of) ??
      Promise.resolve({ kind: 'invalid', reason: `${p.name} cannot edit messages` }),
    finish: (r) => r,
  };
}

const impossible = (reason: string): EventRowPlan => ({
  kind: 'dead',
  reason,
  errorKind: 'impossible',
});

function withFooter(reply: Reply, line: string): Reply {
  if (reply.kind !== 'card') return reply;
  return { ...reply, footer: reply.footer === undefined ? line : `${reply.footer}\n${line}` };
}

function withHeading(reply: Reply, label: string): Reply {
  if (reply.kind !== 'card') return reply;
  return { ...reply, heading: reply.heading === undefined ? label : `${label}\n${reply.heading}` };
}
