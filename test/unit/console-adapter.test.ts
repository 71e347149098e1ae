import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONSOLE_TARGET, createConsolePlatform } from '../../adapters/console/index.ts';
import { clean, renderReply, wrap } from '../../adapters/console/render.ts';
import type { CommandContext, CommandHandler } from '../../src/domain/platform.ts';
import type { Reply, StoryCard } from '../../src/domain/reply.ts';
import { silentLog } from '../../src/domain/log.ts';

const card: StoryCard = {
  id: 'abc',
  title: 'Russia Becomes First Nation to Officially Recognize Taliban Government',
  source: 'Herald',
  publishedAt: new Date('2025-07-04T09:30:00Z'),
  summary: ['Russia recognised the Taliban government.', 'Kabul welcomed the move.'],
  excerpt: 'Russia recognised the Taliban government on Thursday.',
  url: 'https://example.org/story',
  topics: ['world', 'asia'],
  keywords: ['russia', 'taliban'],
};

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

function echoHandler(seen: { context: CommandContext; text: string }[]): CommandHandler {
  return {
    handleText(context, text) {
      seen.push({ context, text });
      if (text === 'chatter') return Promise.resolve(undefined);
      return Promise.resolve({ kind: 'notice', text: `you typed ${text}` });
    },
  };
}

function setup(readInput = true) {
  const input = new PassThrough();
  const output = new PassThrough();
  const printed = collect(output);
  const platform = createConsolePlatform({
    timeZone: 'UTC',
    log: silentLog,
    input,
    output,
    readInput,
  });
  return { input, printed, platform };
}

describe('console render', () => {
  it('prints a broadcast as a reader sees it', () => {
    const text = renderReply({ kind: 'card', card }, { timeZone: 'UTC' });
    expect(text).toContain(card.title);
    expect(text).toContain('Herald · 4 Jul 2025, 09:30 UTC');
    expect(text).toContain('  • Russia recognised the Taliban government.');
    expect(text).toContain('  • Kabul welcomed the move.');
    expect(text).toContain('https://example.org/story');
    expect(text).toContain('Topics: world, asia');
  });

  it('shows the excerpt when there is no summary, in the configured zone', () => {
    const text = renderReply(
      { kind: 'card', card: { ...card, summary: [] } },
      { timeZone: 'Asia/Kabul' },
    );
    expect(text).toContain('  Russia recognised the Taliban government on Thursday.');
    expect(text).toContain('4 Jul 2025, 14:00 GMT+4:30');
  });

  it('numbers a list of cards', () => {
    const reply: Reply = {
      kind: 'cards',
      heading: 'Latest stories',
      cards: [
        { ...card, number: 1 },
        { ...card, id: 'def', title: 'Second', number: 2 },
      ],
      footer: 'summary <n> for one story',
    };
    const lines = renderReply(reply, { timeZone: 'UTC' }).split('\n');
    expect(lines[0]).toBe('Latest stories');
    expect(lines[1]).toBe(`1. ${card.title}`);
    expect(lines[3]).toBe('2. Second');
    expect(lines.at(-1)).toBe('summary <n> for one story');
  });

  it('prints errors with their usage', () => {
    const text = renderReply(
      { kind: 'error', text: 'no such story', usage: 'summary <n>' },
      { timeZone: 'UTC' },
    );
    expect(text).toBe('! no such story\n  usage: summary <n>');
  });

  it('strips terminal control sequences from story text', () => {
    expect(clean('Title\u001b[2J\u001b]0;pwned\u0007 ok')).toBe('Title[2J]0;pwned ok');
  });

  it('wraps long lines under a width', () => {
    const lines = wrap('one two three four five six', 12, '• ', '  ');
    expect(lines).toEqual(['• one two', '  three four', '  five six']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(12);
  });
});

describe('console platform', () => {
  it('answers each typed line in order, then keeps printing broadcasts after the input ends', async () => {
    const { input, printed, platform } = setup();
    const seen: { context: CommandContext; text: string }[] = [];
    await platform.start(echoHandler(seen));
    input.end('latest\n\n  summary 1  \nchatter\n');
    await platform.inputEnded();
    expect(seen.map((s) => s.text)).toEqual(['latest', 'summary 1', 'chatter']);
    expect(seen[0]?.context.target).toEqual(CONSOLE_TARGET);
    expect(await seen[0]?.context.isAdmin()).toBe(true);
    expect(printed()).toBe(
      'you typed latest\nyou typed summary 1\n(not a command: type help for the list)\n',
    );
    const outcome = await platform.send(CONSOLE_TARGET, { kind: 'card', card });
    expect(outcome).toEqual({ kind: 'sent', messageId: 'console-1' });
    expect(printed()).toContain(card.title);
    expect(platform.state()).toBe('ready');
    await platform.stop();
    expect(platform.state()).toBe('stopped');
  });

  it('does not read the input under --once, and still prints broadcasts', async () => {
    const { input, printed, platform } = setup(false);
    const seen: { context: CommandContext; text: string }[] = [];
    await platform.start(echoHandler(seen));
    await platform.inputEnded();
    input.write('latest\n');
    await platform.send(CONSOLE_TARGET, { kind: 'notice', text: 'hello' });
    await platform.stop();
    expect(seen).toEqual([]);
    expect(printed()).toBe('hello\n');
  });

  it('answers unavailable (the rows wait, no attempt spent) while it is not running', async () => {
    const { platform } = setup();
    expect((await platform.send(CONSOLE_TARGET, { kind: 'notice', text: 'x' })).kind).toBe(
      'unavailable',
    );
    await platform.start(echoHandler([]));
    await platform.stop();
    expect((await platform.send(CONSOLE_TARGET, { kind: 'notice', text: 'x' })).kind).toBe(
      'unavailable',
    );
  });

  it('refuses a target on another platform as invalid', async () => {
    const { platform } = setup(false);
    await platform.start(echoHandler([]));
    const outcome = await platform.send(
      { platform: 'telegram', chatId: '1', kind: 'private' },
      { kind: 'notice', text: 'x' },
    );
    expect(outcome.kind).toBe('invalid');
    await platform.stop();
  });
});
