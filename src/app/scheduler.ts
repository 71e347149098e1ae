import { createTask, validateDetailed, type ScheduledTask } from 'node-cron';
import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';

/** One cron job: what runs, when, and the config key its expression came from. */
export interface JobSpec {
  name: string;
  /** The config key of the expression, named in errors ("INGEST_SCHEDULE"). */
  key: string;
  /** node-cron expression: 5 fields, or 6 with seconds first. */
  expression: string;
  /** One run; `now` comes from the injected clock. A throw is logged, never fatal. */
  run(now: Date): Promise<void>;
}

export interface SchedulerOptions {
  jobs: readonly JobSpec[];
  /** IANA zone the expressions are read in. */
  timezone: string;
  clock: Clock;
  log: Log;
}

/** `ran`: it ran and finished; `failed`: it threw (logged); `skipped`: a run was going. */
export type RunResult = 'ran' | 'failed' | 'skipped';

export interface Scheduler {
  /** Starts the cron ticks. */
  start(): void;
  /** Stops the ticks; runs in progress go on (await `idle()` for them). */
  stop(): Promise<void>;
  /** Runs a job now, under the same no-overlap rule as a tick. */
  runNow(name: string): Promise<RunResult>;
  /** Resolves once no job is running. */
  idle(): Promise<void>;
  /** Names of the jobs running now. */
  busy(): string[];
}

/** A schedule that cannot be used; names the config key to fix. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
  constructor(
    message: string,
    readonly key: string,
  ) {
    super(message);
  }
}

/** Validates every expression and the zone up front, then builds the (stopped) scheduler. */
export function createScheduler(options: SchedulerOptions): Scheduler {
  validateTimezone(options.timezone);
  options.jobs.forEach(validateJob);
  const running = new Map<string, Promise<RunResult>>();
  const jobs = new Map(options.jobs.map((job) => [job.name, job]));
  const run = (job: JobSpec, reason: 'tick' | 'now') => runGuarded(job, reason, running, options);
  let tasks: ScheduledTask[] = [];

  return {
    start() {
      if (tasks.length > 0) return;
      tasks = options.jobs.map((job) => startTask(job, options, () => run(job, 'tick')));
    },
    async stop() {
      const stopping = tasks;
      tasks = [];
      for (const task of stopping) await task.destroy();
    },
    runNow(name) {
      const job = jobs.get(name);
      if (job === undefined) throw new Error(`no scheduled job named "${name}"`);
      return run(job, 'now');
    },
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
    busy: () => [...running.keys()],
  };
}

function runGuarded(
  job: JobSpec,
  reason: 'tick' | 'now',
  running: Map<string, Promise<RunResult>>,
  { clock, log }: SchedulerOptions,
): Promise<RunResult> {
  if (running.has(job.name)) {
    const fields = { job: job.name, reason };
    if (reason === 'tick') log.warn(fields, 'previous run still going; this tick skipped');
    else log.debug(fields, 'previous run still going; this run skipped');
    return Promise.resolve('skipped');
  }
  const now = clock.now();
  const done = runOnce(job, now, log).finally(() => running.delete(job.name));
  running.set(job.name, done);
  return done;
}

async function runOnce(job: JobSpec, now: Date, log: Log): Promise<RunResult> {
  try {
    await job.run(now);
    return 'ran';
  } catch (err) {
    log.error({ job: job.name, err }, 'scheduled job failed');
    return 'failed';
  }
}

function startTask(job: JobSpec, options: SchedulerOptions, tick: () => Promise<RunResult>) {
  const child = options.log.child({ job: job.name });
  const task = createTask(job.expression, () => tick(), {
    name: job.name,
    timezone: options.timezone,
    logger: {
      info: (msg) => {
        child.debug({}, msg);
      },
      warn: (msg) => {
        child.warn({}, msg);
      },
      error: (msg, err) => {
        child.error({ err: err ?? msg }, 'cron error');
      },
      debug: () => undefined,
    },
  });
  void task.start();
  return task;
}

function validateJob(job: JobSpec): void {
  const result = validateDetailed(job.expression);
  if (result.valid) return;
  const why = result.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw new ScheduleError(
    `${job.key}="${job.expression}" is not a valid cron expression (${why || 'unreadable'}); ` +
      'use 5 fields (minute hour day month weekday) or 6 with seconds first',
    job.key,
  );
}

function validateTimezone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ScheduleError(
      `HERALD_TIMEZONE="${zone}" is not an IANA time zone (such as UTC or Europe/London)`,
      'HERALD_TIMEZONE',
    );
  }
}
