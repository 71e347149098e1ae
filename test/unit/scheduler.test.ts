import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { createScheduler, ScheduleError, type JobSpec } from '../../src/app/scheduler.ts';
import { createCaptureLog } from '../support/capture-log.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function job(name: string, run: (now: Date) => unknown, expression = '*/5 * * * *'): JobSpec {
  return {
    name,
    key: `${name.toUpperCase()}_SCHEDULE`,
    expression,
    run: async (now) => {
      await run(now);
    },
  };
}

describe('scheduler', () => {
  it('names the config key of an invalid expression', () => {
    const { log } = createCaptureLog();
    const make = () =>
      createScheduler({
        jobs: [job('ingest', () => undefined, '*/5 * *'), job('dispatch', () => undefined)],
        timezone: 'UTC',
        clock: createManualClock(),
        log,
      });
    expect(make).toThrow(ScheduleError);
    expect(make).toThrow(/INGEST_SCHEDULE="\*\/5 \* \*"/);
  });

  it('rejects a bad time zone', () => {
    const { log } = createCaptureLog();
    const make = () =>
      createScheduler({ jobs: [], timezone: 'Mars/Base', clock: createManualClock(), log });
    expect(make).toThrow(/HERALD_TIMEZONE="Mars\/Base"/);
  });

  it('passes the injected clock time to the job', async () => {
    const { log } = createCaptureLog();
    const clock = createManualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    const seen: Date[] = [];
    const scheduler = createScheduler({
      jobs: [job('ingest', (now) => seen.push(now))],
      timezone: 'Europe/London',
      clock,
      log,
    });
    expect(await scheduler.runNow('ingest')).toBe('ran');
    clock.advance(60_000);
    expect(await scheduler.runNow('ingest')).toBe('ran');
    expect(seen.map((d) => d.toISOString())).toEqual([
      '2026-01-02T03:04:05.000Z',
      '2026-01-02T03:05:05.000Z',
    ]);
  });

  it('never overlaps a job with itself, and logs the skipped run', async () => {
    const { log, lines } = createCaptureLog();
    const gate = deferred();
    let runs = 0;
    const scheduler = createScheduler({
      jobs: [
        job('dispatch', async () => {
          runs += 1;
          await gate.promise;
        }),
        job('ingest', () => undefined),
      ],
      timezone: 'UTC',
      clock: createManualClock(),
      log,
    });
    const first = scheduler.runNow('dispatch');
    expect(scheduler.busy()).toEqual(['dispatch']);
    expect(await scheduler.runNow('dispatch')).toBe('skipped');
    expect(await scheduler.runNow('ingest')).toBe('ran');
    gate.resolve();
    expect(await first).toBe('ran');
    await scheduler.idle();
    expect(runs).toBe(1);
    expect(scheduler.busy()).toEqual([]);
    const skipped = lines().filter((l) => l.msg === 'previous run still going; this run skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.job).toBe('dispatch');
  });

  it('survives a failing job and logs it', async () => {
    const { log, lines } = createCaptureLog();
    const scheduler = createScheduler({
      jobs: [job('ingest', () => Promise.reject(new Error('disk full')))],
      timezone: 'UTC',
      clock: createManualClock(),
      log,
    });
    expect(await scheduler.runNow('ingest')).toBe('failed');
    expect(await scheduler.runNow('ingest')).toBe('failed');
    expect(lines().filter((l) => l.msg === 'scheduled job failed')).toHaveLength(2);
  });

  it('refuses an unknown job name', async () => {
    const { log } = createCaptureLog();
    const scheduler = createScheduler({
      jobs: [],
      timezone: 'UTC',
      clock: createManualClock(),
      log,
    });
    expect(() => scheduler.runNow('nope')).toThrow(/no scheduled job named "nope"/);
    await scheduler.stop();
  });

  it('runs a job on its cron tick once started, and stops ticking when stopped', async () => {
    const { log } = createCaptureLog();
    const ticked = deferred();
    const scheduler = createScheduler({
      jobs: [
        job(
          'dispatch',
          () => {
            ticked.resolve();
          },
          '* * * * * *',
        ),
      ],
      timezone: 'UTC',
      clock: createManualClock(),
      log,
    });
    scheduler.start();
    await ticked.promise;
    await scheduler.stop();
    await scheduler.idle();
    expect(scheduler.busy()).toEqual([]);
  });
});
