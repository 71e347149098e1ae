import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/sqlite/database.ts';
import { migrations } from '../../src/store/sqlite/migrations.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';

const T0 = Date.parse('2026-06-01T12:00:00Z');

describe('SQLite migration 15 (delivery by event)', () => {
  it('rebuilds the outbox keeping every row, id and the id sequence; subscriptions get a policy', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version < 15),
      ':memory:',
    );
    db.prepare(
      `INSERT INTO subscriptions (id, platform, chat_id, thread_id, kind, filters, mode, active,
         created_by, created_at, updated_at)
       VALUES ('s', 'telegram', '42', '', 'private', ?, '{"kind":"instant"}', 1, 'operator', ?, ?)`,
    ).run(
      JSON.stringify({
        includeTopics: [],
        excludeTopics: [],
        includeKeywords: [],
        excludeKeywords: [],
      }),
      T0,
      T0,
    );
    const insert = db.prepare(
      `INSERT INTO outbox (story_id, subscription_id, platform, chat_key, state, next_attempt_at,
         message_id, created_at, updated_at) VALUES (?, 's', 'telegram', 'telegram:42', ?, ?, ?, ?, ?)`,
    );
    for (const [story, state, message] of [
      ['a', 'sent', '7'],
      ['b', 'pending', null],
      ['c', 'dead', null],
    ] as const)
      insert.run(story, state, T0, message, T0, T0);
    db.prepare(`DELETE FROM outbox WHERE story_id = 'c'`).run();
    migrate(db, migrations, ':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    const outbox = createSqliteOutboxStore(db);
    return (async () => {
      const rows = await outbox.listBySubscription('s');
      expect(rows.map((r) => [r.id, r.storyId, r.kind, r.state, r.messageId ?? null])).toEqual([
        [1, 'a', 'post', 'sent', '7'],
        [2, 'b', 'post', 'pending', null],
      ]);
      // The id of the deleted row is never given again.
      await outbox.enqueue(
        [{ storyId: 'd', subscriptionId: 's', platform: 'telegram', chatKey: 'telegram:42' }],
        new Date(T0),
      );
      expect((await outbox.listByStories(['d']))[0]?.id).toBe(4);
      const sub = await createSqliteSubscriptionStore(db).getSubscription('s');
      expect(sub?.policy).toBe('event');
      db.close();
    })();
  });
});
