import type { Migration } from './migrations.ts';

/**
 * Version 9: state a restart must not forget (ADR 0019).
 * - rate_gates / rate_windows: each platform's rate windows and pauses, and the WhatsApp daily
 *   cap, as PostgreSQL keeps them (src/domain/sliding-window.ts says how a window is kept).
 * - processes: the registry of running bots (`herald start`), with heartbeats: on SQLite one
 *   bot claims the store; a row whose heartbeat ran out belongs to a process that is gone.
 */
export const stateMigration: Migration = {
  version: 9,
  name: 'process registry with heartbeats (and, on SQLite, the rate windows)',
  up(db) {
    db.exec(`
      CREATE TABLE rate_gates (
        gate         TEXT PRIMARY KEY,
        paused_until INTEGER NOT NULL DEFAULT 0,
        pace_until   INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE rate_windows (
        key     TEXT PRIMARY KEY,
        times   TEXT NOT NULL DEFAULT '[]',
        next_at REAL NOT NULL DEFAULT 0,
        touched INTEGER NOT NULL
      );
      CREATE INDEX rate_windows_by_touched ON rate_windows (touched);
      CREATE TABLE processes (
        id           TEXT PRIMARY KEY,
        pid          INTEGER NOT NULL,
        host         TEXT NOT NULL,
        started_at   INTEGER NOT NULL,
        heartbeat_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
      );
    `);
  },
};
