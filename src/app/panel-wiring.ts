import { getRequestListener } from '@hono/node-server';
import type { Clock } from '../domain/clock.ts';
import type { PreviewRenderer } from '../domain/post-format.ts';
import type { Platform, PlatformState } from '../domain/platform.ts';
import { createConfiguredFetcher } from '../ingest/feeds/job.ts';
import { createPanel } from '../panel/panel.ts';
import type { OpenedStore } from '../store/open-store.ts';
import type { Config } from './config.ts';
import type { HttpServerOptions } from './http-server.ts';
import type { Log } from '../domain/log.ts';

/** The panel's request handler for the HTTP server, or nothing when PANEL_TOKEN is unset. */
export function panelHandler(deps: {
  config: Config;
  store: OpenedStore;
  platforms: readonly Platform[];
  related(storyId: string, k: number): readonly string[];
  clock: Clock;
  log: Log;
  previews?: PreviewRenderer | undefined;
}): HttpServerOptions['panel'] {
  const { panel } = deps.config;
  if (panel === undefined) return undefined;
  const app = createPanel({
    config: panel,
    feeds: deps.config.feeds,
    store: deps.store,
    platforms: (): Record<string, PlatformState> =>
      Object.fromEntries(deps.platforms.map((p) => [p.name, p.state()])),
    related: (id, k) => deps.related(id, k),
    clock: deps.clock,
    log: deps.log.child({ part: 'panel' }),
    fetcher: createConfiguredFetcher(deps.config.feeds),
    ...(deps.previews === undefined ? {} : { previews: deps.previews }),
  });
  return getRequestListener(app.fetch);
}
