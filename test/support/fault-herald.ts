/**
 * `herald start` as a child process for the reliability suite: a generated content folder,
 * the Telegram stand-in in the test process (its limits raised), subscriptions seeded in the
 * store, and the child's exit and output watched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { systemClock } from '../../src/domain/clock.ts';
import { EMPTY_FILTERS, type Target } from '../../src/domain/subscription.ts';
import { openStore, type DatabaseConfig } from '../../src/store/open-store.ts';
import { createUnansweredCount } from './fault-http.ts';
import { createReceivedLedger, seeded, type FaultInjector } from './fault-plan.ts';
import { TelegramStandIn } from './telegram-stand-in.ts';

/** The checkout these tests run from, and Herald's entry point in it. */
export const ROOT = resolve(import.meta.dirname, '../..');
export const ENTRY = 'bin/herald.js';

/** Made-up words: stories share no real vocabulary, so none looks like a near-duplicate. */
function vocabulary(random: () => number, size: number): string[] {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'su', 'ra', 'to', 'vi', 'de', 'po', 'gu', 'fe'];
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < n; i += 1) word += syllables[Math.floor(random() * syllables.length)] ?? '';
    words.add(word);
  }
  return [...words];
}

/** Writes `n` Markdown stories with unique titles and varied bodies; returns the titles. */
export function writeStories(dir: string, n: number, seed = 7): string[] {
  mkdirSync(dir, { recursive: true });
  const random = seeded(seed);
  const words = vocabulary(random, 4000);
  const pick = (k: number) =>
    Array.from({ length: k }, () => words[Math.floor(random() * words.length)]).join(' ');
  const titles: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const title = `Reliability story ${i} ${pick(3)}`;
    const body = Array.from({ length: 4 }, () => `${pick(14)}.`).join(' ');
    const date = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    const url = `https://news.example/reliability/${i}`;
    const front = `---\ntitle: "${title}"\ndate: ${date}\nurl: ${url}\nsource: Example News\n---\n`;
    writeFileSync(join(dir, `story-${String(i).padStart(5, '0')}.md`), `${front}\n${body}\n`);
    titles.push(title);
  }
  return titles;
}

/** Subscribes private chats `first`..`first + n - 1` on Telegram to every story. */
export async function seedReaders(database: DatabaseConfig, first: number, n: number) {
  const store = await openStore(database);
  try {
    for (let i = 0; i < n; i += 1) {
      const target: Target = { platform: 'telegram', chatId: String(first + i), kind: 'private' };
      const input = { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' as const } };
      const sub = await store.subscriptions.saveSubscription(
        { ...input, createdBy: 'operator' },
        systemClock.now(),
      );
      // One message a story: the kills and shutdowns here are timed by messages (batches of
      // posts under a crash: test/integration/delivery-crash.test.ts, ADR 0029).
      const batchOff = { preferences: { batch: false } };
      await store.subscriptions.updateSubscription(sub.id, batchOff, systemClock.now());
    }
  } finally {
    await store.close();
  }
}

/** The Telegram stand-in on real time, limits raised, with the chats of `seedReaders`. */
export async function startHeraldStandIn(first: number, n: number, next?: FaultInjector) {
  const unanswered = createUnansweredCount();
  const standIn = new TelegramStandIn({
    limits: { perChatPerSec: 100_000, perGroupPerMin: 1_000_000 },
    faults: { next: next ?? (() => undefined), slowMs: 120_000, stored: unanswered.watch },
  });
  const apiRoot = await standIn.listen();
  for (let i = 0; i < n; i += 1) {
    standIn.privateChat({ id: first + i, is_bot: false, first_name: `reader ${i}` });
  }
  return {
    standIn,
    apiRoot,
    unanswered: unanswered.count,
    ledger: () => {
      const ledger = createReceivedLedger();
      for (const m of standIn.messages) {
        ledger.add(String(m.chat.id), (m.text ?? '').split('\n')[0] ?? '');
      }
      return ledger;
    },
  };
}

/** The environment of a `herald start` child: its folders, the stand-in, raised limits. */
export function heraldEnv(
  cwd: string,
  standIn: { token: string },
  apiRoot: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: cwd,
    HERALD_DATA_DIR: join(cwd, 'data'),
    CONTENT_DIR: join(cwd, 'content'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    TELEGRAM_BOT_TOKEN: standIn.token,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_RATE_GLOBAL_PER_SEC: '10000',
    TELEGRAM_RATE_PER_CHAT_PER_SEC: '10000',
    TELEGRAM_RATE_PER_GROUP_PER_MIN: '600000',
    DELIVERY_LEASE_MS: '1500',
    DELIVERY_BACKOFF_BASE_MS: '50',
    DELIVERY_BACKOFF_MAX_MS: '500',
    HERALD_TIMEZONE: 'UTC',
    // These runs deliver every story they write: the flood guard (a first ingest announces
    // only the newest 3) has its own tests (test/integration/no-flood.test.ts).
    CONTENT_FIRST_ANNOUNCE: '1000',
    ...extra,
  };
}

export interface HeraldRun {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal's name. */
  exited: Promise<string>;
}

/**
 * Spawns `herald <args>` (as `as.uid` if given, from the checkout `as.root`, by default this
 * one); a watchdog kills it after `limitMs`.
 */
export function runHerald(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  children: ChildProcess[],
  limitMs = 60_000,
  as: { uid?: number; gid?: number; root?: string } = {},
): HeraldRun {
  const { root = ROOT, ...user } = as;
  const bin = join(root, ENTRY);
  const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: 'pipe', ...user });
  children.push(child);
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const exited = new Promise<string>((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done(signal ?? `exit ${code ?? '?'}`);
    });
  });
  return { child, output: () => text, exited };
}

/** Resolves once `check` holds (polled every 5 ms), or with false after `limitMs`. */
export async function poll(check: () => boolean | Promise<boolean>, limitMs = 60_000) {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}
