import { html } from 'hono/html';
import type { ConsentEntry } from '../store/consent-log-store.ts';
import type { PanelDeps } from './deps.ts';
import { page, when } from './layout.ts';
import { takeNotice, type PanelApp } from './context.ts';

const SHOWN = 200;

/** WhatsApp: the link state and the consent log (opt-ins and opt-outs), exported as CSV. */
export function registerWhatsAppPages(app: PanelApp, deps: PanelDeps): void {
  app.get('/whatsapp', async (c) => {
    const state = deps.platforms().whatsapp;
    const entries = await deps.store.consentLog.list({ platform: 'whatsapp' });
    const shown = entries.slice(-SHOWN).reverse();
    const { csrf, who } = c.get('session');
    const link =
      state === undefined
        ? 'not running in this process (WHATSAPP_ENABLED, then: herald whatsapp login)'
        : state === 'stopped'
          ? 'stopped: logged out or not linked (run: herald whatsapp login)'
          : state;
    const body = html`<p>Link state: <b>${link}</b></p>
      <h2>Consent log</h2>
      <p>
        ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}.
        <a href="/panel/whatsapp/consent.csv" download>Export as CSV</a>
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>when</th>
              <th>chat</th>
              <th>user</th>
              <th>action</th>
              <th>topics</th>
              <th>message</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map(
              (e) =>
                html`<tr>
                  <td>${when(e.at)}</td>
                  <td>${e.chatId}</td>
                  <td>${e.userId}</td>
                  <td>${e.action}</td>
                  <td>${e.topics.join(', ')}</td>
                  <td>${e.text}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
    return c.html(
      page({ title: 'WhatsApp', section: 'whatsapp', who, csrf, notice: takeNotice(c), body }),
    );
  });
  app.get('/whatsapp/consent.csv', async (c) => {
    const entries = await deps.store.consentLog.list({ platform: 'whatsapp' });
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="herald-whatsapp-consent.csv"');
    return c.body(consentCsv(entries));
  });
}

const COLUMNS = ['at', 'chatId', 'userId', 'action', 'topics', 'subscribed', 'text'] as const;

/** RFC 4180 CSV; a cell that a spreadsheet would run as a formula is prefixed with '. */
export function consentCsv(entries: readonly ConsentEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) {
    const cells = [
      e.at.toISOString(),
      e.chatId,
      e.userId,
      e.action,
      e.topics.join(' '),
      String(e.subscribed),
      e.text,
    ];
    lines.push(cells.map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
