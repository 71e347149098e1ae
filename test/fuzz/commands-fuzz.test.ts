import { expect, test } from 'vitest';
import { ALIASES, COMMAND_NAMES } from '../../src/commands/command.ts';
import type { CommandContext } from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { context, openCommandFixture, storyUrl, target } from '../support/commands-fixture.ts';
import { replyViolations } from '../support/reply-limits.ts';

const SEED = 0x4e455753;
const RUNS = 10_000;

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const rnd = random(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

const WORDS = [...COMMAND_NAMES, ...Object.keys(ALIASES)];
const FRAGMENTS = [
  "'; DROP TABLE stories; --",
  '" OR 1=1 --',
  'UNION SELECT * FROM subscriptions',
  '<script>alert(1)</script>',
  '<b>bold</b> &amp; &lt;',
  '<a href="javascript:alert(1)">x</a>',
  'NEAR(a b, 2)',
  'title:harbour',
  '"unterminated',
  'a* OR b^ NOT (c AND d)',
  '{col1 col2}: x',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '#2',
  '1',
  '20',
  '21',
  '24:00',
  '23:59',
  'off',
  '7h15',
  storyUrl('chess-final'),
  `${storyUrl('flood-warning')}?utm_source=x#frag`,
  'https://',
  'http://[::1',
  'javascript:alert(1)',
  '0123456789ab',
  'ZZZZZZZZZZZZ',
  'harbour bridge',
  'Sport',
  'sport, culture, ,,',
  '@HeraldBot',
  '\u202Eevil\u202C',
  '\u200B\u200D\uFEFF',
  'ﷺ𒐫𝕏😀👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301\u0301',
  '\uD800',
  '\uDFFF\uD800',
  '\u0000\u0007\u001B[31m',
  '\r\n\t\v\f',
  '%s%n%x',
  '${process.exit()}',
  '__proto__',
  'constructor',
];

function unicodeNoise(max: number): string {
  let s = '';
  const n = int(max);
  for (let i = 0; i < n; i++) {
    const kind = int(5);
    if (kind === 0) s += String.fromCharCode(int(0x20));
    else if (kind === 1) s += String.fromCharCode(int(0x10000));
    else if (kind === 2) s += String.fromCodePoint(int(0x10ffff));
    else if (kind === 3) s += ' ';
    else s += String.fromCharCode(0x61 + int(26));
  }
  return s.replace(/[\uD800-\uDFFF]/g, (c) => (rnd() < 0.5 ? c : 'x'));
}

function commandWord(): string {
  const word = pick(WORDS);
  const cased = rnd() < 0.3 ? word.toUpperCase() : word;
  const prefix = pick(['', '/', '!', '/', ' ', '//', '!/']);
  const mention = rnd() < 0.15 ? `@${pick(['HeraldBot', 'other_bot', '', '@'])}` : '';
  return `${prefix}${cased}${mention}`;
}

function argument(): string {
  switch (int(4)) {
    case 0:
      return pick(FRAGMENTS);
    case 1:
      return unicodeNoise(40);
    case 2:
      return String(int(40) - 5);
    default:
      return pick(WORDS);
  }
}

/** One message: a command with random arguments, pure noise, or a huge input. */
function message(i: number): string {
  // Huge inputs reach both handlers (even i: 1,000-character limit; odd i: 200,000).
  if (i % 1000 < 2) return `${pick(WORDS)} ${'a '.repeat(50_000)}`;
  if (i % 1000 < 4) return unicodeNoise(100_000);
  const kind = int(10);
  if (kind < 6) {
    const args = Array.from({ length: int(5) }, argument);
    return [commandWord(), ...args].join(pick([' ', '  ', '\n', ',', '\t']));
  }
  if (kind < 8) return unicodeNoise(200);
  return Array.from({ length: 1 + int(6) }, () => pick(FRAGMENTS)).join(' ');
}

function sender(i: number): CommandContext {
  const kind = pick(['private', 'group', 'channel'] as const);
  if (i % 3 === 0) return context({ ...target(kind), platform: 'console' }, 'operator', false);
  if (i % 4 === 1) return context(target(kind), 'spammer', false);
  return context(target(kind, `chat-${int(20)}`), `user-${int(200)}`, rnd() < 0.5);
}

function checkReply(reply: Reply | undefined, text: string, operator: boolean): void {
  if (reply === undefined) {
    if (operator)
      throw new Error(`no reply for an operator: ${JSON.stringify(text.slice(0, 200))}`);
    return;
  }
  const problems = replyViolations(reply);
  if (problems.length > 0)
    throw new Error(`${problems.join('; ')} for ${JSON.stringify(text.slice(0, 200))}`);
  if (/\n\s+at |Error:/.test(JSON.stringify(reply))) throw new Error(`a stack trace in a reply`);
}

test(`fuzz: ${RUNS} random and adversarial commands (seed ${SEED})`, async () => {
  const strict = await openCommandFixture({ subscriptions: 'sqlite' });
  const roomy = await openCommandFixture({
    subscriptions: 'sqlite',
    deps: { limits: { maxInputChars: 200_000 } },
  });
  const kinds: Record<string, number> = {};
  for (let i = 0; i < RUNS; i++) {
    const f = i % 2 === 0 ? strict : roomy;
    f.clock.advance(int(1_000));
    const text = message(i);
    const who = sender(i);
    const reply = await f.handler.handleText(who, text);
    checkReply(reply, text, who.user.id === 'operator');
    kinds[reply?.kind ?? 'silent'] = (kinds[reply?.kind ?? 'silent'] ?? 0) + 1;
  }
  expect(strict.errors).toEqual([]);
  expect(roomy.errors).toEqual([]);
  expect(await strict.stories.countStories()).toBe(8);
  // Every kind of reply was produced: the fuzz reached the handlers, not only the parser.
  expect(Object.keys(kinds).sort()).toEqual(['card', 'cards', 'error', 'notice', 'silent']);
}, 60_000);
