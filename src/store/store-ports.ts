import type { ConsentLogStore } from './consent-log-store.ts';
import type { EventStore } from './event-store.ts';
import type { FeedHealthStore } from './feed-health-store.ts';
import type { FeedStateStore } from './feed-state-store.ts';
import type { JobLeader } from './job-leader.ts';
import type { LockStore } from './lock-store.ts';
import type { OutboxStore } from './outbox-store.ts';
import type { PostFormatStore } from './post-format-store.ts';
import type { ProcessRegistry } from './process-registry.ts';
import type { RateWindowStore } from './rate-window-store.ts';
import type { ReaderLinkStore } from './reader-link-store.ts';
import type { StoryStore } from './story-store.ts';
import type { SubscriptionStore } from './subscription-store.ts';

/** Every store port, as each engine opens them (open-store.ts, postgres/open-postgres.ts). */
export interface StorePorts {
  stories: StoryStore;
  /** Each story's event, its reports and outlets (assigned by the story upsert; ADR 0024). */
  events: EventStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  feedState: FeedStateStore;
  /** What the operators were told about each feed (failure alerts, last success). */
  feedHealth: FeedHealthStore;
  locks: LockStore;
  /** WhatsApp opt-ins and opt-outs (append-only). */
  consentLog: ConsentLogStore;
  /** Each subscription's post format. */
  postFormats: PostFormatStore;
  /** Readers' private chats linked across platforms (`link`), and their link codes. */
  readerLinks: ReaderLinkStore;
  /** Elects the one process that runs each cron tick (alone on SQLite: always this one). */
  leader: JobLeader;
  /** Rate windows kept in the store: shared by a fleet, kept across restarts (ADR 0019). */
  rateWindows: RateWindowStore;
  /** The running bots, with heartbeats; on SQLite one bot claims the store (ADR 0019). */
  processes: ProcessRegistry;
}
