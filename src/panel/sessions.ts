import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';

/** One logged-in browser: who said they are, its CSRF token, and when it ends. */
export interface Session {
  id: string;
  who: string;
  csrf: string;
  expiresAt: number;
  /** The outcome of the last change, shown once on the next page. */
  notice?: string | undefined;
}

/** Failed logins allowed per window before the form answers 429 for the rest of it. */
const FAILURES_PER_WINDOW = 10;
const FAILURE_WINDOW_MS = 60_000;
const MAX_SESSIONS = 1_000;

export interface Sessions {
  /** A new session when `token` is the operator's; undefined otherwise (or when throttled). */
  login(token: string, who: string): Session | 'refused' | 'throttled';
  /** The live session with this id. */
  get(id: string | undefined): Session | undefined;
  logout(id: string | undefined): void;
}

/** Equal strings compared in constant time (both hashed first, so lengths leak nothing). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

const newId = () => randomBytes(32).toString('base64url');

/**
 * Sessions in memory: a restart logs everyone out, which is the safe way round. A burst of
 * wrong tokens is throttled for everyone (the panel has one operator secret to guess).
 */
export function createSessions(options: { token: string; ttlMs: number; clock: Clock }): Sessions {
  const live = new Map<string, Session>();
  let window = { start: 0, failures: 0 };
  const now = () => options.clock.now().getTime();
  const prune = () => {
    for (const [id, s] of live) if (s.expiresAt <= now()) live.delete(id);
  };
  return {
    login(token, who) {
      if (now() - window.start >= FAILURE_WINDOW_MS) window = { start: now(), failures: 0 };
      if (window.failures >= FAILURES_PER_WINDOW) return 'throttled';
      if (!sameSecret(token, options.token)) {
        window.failures += 1;
        return 'refused';
      }
      prune();
      if (live.size >= MAX_SESSIONS) live.delete(live.keys().next().value ?? '');
      const session = { id: newId(), who, csrf: newId(), expiresAt: now() + options.ttlMs };
      live.set(session.id, session);
      return session;
    },
    get(id) {
      if (id === undefined) return undefined;
      const session = live.get(id);
      if (session === undefined) return undefined;
      if (session.expiresAt > now()) return session;
      live.delete(id);
      return undefined;
    },
    logout(id) {
      if (id !== undefined) live.delete(id);
    },
  };
}
