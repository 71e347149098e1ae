import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createDiscordPlatform,
  DiscordTokenError,
  type DiscordPlatformOptions,
} from '../../adapters/discord/index.ts';
import type { Platform } from '../../src/domain/platform.ts';
import { createCaptureLog } from '../support/capture-log.ts';
import {
  MISSING_PERMISSIONS,
  startDiscordStandIn,
  type DiscordStandIn,
} from '../support/discord-stand-in.ts';

let standIn: DiscordStandIn | undefined;
const platforms: Platform[] = [];
afterEach(async () => {
  for (const p of platforms.splice(0)) await p.stop();
  await standIn?.close();
  standIn = undefined;
});

const noCommands = { handleText: () => Promise.resolve(undefined) };

function platformFor(s: DiscordStandIn, extra: Partial<DiscordPlatformOptions> = {}) {
  const { log, lines } = createCaptureLog();
  const p = createDiscordPlatform({
    token: s.token,
    guildId: s.guild.id,
    apiRoot: s.apiRoot,
    log,
    ...extra,
  });
  platforms.push(p);
  return { p, lines };
}

const card = {
  id: 'abcdefabcdef',
  title: 'A quiet day',
  source: 'Example News',
  publishedAt: new Date('2026-06-01T07:00:00Z'),
  summary: ['Nothing happened.'],
  excerpt: '',
  topics: [],
  keywords: [],
};

describe('discord start and stop against the stand-in', () => {
  it('refuses a bad token with a fatal error that names DISCORD_TOKEN and hides the token', async () => {
    standIn = await startDiscordStandIn();
    const bad = 'bad-token-value.abc.def';
    const { p, lines } = platformFor(standIn, { token: bad });
    const err = await p.start(noCommands).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(err).toBeInstanceOf(DiscordTokenError);
    expect((err as Error).message).toContain('DISCORD_TOKEN');
    expect((err as Error).message).not.toContain(bad);
    expect(JSON.stringify(lines())).not.toContain(bad);
    expect(p.state()).toBe('stopped');
  });

  it('refuses a bad token in the broadcast-only mode too', async () => {
    standIn = await startDiscordStandIn();
    const { p } = platformFor(standIn, { token: 'other.abc.def', receive: false });
    await expect(p.start(noCommands)).rejects.toThrow(/DISCORD_TOKEN/);
  });

  it('keeps the gateway alive: heartbeats are sent and acknowledged', async () => {
    standIn = await startDiscordStandIn({ heartbeatIntervalMs: 200 });
    const s = standIn;
    const { p } = platformFor(s);
    await p.start(noCommands);
    await vi.waitFor(
      () => {
        if (s.gateway.acks < 2) throw new Error('waiting for heartbeats');
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(s.gateway.heartbeats).toBeGreaterThanOrEqual(2);
    expect(s.gateway.identifies).toHaveLength(1);
  });

  it('registers the same commands on every start (an idempotent bulk overwrite)', async () => {
    standIn = await startDiscordStandIn();
    const first = platformFor(standIn).p;
    await first.start(noCommands);
    await first.stop();
    const second = platformFor(standIn).p;
    await second.start(noCommands);
    const puts = standIn.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]?.body).toEqual(puts[0]?.body);
  });

  it('registers globally when no guild is configured', async () => {
    standIn = await startDiscordStandIn();
    const s = standIn;
    const p = createDiscordPlatform({
      token: s.token,
      apiRoot: s.apiRoot,
      log: createCaptureLog().log,
    });
    platforms.push(p);
    await p.start(noCommands);
    const put = s.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`applications/${s.applicationId}/commands`);
  });

  it('sends broadcasts without a gateway in the broadcast-only mode (herald start --once)', async () => {
    standIn = await startDiscordStandIn();
    const s = standIn;
    const { p, lines } = platformFor(s, { receive: false });
    await p.start(noCommands);
    const channelId = s.guild.channels[0]?.id ?? '';
    const target = { platform: 'discord', chatId: channelId, kind: 'channel' } as const;
    const outcome = await p.send(target, { kind: 'card', card });
    s.failChannel(channelId, MISSING_PERMISSIONS);
    const refused = await p.send(target, { kind: 'card', card });

    expect(outcome.kind).toBe('sent');
    expect(refused).toMatchObject({ kind: 'rejected' });
    expect(s.connections()).toBe(0);
    expect(s.channelMessages(channelId)).toHaveLength(1);
    expect(JSON.stringify(lines())).not.toContain(s.token);
  });

  it.each([
    [{ status: 403, code: 50013, message: 'Missing Permissions' }, 'rejected'],
    [{ status: 404, code: 10003, message: 'Unknown Channel' }, 'rejected'],
    [{ status: 403, code: 50001, message: 'Missing Access' }, 'rejected'],
    [{ status: 400, code: 50035, message: 'Invalid Form Body' }, 'invalid'],
    [{ status: 503, code: 0, message: 'Service Unavailable' }, 'transient'],
  ])('turns %j into %s', async (error, kind) => {
    standIn = await startDiscordStandIn();
    const s = standIn;
    const { p } = platformFor(s, { receive: false });
    await p.start(noCommands);
    const channelId = s.guild.channels[0]?.id ?? '';
    s.failChannel(channelId, error);
    const target = { platform: 'discord', chatId: channelId, kind: 'channel' } as const;
    const outcome = await p.send(target, { kind: 'card', card });
    expect(outcome.kind).toBe(kind);
    if (outcome.kind !== 'sent') expect(outcome.reason).not.toContain(s.token);
  });

  it('answers unavailable before start and invalid for another platform', async () => {
    standIn = await startDiscordStandIn();
    const { p } = platformFor(standIn);
    const target = { platform: 'discord', chatId: '1', kind: 'channel' } as const;
    expect((await p.send(target, { kind: 'card', card })).kind).toBe('unavailable');
    await p.start(noCommands);
    const other = { platform: 'telegram', chatId: '1', kind: 'private' } as const;
    expect((await p.send(other, { kind: 'card', card })).kind).toBe('invalid');
  });
});
