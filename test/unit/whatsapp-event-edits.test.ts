import { describe, expect, it } from 'vitest';
import { deliver, EDIT_WINDOW_MS, editSent } from '../../adapters/whatsapp/send.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { DEFAULT_DELIVERY_CONFIG } from '../../src/delivery/delivery-config.ts';
import { createDispatcher } from '../../src/delivery/dispatcher.ts';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { silentLog } from '../../src/domain/log.ts';
import { EMPTY_FILTERS } from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { developmentOf } from '../../src/text/events/development.ts';
import { createVirtualTime } from '../support/delivery-fakes.ts';
import { makeDraft } from '../support/drafts.ts';
import { createEventBook } from '../support/event-book.ts';
import { COPY, FIRST, NEWS } from '../support/event-reports.ts';
import { createFakeSocket, textOfContent } from '../support/whatsapp-fake.ts';
import { createWhatsAppHarness } from '../support/whatsapp-harness.ts';

const group = {
  platform: 'whatsapp' as const,
  chatId: '120363000000000001@g.us',
  kind: 'group' as const,
};
const T = Date.parse('2026-06-01T07:00:00Z');

const card = (footer?: string): Reply => ({
  kind: 'card',
  card: {
    id: 'abc123abc123',
    title: 'Flood closes the Rhine bridge at Basel',
    source: 'Outlet A',
    publishedAt: new Date(T),
    summary: ['The bridge was closed on Tuesday.'],
    excerpt: '',
    topics: [],
    keywords: [],
  },
  ...(footer === undefined ? {} : { footer }),
});

const options = (now: number) => ({ timeZone: 'UTC', now: () => now });

describe('whatsapp: edits and quoted replies through the typed socket', () => {
  it('edits a post within the window with baileys’ edit key', async () => {
    const socket = createFakeSocket();
    const posted = await deliver(socket, group, card(), { timeZone: 'UTC' });
    expect(posted.kind).toBe('sent');
    const messageId = posted.kind === 'sent' ? posted.messageId : '';
    const edited = await editSent(
      socket,
      group,
      card('Also reported by: Outlet B (2 outlets)'),
      { messageId, sentAt: new Date(T) },
      options(T + 60_000),
    );
    expect(edited).toEqual({ kind: 'sent', messageId });
    const last = socket.sent.at(-1);
    expect(last?.content).toMatchObject({
      edit: { remoteJid: group.chatId, fromMe: true, id: messageId },
    });
    expect(
      'text' in (last?.content ?? {}) ? (last?.content as { text: string }).text : '',
    ).toContain('Also reported by: Outlet B (2 outlets)');
  });

  it('gives up on an edit past WhatsApp’s 15-minute window, sending nothing', async () => {
    const socket = createFakeSocket();
    const outcome = await editSent(
      socket,
      group,
      card('Also reported by: Outlet B (2 outlets)'),
      { messageId: 'OUT1', sentAt: new Date(T) },
      options(T + EDIT_WINDOW_MS + 1),
    );
    expect(outcome).toEqual({ kind: 'invalid', reason: "past WhatsApp's 15-minute edit window" });
    expect(socket.sent).toEqual([]);
    expect(EDIT_WINDOW_MS).toBeLessThan(15 * 60_000);
    const unknown = await editSent(
      socket,
      group,
      card('x'),
      { messageId: 'unknown', sentAt: new Date(T) },
      options(T),
    );
    expect(unknown.kind).toBe('invalid');
    expect(socket.sent).toEqual([]);
  });

  it('quotes the post in a follow-up', async () => {
    const socket = createFakeSocket();
    const outcome = await deliver(
      socket,
      group,
      card(),
      { timeZone: 'UTC' },
      {
        replyTo: { messageId: 'OUT7', excerpt: 'Flood closes the Rhine bridge at Basel' },
      },
    );
    expect(outcome.kind).toBe('sent');
    expect(socket.sent[0]?.options?.quoted).toEqual({
      key: { remoteJid: group.chatId, fromMe: true, id: 'OUT7' },
      message: { conversation: 'Flood closes the Rhine bridge at Basel' },
    });
  });

  it('turns a failed edit into the outcome the core retries or drops', async () => {
    const socket = createFakeSocket();
    socket.failures.push(new Error('Connection Closed'));
    const outcome = await editSent(
      socket,
      group,
      card('x'),
      { messageId: 'OUT1', sentAt: new Date(T) },
      options(T),
    );
    expect(['transient', 'retry']).toContain(outcome.kind);
  });
});

describe('whatsapp: delivery by event through the platform and the dispatcher', () => {
  async function setUp(gapMs: number) {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    const subscriptions = createSqliteSubscriptionStore(db);
    const outbox = createSqliteOutboxStore(db);
    const time = createVirtualTime(new Date(T));
    const wa = createWhatsAppHarness({ subscriptions, clock: time.clock, db });
    const socket = await wa.start({ handleText: () => Promise.resolve(undefined) });
    const book = createEventBook();
    const limiter = createRateLimiter({
      limits: limitsFromConfig(DEFAULT_DELIVERY_CONFIG.rates),
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
    });
    const deps = {
      outbox,
      subscriptions,
      stories,
      limiter,
      clock: time.clock,
      log: silentLog,
      events: book,
      development: developmentOf,
    };
    const platforms = new Map([['whatsapp' as const, wa.platform]]);
    const config = DEFAULT_DELIVERY_CONFIG;
    const dispatcher = createDispatcher({ ...deps, platforms, config, random: () => 0.5 });
    const fanOut = createFanOut({ ...deps, digestTimezone: 'UTC' });
    const person = {
      platform: 'whatsapp' as const,
      chatId: '447700900001@s.whatsapp.net',
      kind: 'private' as const,
    };
    await subscriptions.saveSubscription(
      {
        target: person,
        filters: EMPTY_FILTERS,
        mode: { kind: 'instant' },
        policy: 'event+updates',
        createdBy: 'operator',
      },
      time.clock.now(),
    );
    const report = async (fields: object) => {
      time.clock.set(time.clock.now().getTime() + gapMs);
      const story = (await stories.upsertStory(makeDraft(fields), time.clock.now())).story;
      book.add('e1', story);
      await fanOut.enqueueStory(story);
      for (let round = 0; round < 20; round += 1) {
        await dispatcher.runOnce();
        const next = await outbox.nextDueAt();
        if (next === undefined) return;
        if (next > time.clock.now()) time.clock.set(next);
      }
    };
    return { socket, report, outbox };
  }

  it('edits the post with its key and quotes it in a follow-up, within the window', async () => {
    const { socket, report } = await setUp(60_000);
    await report(FIRST);
    await report(COPY);
    await report(NEWS);
    const [post, ...later] = socket.sent;
    const edits = later.filter((m) => 'edit' in m.content);
    expect(edits.map((m) => m.id)).toEqual([post?.id, post?.id]);
    expect(textOfContent(edits[1]?.content ?? { text: '' })).toContain(
      'Also reported by: Outlet B, Outlet C (3 outlets)',
    );
    const replies = later.filter((m) => m.options?.quoted !== undefined);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.options?.quoted?.key.id).toBe(post?.id);
  });

  it('dead-letters an edit past the window: the post stays as it was', async () => {
    const { socket, report, outbox } = await setUp(20 * 60_000);
    await report(FIRST);
    await report(COPY);
    expect(socket.sent.filter((m) => 'edit' in m.content)).toEqual([]);
    const dead = await outbox.listDead(5);
    expect(dead.map((r) => [r.kind, r.lastErrorKind, r.lastError])).toEqual([
      ['edit', 'invalid', "invalid: past WhatsApp's 15-minute edit window"],
    ]);
  });
});
