import { html } from 'hono/html';
import type { Discovery } from '../ingest/feeds/discover.ts';
import {
  addFeed,
  exportOpml,
  importOpml,
  listFeeds,
  pauseFeed,
  removeFeed,
  resumeFeed,
  type FeedRequest,
  type FeedRow,
} from '../ingest/feeds/manage.ts';
import { discoverFeed } from '../ingest/feeds/discover.ts';
import type { PanelDeps } from './deps.ts';
import { actionButton, csrfField, page, when, type Html } from './layout.ts';
import { audit, doneThen, field, takeNotice, type PanelApp, type PanelContext } from './context.ts';

const PATH = '/panel/feeds';

/** Feeds: the list with each feed's state; add (checked first), pause, resume, remove, OPML. */
export function registerFeedPages(app: PanelApp, deps: PanelDeps): void {
  app.get('/feeds', async (c) => c.html(await feedsPage(c, deps)));
  app.post('/feeds/check', async (c) => {
    const request = requestOf(c);
    const found = await discoverFeed(request.url.trim(), deps.fetcher);
    return c.html(await feedsPage(c, deps, { request, found }));
  });
  app.post('/feeds/add', async (c) => {
    const request = requestOf(c);
    const force = field(c, 'force') === 'yes';
    const outcome = await addFeed(deps.feeds.file, request, deps.fetcher, { force });
    if (!outcome.ok) return doneThen(c, PATH, `Not added: ${outcome.reason}`);
    audit(deps, c, `feed ${outcome.done}`, { feed: outcome.source.url, force });
    return doneThen(c, PATH, `${outcome.done} ${outcome.source.url}`);
  });
  app.post('/feeds/pause', async (c) => {
    const url = field(c, 'url');
    await pauseFeed(deps.store.feedState, url, deps.clock.now());
    audit(deps, c, 'feed paused', { feed: url });
    return doneThen(c, PATH, `paused ${url}`);
  });
  app.post('/feeds/resume', async (c) => {
    const url = field(c, 'url');
    const done = await resumeFeed(deps.store.feedState, url);
    audit(deps, c, 'feed resumed', { feed: url, done });
    return doneThen(c, PATH, done === 'unknown' ? `${url} is polled as it is` : `resumed ${url}`);
  });
  app.post('/feeds/remove', async (c) => {
    const url = field(c, 'url');
    const removed = await removeFeed(deps.feeds.file, deps.store.feedState, url);
    if (removed) audit(deps, c, 'feed removed', { feed: url });
    return doneThen(c, PATH, removed ? `removed ${url}` : `${url} is not listed`);
  });
  app.post('/feeds/import', async (c) => {
    const file = c.get('form').opml;
    if (!(file instanceof File)) return doneThen(c, PATH, 'Choose an OPML file to import.');
    const done = await importOpml(deps.feeds.file, await file.text());
    if (!done.ok) return doneThen(c, PATH, `Not imported: ${done.reason}`);
    audit(deps, c, 'feeds imported', { added: done.added });
    return doneThen(c, PATH, `imported ${done.added} feeds (${done.known} already listed)`);
  });
  app.get('/feeds/export.opml', async (c) => {
    c.header('content-disposition', 'attachment; filename="herald-feeds.opml"');
    c.header('content-type', 'text/x-opml; charset=utf-8');
    return c.body(await exportOpml(deps.feeds.file, deps.clock.now()));
  });
}

function requestOf(c: PanelContext): FeedRequest {
  return {
    url: field(c, 'url'),
    name: field(c, 'name').trim() || undefined,
    topics: field(c, 'topics').split(','),
    every: field(c, 'every').trim() || undefined,
  };
}

interface Checked {
  request: FeedRequest;
  found: Discovery;
}

async function feedsPage(c: PanelContext, deps: PanelDeps, checked?: Checked): Promise<Html> {
  const rows = await listFeeds(deps.feeds.file, deps.store.feedState);
  const { csrf, who } = c.get('session');
  const body = html` ${addForm(csrf, checked?.request)}
    ${checked === undefined ? '' : checkResult(csrf, checked)}
    <h2>${rows.length} feed(s)</h2>
    <div class="scroll">
      <table class="feeds">
        <thead>
          <tr>
            <th>feed</th>
            <th>state</th>
            <th>last fetch</th>
            <th>last error</th>
            <th>next attempt</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((r) => feedRow(csrf, r, deps.clock.now()))}
        </tbody>
      </table>
    </div>
    <section class="opml">
      <h2>OPML</h2>
      <a href="/panel/feeds/export.opml" download>Export the feeds as OPML</a>
      <form method="post" action="/panel/feeds/import" enctype="multipart/form-data">
        ${csrfField(csrf)}
        <label
          >Import an OPML file <input type="file" name="opml" accept=".opml,.xml,text/xml"
        /></label>
        <button>Import</button>
      </form>
    </section>`;
  return page({ title: 'Feeds', section: 'feeds', who, csrf, notice: takeNotice(c), body });
}

function addForm(csrf: string, r: FeedRequest | undefined): Html {
  return html`<form method="post" action="/panel/feeds/check" class="add-feed">
    ${csrfField(csrf)}
    <label>Feed or site URL <input name="url" type="url" required value="${r?.url ?? ''}" /></label>
    <label>Name <input name="name" value="${r?.name ?? ''}" /></label>
    <label
      >Topics
      <input
        name="topics"
        placeholder="world, uk"
        value="${(r?.topics ?? []).filter((t) => t.trim() !== '').join(',')}"
    /></label>
    <label>Every <input name="every" placeholder="30m, 2h, 1d" value="${r?.every ?? ''}" /></label>
    <button>Check</button>
  </form>`;
}

function hiddenRequest(r: FeedRequest, url: string): Record<string, string> {
  return {
    url,
    name: r.name ?? '',
    topics: (r.topics ?? []).join(','),
    every: r.every ?? '',
  };
}

function checkResult(csrf: string, { request, found }: Checked): Html {
  if (!found.ok) {
    return html`<section class="check failed" id="check">
      <h2>No feed found</h2>
      <p class="error">${found.reason}</p>
      ${actionButton(csrf, '/panel/feeds/add', 'Save anyway', { ...hiddenRequest(request, request.url), force: 'yes' })}
    </section>`;
  }
  const how =
    found.via === 'direct'
      ? 'The URL is a feed.'
      : found.via === 'link'
        ? `The page announces ${found.links.length} feed(s); this one works.`
        : 'The page announces no feed; found at a usual path.';
  return html`<section class="check ok" id="check">
    <h2>Found: <span class="feed-url">${found.feedUrl}</span></h2>
    <p>${how} ${found.format}, ${found.items.length} item(s) would be ingested.</p>
    <ol class="items">
      ${found.items
        .slice(0, 20)
        .map((i) => html`<li>${i.title} <small>${i.publishedAt ?? 'no date'}</small></li>`)}
    </ol>
    ${
      found.errors.length === 0
        ? ''
        : html`<ul class="warnings">
            ${found.errors.map((e) => html`<li>${e}</li>`)}
          </ul>`
    }
    ${actionButton(csrf, '/panel/feeds/add', 'Save this feed', hiddenRequest(request, found.feedUrl))}
  </section>`;
}

function feedRow(csrf: string, { source, state }: FeedRow, now: Date): Html {
  const stopped = state?.stoppedAt !== undefined;
  const status = stopped
    ? `stopped: ${state.stoppedReason ?? ''}`
    : state?.lastFetchAt === undefined
      ? 'new'
      : state.consecutiveFailures > 0
        ? `failing (${state.consecutiveFailures} in a row)`
        : 'ok';
  const next = state?.nextAttemptAt;
  const fields = { url: source.url };
  return html`<tr>
    <td>
      <b>${source.name ?? ''}</b> <span class="url">${source.url}</span>${
        source.topics.length > 0 ? html` <small>[${source.topics.join(', ')}]</small>` : ''
      }
    </td>
    <td class="${stopped ? 'bad' : state?.consecutiveFailures ? 'warn' : 'good'}">${status}</td>
    <td>${when(state?.lastFetchAt)}</td>
    <td>${state?.lastError ?? ''}</td>
    <td>${stopped ? '–' : next !== undefined && next > now ? when(next) : 'next tick'}</td>
    <td class="actions">
      ${
        stopped
          ? actionButton(csrf, '/panel/feeds/resume', 'Resume', fields)
          : actionButton(csrf, '/panel/feeds/pause', 'Pause', fields)
      }${actionButton(csrf, '/panel/feeds/remove', 'Remove', fields)}
    </td>
  </tr>`;
}
