import type { Command } from 'commander';
import type { CliDeps } from './cli-deps.ts';
import { UsageError } from './usage-error.ts';

/** `herald start [--once]`: the bot itself (`npm start`). */
export function registerStartCommand(program: Command, deps: CliDeps): void {
  program
    .command('start')
    .description(
      'run the bot: ingest on a schedule, deliver, answer commands (the console when no platform token is set)',
    )
    .option('--once', 'one ingest and one dispatch pass; exit once nothing is due')
    .action((opts: { once?: boolean }) => runStart(deps, opts.once === true));
}

async function runStart(deps: CliDeps, once: boolean): Promise<void> {
  // Loaded here, not for every `herald` command (issue 23 point 2).
  const [{ loadConfig }, { createApp }, { createLogger }, { createTerminal }, { installShutdown }] =
    await Promise.all([
      import('../app/config.ts'),
      import('../app/create-app.ts'),
      import('../app/log.ts'),
      import('../app/terminal.ts'),
      import('../app/shutdown.ts'),
    ]);
  const config = loadConfig(deps.env);
  const terminal = createTerminal();
  const log = createLogger(config, undefined, { terminal });
  if (deps.createPlatforms === undefined) {
    throw new UsageError('no platform registry was handed in: run herald through bin/herald.js');
  }
  const platforms = await deps.createPlatforms(config, log, { once, terminal });
  const previews = deps.previews?.(config.schedule.timezone);
  const app = await createApp({
    config,
    log,
    platforms,
    terminal,
    ...(previews === undefined ? {} : { previews }),
  });
  const shutdown = installShutdown({
    stop: () => app.stop(),
    graceMs: config.shutdownGraceMs,
    log,
  });
  if (once) {
    const report = await app.runOnce().finally(() => {
      shutdown.dispose();
    });
    log.info(report, 'one pass done: nothing left due in the outbox');
    return;
  }
  try {
    await app.start();
  } catch (err) {
    shutdown.dispose();
    await app.stop();
    throw err;
  }
  // From here the process lives until SIGINT/SIGTERM; the shutdown handler exits it.
  await shutdown.done;
}
