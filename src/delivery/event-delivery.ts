import { translate } from '../domain/i18n.ts';
import { laneKey, type OutboxRow } from '../domain/outbox.ts';
import type { Story } from '../domain/story.ts';
import { chatKeyOf, policyOf, type Subscription } from '../domain/subscription.ts';
import type { NewOutboxRow } from '../store/outbox-store.ts';
import type { StoryStore } from '../store/story-store.ts';

/*
 * Delivery by event (ADR 0025): which rows a story's report of an event gives a subscription.
 * A subscription on `event` or `event+updates` gets one post per event (the first report that
 * reaches it); a later report gives an edit of that post naming the outlets, and on
 * `event+updates` a follow-up threaded to it when it adds something (a development), at most
 * so many a day per event. `every` gets a post per story, as before events.
 */

/** One report of an event, as delivery reads it (the event store's `EventReport`). */
export interface DeliveryReport {
  storyId: string;
  source: string;
}

/** An event, as delivery reads it (the event store's `StoryEvent`). */
export interface DeliveryEvent {
  id: string;
  /** Its reports in time order; a merged event holds the reports of both. */
  reports: readonly DeliveryReport[];
  outlets: number;
}

/** The slice of the event store delivery reads. */
export interface EventReader {
  eventOf(storyId: string): Promise<DeliveryEvent | undefined>;
}

export type StoryReader = Pick<StoryStore, 'getStory'>;

/** A report as the development check reads it. */
export interface ReportText {
  title: string;
  text: string;
}

/**
 * What a later report adds to the ones a chat was sent (src/text/events/development.ts
 * `developmentOf`): whether it is a development, and one line saying what it added.
 */
export type DevelopmentCheck = (
  earlier: readonly ReportText[],
  later: ReportText,
) => { isDevelopment: boolean; line: string };

/** Follow-ups are counted over this window (a rolling day). */
export const FOLLOW_UP_WINDOW_MS = 86_400_000;
export const DEFAULT_FOLLOW_UPS_PER_EVENT_DAY = 3;

/** What a planner needs besides the story and its subscriptions. */
export interface EventPlanDeps {
  stories: StoryReader;
  now: Date;
  followUpsPerEventDay: number;
  /** A subscription's digest time for a post, or undefined for an instant one. */
  digestAt(sub: Subscription): Date | undefined;
  /** Without it, no follow-ups. */
  development?: DevelopmentCheck;
}

/**
 * The rows one report gives the subscriptions on an event policy, given the outbox rows of
 * the event's reports so far. A subscription with a row for this story already was fanned out
 * before (a re-run): it gets nothing. With no post of the event yet, the report is posted
 * (never a near-duplicate); with one, an instant subscription gets an edit when the report's
 * outlet is new to the event, and a follow-up as above. A digest shows each event once.
 */
export async function planEventRows(
  deps: EventPlanDeps,
  story: Story,
  event: DeliveryEvent | undefined,
  subs: readonly Subscription[],
  existing: readonly OutboxRow[],
): Promise<NewOutboxRow[]> {
  const rows: NewOutboxRow[] = [];
  const newOutlet = !(event?.reports ?? []).some(
    (r) => r.storyId !== story.id && r.source === story.source,
  );
  for (const sub of subs) {
    const own = existing.filter((r) => r.subscriptionId === sub.id);
    if (own.some((r) => r.storyId === story.id)) continue;
    const post = own.find((r) => r.kind === 'post');
    const base = {
      storyId: story.id,
      subscriptionId: sub.id,
      platform: sub.target.platform,
    };
    const chatKey = chatKeyOf(sub.target);
    if (post === undefined) {
      if (story.duplicateOf !== undefined) continue;
      const digestAt = deps.digestAt(sub);
      rows.push({
        ...base,
        chatKey,
        kind: 'post',
        ...(event === undefined ? {} : { eventId: event.id }),
        ...(digestAt === undefined ? {} : { digestAt }),
      });
      continue;
    }
    if (sub.mode.kind === 'digest') continue;
    if (newOutlet)
      rows.push({ ...base, chatKey: laneKey(chatKey, 'edit'), kind: 'edit', replyTo: post.id });
    if (await wantsFollowUp(deps, story, sub, own)) {
      rows.push({ ...base, chatKey, kind: 'follow-up', replyTo: post.id });
    }
  }
  return rows;
}

/** On `event+updates`: a report that adds to what the chat was sent, under the day's cap. */
async function wantsFollowUp(
  deps: EventPlanDeps,
  story: Story,
  sub: Subscription,
  own: readonly OutboxRow[],
): Promise<boolean> {
  const check = deps.development;
  if (check === undefined || policyOf(sub) !== 'event+updates') return false;
  if (story.duplicateOf !== undefined) return false;
  const since = deps.now.getTime() - FOLLOW_UP_WINDOW_MS;
  const today = own.filter((r) => r.kind === 'follow-up' && r.createdAt.getTime() > since);
  if (today.length >= deps.followUpsPerEventDay) return false;
  const sent = own.filter((r) => r.kind === 'post' || r.kind === 'follow-up');
  const earlier: ReportText[] = [];
  for (const row of sent) {
    const s = await deps.stories.getStory(row.storyId);
    if (s !== undefined) earlier.push(textOf(s));
  }
  return earlier.length > 0 && check(earlier, textOf(story)).isDevelopment;
}

export const textOf = (story: Story): ReportText => ({
  title: story.title,
  text: story.body,
});

/** Names shown in "Also reported by" before "and N more". */
const NAMED_OUTLETS = 8;

/**
 * The line an edit adds to its event's post: the other outlets that reported the event by the
 * time `upTo` was stored (so each edit shows one more, however late it goes out), and how many
 * outlets in all (also shown on the card). Undefined when no other outlet reported it.
 */
export async function alsoReported(
  stories: StoryReader,
  event: DeliveryEvent,
  post: Story,
  upTo: Story,
  language?: string,
): Promise<{ line: string; outlets: number } | undefined> {
  const outlets: string[] = [];
  const last = event.reports.findIndex((r) => r.storyId === upTo.id);
  for (const [index, report] of event.reports.entries()) {
    if (report.source === post.source || outlets.includes(report.source)) continue;
    const story = report.storyId === upTo.id ? upTo : await stories.getStory(report.storyId);
    if (story === undefined) continue;
    // Stored after it, or at the same instant but listed after it: not known yet.
    const at = story.ingestedAt.getTime() - upTo.ingestedAt.getTime();
    if (at > 0 || (at === 0 && index > last)) continue;
    outlets.push(report.source);
  }
  if (outlets.length === 0) return undefined;
  const listed = outlets.slice(0, NAMED_OUTLETS).join(', ');
  const named =
    outlets.length > NAMED_OUTLETS
      ? translate(language, 'event.andMore', {
          named: listed,
          more: outlets.length - NAMED_OUTLETS,
        })
      : listed;
  const count = outlets.length + 1;
  return { line: translate(language, 'event.alsoReported', { named, count }), outlets: count };
}
