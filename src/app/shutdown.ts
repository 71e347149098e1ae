import type { Log } from '../domain/log.ts';

/** The part of `process` shutdown listens on (tests pass an EventEmitter). */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface ShutdownOptions {
  /** Stops taking work, stops the cron, drains or releases sends, closes everything. */
  stop(): Promise<void>;
  /** Time `stop` is given; past it (plus a margin) the process exits with 1. */
  graceMs: number;
  log: Log;
  signals?: SignalSource;
  exit?: (code: number) => void;
}

export interface ShutdownHandle {
  /** Starts the same shutdown a signal would (the end of `--once`, a fatal error). */
  trigger(reason: string): void;
  /** Resolves with the exit code once the shutdown is over (before `exit` is called). */
  readonly done: Promise<number>;
  /** Removes the signal listeners. */
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGTERM: 15 };
/** Room past the grace period for closing the store and sockets. */
const CLOSE_MARGIN_MS = 5_000;

/**
 * SIGINT/SIGTERM: the first one stops the app and exits 0 (1 if stopping failed or overran the
 * grace period); a second one exits at once with 128 + the signal number.
 */
export function installShutdown(options: ShutdownOptions): ShutdownHandle {
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let settle: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (settle = resolve));
  let stopping = false;
  let finished = false;

  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    dispose();
    settle(code);
    exit(code);
  };
  const trigger = (reason: string) => {
    if (stopping) return;
    stopping = true;
    options.log.info({ reason, graceMs: options.graceMs }, 'shutting down');
    void stopWithin(options, () => {
      finish(1);
    }).then(finish);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) {
      trigger(signal);
      return;
    }
    options.log.warn({ signal }, 'second signal: exiting at once');
    finish(128 + (SIGNAL_NUMBERS[signal] ?? 0));
  };
  const dispose = () => {
    for (const s of SIGNALS) signals.off(s, onSignal);
  };
  for (const s of SIGNALS) signals.on(s, onSignal);
  return { trigger, done, dispose };
}

/** Runs `stop`; resolves 0 when it ends, 1 when it throws; calls `overrun` if it hangs. */
async function stopWithin(options: ShutdownOptions, overrun: () => void): Promise<number> {
  const timer = setTimeout(() => {
    options.log.error({ graceMs: options.graceMs }, 'shutdown overran the grace period');
    overrun();
  }, options.graceMs + CLOSE_MARGIN_MS);
  timer.unref();
  try {
    await options.stop();
    options.log.info({}, 'stopped cleanly');
    return 0;
  } catch (err) {
    options.log.error({ err }, 'shutdown failed');
    return 1;
  } finally {
    clearTimeout(timer);
  }
}
