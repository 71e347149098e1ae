import { describe, expect, it } from 'vitest';
import { COMMAND_DEFINITIONS, toText, type OptionsSlice } from '../../adapters/discord/commands.ts';
import {
  answerRequest,
  createIpcCommandHandler,
  type CommandRequest,
} from '../../adapters/discord/ipc.ts';
import type { CommandHandler } from '../../src/domain/platform.ts';

function options(sub: string, values: Record<string, string | number> = {}): OptionsSlice {
  return {
    getSubcommand: () => sub,
    getString: (name) => {
      const v = values[name];
      return typeof v === 'string' ? v : null;
    },
    getInteger: (name) => {
      const v = values[name];
      return typeof v === 'number' ? v : null;
    },
  };
}

describe('discord slash commands', () => {
  it.each([
    ['news', 'latest', { count: 3, topic: 'x' }, 'latest 3 x'],
    ['news', 'latest', {}, 'latest'],
    ['news', 'latest', { topic: 'world news' }, 'latest world news'],
    ['news', 'summary', { story: 'abcdefabcdef' }, 'summary abcdefabcdef'],
    ['news', 'related', { story: '2' }, 'related 2'],
    ['news', 'coverage', { story: '2' }, 'coverage 2'],
    ['news', 'search', { query: ' harbour bridge ' }, 'search harbour bridge'],
    ['news', 'topics', {}, 'topics'],
    ['news', 'settings', {}, 'settings'],
    ['news-admin', 'subscribe', {}, 'subscribe'],
    ['news-admin', 'subscribe', { topics: 'sport, world' }, 'subscribe sport, world'],
    ['news-admin', 'unsubscribe', { topics: 'sport' }, 'unsubscribe sport'],
    ['news-admin', 'digest', { times: '08:00' }, 'digest 08:00'],
  ])('/%s %s %j -> %s', (command, sub, values, text) => {
    expect(toText(command, options(sub, values))).toBe(text);
  });

  it('knows no other command or subcommand', () => {
    expect(toText('other', options('latest'))).toBeUndefined();
    expect(toText('news', options('delete'))).toBeUndefined();
  });

  it('gives Manage Channels (16) as default_member_permissions to /news-admin only', () => {
    const [news, admin] = COMMAND_DEFINITIONS;
    expect(news?.name).toBe('news');
    expect(news && 'default_member_permissions' in news).toBe(false);
    expect(admin).toMatchObject({ name: 'news-admin', default_member_permissions: '16' });
  });

  it('keeps names and descriptions within what Discord accepts', () => {
    const walk = (o: { name: string; description?: string; options?: unknown[] }): void => {
      expect(o.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect((o.description ?? '').length).toBeLessThanOrEqual(100);
      for (const child of (o.options ?? []) as (typeof o)[]) walk(child);
    };
    for (const c of COMMAND_DEFINITIONS) walk(c as Parameters<typeof walk>[0]);
  });
});

describe('shard IPC', () => {
  it('carries a command to the core and the reply back, dates revived', async () => {
    const seen: string[] = [];
    const core: CommandHandler = {
      handleText: (context, text) => {
        seen.push(`${context.target.chatId} ${text}`);
        return context.isAdmin().then((admin) => ({
          kind: 'card',
          card: {
            id: 'abcdefabcdef',
            title: admin ? 'admin' : 'member',
            source: 's',
            publishedAt: new Date('2026-06-01T07:00:00Z'),
            summary: [],
            excerpt: '',
            topics: [],
            keywords: [],
          },
        }));
      },
    };
    const listeners: ((m: unknown) => void)[] = [];
    const send = async (request: CommandRequest) => {
      // JSON, as child_process IPC carries it.
      const wire = JSON.parse(JSON.stringify(request)) as CommandRequest;
      const response = JSON.parse(JSON.stringify(await answerRequest(core, wire))) as unknown;
      for (const l of listeners) l(response);
    };
    const handler = createIpcCommandHandler(send, (l) => listeners.push(l));
    const context = {
      platform: 'discord' as const,
      target: { platform: 'discord' as const, chatId: '42', kind: 'channel' as const },
      user: { id: '7' },
      isAdmin: () => Promise.resolve(true),
    };
    const reply = await handler.handleText(context, 'latest 1');
    expect(seen).toEqual(['42 latest 1']);
    expect(reply?.kind === 'card' && reply.card.title).toBe('admin');
    expect(reply?.kind === 'card' && reply.card.publishedAt).toBeInstanceOf(Date);
  });
});
