import { html } from 'hono/html';
import {
  pauseSubscription,
  removeSubscription,
  resumeSubscription,
  setSubscriptionPolicy,
} from '../delivery/subscription-admin.ts';
import {
  DELIVERY_POLICIES,
  policyOf,
  type Filters,
  type Subscription,
} from '../domain/subscription.ts';
import type { PanelDeps } from './deps.ts';
import { actionButton, csrfField, page, when, type Html } from './layout.ts';
import { audit, doneThen, field, takeNotice, type PanelApp } from './context.ts';

const PATH = '/panel/subscriptions';
const ACTIONS = {
  pause: pauseSubscription,
  resume: resumeSubscription,
  remove: removeSubscription,
} as const;

/**
 * Subscriptions on every platform: filters, mode and delivery policy, state and reason; pause,
 * resume, remove, set the policy.
 */
export function registerSubscriptionPages(app: PanelApp, deps: PanelDeps): void {
  app.get('/subscriptions', async (c) => {
    const all = await deps.store.subscriptions.listSubscriptions();
    const { csrf, who } = c.get('session');
    const body = html`<p>
        ${all.length} subscription(s), ${all.filter((s) => s.active).length} active.
      </p>
      <div class="scroll">
        <table class="subscriptions">
          <thead>
            <tr>
              <th>chat</th>
              <th>filters</th>
              <th>delivery</th>
              <th>state</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${all.map((s) => row(csrf, s))}
          </tbody>
        </table>
      </div>`;
    return c.html(
      page({
        title: 'Subscriptions',
        section: 'subscriptions',
        who,
        csrf,
        notice: takeNotice(c),
        body,
      }),
    );
  });
  app.post('/subscriptions/policy', async (c) => {
    const id = field(c, 'id');
    const policy = field(c, 'policy');
    const outcome = await setSubscriptionPolicy(
      deps.store.subscriptions,
      id,
      policy,
      deps.clock.now(),
    );
    if (!outcome.ok) return doneThen(c, PATH, outcome.reason);
    if (outcome.changed) audit(deps, c, 'subscription policy', { subscriptionId: id, policy });
    const chat = targetText(outcome.subscription);
    return doneThen(c, PATH, `${chat}: policy ${policyOf(outcome.subscription)}`);
  });
  for (const [name, action] of Object.entries(ACTIONS)) {
    app.post(`/subscriptions/${name}`, async (c) => {
      const id = field(c, 'id');
      const outcome = await action(deps.store.subscriptions, id, deps.clock.now());
      if (!outcome.ok) return doneThen(c, PATH, outcome.reason);
      if (outcome.changed) audit(deps, c, `subscription ${name}`, { subscriptionId: id });
      const chat = targetText(outcome.subscription);
      return doneThen(c, PATH, outcome.changed ? `${chat}: ${name} done` : `${chat}: unchanged`);
    });
  }
}

/** The delivery policy, changed in place (ADR 0025). */
function policyForm(csrf: string, s: Subscription): Html {
  const current = policyOf(s);
  return html`<form method="post" action="/panel/subscriptions/policy" class="inline">
    ${csrfField(csrf)}<input type="hidden" name="id" value="${s.id}" />
    <select name="policy" aria-label="delivery policy">
      ${DELIVERY_POLICIES.map(
        (p) => html`<option value="${p}" ${p === current ? 'selected' : ''}>${p}</option>`,
      )}
    </select>
    <button>Set</button>
  </form>`;
}

export function targetText(s: Subscription): string {
  const thread = s.target.threadId === undefined ? '' : ` #${s.target.threadId}`;
  return `${s.target.platform} ${s.target.chatId}${thread}`;
}

function filtersHtml(f: Filters): Html {
  const parts: [string, string[]][] = [
    ['topics', f.includeTopics],
    ['not topics', f.excludeTopics],
    ['keywords', f.includeKeywords],
    ['not keywords', f.excludeKeywords],
  ];
  const shown = parts.filter(([, v]) => v.length > 0);
  if (shown.length === 0) return html`every story`;
  return html`${shown.map(([label, v]) => html`<div>${label}: ${v.join(', ')}</div>`)}`;
}

function row(csrf: string, s: Subscription): Html {
  const fields = { id: s.id };
  const mode = s.mode.kind === 'instant' ? 'every story' : `digest at ${s.mode.times.join(', ')}`;
  return html`<tr>
    <td>
      <b>${targetText(s)}</b>
      <small>${s.target.kind} · since ${when(s.createdAt)} by ${s.createdBy}</small>
    </td>
    <td>${filtersHtml(s.filters)}</td>
    <td>${mode}${policyForm(csrf, s)}</td>
    <td class="${s.active ? 'good' : 'bad'}">
      ${s.active ? 'active' : `inactive: ${s.inactiveReason ?? 'no reason recorded'}`}
    </td>
    <td class="actions">
      ${
        s.active
          ? actionButton(csrf, '/panel/subscriptions/pause', 'Pause', fields)
          : actionButton(csrf, '/panel/subscriptions/resume', 'Resume', fields)
      }${s.active || s.inactiveReason !== 'removed by the operator' ? actionButton(csrf, '/panel/subscriptions/remove', 'Remove', fields) : ''}<a
        href="/panel/subscriptions/${encodeURIComponent(s.id)}/format"
        >Post format</a
      >
    </td>
  </tr>`;
}
