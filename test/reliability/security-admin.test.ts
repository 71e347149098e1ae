import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/domain/platform.ts';
import { PLATFORMS, type PlatformName, type Target } from '../../src/domain/subscription.ts';
import { openCommandFixture } from '../support/commands-fixture.ts';

/**
 * The core's rules as every platform reaches them: subscribe, unsubscribe and digest in a group
 * or channel are refused to a non-admin (the adapter answers isAdmin: Telegram from
 * getChatAdministrators, Discord from member permissions, WhatsApp groups from the operators,
 * the console always), allowed to its admins and to operators; the per-user command limit
 * holds on each platform's user key and never spills onto another user or platform.
 */
const ADMIN_ONLY = ['/subscribe world', '/unsubscribe', '/digest 08:00', '/digest off'];

function ctx(
  platform: PlatformName,
  kind: Target['kind'],
  userId: string,
  admin: boolean,
): CommandContext {
  const target: Target = { platform, chatId: `${platform}-${kind}`, kind };
  return { platform, target, user: { id: userId }, isAdmin: () => Promise.resolve(admin) };
}

const text = (reply: unknown) => JSON.stringify(reply ?? null);

describe('admin-only commands and the per-user limit on every platform', () => {
  it('refuses subscription changes to non-admins in groups and channels', async () => {
    const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
    let tried = 0;
    let refused = 0;
    for (const platform of PLATFORMS) {
      for (const kind of ['group', 'channel'] as const) {
        const before = (await fixture.subscriptions.listSubscriptions()).length;
        for (const [i, command] of ADMIN_ONLY.entries()) {
          const reply = await fixture.send(command, ctx(platform, kind, `member${i}`, false));
          tried += 1;
          expect(text(reply), `${platform} ${kind} ${command}`).toMatch(/Only the admins/);
          refused += 1;
        }
        expect(await fixture.subscriptions.listSubscriptions()).toHaveLength(before);
        const ok = await fixture.send('/subscribe world', ctx(platform, kind, 'boss', true));
        expect(text(ok)).not.toMatch(/Only the admins/);
        tried += 1;
      }
    }
    const subscribed = await fixture.subscriptions.listSubscriptions();
    expect(subscribed).toHaveLength(PLATFORMS.length * 2);
    console.log(
      `[reliability] admin-only commands: inputs tried ${tried}, rejected ${refused} (Only the admins of this group/channel can change its subscription), crashes 0, hangs 0`,
    );
  });

  it('limits each user on each platform, and only that user', async () => {
    const fixture = await openCommandFixture();
    let limited = 0;
    for (const platform of PLATFORMS) {
      const spammer = ctx(platform, 'group', 'spammer', false);
      const replies = [];
      for (let i = 0; i < 15; i++) replies.push(await fixture.send('/help', spammer));
      const slowDowns = replies.filter((r) => /slow|wait|too many/i.test(text(r)));
      const silent = replies.filter((r) => r === undefined);
      expect(slowDowns, platform).toHaveLength(1);
      expect(silent, platform).toHaveLength(4);
      limited += slowDowns.length + silent.length;
      expect(text(await fixture.send('/help', ctx(platform, 'group', 'other', false)))).toMatch(
        /latest/,
      );
    }
    fixture.clock.advance(61_000);
    expect(text(await fixture.send('/help', ctx('telegram', 'group', 'spammer', false)))).toMatch(
      /latest/,
    );
    console.log(
      `[reliability] per-user command limit: inputs tried ${PLATFORMS.length * 16 + 1}, rejected ${limited} (one slow-down notice, then silence), crashes 0, hangs 0`,
    );
  });
});
