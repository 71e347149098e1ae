import { fileURLToPath } from 'node:url';
import { Routes, ShardingManager, type ShardingManagerOptions } from 'discord.js';
import type { Log, CommandHandler } from '../../src/index.ts';
import { safeError } from './errors.ts';
import { answerRequest, isCommandRequest } from './ipc.ts';
import type { RestSlice } from './send.ts';

/**
 * Whether this module runs compiled (dist/, scripts/build.js) or as TypeScript through tsx in
 * a source checkout: the shard process runs the same way.
 */
const COMPILED = import.meta.url.endsWith('.js');

/** The shard process: a gateway client that hands its interactions to this process. */
export const SHARD_WORKER = fileURLToPath(
  new URL(COMPILED ? './shard-worker.js' : './shard-worker.ts', import.meta.url),
);

/**
 * How many shards: a number as configured, or for "auto" the count Discord recommends in
 * GET /gateway/bot, asked of our own API root (discord.js's own "auto" asks discord.com).
 */
export async function resolveShardCount(
  shards: 'auto' | number,
  rest: Pick<RestSlice, 'get'>,
): Promise<number> {
  if (shards !== 'auto') return shards;
  const info = (await rest.get(Routes.gatewayBot())) as { shards?: number };
  return Math.max(1, info.shards ?? 1);
}

/** The ShardingManager's options: shard processes run the worker as this one runs (tsx or not). */
export function shardingOptions(token: string, totalShards: number): ShardingManagerOptions {
  return {
    token,
    totalShards,
    mode: 'process',
    respawn: true,
    execArgv: COMPILED ? [] : ['--import', 'tsx'],
  };
}

export interface ShardedGateway {
  stop(): Promise<void>;
}

/**
 * Spawns the shard processes and answers their command requests with the core's handler.
 * Broadcasts do not go through the shards: this process sends them by REST.
 */
export async function spawnShards(
  manager: ShardingManager,
  commands: CommandHandler,
  log: Log,
): Promise<ShardedGateway> {
  manager.on('shardCreate', (shard) => {
    shard.on('message', (message: unknown) => {
      if (!isCommandRequest(message)) return;
      answerRequest(commands, message)
        .then((response) => shard.send(response))
        .catch((err: unknown) => {
          log.warn({ shardId: shard.id, err: safeError(err) }, 'discord shard request failed');
        });
    });
    shard.on('death', () => {
      log.warn({ shardId: shard.id }, 'discord shard process exited');
    });
  });
  await manager.spawn();
  return {
    stop: () => {
      for (const shard of manager.shards.values()) shard.kill();
      return Promise.resolve();
    },
  };
}

export function createShardingManager(token: string, totalShards: number): ShardingManager {
  return new ShardingManager(SHARD_WORKER, shardingOptions(token, totalShards));
}
