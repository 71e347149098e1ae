import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { serveAsset } from './assets.ts';
import type { PanelDeps } from './deps.ts';
import { loginPage } from './layout.ts';
import { registerFeedPages } from './routes-feeds.ts';
import { registerFormatPages } from './routes-formats.ts';
import { registerOutboxPages } from './routes-outbox.ts';
import { registerOverview } from './routes-overview.ts';
import { registerStoryPages } from './routes-stories.ts';
import { registerSubscriptionPages } from './routes-subscriptions.ts';
import { registerWhatsAppPages } from './routes-whatsapp.ts';
import { createSessions, sameSecret, type Sessions } from './sessions.ts';
import { expectedOrigin, type PanelApp, type PanelEnv } from './context.ts';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

const COOKIE = 'herald_panel';

/**
 * The operator's web panel under /panel: server-rendered pages over the same use cases as the
 * CLI. Every page needs a session (login with PANEL_TOKEN); every change needs the session's
 * CSRF token and a same-origin request, and is logged with who made it.
 */
export function createPanel(deps: PanelDeps): Hono {
  const app: PanelApp = new Hono<PanelEnv>({ strict: false });
  const sessions = createSessions({
    token: deps.config.token,
    ttlMs: deps.config.sessionMs,
    clock: deps.clock,
  });
  app.use('*', secureHeaders(SECURITY_HEADERS), noStore);
  app.get('/assets/:name', (c) => serveAsset(c, c.req.param('name')));
  // A form posted from another site is refused before anything else is read.
  app.use('*', csrf({ origin: (origin, c) => origin === expectedOrigin(deps, c) }));
  registerLogin(app, deps, sessions);
  app.use('*', requireSession(sessions), requireCsrfToken);
  app.post('/logout', (c) => {
    sessions.logout(c.get('session').id);
    deleteCookie(c, COOKIE, { path: '/panel' });
    deps.log.info({ who: c.get('session').who }, 'panel logout');
    return c.redirect('/panel/login', 303);
  });
  registerOverview(app, deps);
  registerFeedPages(app, deps);
  registerStoryPages(app, deps);
  registerSubscriptionPages(app, deps);
  registerFormatPages(app, deps);
  registerOutboxPages(app, deps);
  registerWhatsAppPages(app, deps);
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    deps.log.error({ err, path: c.req.path }, 'panel request failed');
    return c.text('Something went wrong; the log says what.', 500);
  });
  const root = new Hono({ strict: false });
  root.route('/panel', app);
  return root;
}

const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'https:', 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
} satisfies SecureHeadersOptions;

const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.req.path.startsWith('/panel/assets/')) c.header('cache-control', 'no-store');
};

function registerLogin(app: PanelApp, deps: PanelDeps, sessions: Sessions): void {
  app.get('/login', (c) => c.html(loginPage()));
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.token === 'string' ? form.token : '';
    const who = (typeof form.who === 'string' ? form.who : '').trim().slice(0, 60) || 'operator';
    const outcome = sessions.login(token, who);
    if (outcome === 'throttled') {
      deps.log.warn({ who }, 'panel login throttled');
      return c.html(loginPage('Too many wrong tokens: wait a minute.'), 429);
    }
    if (outcome === 'refused') {
      deps.log.warn({ who }, 'panel login refused: wrong token');
      return c.html(loginPage('Wrong token.'), 401);
    }
    const secure = expectedOrigin(deps, c).startsWith('https:');
    setCookie(c, COOKIE, outcome.id, {
      path: '/panel',
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      maxAge: Math.floor(deps.config.sessionMs / 1000),
    });
    deps.log.info({ who }, 'panel login');
    return c.redirect('/panel/', 303);
  });
}

function requireSession(sessions: Sessions): MiddlewareHandler<PanelEnv> {
  return async (c, next) => {
    const session = sessions.get(getCookie(c, COOKIE));
    if (session === undefined) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect('/panel/login', 303);
      return c.text('Log in first.', 401);
    }
    c.set('session', session);
    await next();
    return undefined;
  };
}

/** Every change carries the session's CSRF token in the form (checked in constant time). */
const requireCsrfToken: MiddlewareHandler<PanelEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const form = await c.req.parseBody();
    const sent = typeof form._csrf === 'string' ? form._csrf : '';
    if (!sameSecret(sent, c.get('session').csrf))
      return c.text('Missing or wrong CSRF token.', 403);
    c.set('form', form);
  }
  await next();
  return undefined;
};
