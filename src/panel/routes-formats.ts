import { html } from 'hono/html';
import {
  currentFormat,
  previewPost,
  resetFormat,
  sampleStory,
  saveFormat,
} from '../delivery/format-admin.ts';
import { PLACEHOLDERS, POST_PARTS, type PostFormat } from '../domain/post-format.ts';
import type { Subscription } from '../domain/subscription.ts';
import { audit, doneThen, field, takeNotice, type PanelApp, type PanelContext } from './context.ts';
import type { PanelDeps } from './deps.ts';
import { actionButton, csrfField, page, type Html } from './layout.ts';
import { targetText } from './routes-subscriptions.ts';

const LABELS: Record<(typeof POST_PARTS)[number], string> = {
  sourceTime: 'Source and time',
  summary: 'Summary or lead',
  image: 'Image',
  link: 'Link',
  buttons: 'Buttons',
};

/** A subscription's post format: parts, header and footer, with the platform's own preview. */
export function registerFormatPages(app: PanelApp, deps: PanelDeps): void {
  const path = (id: string) => `/panel/subscriptions/${encodeURIComponent(id)}/format`;
  app.get('/subscriptions/:id/format', async (c) => {
    const sub = await deps.store.subscriptions.getSubscription(c.req.param('id'));
    if (sub === undefined) return c.text('No such subscription.', 404);
    const format = await currentFormat(deps.store, sub.id);
    return c.html(await formatPage(c, deps, sub, format, path(sub.id)));
  });
  app.post('/subscriptions/:id/format/preview', async (c) => {
    const sub = await deps.store.subscriptions.getSubscription(c.req.param('id'));
    if (sub === undefined) return c.text('No such subscription.', 404);
    return c.html(await previewFragment(deps, sub, formatOf(c)));
  });
  app.post('/subscriptions/:id/format', async (c) => {
    const id = c.req.param('id');
    const who = c.get('session').who;
    const saved = await saveFormat(deps.store, id, formatOf(c), who, deps.clock.now());
    if (!saved.ok) return doneThen(c, path(id), `Not saved: ${saved.problems.join('; ')}`);
    audit(deps, c, 'post format saved', { subscriptionId: id, format: saved.format });
    return doneThen(c, path(id), 'Post format saved.');
  });
  app.post('/subscriptions/:id/format/reset', async (c) => {
    const id = c.req.param('id');
    if (await resetFormat(deps.store, id))
      audit(deps, c, 'post format reset', { subscriptionId: id });
    return doneThen(c, path(id), 'Back to the default card.');
  });
}

/** The format the form describes (unchecked boxes are absent from a form post). */
function formatOf(c: PanelContext): PostFormat {
  const on = (name: string) => field(c, name) === 'on';
  return {
    parts: {
      sourceTime: on('sourceTime'),
      summary: on('summary'),
      image: on('image'),
      link: on('link'),
      buttons: on('buttons'),
    },
    header: field(c, 'header'),
    footer: field(c, 'footer'),
  };
}

async function previewFragment(
  deps: PanelDeps,
  sub: Subscription,
  format: PostFormat,
): Promise<Html> {
  if (deps.previews === undefined) return html`<p>No renderer was handed to this process.</p>`;
  const story = await sampleStory(deps.store.stories, deps.clock.now());
  const text = await previewPost(deps.previews, sub.target.platform, format, story);
  return html`<p><small>What ${sub.target.platform} is sent for “${story.title}”:</small></p>
    <pre class="rendered">${text}</pre>`;
}

async function formatPage(
  c: PanelContext,
  deps: PanelDeps,
  sub: Subscription,
  format: PostFormat,
  path: string,
): Promise<Html> {
  const { csrf, who } = c.get('session');
  const boxes = POST_PARTS.map(
    (part) =>
      html`<label
        ><input type="checkbox" name="${part}" ${format.parts[part] ? html` checked` : ''} />
        ${LABELS[part]}</label
      >`,
  );
  const body = html`<p>
      Posts to <b>${targetText(sub)}</b>. The title is always shown; a post the platform refuses in
      this format goes out as the default card.
    </p>
    <div class="format-editor">
      <form method="post" action="${path}" data-preview="${path}/preview" id="format-form">
        ${csrfField(csrf)}
        <fieldset>
          <legend>Parts</legend>
          ${boxes}
        </fieldset>
        <label
          >Header <textarea name="header" rows="2" maxlength="500">${format.header}</textarea>
        </label>
        <label
          >Footer <textarea name="footer" rows="2" maxlength="500">${format.footer}</textarea>
        </label>
        <p>
          <small
            >Placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')} ({topics} as
            hashtags)</small
          >
        </p>
        <button>Save</button>
      </form>
      <section class="preview">
        <h2>Preview</h2>
        <div id="preview">${await previewFragment(deps, sub, format)}</div>
      </section>
    </div>
    ${actionButton(csrf, `${path}/reset`, 'Back to the default card')}`;
  return page({
    title: 'Post format',
    section: 'subscriptions',
    who,
    csrf,
    notice: takeNotice(c),
    body,
  });
}
