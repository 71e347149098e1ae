import { expect } from 'vitest';
import type { Reply } from '../../src/domain/reply.ts';
import { USAGE, type CommandName } from '../../src/commands/command.ts';
import type { CommandFixture } from './commands-fixture.ts';
import { replyViolations } from './reply-limits.ts';

/** What a reply must look like: its kind, a pattern over its text, the usage line, the titles. */
export interface Expectation {
  kind: Reply['kind'];
  text?: RegExp;
  usage?: CommandName;
  titles?: RegExp[];
}

export interface Case {
  name: string;
  /** Commands sent first, in the same chat (to fill this chat's last listing). */
  before?: string[];
  text: string;
  expect: Expectation;
}

/** The reply's main text: a notice or error's text, a list's heading, a card's heading + title. */
function textOf(reply: Reply): string {
  switch (reply.kind) {
    case 'notice':
    case 'error':
      return reply.text;
    case 'cards':
      return reply.heading;
    case 'card':
      return `${reply.heading ?? ''}|${reply.card.title}`;
  }
}

function titlesOf(reply: Reply): string[] {
  if (reply.kind === 'cards') return reply.cards.map((c) => c.title);
  return reply.kind === 'card' ? [reply.card.title] : [];
}

/** Sends the case's commands to the fixture and checks the last reply against the case. */
export async function checkCase(f: CommandFixture, { before = [], text, expect: want }: Case) {
  for (const b of before) await f.send(b);
  const reply = await f.send(text);
  expect(reply, text).toBeDefined();
  if (reply === undefined) return;
  expect(reply.kind).toBe(want.kind);
  if (want.text !== undefined) expect(textOf(reply)).toMatch(want.text);
  if (want.usage !== undefined) expect(reply).toMatchObject({ usage: USAGE[want.usage] });
  if (want.titles !== undefined) {
    const titles = titlesOf(reply);
    expect(titles).toHaveLength(want.titles.length);
    want.titles.forEach((re, i) => {
      expect(titles[i]).toMatch(re);
    });
  }
  expect(replyViolations(reply)).toEqual([]);
  expect(f.errors).toEqual([]);
  expect(await f.stories.countStories()).toBe(8);
}
