import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDiscordPlatform } from '../../adapters/discord/index.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Platform } from '../../src/domain/platform.ts';
import { openCommandFixture } from '../support/commands-fixture.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../support/discord-stand-in.ts';

let standIn: DiscordStandIn | undefined;
let platform: Platform | undefined;
afterEach(async () => {
  await platform?.stop();
  await standIn?.close();
});

describe('discord through the ShardingManager', () => {
  it('spawns a shard process that answers /news latest through the Herald process', async () => {
    const s = await startDiscordStandIn();
    standIn = s;
    // The shard process reads its environment (ShardingManager adds DISCORD_TOKEN and SHARDS).
    vi.stubEnv('DISCORD_API_ROOT', s.apiRoot);
    vi.stubEnv('LOG_LEVEL', 'silent');
    const fixture = await openCommandFixture();
    const p = createDiscordPlatform({
      token: s.token,
      apiRoot: s.apiRoot,
      guildId: s.guild.id,
      log: silentLog,
      shards: 'auto',
    });
    platform = p;
    await p.start(fixture.handler);
    expect(s.gateway.identifies[0]?.shard).toEqual([0, 1]);

    const sent = s.command('news', 'latest', { count: 2 });
    const answer = await vi.waitFor(
      () => {
        const found = s.messages.find((m) => m.where === sent.id && m.body.embeds !== undefined);
        if (found === undefined) throw new Error('no answer yet');
        return found;
      },
      { timeout: 20_000, interval: 50 },
    );
    expect(answer.body.embeds).toHaveLength(2);
    expect(s.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});
