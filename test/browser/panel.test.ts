import { copyFileSync, mkdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixture, startServer, type TestServer } from '../fixtures/feeds/server.ts';
import { browserTestsRun, systemChromium } from '../support/browser.ts';
import { PANEL_TOKEN, startPanelRig, type PanelRig } from '../support/panel-harness.ts';

const RESULTS = 'test-results';
const run = browserTestsRun();

let rig: PanelRig;
let site: TestServer;
let evil: TestServer;
let browser: Browser;
let page: Page;

const htmlPage = (body: string) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
};

async function shot(name: string, target: Page = page): Promise<string> {
  const path = `${RESULTS}/panel-${name}.png`;
  await target.screenshot({ path, fullPage: true });
  return path;
}

describe.skipIf(!run)('the panel in a real browser (headless Chromium)', () => {
  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    rig = await startPanelRig();
    site = await startServer({
      '/': htmlPage(
        '<!doctype html><html><head><title>Example News</title>' +
          '<link rel="alternate" type="application/rss+xml" title="Example News" href="/rss.xml">' +
          '</head><body><h1>Example News</h1></body></html>',
      ),
      '/rss.xml': serveFixture('rss2.xml', 'application/rss+xml'),
    });
    // Another site (localhost is not 127.0.0.1) whose page posts a form to the panel.
    evil = await startServer({
      '/': htmlPage(
        `<!doctype html><html><body><form id="f" method="post" action="${rig.base}/outbox/retry-all">` +
          '<input name="_csrf" value="guessed"></form></body></html>',
      ),
    });
    const executablePath = systemChromium();
    if (executablePath === undefined) throw new Error('no Chromium: apt-get install -y chromium');
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 60_000);

  afterAll(async () => {
    await (browser as Browser | undefined)?.close();
    await (evil as TestServer | undefined)?.close();
    await (site as TestServer | undefined)?.close();
    await (rig as PanelRig | undefined)?.close();
  });

  it('logs in with the token and shows the overview', async () => {
    await page.goto(`${rig.base}/`);
    expect(page.url()).toBe(`${rig.base}/login`);
    await shot('login');
    await page.getByLabel('Your name').fill('Ada');
    await page.getByLabel('Panel token').fill(PANEL_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.url()).toBe(`${rig.base}/`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('#chart-deliveries .uplot').waitFor();
    const overview = await shot('overview');
    if (process.env.HERALD_UPDATE_SCREENSHOT === '1')
      copyFileSync(overview, 'docs/panel-overview.png');
  });

  it('adds a feed by its site URL, checked first', async () => {
    await page.goto(`${rig.base}/feeds`);
    await page.getByLabel('Feed or site URL').fill(site.url('/'));
    await page.getByRole('button', { name: 'Check' }).click();
    const found = page.locator('#check .feed-url');
    await expect.poll(() => found.textContent()).toBe(site.url('/rss.xml'));
    expect(await page.locator('#check .items li').count()).toBeGreaterThan(0);
    await shot('feeds-check');
    await page.getByRole('button', { name: 'Save this feed' }).click();
    await page
      .getByRole('status')
      .getByText(`added ${site.url('/rss.xml')}`)
      .waitFor();
    await page.locator('table.feeds').getByText(site.url('/rss.xml')).waitFor();
    await shot('feeds');
  });

  it('retries a dead delivery', async () => {
    await page.goto(`${rig.base}/outbox`);
    await shot('outbox');
    await page.locator('table.outbox').getByRole('button', { name: 'Retry' }).first().click();
    await page.getByRole('status').getByText('is pending again').waitFor();
    expect((await rig.store.outbox.countsByState()).dead).toBe(0);
  });

  it('searches a story and opens its card', async () => {
    await page.goto(`${rig.base}/stories`);
    await page.getByLabel('Search stories').fill('bridge');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'River bridge approved by the council' }).click();
    await page.getByText('The council voted for the bridge.').waitFor();
    await shot('story');
    await page.goto(`${rig.base}/subscriptions`);
    await shot('subscriptions');
    await page.goto(`${rig.base}/whatsapp`);
    await shot('whatsapp');
  });

  it('edits a post format and sees the preview change', async () => {
    await page.goto(`${rig.base}/subscriptions`);
    await page
      .getByRole('row', { name: /telegram @herald_news/ })
      .getByRole('link', { name: 'Post format' })
      .click();
    const preview = page.locator('#preview pre');
    await expect.poll(() => preview.textContent()).toContain('[Summary]');
    await page.getByLabel('Header').fill('BREAKING <b>{source}</b>: {topics}');
    await expect
      .poll(() => preview.textContent())
      .toContain('BREAKING &lt;b&gt;Example News&lt;/b&gt;: #');
    await page.getByLabel('Buttons').uncheck();
    await expect.poll(() => preview.textContent()).not.toContain('[Summary]');
    await shot('post-format');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Post format saved.').waitFor();
    const subs = await rig.store.subscriptions.listSubscriptions({ platform: 'telegram' });
    const saved = await rig.store.postFormats.getFormat(subs[0]?.id ?? '');
    expect(saved?.format.parts.buttons).toBe(false);
    expect(saved?.updatedBy).toBe('Ada');
  });

  it('fits a phone screen without sideways scrolling of the page', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.context().addCookies(await page.context().cookies());
    for (const path of ['/', '/feeds', '/outbox', '/subscriptions']) {
      await phone.goto(`${rig.base}${path}`);
      const overflow = await phone.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await shot('overview-phone', phone);
    await phone.close();
  });

  it('refuses a change without the CSRF token, and one from another site', async () => {
    const status = await page.evaluate(async () => {
      const res = await fetch('/panel/outbox/retry-all', {
        method: 'POST',
        body: new URLSearchParams({ id: '1' }),
      });
      return res.status;
    });
    expect(status).toBe(403);
    const other = await browser.newPage();
    await other.context().addCookies(await page.context().cookies());
    await other.goto(evil.url('/').replace('127.0.0.1', 'localhost'));
    const answer = other.waitForResponse((r) => r.url().startsWith(rig.base));
    await other.evaluate("document.getElementById('f').submit()");
    expect([401, 403]).toContain((await answer).status());
    await other.close();
  });

  it('refuses a change without the session', async () => {
    const fresh = await browser.newContext();
    const anonymous = await fresh.newPage();
    await anonymous.goto(`${rig.base}/login`);
    const status = await anonymous.evaluate(async () => {
      const res = await fetch('/panel/outbox/retry-all', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: 'x' }),
      });
      return res.status;
    });
    expect(status).toBe(401);
    await fresh.close();
  });
});
