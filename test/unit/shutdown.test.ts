import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installShutdown } from '../../src/app/shutdown.ts';
import { silentLog } from '../../src/domain/log.ts';

function setup(stop: () => Promise<void>) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  const handle = installShutdown({
    stop,
    graceMs: 1_000,
    log: silentLog,
    signals,
    exit: (code) => exits.push(code),
  });
  return { signals, exits, handle };
}

describe('shutdown', () => {
  it('stops the app on SIGINT and exits 0', async () => {
    let stopped = 0;
    const { signals, exits, handle } = setup(() => {
      stopped += 1;
      return Promise.resolve();
    });
    signals.emit('SIGINT', 'SIGINT');
    expect(await handle.done).toBe(0);
    expect(stopped).toBe(1);
    expect(exits).toEqual([0]);
    expect(signals.listenerCount('SIGINT')).toBe(0);
    expect(signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('exits at once on a second signal while stopping', async () => {
    let release = () => {};
    const { signals, exits, handle } = setup(() => new Promise<void>((r) => (release = r)));
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    expect(await handle.done).toBe(130);
    release();
    await Promise.resolve();
    expect(exits).toEqual([130]);
  });

  it('exits 1 when stopping fails', async () => {
    const { exits, handle } = setup(() => Promise.reject(new Error('store locked')));
    handle.trigger('test');
    expect(await handle.done).toBe(1);
    expect(exits).toEqual([1]);
  });

  it('runs the stop only once for repeated triggers', async () => {
    let stopped = 0;
    const { handle } = setup(() => {
      stopped += 1;
      return Promise.resolve();
    });
    handle.trigger('once finished');
    handle.trigger('again');
    expect(await handle.done).toBe(0);
    expect(stopped).toBe(1);
  });
});
