import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const NAV = [
  ['overview', '/panel/', 'Overview'],
  ['feeds', '/panel/feeds', 'Feeds'],
  ['stories', '/panel/stories', 'Stories'],
  ['subscriptions', '/panel/subscriptions', 'Subscriptions'],
  ['outbox', '/panel/outbox', 'Outbox'],
  ['whatsapp', '/panel/whatsapp', 'WhatsApp'],
] as const;

export type Section = (typeof NAV)[number][0];

export interface PageParts {
  title: string;
  section: Section;
  who: string;
  csrf: string;
  body: Html;
  /** A line shown above the page (the outcome of the last change). */
  notice?: string | undefined;
}

/** The page shell: no inline script or style anywhere (the CSP forbids them). */
export function page(p: PageParts): Html {
  const nav = NAV.map(
    ([key, href, label]) =>
      html`<a href="${href}" ${key === p.section ? html` aria-current="page"` : ''}>${label}</a>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${p.title} · Herald</title>
        <link rel="stylesheet" href="/panel/assets/uplot.css" />
        <link rel="stylesheet" href="/panel/assets/panel.css" />
        <script src="/panel/assets/uplot.js" defer></script>
        <script src="/panel/assets/panel.js" defer></script>
      </head>
      <body>
        <header>
          <strong>Herald</strong>
          <nav>${nav}</nav>
          <form method="post" action="/panel/logout" class="inline">
            ${csrfField(p.csrf)}<button>Log out ${p.who}</button>
          </form>
        </header>
        <main>
          ${p.notice === undefined ? '' : html`<p class="notice" role="status">${p.notice}</p>`}
          <h1>${p.title}</h1>
          ${p.body}
        </main>
      </body>
    </html>`;
}

/** A count per name (the outbox's rows by state), as a row of figures. */
export function counts(byName: Record<string, number>): Html {
  return html`<dl class="counts">
    ${Object.entries(byName).map(
      ([name, n]) =>
        html`<div>
          <dt>${name}</dt>
          <dd>${n}</dd>
        </div>`,
    )}
  </dl>`;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

/** A one-button form posting to `action` (with the CSRF token and hidden fields). */
export function actionButton(
  csrf: string,
  action: string,
  label: string,
  fields: Record<string, string> = {},
): Html {
  const hidden = Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
  );
  return html`<form method="post" action="${action}" class="inline">
    ${csrfField(csrf)}${hidden}<button>${label}</button>
  </form>`;
}

/** A time as ISO-8601 in UTC (minutes), or a dash. */
export function when(date: Date | undefined): string {
  return date === undefined ? '–' : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The login page (no session yet: no CSRF token; the Origin check guards it). */
export function loginPage(message?: string): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Log in · Herald</title>
        <link rel="stylesheet" href="/panel/assets/panel.css" />
      </head>
      <body>
        <main class="login">
          <h1>Herald panel</h1>
          ${message === undefined ? '' : html`<p class="error" role="alert">${message}</p>`}
          <form method="post" action="/panel/login">
            <label
              >Your name (written in the log with each change)<input
                name="who"
                maxlength="60"
                autocomplete="username"
                required
            /></label>
            <label
              >Panel token<input
                name="token"
                type="password"
                autocomplete="current-password"
                required
            /></label>
            <button>Log in</button>
          </form>
        </main>
      </body>
    </html>`;
}
