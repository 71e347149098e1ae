import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/parse.ts';
import type { Subscription } from '../../src/domain/subscription.ts';
import { createBackfill } from '../../src/delivery/backfill.ts';
import { createDeliveryHarness } from '../support/delivery-harness.ts';
import {
  context,
  groupChat,
  openCommandFixture,
  privateChat,
  target,
} from '../support/commands-fixture.ts';

const alice = privateChat('alice');
const admin = groupChat('ada', true);
const member = groupChat('mallory', false);
const operator = context(target('group'), 'operator', false);
const operatorOnConsole = { ...operator, platform: 'console' as const };

function textOf(
  reply: Awaited<ReturnType<Awaited<ReturnType<typeof openCommandFixture>>['send']>>,
) {
  if (reply === undefined) throw new Error('no reply');
  if (reply.kind !== 'notice' && reply.kind !== 'error') throw new Error(`a ${reply.kind}`);
  return reply.text;
}

describe('parsing the readers’ controls', () => {
  it('reads filter changes, quoted phrases and sources', () => {
    const parsed = parseCommand('filter +tram -"harbour bridge" -source:"Daily Blah" +“two words”');
    expect(parsed).toMatchObject({
      ok: true,
      command: {
        name: 'filter',
        action: 'edit',
        changes: [
          { include: true, term: 'tram' },
          { include: false, term: 'harbour bridge' },
          { include: false, term: 'source:Daily Blah' },
          { include: true, term: 'two words' },
        ],
      },
    });
    expect(parseCommand('filters')).toMatchObject({ command: { action: 'show' } });
    expect(parseCommand('filter clear')).toMatchObject({ command: { action: 'clear' } });
  });

  it('refuses malformed filters, patterns and words past the limit', () => {
    for (const text of ['filter tram', 'filter +', 'filter +.*', `filter +${'x'.repeat(61)}`]) {
      expect(parseCommand(text)).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
    }
  });

  it('reads quiet hours, on/off and subscribe --last', () => {
    expect(parseCommand('quiet 22:00-07:00')).toMatchObject({
      command: { hours: { from: '22:00', to: '07:00' } },
    });
    expect(parseCommand('quiet 22h to 7h30')).toMatchObject({
      command: { hours: { from: '22:00', to: '07:30' } },
    });
    expect(parseCommand('quiet off')).toMatchObject({ command: { hours: null } });
    expect(parseCommand('quiet 22:00-22:00')).toMatchObject({ ok: false });
    expect(parseCommand('quiet soon')).toMatchObject({ ok: false });
    expect(parseCommand('previews off')).toMatchObject({ command: { value: 'off' } });
    expect(parseCommand('images maybe')).toMatchObject({ ok: false });
    expect(parseCommand('subscribe --last 5 sport')).toMatchObject({
      command: { topics: ['sport'], last: 5 },
    });
    expect(parseCommand('subscribe sport --last=0')).toMatchObject({ command: { last: 0 } });
    expect(parseCommand('subscribe --last 11')).toMatchObject({ ok: false });
    expect(parseCommand('subscribe --last lots')).toMatchObject({ ok: false });
  });
});

describe('word filters in a chat', () => {
  it('adds, turns around and clears words; settings shows them', async () => {
    const f = await openCommandFixture();
    await f.send('subscribe', alice);
    expect(textOf(await f.send('filter +tram -"harbour bridge"', alice))).toBe(
      'Word filters (title, summary, keywords and names; source:<name> for an outlet):\nOnly with: tram\nNever with: "harbour bridge"',
    );
    expect(textOf(await f.send('filter -tram', alice))).toMatch(
      /Never with: "harbour bridge", tram$/,
    );
    expect(textOf(await f.send('settings', alice))).toMatch(
      /Except keywords: harbour bridge, tram/,
    );
    expect(textOf(await f.send('filter clear', alice))).toMatch(/^No word filters/);
    expect(textOf(await f.send('filters', alice))).toMatch(/^No word filters/);
  });

  it('stops past the limit with a clear error', async () => {
    const f = await openCommandFixture();
    await f.send('subscribe', alice);
    for (let i = 0; i < 2; i += 1) {
      const words = Array.from({ length: 10 }, (_, j) => `+w${i}x${j}`).join(' ');
      expect((await f.send(`filter ${words}`, alice))?.kind).toBe('notice');
    }
    const reply = await f.send('filter +one-too-many', alice);
    expect(reply?.kind).toBe('error');
    expect(textOf(reply)).toMatch(/at most 20 words/);
  });

  it('follows the permission rules of subscribe', async () => {
    const f = await openCommandFixture();
    expect(await f.send('filter +tram', admin)).toMatchObject({
      kind: 'error',
      text: 'This chat is not subscribed: send subscribe first.',
    });
    await f.send('subscribe', admin);
    for (const [who, allowed] of [
      [admin, true],
      [member, false],
      [operator, false],
      [operatorOnConsole, true],
    ] as const) {
      const reply = await f.send('filter -chess', who);
      expect(reply?.kind, who.user.id).toBe(allowed ? 'notice' : 'error');
    }
    expect(await f.send('quiet 22:00-07:00', member)).toMatchObject({
      kind: 'error',
      text: 'Only the admins of this group can change its subscription.',
    });
    // Reading is open to everyone.
    expect((await f.send('filters', member))?.kind).toBe('notice');
  });
});

describe('time zone, quiet hours, previews and images', () => {
  it('turns batching off and on again (ADR 0029)', async () => {
    const f = await openCommandFixture();
    await f.send('subscribe', alice);
    expect(textOf(await f.send('batch off', alice))).toMatch(
      /^Several stories in one message: off$/m,
    );
    expect(textOf(await f.send('settings', alice))).toMatch(
      /^Several stories in one message: off$/m,
    );
    expect(textOf(await f.send('batch on', alice))).toMatch(
      /^Several stories in one message: on$/m,
    );
  });

  it('sets and shows them, with a suggestion for a near miss', async () => {
    const f = await openCommandFixture({ deps: { defaultTimezone: 'Europe/London' } });
    await f.send('subscribe', alice);
    expect(textOf(await f.send('timezone', alice))).toBe('Time zone: Europe/London');
    const miss = await f.send('timezone Europe/Berln', alice);
    expect(miss?.kind).toBe('error');
    expect(textOf(miss)).toMatch(
      /I know no time zone “Europe\/Berln”\. Did you mean Europe\/Berlin\?/,
    );
    expect(textOf(await f.send('timezone europe/berlin', alice))).toMatch(
      /^Time zone: Europe\/Berlin$/m,
    );
    expect(textOf(await f.send('tz New York', alice))).toMatch(/^Time zone: America\/New_York$/m);
    expect(textOf(await f.send('quiet 22:00-07:00', alice))).toMatch(/^Quiet hours: 22:00-07:00 /m);
    expect(textOf(await f.send('previews off', alice))).toMatch(/^Link previews: off$/m);
    expect(textOf(await f.send('images off', alice))).toMatch(/^Images: off$/m);
    const settings = textOf(await f.send('settings', alice));
    expect(settings).toMatch(
      /Time zone: America\/New_York\nQuiet hours: 22:00-07:00 .*\nLink previews: off\nImages: off\nSeveral stories in one message: on\nLanguage: en$/,
    );
    expect(textOf(await f.send('quiet off', alice))).toMatch(/^Quiet hours: none$/m);
    const sub = (await f.subscriptions.findByTarget(alice.target)) as Subscription;
    expect(sub.preferences).toEqual({
      timezone: 'America/New_York',
      previews: false,
      images: false,
    });
  });

  it('shows the stories of a listing in the chat’s zone', async () => {
    const f = await openCommandFixture();
    expect(await f.send('latest 2', alice)).not.toHaveProperty('timeZone');
    await f.send('subscribe', alice);
    await f.send('timezone Asia/Tokyo', alice);
    expect(await f.send('latest 2', alice)).toMatchObject({
      kind: 'cards',
      timeZone: 'Asia/Tokyo',
    });
  });

  it('asks for a subscription first, and tells a member they may not', async () => {
    const f = await openCommandFixture();
    expect(await f.send('images off', alice)).toMatchObject({ kind: 'error' });
    await f.send('subscribe', admin);
    expect(await f.send('timezone UTC', member)).toMatchObject({ kind: 'error' });
    expect(await f.send('timezone UTC', admin)).toMatchObject({ kind: 'notice' });
  });

  it('lists every new command in help', async () => {
    const f = await openCommandFixture();
    const help = textOf(await f.send('help'));
    for (const name of [
      'filter',
      'timezone',
      'quiet',
      'previews',
      'images',
      'batch',
      'subscribe [--last n]',
    ]) {
      expect(help).toContain(`• ${name}`);
    }
  });
});

describe('languages', () => {
  it('answers in the chat’s language once it chose one; the default stays English', async () => {
    const f = await openCommandFixture();
    await f.send('subscribe', alice);
    expect(await f.send('language fr', alice)).toMatchObject({
      kind: 'error',
      text: 'Give a language code: en, de, es.',
    });
    expect(textOf(await f.send('language de', alice))).toBe('Ich antworte hier auf Deutsch.');
    expect(textOf(await f.send('settings', alice))).toMatch(
      /^Dieser Chat hat ein Abo\.\nThemen: alle\n.*\nZeitzone: UTC \(Standard\)\n.*\nSprache: de$/s,
    );
    expect(await f.send('latest 1 knitting', alice)).toMatchObject({
      kind: 'error',
      text: 'Ein Thema “knitting” kenne ich nicht. Sende topics, um sie zu sehen.',
      usage: 'latest [n] [Thema]: die neuesten Meldungen (n von 1 bis 20, Standard 5)',
    });
    expect(await f.send('latest 1', alice)).toMatchObject({
      heading: 'Neueste Meldungen',
      footer: 'Sende summary <Nummer>, related <Nummer> oder coverage <Nummer> für mehr.',
    });
    expect(textOf(await f.send('latets', alice))).toBe(
      'Den Befehl “latets” kenne ich nicht. Meintest du latest? Sende help, um zu sehen, was ich kann.',
    );
    expect(textOf(await f.send('language es', alice))).toBe('Aquí te responderé en español.');
    expect(textOf(await f.send('help', alice))).toMatch(/^Herald te trae las noticias\./);
    // Another chat is untouched.
    expect(textOf(await f.send('help', privateChat('bob')))).toMatch(
      /^Herald brings you the news\./,
    );
  });

  it('takes the default language from the deps', async () => {
    const f = await openCommandFixture({ deps: { defaultLanguage: 'de' } });
    expect(textOf(await f.send('settings', alice))).toBe(
      'Dieser Chat hat kein Abo. Sende subscribe, um hier neue Meldungen zu bekommen.',
    );
  });
});

describe('back-fill on subscribe', () => {
  it('asks for the default, or --last, and says how many are coming', async () => {
    const asked: number[] = [];
    const f = await openCommandFixture({
      deps: {
        backfillDefault: 3,
        backfill: (_sub, count) => {
          asked.push(count);
          return Promise.resolve(Math.min(count, 2));
        },
      },
    });
    expect(textOf(await f.send('subscribe', alice))).toMatch(
      /The newest 2 stories that match are on their way\./,
    );
    expect(textOf(await f.send('subscribe --last 1 sport', alice))).toMatch(
      /The newest story that matches is on its way\./,
    );
    expect(textOf(await f.send('subscribe --last 0', alice))).not.toMatch(/on (its|their) way/);
    expect(asked).toEqual([3, 1]);
  });

  it('queues the newest matching stories, oldest first, never one sent before', async () => {
    const h = createDeliveryHarness();
    const backfill = createBackfill({ ...h, digestTimezone: 'UTC' });
    const old = await h.addStory({ title: 'Tram news one', topics: ['City'] });
    const sport = await h.addStory({ title: 'Chess final', topics: ['Sport'] });
    const newer = await h.addStory({ title: 'Tram news two', topics: ['City'] });
    const sub = await h.subscribe(
      { chatId: 'b' },
      { filters: { ...emptyFilters(), includeTopics: ['City'] } },
    );
    expect(await backfill(sub, 5)).toBe(2);
    const rows = await h.outbox.listBySubscription(sub.id);
    expect(rows.map((r) => r.storyId)).toEqual([old.id, newer.id]);
    expect(rows.some((r) => r.storyId === sport.id)).toBe(false);
    expect(await backfill(sub, 5)).toBe(0);
  });
});

function emptyFilters() {
  return { includeTopics: [], excludeTopics: [], includeKeywords: [], excludeKeywords: [] };
}
