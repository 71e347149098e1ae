import { html } from 'hono/html';
import type { OutboxRow } from '../domain/outbox.ts';
import type { PanelDeps } from './deps.ts';
import { actionButton, counts as countsOf, page, when, type Html } from './layout.ts';
import { audit, doneThen, field, takeNotice, type PanelApp } from './context.ts';

const SHOWN = 100;
const PATH = '/panel/outbox';

/** The outbox: rows by state; dead and failing deliveries with their errors; retry. */
export function registerOutboxPages(app: PanelApp, deps: PanelDeps): void {
  app.get('/outbox', async (c) => {
    const { outbox } = deps.store;
    const [counts, dead, failing] = await Promise.all([
      outbox.countsByState(),
      outbox.listDead(SHOWN),
      outbox.listFailing(SHOWN),
    ]);
    const { csrf, who } = c.get('session');
    const body = html`${countsOf(counts)}
      <h2>Dead deliveries</h2>
      ${dead.length === 0 ? html`<p>None.</p>` : html`${actionButton(csrf, '/panel/outbox/retry-all', `Retry all ${counts.dead} dead`)}${table(csrf, dead, true)}`}
      <h2>Failing deliveries (retried on their own)</h2>
      ${failing.length === 0 ? html`<p>None.</p>` : table(csrf, failing, false)}`;
    return c.html(
      page({ title: 'Outbox', section: 'outbox', who, csrf, notice: takeNotice(c), body }),
    );
  });
  app.post('/outbox/retry', async (c) => {
    const id = Number(field(c, 'id'));
    if (!Number.isSafeInteger(id) || id <= 0) return doneThen(c, PATH, 'No such row.');
    const n = await deps.store.outbox.retryDead(deps.clock.now(), [id]);
    if (n > 0) audit(deps, c, 'delivery retried', { outboxId: id });
    return doneThen(c, PATH, n > 0 ? `row ${id} is pending again` : `row ${id} is not dead`);
  });
  app.post('/outbox/retry-all', async (c) => {
    const n = await deps.store.outbox.retryDead(deps.clock.now());
    audit(deps, c, 'dead deliveries retried', { rows: n });
    return doneThen(c, PATH, `${n} dead row(s) pending again`);
  });
}

function table(csrf: string, rows: readonly OutboxRow[], retry: boolean): Html {
  return html`<div class="scroll">
    <table class="outbox">
      <thead>
        <tr>
          <th>#</th>
          <th>story</th>
          <th>chat</th>
          <th>attempts</th>
          <th>last error</th>
          <th>when</th>
          ${retry ? html`<th></th>` : ''}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${r.id}</td>
              <td><a href="/panel/stories/${encodeURIComponent(r.storyId)}">${r.storyId}</a></td>
              <td>${r.chatKey}</td>
              <td>${r.attempts}</td>
              <td>${r.lastErrorKind ?? ''}: ${r.lastError ?? ''}</td>
              <td>
                ${when(r.updatedAt)}${r.state === 'failed' ? html`<br /><small>next ${when(r.nextAttemptAt)}</small>` : ''}
              </td>
              ${retry ? html`<td>${actionButton(csrf, '/panel/outbox/retry', 'Retry', { id: String(r.id) })}</td>` : ''}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
