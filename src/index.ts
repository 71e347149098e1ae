/**
 * The core's public surface: the one module adapters (and bin/herald.js) import from. What is
 * not exported here is the core's own business; `npm run lint` refuses an adapter importing
 * anything under src/ but this file (eslint.config.js, test/architecture/layers.test.ts).
 */
export * from './domain/clock.ts';
export * from './domain/console-target.ts';
export * from './domain/log.ts';
export * from './domain/platform.ts';
export * from './domain/post-format.ts';
export * from './domain/reply.ts';
export * from './domain/subscription.ts';
export * from './domain/terminal.ts';
export { backoffDelay, type BackoffSettings } from './delivery/backoff.ts';
export { realSleep, type Sleep } from './delivery/sleep.ts';
export { COMMAND_NAMES, usageOf } from './commands/command.ts';
export { LruMap } from './commands/lru.ts';
export { parseCommand } from './commands/parse.ts';
export { cleanInput } from './commands/text.ts';
export type { ConsentAction, ConsentLogStore } from './store/consent-log-store.ts';
export type {
  EventAssignment,
  EventBadge,
  EventReport,
  EventStore,
  StoryEvent,
} from './store/event-store.ts';
export type { LockStore } from './store/lock-store.ts';
export { openStore, type DatabaseConfig } from './store/open-store.ts';
export type { SubscriptionStore } from './store/subscription-store.ts';
export type { Fetcher } from './ingest/feeds/fetch.ts';
export { createConfiguredFetcher } from './ingest/feeds/job.ts';
export { loadConfig, type Config } from './app/config.ts';
export type { DiscordConfig } from './app/discord-config.ts';
export { createLogger } from './app/log.ts';
export type { WhatsAppLoginRequest, WhatsAppLoginResult } from './cli/cli-deps.ts';
export {
  translate,
  translator,
  languageOfLocale,
  LANGUAGES,
  type Language,
} from './domain/i18n.ts';
