import { html } from 'hono/html';
import type { Story } from '../domain/story.ts';
import type { PanelDeps } from './deps.ts';
import { page, when, type Html } from './layout.ts';
import { takeNotice, type PanelApp, type PanelContext } from './context.ts';

const LISTED = 50;
const RELATED = 5;

/** Stories: the latest, or a full-text search; one story's card with its related stories. */
export function registerStoryPages(app: PanelApp, deps: PanelDeps): void {
  app.get('/stories', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const stories =
      q === ''
        ? await deps.store.stories.latestStories({ limit: LISTED })
        : (await deps.store.stories.searchStories(q, LISTED)).map((h) => h.story);
    const body = html`<form method="get" action="/panel/stories" class="search" role="search">
        <label>Search stories <input type="search" name="q" value="${q}" /></label
        ><button>Search</button>
      </form>
      <p>
        ${q === '' ? `The latest ${stories.length} stories.` : `${stories.length} result(s) for “${q}”.`}
      </p>
      <ul class="stories">
        ${stories.map(storyItem)}
      </ul>`;
    return c.html(shell(c, 'Stories', body));
  });
  app.get('/stories/:id', async (c) => {
    const story = await deps.store.stories.getStory(c.req.param('id'));
    if (story === undefined)
      return c.html(shell(c, 'Story not found', html`<p>No such story.</p>`), 404);
    const related = await relatedStories(deps, story.id);
    return c.html(shell(c, story.title, storyCard(story, related)));
  });
}

function shell(c: PanelContext, title: string, body: Html): Html {
  const { who, csrf } = c.get('session');
  return page({ title, section: 'stories', who, csrf, notice: takeNotice(c), body });
}

async function relatedStories(deps: PanelDeps, id: string): Promise<Story[]> {
  const ids = deps.related(id, RELATED);
  const found = await Promise.all(ids.map((r) => deps.store.stories.getStory(r)));
  return found.filter((s): s is Story => s !== undefined);
}

function storyItem(s: Story): Html {
  return html`<li>
    <a href="/panel/stories/${encodeURIComponent(s.id)}">${s.title}</a>
    <small>${s.source} · ${when(s.publishedAt)}</small>
  </li>`;
}

function list(label: string, values: readonly string[]): Html {
  if (values.length === 0) return html``;
  return html`<dt>${label}</dt>
    <dd>${values.join(', ')}</dd>`;
}

function storyCard(s: Story, related: readonly Story[]): Html {
  return html`<article class="story">
    <p class="meta">
      ${s.source} · ${when(s.publishedAt)}${s.dateEstimated ? ' (no date given: first seen)' : ''} ·
      ingested ${when(s.ingestedAt)}
    </p>
    ${s.url === undefined || !/^https?:\/\//i.test(s.url) ? '' : html`<p><a href="${s.url}" rel="noopener noreferrer" target="_blank">${s.url}</a></p>`}
    <h2>Summary</h2>
    ${
      s.summary.length === 0
        ? html`<p>${s.body.slice(0, 600)}</p>`
        : html`<ul class="summary">
            ${s.summary.map((x) => html`<li>${x}</li>`)}
          </ul>`
    }
    <dl class="facts">
      ${list('Topics', s.topics)} ${list('Keywords', s.keywords)} ${list('Names', s.entities)}
      ${
        s.duplicateOf === undefined
          ? ''
          : html`<dt>Duplicate of</dt>
              <dd>
                <a href="/panel/stories/${encodeURIComponent(s.duplicateOf)}">${s.duplicateOf}</a>
              </dd>`
      }
      <dt>Origin</dt>
      <dd>${s.origin.kind}: ${s.origin.ref}</dd>
      <dt>Id</dt>
      <dd><code>${s.id}</code></dd>
    </dl>
    <h2>Related stories</h2>
    ${
      related.length === 0
        ? html`<p>None found.</p>`
        : html`<ul class="stories">
            ${related.map(storyItem)}
          </ul>`
    }
  </article>`;
}
