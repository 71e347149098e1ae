import type { Context, Hono } from 'hono';
import type { PanelDeps } from './deps.ts';
import type { Session } from './sessions.ts';

export interface PanelEnv {
  Variables: { session: Session; form: Record<string, unknown> };
}
export type PanelApp = Hono<PanelEnv>;
export type PanelContext = Context<PanelEnv>;

/** PANEL_PUBLIC_URL's origin behind a proxy; else the origin the request was addressed to. */
export function expectedOrigin(deps: Pick<PanelDeps, 'config'>, c: Context): string {
  return deps.config.publicOrigin ?? new URL(c.req.url).origin;
}

/** Writes a change to the log with who made it (the audit trail). */
export function audit(
  deps: Pick<PanelDeps, 'log'>,
  c: PanelContext,
  action: string,
  fields: Record<string, unknown>,
): void {
  deps.log.info({ who: c.get('session').who, action, ...fields }, 'panel change');
}

/** A text field of the posted form ('' when absent). */
export function field(c: PanelContext, name: string): string {
  const value = c.get('form')[name];
  return typeof value === 'string' ? value : '';
}

/** After a change: back to `path` (POST-redirect-GET), the outcome shown there once. */
export function doneThen(c: PanelContext, path: string, notice: string): Response {
  c.get('session').notice = notice;
  return c.redirect(path, 303);
}

/** The notice left by the last change, cleared once read. */
export function takeNotice(c: PanelContext): string | undefined {
  const session = c.get('session');
  const notice = session.notice;
  session.notice = undefined;
  return notice;
}
