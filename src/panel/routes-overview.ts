import { html } from 'hono/html';
import { listFeeds, type FeedRow } from '../ingest/feeds/manage.ts';
import type { PanelDeps } from './deps.ts';
import { counts as countsOf, page, when, type Html } from './layout.ts';
import {
  deliveryChart,
  hourStarts,
  storiesChart,
  totals,
  type ChartData,
} from './overview-data.ts';
import { takeNotice, type PanelApp } from './context.ts';

const DAY_HOURS = 24;
/** Stories read for the per-hour chart (a day of a busy publisher). */
const STORIES_READ = 5_000;

/** The overview: adapters, outbox, deliveries and stories per hour, failing feeds. */
export function registerOverview(app: PanelApp, deps: PanelDeps): void {
  app.get('/', async (c) => {
    const now = deps.clock.now();
    const hours = hourStarts(now, DAY_HOURS);
    const since = new Date(hours[0] ?? now.getTime());
    const [counts, activity, recent, feeds] = await Promise.all([
      deps.store.outbox.countsByState(),
      deps.store.outbox.activitySince(since),
      deps.store.stories.storiesSince(since, STORIES_READ),
      listFeeds(deps.feeds.file, deps.store.feedState),
    ]);
    const deliveries = deliveryChart(activity, hours);
    const stories = storiesChart(
      recent.map((s) => s.ingestedAt),
      hours,
    );
    const body = html` <section class="cards">
        ${adapters(deps.platforms())}
        <div class="card">
          <h2>Outbox</h2>
          ${countsOf(counts)}
          <a href="/panel/outbox">dead and failing deliveries</a>
        </div>
      </section>
      <section>
        <h2>Deliveries per hour, last 24 hours</h2>
        ${chart('deliveries', deliveries)}
      </section>
      <section>
        <h2>Stories per hour${recent.length >= STORIES_READ ? ` (first ${STORIES_READ})` : ''}</h2>
        ${chart('stories', stories)}
      </section>
      <section>
        <h2>Failing feeds</h2>
        ${failingFeeds(feeds)}
      </section>`;
    const session = c.get('session');
    return c.html(
      page({
        title: 'Overview',
        section: 'overview',
        who: session.who,
        csrf: session.csrf,
        notice: takeNotice(c),
        body,
      }),
    );
  });
}

function adapters(states: Record<string, string>): Html {
  const rows = Object.entries(states);
  return html`<div class="card">
    <h2>Adapters</h2>
    ${
      rows.length === 0
        ? html`<p>No adapter runs in this process.</p>`
        : html`<ul class="states">
            ${rows.map(
              ([name, state]) =>
                html`<li><span>${name}</span> <b class="state-${state}">${state}</b></li>`,
            )}
          </ul>`
    }
  </div>`;
}

/** The chart (drawn by panel.js with uPlot from its data attribute) and its totals as a table. */
function chart(id: string, data: ChartData): Html {
  const sums = totals(data);
  return html`<div class="chart" id="chart-${id}" data-chart="${JSON.stringify(data)}"></div>
    <table class="totals">
      <thead>
        <tr>
          <th>series</th>
          <th>last 24 h</th>
        </tr>
      </thead>
      <tbody>
        ${
          sums.length === 0
            ? html`<tr>
                <td colspan="2">nothing yet</td>
              </tr>`
            : sums.map(
                (s) =>
                  html`<tr>
                    <td>${s.label}</td>
                    <td>${s.total}</td>
                  </tr>`,
              )
        }
      </tbody>
    </table>`;
}

function failingFeeds(rows: readonly FeedRow[]): Html {
  const failing = rows.filter(
    (r) =>
      r.state !== undefined && (r.state.consecutiveFailures > 0 || r.state.stoppedAt !== undefined),
  );
  if (failing.length === 0) return html`<p>None: every feed's last fetch worked.</p>`;
  return html`<ul class="failing">
    ${failing.map(
      ({ source, state }) =>
        html`<li>
          <a href="/panel/feeds">${source.name ?? source.url}</a>:
          ${state?.stoppedReason ?? state?.lastError ?? ''}
          <small
            >(${state?.consecutiveFailures ?? 0} in a row, last fetch
            ${when(state?.lastFetchAt)})</small
          >
        </li>`,
    )}
  </ul>`;
}
