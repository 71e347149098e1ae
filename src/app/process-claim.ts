import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { ProcessEntry, ProcessIdentity, ProcessRegistry } from '../store/process-registry.ts';

/** A second `herald start` on a SQLite store another live process holds; says what to do. */
export class StoreClaimedError extends Error {
  override readonly name = 'StoreClaimedError';
  constructor(
    message: string,
    readonly holder: ProcessEntry,
  ) {
    super(message);
  }
}

export interface ProcessClaimOptions {
  registry: ProcessRegistry;
  outbox: Pick<OutboxStore, 'reclaim'>;
  clock: Clock;
  log: Log;
  heartbeatMs: number;
  /** SQLite: this process claims the store alone; `where` names the store in the refusal. */
  alone?: { where: string };
  /** Tests: whether a process of this host is alive (default: signal 0). */
  alive?: (pid: number) => boolean;
}

/** This process in the registry: its id (lease owners are `<id>#<claim>`) and its way out. */
export interface ProcessClaim {
  id: string;
  /** Stops the heartbeat and leaves the registry. */
  stop(): Promise<void>;
}

/** A process missing this many heartbeats in a row is taken for gone. */
export const MISSED_HEARTBEATS = 3;

/**
 * Enters this process in the store's registry (on SQLite: claims the store, or throws a
 * StoreClaimedError naming the holder), takes back at once the rows left "sending" by
 * processes known to be gone, and keeps a heartbeat that does the same for any that dies later.
 */
export async function claimProcess(o: ProcessClaimOptions): Promise<ProcessClaim> {
  const me: ProcessIdentity = {
    id: `${process.pid}-${randomBytes(4).toString('hex')}`,
    pid: process.pid,
    host: hostname(),
  };
  const ttl = o.heartbeatMs * MISSED_HEARTBEATS;
  const gone = await goneProcesses(o, me);
  const entered = await o.registry.enter(me, o.clock.now(), ttl, {
    alone: o.alone !== undefined,
    gone,
  });
  if (!entered.ok) throw claimedError(entered.holder, o.alone?.where ?? 'the store', ttl);
  await takeBack(o, gone);
  const timer = setInterval(() => void beat(o, me, ttl), o.heartbeatMs);
  timer.unref();
  return {
    id: me.id,
    stop: async () => {
      clearInterval(timer);
      await o.registry.forget([me.id]);
    },
  };
}

/** Entries of other processes whose heartbeat ran out, or whose pid is dead on this host. */
async function goneProcesses(o: ProcessClaimOptions, me: ProcessIdentity): Promise<string[]> {
  const now = o.clock.now().getTime();
  const alive = o.alive ?? pidAlive;
  return (await o.registry.list())
    .filter((p) => p.id !== me.id)
    .filter((p) => p.expiresAt.getTime() <= now || (p.host === me.host && !alive(p.pid)))
    .map((p) => p.id);
}

async function takeBack(o: ProcessClaimOptions, gone: readonly string[]): Promise<void> {
  if (gone.length === 0) return;
  const rows = await o.outbox.reclaim(gone, o.clock.now());
  await o.registry.forget(gone);
  o.log.info({ processes: gone, rows }, 'rows left sending by gone processes taken back');
}

async function beat(o: ProcessClaimOptions, me: ProcessIdentity, ttl: number): Promise<void> {
  try {
    if (!(await o.registry.heartbeat(me.id, o.clock.now(), ttl))) {
      o.log.error(
        { id: me.id },
        'this process was taken for gone (no heartbeat in time); listed again',
      );
      await o.registry.enter(me, o.clock.now(), ttl, { alone: false });
    }
    await takeBack(o, await goneProcesses(o, me));
  } catch (err) {
    o.log.warn({ err }, 'process heartbeat failed; trying again at the next one');
  }
}

/** Signal 0 asks whether the process exists: ESRCH means gone; EPERM means it exists. */
function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function claimedError(holder: ProcessEntry, where: string, ttlMs: number): StoreClaimedError {
  return new StoreClaimedError(
    `${where} is in use by another Herald: pid ${holder.pid} on host ${holder.host}, running ` +
      `since ${holder.startedAt.toISOString()} (last heartbeat ${holder.heartbeatAt.toISOString()}). ` +
      `Stop that process first (kill ${holder.pid}), or give this one its own HERALD_DATA_DIR or ` +
      'DATABASE_URL; several processes on one store need PostgreSQL (DATABASE_URL=postgres://...). ' +
      `A process that died without stopping frees the store ${ttlMs / 1000} s after its last heartbeat.`,
    holder,
  );
}
