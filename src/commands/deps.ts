import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { Translate } from '../domain/i18n.ts';
import type { CommandContext } from '../domain/platform.ts';
import type { EventStore } from '../store/event-store.ts';
import type { Subscription } from '../domain/subscription.ts';
import type { ReaderLinkStore } from '../store/reader-link-store.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { CommandLimits } from './limits.ts';
import type { AnchorMemory } from './cross-language.ts';
import type { ListingMemory } from './listing-memory.ts';

/** The slice of the related-stories index the commands use: ids of stories like this one. */
export interface RelatedStories {
  related(id: string, k: number): Promise<string[]> | string[];
}

export interface CommandDeps {
  stories: StoryStore;
  /** Each story's event (coverage, outlets on cards, related leaving out its own event). */
  events: EventStore;
  subscriptions: SubscriptionStore;
  related: RelatedStories;
  clock: Clock;
  /** Unexpected errors go here, never into a reply. */
  log: Log;
  /** Users who may do everything everywhere, as "<platform>:<user id>". */
  operators?: ReadonlySet<string>;
  limits?: Partial<CommandLimits>;
  /** This bot's user name: `/cmd@AnotherBot` is then ignored. */
  botName?: string;
  /** The zone of a chat that set none (HERALD_TIMEZONE; default UTC). */
  defaultTimezone?: string;
  /**
   * Queues the newest `count` stories matching a new subscription's filters for it (never one
   * it was sent before); how many were queued. Without it, `subscribe` back-fills nothing.
   */
  backfill?: (subscription: Subscription, count: number) => Promise<number>;
  /** How many stories `subscribe` back-fills when `--last` is not given (default 3). */
  backfillDefault?: number;
  /** Readers' linked private chats; without it, `link` says linking is not available. */
  links?: ReaderLinkStore;
  /** How long a `link` code works (default 10 minutes). */
  linkCodeTtlMs?: number;
  /** The language of a chat that chose none (HERALD_REPLY_LANGUAGE; default en). */
  defaultLanguage?: string;
  /** `coverage` and `related` name reports in other languages (HERALD_CROSS_LANGUAGE; default off). */
  crossLanguage?: boolean;
}

/** Everything one command's handler needs. */
export interface Run {
  deps: CommandDeps;
  context: CommandContext;
  limits: CommandLimits;
  listings: ListingMemory;
  /** Stories' cross-language anchors, computed once per text (cross-language.ts). */
  anchors: AnchorMemory;
  isOperator: boolean;
  /** This chat's subscription when the command came (undefined: none). */
  chat: Subscription | undefined;
  /** Messages in the chat's language. */
  t: Translate;
}

/** "<platform>:<user id>", the key of operators and of the rate limiter. */
export function userKey(context: CommandContext): string {
  return `${context.platform}:${context.user.id}`;
}
