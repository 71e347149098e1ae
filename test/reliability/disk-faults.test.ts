import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ingestContent } from '../../src/app/app-jobs.ts';
import { createMetrics } from '../../src/app/metrics.ts';
import { createEngineFromStore } from '../../src/app/text-engine.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import { openStore } from '../../src/store/open-store.ts';
import { StoreDiskError, withDiskAdvice } from '../../src/store/sqlite/database.ts';
import { ENTRY, ROOT, runHerald, writeStories } from '../support/fault-herald.ts';
import { printSummary } from '../support/fault-plan.ts';
import { integrityCheck } from '../support/fault-store-probe.ts';
import { readableCheckout } from '../support/readable-mirror.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});

function workDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755); // another user (below) must reach the content folder
  dirs.push(dir);
  return dir;
}

const SETTINGS = { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 3_600_000 };

/** One ingest of the content folder through the real pipeline, as the app's job runs it. */
async function ingestOnce(path: string, content: string, maxPages?: number) {
  const store = await openStore({ kind: 'sqlite', path });
  try {
    if (maxPages !== undefined) {
      const pages = store.sqlite?.pragma('page_count', { simple: true }) as number;
      store.sqlite?.pragma(`max_page_count = ${pages + maxPages}`);
    }
    const pipeline = createIngestPipeline({
      stories: store.stories,
      engine: await createEngineFromStore(store.stories),
      clock: systemClock,
      log: silentLog,
      settings: SETTINGS,
    });
    const deps = {
      pipeline,
      metrics: createMetrics({ outboxDepth: () => store.outbox.countsByState() }),
      log: silentLog,
    };
    return await withDiskAdvice(path, () => ingestContent(deps, content));
  } finally {
    await store.close();
  }
}

describe('a full disk', () => {
  it('fails the ingest with an error naming the store and what to do; nothing is corrupted or lost', async () => {
    const cwd = workDir('herald-full-');
    const path = join(cwd, 'data', 'herald.db');
    const content = join(cwd, 'content');
    const stories = 300;
    writeStories(content, stories);
    const error: unknown = await ingestOnce(path, content, 40).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StoreDiskError);
    expect(String(error)).toContain(path);
    expect(String(error)).toMatch(/disk is full: free some space/);
    expect(integrityCheck(path)).toBe('ok');
    const before = await countStories(path);
    const again = await ingestOnce(path, content);
    expect(integrityCheck(path)).toBe('ok');
    expect(await countStories(path)).toBe(stories);
    printSummary({
      name: `disk full (${before} of ${stories} stored when it filled; ${again.added} on the next run)`,
      inputs: stories,
      faults: 1,
      deliveries: 0,
      lost: stories - (await countStories(path)),
      duplicated: 0,
      window: 0,
    });
  }, 60_000);
});

async function countStories(path: string): Promise<number> {
  const store = await openStore({ kind: 'sqlite', path });
  try {
    return await store.stories.countStories();
  } finally {
    await store.close();
  }
}

/**
 * Root ignores file modes, so as root the child runs as nobody (65534), for whom a folder of
 * root's with mode 755 is read-only; as any other user, the folder is made read-only (555).
 */
const asRoot = process.getuid?.() === 0;
const NOBODY = { uid: 65534, gid: 65534 };

function readOnly(dir: string): void {
  if (!asRoot) chmodSync(dir, 0o555);
}

/** As nobody, a checkout it can read: this one, or a mirror of it (see readable-mirror.ts). */
function heraldCheckout() {
  const checkout = asRoot
    ? readableCheckout(ROOT, ENTRY, NOBODY)
    : ({ ok: true, root: ROOT } as const);
  if (checkout.ok && checkout.root !== ROOT) dirs.push(checkout.root);
  return checkout;
}

function startHerald(cwd: string, dataDir: string, root: string) {
  const env = {
    PATH: process.env.PATH,
    HOME: cwd,
    HERALD_DATA_DIR: dataDir,
    CONTENT_DIR: join(cwd, 'content'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  return runHerald(['start', '--once'], cwd, env, children, 30_000, {
    ...(asRoot ? NOBODY : {}),
    root,
  });
}

describe('a read-only data folder', () => {
  it('refuses to start with an error naming the path and what to do; the store is untouched', async () => {
    const checkout = heraldCheckout();
    // As root the case runs as nobody from a mirror of the checkout in the temporary folder;
    // a machine where nobody cannot read even that cannot run it, and says why.
    if (!checkout.ok) throw new Error(`cannot run this case here: ${checkout.reason}`);
    const root = checkout.root;
    const cwd = workDir('herald-ro-');
    writeStories(join(cwd, 'content'), 3);
    const dataDir = join(cwd, 'data');
    const path = join(dataDir, 'herald.db');
    await ingestOnce(path, join(cwd, 'content'));
    const seeded = await countStories(path);
    // A read-only file in a writable folder opened fine and failed at its first write.
    const fileDir = join(cwd, 'file');
    await ingestOnce(join(fileDir, 'herald.db'), join(cwd, 'content'));
    chmodSync(fileDir, asRoot ? 0o777 : 0o755);
    chmodSync(join(fileDir, 'herald.db'), 0o444);
    const fresh = join(cwd, 'empty');
    mkdirSync(fresh);
    readOnly(dataDir);
    readOnly(fresh);
    readOnly(cwd);
    const cases = [
      { name: 'an existing store', dir: dataDir },
      { name: 'a new store', dir: fresh },
      { name: 'a read-only file', dir: fileDir },
      { name: 'a data folder it cannot create', dir: join(cwd, 'missing', 'data') },
    ];
    const messages: string[] = [];
    for (const c of cases) {
      const run = startHerald(cwd, c.dir, root);
      expect(await run.exited, c.name).toBe('exit 1');
      expect(run.output(), c.name).toContain(c.dir);
      expect(run.output(), c.name).toMatch(
        /read-only for this process|cannot be opened or created/,
      );
      expect(run.output(), c.name).toContain('HERALD_DATA_DIR');
      messages.push(run.output().trim());
    }
    console.log(messages.join('\n'));
    chmodSync(cwd, 0o755);
    chmodSync(dataDir, 0o755);
    expect(integrityCheck(path)).toBe('ok');
    expect(await countStories(path)).toBe(seeded);
    chmodSync(join(fileDir, 'herald.db'), 0o644);
    expect(integrityCheck(join(fileDir, 'herald.db'))).toBe('ok');
    printSummary({
      name: `read-only data folder (${asRoot ? 'as nobody: root ignores file modes' : 'chmod 555'})`,
      inputs: cases.length,
      faults: cases.length,
      deliveries: 0,
      lost: seeded - (await countStories(path)),
      duplicated: 0,
      window: 0,
    });
  }, 60_000);
});
