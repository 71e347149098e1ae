import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import {
  HOSTILE_TITLE,
  PANEL_TOKEN,
  startPanelRig,
  type PanelRig,
} from '../support/panel-harness.ts';

let rig: PanelRig;
beforeAll(async () => {
  rig = await startPanelRig();
});
afterAll(() => rig.close());

const deadRowId = async () => (await rig.store.outbox.listDead(1))[0]?.id ?? 0;

describe('the panel is off unless PANEL_TOKEN is set', () => {
  it('has no panel section without the token, and refuses a short token', () => {
    expect(loadConfig({}).panel).toBeUndefined();
    expect(() => loadConfig({ PANEL_TOKEN: 'short' })).toThrow(/PANEL_TOKEN: .*at least 16/);
  });
});

describe('panel security', () => {
  it('sends a page without a session to the login form', async () => {
    for (const path of ['/', '/feeds', '/outbox', '/stories/x']) {
      const res = await fetch(`${rig.base}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/panel/login');
    }
  });

  it('refuses a change without a session, and changes nothing', async () => {
    const id = await deadRowId();
    const res = await rig.post('/panel/outbox/retry', { id: String(id), _csrf: 'anything' });
    expect(res.status).toBe(401);
    expect((await rig.store.outbox.getRow(id))?.state).toBe('dead');
  });

  it('refuses a wrong token with 401 and logs no secret', async () => {
    const res = await rig.post('/panel/login', { who: 'Mallory', token: 'not-the-token-at-all' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('Wrong token.');
    const logged = JSON.stringify(rig.logLines());
    expect(logged).toContain('panel login refused');
    expect(logged).not.toContain('not-the-token-at-all');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie scoped to /panel', async () => {
    const res = await rig.post('/panel/login', { who: 'Ada', token: PANEL_TOKEN });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/panel/);
  });

  it('refuses a change with a missing or wrong CSRF token', async () => {
    const { cookie } = await rig.login();
    const id = String(await deadRowId());
    const missing = await rig.post('/panel/outbox/retry', { id }, { cookie });
    expect(missing.status).toBe(403);
    const wrong = await rig.post('/panel/outbox/retry', { id, _csrf: 'x'.repeat(43) }, { cookie });
    expect(wrong.status).toBe(403);
    expect((await rig.store.outbox.getRow(Number(id)))?.state).toBe('dead');
  });

  it('refuses a cross-site form post even with the session and its token', async () => {
    const { cookie, csrf } = await rig.login();
    const id = String(await deadRowId());
    const res = await rig.post(
      '/panel/outbox/retry',
      { id, _csrf: csrf },
      { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(res.status).toBe(403);
    expect((await rig.store.outbox.getRow(Number(id)))?.state).toBe('dead');
  });

  it('renders a script in a story title as text', async () => {
    const { cookie } = await rig.login();
    const page = await (await fetch(`${rig.base}/stories`, { headers: { cookie } })).text();
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(HOSTILE_TITLE).toContain('<script>');
  });

  it('sends security headers: a CSP without inline scripts, no framing, no caching', async () => {
    const { cookie } = await rig.login();
    const res = await fetch(`${rig.base}/`, { headers: { cookie } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page).not.toContain(PANEL_TOKEN);
  });

  it('does a change with session, token and same origin, logged with who made it', async () => {
    const { cookie, csrf } = await rig.login('Grace');
    const id = await deadRowId();
    const res = await rig.post('/panel/outbox/retry', { id: String(id), _csrf: csrf }, { cookie });
    expect(res.status).toBe(303);
    expect((await rig.store.outbox.getRow(id))?.state).toBe('pending');
    const change = rig.logLines().find((l) => l.msg === 'panel change');
    expect(change).toMatchObject({ who: 'Grace', action: 'delivery retried', outboxId: id });
  });

  it('sets the delivery policy of a subscription from its page', async () => {
    const { cookie, csrf } = await rig.login('Grace');
    const page = await (await fetch(`${rig.base}/subscriptions`, { headers: { cookie } })).text();
    expect(page).toContain('<option value="event" selected>event</option>');
    const [sub] = await rig.store.subscriptions.listSubscriptions();
    const id = sub?.id ?? '';
    const form = { id, policy: 'event+updates', _csrf: csrf };
    expect((await rig.post('/panel/subscriptions/policy', form, { cookie })).status).toBe(303);
    expect((await rig.store.subscriptions.getSubscription(id))?.policy).toBe('event+updates');
    const wrong = { id, policy: 'sometimes', _csrf: csrf };
    expect((await rig.post('/panel/subscriptions/policy', wrong, { cookie })).status).toBe(303);
    expect((await rig.store.subscriptions.getSubscription(id))?.policy).toBe('event+updates');
    const change = rig.logLines().find((l) => l.action === 'subscription policy');
    expect(change).toMatchObject({ who: 'Grace', subscriptionId: id, policy: 'event+updates' });
  });

  it('ends the session at logout', async () => {
    const { cookie, csrf } = await rig.login();
    expect((await rig.post('/panel/logout', { _csrf: csrf }, { cookie })).status).toBe(303);
    const after = await fetch(`${rig.base}/`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(303);
  });
});
