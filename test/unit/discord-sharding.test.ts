import { describe, expect, it } from 'vitest';
import { discordOptions } from '../../adapters/discord/from-config.ts';
import {
  resolveShardCount,
  SHARD_WORKER,
  shardingOptions,
} from '../../adapters/discord/sharding.ts';
import { ConfigError, loadConfig } from '../../src/app/config.ts';
import { silentLog } from '../../src/domain/log.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-part-of-the-token_0123456789';

describe('discord config and sharding', () => {
  it('has no discord section without a token', () => {
    expect(loadConfig({}).discord).toBeUndefined();
  });

  it('reads every key', () => {
    const config = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_ROOT: 'http://127.0.0.1:9/api/',
      DISCORD_SHARDS: '4',
    });
    expect(config.discord).toEqual({
      token: TOKEN,
      applicationId: '123456789012345678',
      guildId: '223456789012345678',
      apiRoot: 'http://127.0.0.1:9/api',
      shards: 4,
    });
  });

  it('defaults to the official API, no guild, no shards', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN }).discord).toEqual({
      token: TOKEN,
      apiRoot: 'https://discord.com/api',
    });
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARDS: 'auto' }).discord?.shards).toBe(
      'auto',
    );
  });

  it('reports bad keys at once, never echoing the token', () => {
    const env = { DISCORD_TOKEN: 'not a token', DISCORD_GUILD_ID: 'x', DISCORD_SHARDS: '0' };
    const err = (() => {
      try {
        loadConfig(env);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DISCORD_TOKEN/);
    expect(problems).toMatch(/DISCORD_GUILD_ID/);
    expect(problems).toMatch(/DISCORD_SHARDS/);
    expect(problems).not.toContain('not a token');
  });

  it('uses the ShardingManager only when shards are configured and commands are taken', () => {
    const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_SHARDS: 'auto' }).discord;
    if (config === undefined) throw new Error('no discord section');
    expect(discordOptions(config, silentLog, true).shards).toBe('auto');
    expect(discordOptions(config, silentLog, false).shards).toBeUndefined();
    const plain = loadConfig({ DISCORD_TOKEN: TOKEN }).discord;
    if (plain === undefined) throw new Error('no discord section');
    expect(discordOptions(plain, silentLog, true).shards).toBeUndefined();
  });

  it('asks our own API root for the recommended count when shards are auto', async () => {
    const asked: string[] = [];
    const rest = {
      get: (route: string) => {
        asked.push(route);
        return Promise.resolve({ shards: 3 });
      },
    };
    expect(await resolveShardCount('auto', rest)).toBe(3);
    expect(await resolveShardCount(5, rest)).toBe(5);
    expect(asked).toEqual(['/gateway/bot']);
  });

  it('spawns shard processes of the worker through tsx', () => {
    expect(shardingOptions(TOKEN, 2)).toEqual({
      token: TOKEN,
      totalShards: 2,
      mode: 'process',
      respawn: true,
      execArgv: ['--import', 'tsx'],
    });
    expect(SHARD_WORKER).toMatch(/adapters\/discord\/shard-worker\.ts$/);
  });
});
