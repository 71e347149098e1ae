// A shard process started by discord.js's ShardingManager (adapters/discord/sharding.ts): it
// holds the gateway connection for its shards and hands each command to the Herald process
// over IPC. Like bin/herald.js, it is an entry point: it reads the environment once.
import { loadConfig, createLogger } from '../../src/index.ts';
import { openGateway } from './gateway.ts';
import { DISCORD_DEFAULTS, restOptions } from './index.ts';
import { createIpcCommandHandler, type CommandRequest } from './ipc.ts';
import { createRecentTitles } from './recent.ts';

function sendToHerald(message: CommandRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('not started by a ShardingManager'));
      return;
    }
    process.send(message, undefined, {}, (err) => {
      if (err === null) resolve();
      else reject(err);
    });
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config).child({ platform: 'discord', part: 'shard' });
  if (config.discord === undefined) throw new Error('DISCORD_TOKEN is not set');
  const commands = createIpcCommandHandler(sendToHerald, (listener) => {
    process.on('message', listener);
  });
  const client = await openGateway({
    token: config.discord.token,
    rest: restOptions(config.discord),
    log,
    interactions: {
      commands,
      recent: createRecentTitles(commands, Date.now),
      log,
      deferAfterMs: DISCORD_DEFAULTS.deferAfterMs,
    },
    setState: () => undefined,
  });
  log.info({ shards: client.shard?.ids, guilds: client.guilds.cache.size }, 'discord shard ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
