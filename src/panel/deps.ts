import type { Clock } from '../domain/clock.ts';
import type { PreviewRenderer } from '../domain/post-format.ts';
import type { Log } from '../domain/log.ts';
import type { PlatformState } from '../domain/platform.ts';
import type { FeedsConfig } from '../ingest/feeds/feeds-config.ts';
import type { Fetcher } from '../ingest/feeds/fetch.ts';
import type { OpenedStore } from '../store/open-store.ts';
import type { PanelConfig } from './panel-config.ts';

/** What the panel reads and changes: the same stores and use cases as the CLI. */
export interface PanelDeps {
  config: PanelConfig;
  feeds: FeedsConfig;
  store: Pick<
    OpenedStore,
    'stories' | 'subscriptions' | 'outbox' | 'feedState' | 'consentLog' | 'postFormats'
  >;
  /** Each running adapter's state, by platform name. */
  platforms(): Record<string, PlatformState>;
  /** The related stories' ids (the text engine's index), most related first. */
  related(storyId: string, k: number): readonly string[];
  clock: Clock;
  /** Every change is logged here with who made it. */
  log: Log;
  /** Feed checks and adds fetch through this (the configured fetcher by default). */
  fetcher: Fetcher;
  /** Each platform's own renderer, for the post-format preview (from adapters/previews.ts). */
  previews?: PreviewRenderer;
}
