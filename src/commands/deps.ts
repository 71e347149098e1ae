import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { CommandContext } from '../domain/platform.ts';
import type { EventStore } from '../store/event-store.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { CommandLimits } from './limits.ts';
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
}

/** Everything one command's handler needs. */
export interface Run {
  deps: CommandDeps;
  context: CommandContext;
  limits: CommandLimits;
  listings: ListingMemory;
  isOperator: boolean;
}

/** "<platform>:<user id>", the key of operators and of the rate limiter. */
export function userKey(context: CommandContext): string {
  return `${context.platform}:${context.user.id}`;
}
