import { describe, expect, it } from 'vitest';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import type { Story } from '../../src/domain/story.ts';
import { createSqliteReaderLinkStore } from '../../src/store/sqlite/reader-link-store.ts';
import { createDeliveryHarness } from '../support/delivery-harness.ts';

const PEOPLE = 200;
const STORIES = 1_000;
/** Stories also sent through the dispatcher to the fake platforms (all are fanned out). */
const SENT = 20;
const FAST = { globalPerSec: 100_000, perChatPerSec: 100_000, perGroupPerMin: 6_000_000 };

describe('one reader across platforms under load', () => {
  it(`fans ${STORIES} stories out to ${PEOPLE} people linked on two platforms: each once a person`, async () => {
    const h = createDeliveryHarness({
      batch: false,
      platforms: ['telegram', 'discord'],
      config: {
        maxInFlight: 16,
        rates: {
          telegram: FAST,
          discord: { globalPerSec: 100_000, perChannelPer5s: 500_000 },
          whatsapp: { paceMinMs: 0, paceMaxMs: 0, dailyCap: 1_000_000 },
        },
      },
    });
    const links = createSqliteReaderLinkStore(h.db);
    const fanOut = createFanOut({ ...h, digestTimezone: 'UTC', links });
    const owner = new Map<string, number>();
    for (let p = 0; p < PEOPLE; p += 1) {
      const tg = await h.subscribe({ chatId: `tg-${p}` });
      const dc = await h.subscribe({ chatId: `dc-${p}`, platform: 'discord' });
      owner.set(tg.id, p).set(dc.id, p);
      // Half link from Telegram, half from Discord: the first-linked chat differs.
      const [from, to] = p % 2 === 0 ? [tg, dc] : [dc, tg];
      await links.createCode(from.target, `C${p}`, new Date('2100-01-01'));
      expect((await links.redeemCode(`C${p}`, to.target, h.clock.now())).ok).toBe(true);
    }
    const stories: Story[] = [];
    for (let i = 0; i < STORIES; i += 1) stories.push(await h.addStory({ title: `Story ${i}` }));

    const started = performance.now();
    const results = await fanOut.enqueueStories(stories);
    const fanOutMs = performance.now() - started;
    expect(results.every((r) => r.enqueued === PEOPLE)).toBe(true);

    const rows = h.db.prepare('SELECT story_id, subscription_id, platform FROM outbox').all() as {
      story_id: string;
      subscription_id: string;
      platform: string;
    }[];
    expect(rows).toHaveLength(STORIES * PEOPLE);
    const seen = new Set(rows.map((r) => `${r.story_id}/${owner.get(r.subscription_id)}`));
    expect(seen.size).toBe(STORIES * PEOPLE);
    const byPlatform = new Map<string, number>();
    for (const r of rows) byPlatform.set(r.platform, (byPlatform.get(r.platform) ?? 0) + 1);
    expect(byPlatform.get('telegram')).toBe((STORIES * PEOPLE) / 2);

    // The first stories go all the way out: each reaches each person once, on one platform.
    const keep = new Set(stories.slice(0, SENT).map((s) => s.id));
    h.db
      .prepare(
        `UPDATE outbox SET state = 'dead', last_error = 'not in this run' WHERE story_id NOT IN (${[
          ...keep,
        ]
          .map(() => '?')
          .join(',')})`,
      )
      .run(...keep);
    const sendStart = performance.now();
    while ((await h.dispatcher.runOnce()).sent > 0);
    const sendMs = performance.now() - sendStart;
    const calls = [...h.platform('telegram').calls, ...h.platform('discord').calls];
    expect(calls).toHaveLength(SENT * PEOPLE);
    const delivered = new Set(
      calls.map((c) => {
        const id = c.reply.kind === 'card' ? c.reply.card.id : '';
        return `${id}/${c.target.chatId.slice(3)}`;
      }),
    );
    expect(delivered.size).toBe(SENT * PEOPLE);
    console.info(
      `linked load: fan-out ${STORIES}x${PEOPLE} in ${Math.round(fanOutMs)} ms, ${calls.length} sends in ${Math.round(sendMs)} ms (shared machine, not a benchmark)`,
    );
  }, 120_000);
});
