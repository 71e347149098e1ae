import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arrange, clusterEvents, halfOf, scoreEvents } from '../../src/eval/events.ts';
import { parseArticles, type LabelledArticle } from '../../src/eval/related.ts';
import {
  DEFAULT_ASSIGN_OPTIONS,
  MemoryEvents,
  absorb,
  decide,
  fitScore,
  mergeProfiles,
  relativeFloor,
  yearsAgree,
  eventYearsAgree,
  datedYears,
  findMerge,
  statedYear,
  type FeatureInput,
  type StoryFeatures,
  planAssignment,
  storyFeatures,
  type EventProfile,
  newProfile,
} from '../../src/text/events/index.ts';
import { fingerprint } from '../../src/text/fingerprint.ts';
import { TermStats } from '../../src/text/keywords.ts';

// 3 ECB+ topics x 2 events x 4 articles (CC BY 3.0, see test/fixtures/ecbplus/README.md).
const FIXTURE = new URL('../fixtures/ecbplus/related-fixture.jsonl', import.meta.url);

function fixture(): LabelledArticle[] {
  const parsed = parseArticles(readFileSync(FIXTURE, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.articles;
}

/** A story's features, counted in `stats` (the corpus the tests' idf comes from). */
function counted(stats: TermStats, input: FeatureInput): StoryFeatures {
  const features = storyFeatures(input);
  stats.addDocument(features.terms.keys());
  return features;
}

const article = (id: string, cluster: string, topic = 't1'): LabelledArticle => ({
  id,
  title: id,
  body: '',
  cluster,
  topic,
});

describe('scoreEvents', () => {
  it('gives the B-cubed and pairwise figures of a worked example', () => {
    // Gold {a,b,c} {d}; predicted {a,b} {c,d}.
    const articles = [article('a', 'x'), article('b', 'x'), article('c', 'x'), article('d', 'y')];
    const predicted = new Map([
      ['a', '1'],
      ['b', '1'],
      ['c', '2'],
      ['d', '2'],
    ]);
    const s = scoreEvents(articles, predicted);
    // P: a 1, b 1, c 1/2, d 1/2 -> 3/4; R: a 2/3, b 2/3, c 1/3, d 1 -> 2/3.
    expect(s.bcubedPrecision).toBeCloseTo(75);
    expect(s.bcubedRecall).toBeCloseTo(66.667, 2);
    expect(s.bcubedF1).toBeCloseTo((2 * 75 * 66.667) / (75 + 66.667), 1);
    // Pairs: gold ab ac bc; predicted ab cd; one true pair.
    expect(s.pairPrecision).toBeCloseTo(50);
    expect(s.pairRecall).toBeCloseTo(33.333, 2);
    expect(s.events).toBe(2);
  });

  it('scores a perfect clustering 100', () => {
    const articles = [article('a', 'x'), article('b', 'x'), article('c', 'y')];
    const s = scoreEvents(
      articles,
      new Map([
        ['a', '1'],
        ['b', '1'],
        ['c', '2'],
      ]),
    );
    expect([s.bcubedF1, s.pairF1]).toEqual([100, 100]);
  });
});

describe('arrival orders and halves', () => {
  it('reverses, shuffles the same way every time, and splits topics by parity', () => {
    const articles = [1, 2, 3, 4, 5, 6].map((n) => article(`a${n}`, 'x', `t${n}`));
    expect(arrange(articles, 'reversed').map((a) => a.id)).toEqual([
      'a6',
      'a5',
      'a4',
      'a3',
      'a2',
      'a1',
    ]);
    const shuffled = arrange(articles, 'shuffle').map((a) => a.id);
    expect(arrange(articles, 'shuffle').map((a) => a.id)).toEqual(shuffled);
    expect([...shuffled].sort()).toEqual(articles.map((a) => a.id));
    expect(halfOf(articles, 'odd').map((a) => a.topic)).toEqual(['t1', 't3', 't5']);
    expect(halfOf(articles, 'even').map((a) => a.topic)).toEqual(['t2', 't4', 't6']);
  });
});

describe('online event assignment on the ECB+ fixture', () => {
  const articles = fixture();

  it('never puts the two events of one topic together, in any arrival order', () => {
    for (const order of ['file', 'reversed', 'shuffle'] as const) {
      const arranged = arrange(articles, order);
      const scores = scoreEvents(arranged, clusterEvents(arranged));
      expect(scores.bcubedPrecision, order).toBeGreaterThanOrEqual(85);
      expect(scores.bcubedRecall, order).toBeGreaterThanOrEqual(70);
    }
  });

  it('does far better than one event per article', () => {
    const scores = scoreEvents(articles, clusterEvents(articles));
    const singletons = scoreEvents(articles, new Map(articles.map((a) => [a.id, a.id])));
    expect(scores.bcubedF1).toBeGreaterThan(singletons.bcubedF1 + 20);
  });

  it('decides the same on a second run (deterministic)', () => {
    expect([...clusterEvents(articles)]).toEqual([...clusterEvents(articles)]);
  });
});

describe('planAssignment', () => {
  const stats = new TermStats();
  const story = (id: string, title: string, body: string) =>
    counted(stats, { id, title, body, fingerprint: fingerprint(title, body) });
  const reid = story(
    's1',
    'Tara Reid checks into Promises rehab in Malibu',
    'The actress Tara Reid entered the Promises Treatment Center in Malibu, her publicist said.',
  );
  const copy = story(
    's2',
    'Tara Reid checks into Promises rehab in Malibu',
    'The actress Tara Reid entered the Promises Treatment Center in Malibu, her publicist said on Friday.',
  );
  const quake = story(
    's3',
    'Earthquake of magnitude 6.1 shakes Indonesia',
    'A strong earthquake hit the island of Sumatra in Indonesia, the geological agency said.',
  );
  for (let i = 0; i < 20; i += 1) stats.addDocument([`filler${i}`, 'said']);

  it('starts a new event when nothing fits, and joins a repeat of a report', () => {
    const first = planAssignment(reid, 'e1', [], stats);
    expect(first).toMatchObject({ event: 'e1', created: true, repeat: false });
    const second = planAssignment(copy, 'e2', [first.profile], stats);
    expect(second).toMatchObject({ event: 'e1', created: false, repeat: true });
    expect(second.profile.reports).toBe(2);
    expect(planAssignment(quake, 'e2', [second.profile], stats)).toMatchObject({
      event: 'e2',
      created: true,
    });
  });

  it('merges two events a report bridges into the older id, whichever it joined', () => {
    const older: EventProfile = newProfile('e1', reid);
    const newer: EventProfile = { ...newProfile('e2', reid), fingerprints: [] };
    const plan = planAssignment(copy, 'e3', [newer, older], stats);
    expect(plan.event).toBe('e1');
    expect(plan.merged).toBe('e2');
    expect(plan.profile.reports).toBe(3);
  });

  it('keeps the events of MemoryEvents apart and resolves merged ids', () => {
    const events = new MemoryEvents(stats);
    events.add(reid);
    events.add(quake);
    events.add(copy);
    const of = events.events();
    expect(of.get('s1')).toBe(of.get('s2'));
    expect(of.get('s3')).not.toBe(of.get('s1'));
  });
});

describe('yearsAgree', () => {
  const options = { ...DEFAULT_ASSIGN_OPTIONS, yearConflict: 0.5 };
  const story = (body: string) => storyFeatures({ id: body, title: 'Rehab', body });
  it('lowers the score only when both name years and share none', () => {
    const event = newProfile('e1', story('Reid entered rehab in 2008, 33 years old.'));
    expect(yearsAgree(story('Lohan entered rehab in 2013.'), event, options)).toBe(0.5);
    expect(yearsAgree(story('In 2008 and 2009 she worked.'), event, options)).toBe(1);
    expect(yearsAgree(story('No year here, 33 of them.'), event, options)).toBe(1);
  });

  it('lowers the score when the story dates itself in a year the event rarely mentions', () => {
    const event = newProfile('e1', story('Reid entered rehab on Tuesday, 33 years old.'));
    const dated = story('Last updated 13:26 14 / 09 / 2013\nLohan entered rehab.');
    expect(dated.statedYear).toBe('2013');
    expect(yearsAgree(dated, event, options)).toBe(options.statedYearConflict);
    const same = newProfile('e2', story('Lohan, 27, entered rehab in 2013.'));
    expect(yearsAgree(dated, same, options)).toBe(1);
  });

  it('keeps apart two events whose reports date them in different years', () => {
    const a = newProfile('e1', story('September 15, 2013\nA climber fell.'));
    const b = newProfile('e2', story('Sun, 15 Sep 2008\nA climber fell.'));
    const c = newProfile('e3', story('A climber fell on Mount Cook in 2013.'));
    expect(eventYearsAgree(a, b, options)).toBe(options.statedYearConflict);
    expect(eventYearsAgree(a, c, options)).toBe(1);
    expect(eventYearsAgree(a, newProfile('e4', story('A climber fell.')), options)).toBe(
      options.statedYearConflict,
    );
  });
});

describe('dated events', () => {
  const options = DEFAULT_ASSIGN_OPTIONS;
  const story = (body: string, at?: Date) =>
    storyFeatures({
      id: body,
      title: 'Patch',
      body,
      ...(at === undefined ? {} : { publishedAt: at }),
    });
  const dated2013 = absorb(
    newProfile('e1', story('September 18, 2013\nMicrosoft patched Internet Explorer.')),
    story('Published on 17 Sep 2013\nMicrosoft rushed out an IE fix.'),
  );
  const undated = story('Microsoft issued an emergency patch for Internet Explorer.');

  it('counts the years its reports state, through merges too', () => {
    expect(dated2013.statedYears).toEqual(new Map([['2013', 2]]));
    expect(datedYears(dated2013, options)).toEqual(['2013']);
    expect(mergeProfiles(dated2013, newProfile('e2', undated)).statedYears).toEqual(
      new Map([['2013', 2]]),
    );
    // One report's dateline does not date an event yet (datedReports).
    expect(datedYears(newProfile('e3', story('September 18, 2013\nA patch.')), options)).toEqual(
      [],
    );
  });

  it('lowers the score of a story with no date that names none of the event years', () => {
    expect(yearsAgree(undated, dated2013, options)).toBe(options.statedYearConflict);
    expect(yearsAgree(story('The 2013 patch fixes Internet Explorer.'), dated2013, options)).toBe(
      1,
    );
    // A feed's date is a date: the time factor weighs it, not the datelines.
    expect(yearsAgree(story(undated.id, new Date('2013-09-18')), dated2013, options)).toBe(1);
    const once = newProfile('e4', story('September 18, 2013\nMicrosoft patched IE.'));
    expect(yearsAgree(undated, once, options)).toBe(1);
  });

  it('keeps a dated event from merging with one that has no sign of its year', () => {
    const c = options.statedYearConflict;
    const plain = absorb(newProfile('e5', undated), story('Microsoft fixed a flaw in IE.'));
    // Its key year (mentioned by both reports) is not mentioned, and it is not dated in it.
    expect(eventYearsAgree(dated2013, plain, options)).toBe(c * c);
    expect(eventYearsAgree(plain, dated2013, options)).toBe(c * c);
    // An event with feed dates is weighed by them: only the mentions count against it.
    const withFeedDates = absorb(
      newProfile('e6', story(undated.id, new Date('2008-12-17'))),
      story('Microsoft fixed a flaw in IE.', new Date('2008-12-18')),
    );
    expect(eventYearsAgree(dated2013, withFeedDates, options)).toBe(c);
    const sameYear = absorb(
      absorb(newProfile('e7', story('Microsoft fixed IE again in 2013.')), undated),
      story('In 2013 Microsoft patched IE.'),
    );
    expect(eventYearsAgree(dated2013, sameYear, options)).toBe(1);
  });

  it('lets a story bridge two events only where their years agree', () => {
    const stats = new TermStats();
    const texts = [
      'Microsoft patched Internet Explorer after attacks on the browser flaw.',
      'Microsoft issued an emergency Internet Explorer patch for the browser flaw.',
    ];
    const features = texts.map((body, i) =>
      storyFeatures({ id: `s${i}`, title: 'IE patch', body }),
    );
    for (const f of features) stats.addDocument(f.terms.keys());
    const older = absorb(
      newProfile('e1', features[0] as StoryFeatures),
      features[0] as StoryFeatures,
    );
    const bridge = features[1] as StoryFeatures;
    const grown = absorb(newProfile('e2', bridge), bridge);
    const options2 = { ...options, mergeThreshold: 10, bridgeThreshold: 0.05 };
    expect(findMerge(grown, [older], stats, options2, bridge)).toBe('e1');
    const datedGrown = { ...grown, statedYears: new Map([['2013', 2]]) };
    const conflict = fitScore(bridge, older, stats, options2) * options.statedYearConflict;
    expect(
      findMerge(
        datedGrown,
        [older],
        stats,
        { ...options2, bridgeThreshold: conflict * 1.01 },
        bridge,
      ),
    ).toBeUndefined();
  });
});

describe('reports of one outlet', () => {
  const stats = new TermStats();
  const story = (id: string, body: string, source?: string) =>
    counted(stats, { id, title: 'Election', body, ...(source === undefined ? {} : { source }) });
  const first = story(
    's1',
    'Michael Howard set out Tory tax plans in London before the election.',
    'BBC',
  );
  const second = story(
    's2',
    'Charles Kennedy set out Lib Dem tax plans before the election.',
    'BBC',
  );
  const event = newProfile('e1', first);
  const options = { ...DEFAULT_ASSIGN_OPTIONS, relativeJoin: 0 };

  it('counts the reports of each outlet, through merges too', () => {
    expect(event.sources).toEqual(new Map([['BBC', 1]]));
    expect(mergeProfiles(absorb(event, second), event).sources).toEqual(new Map([['BBC', 3]]));
    expect(newProfile('e2', story('s3', 'No outlet.')).sources).toBeUndefined();
  });

  it('needs sameOutletJoin to join an event its outlet already reported', () => {
    const fit = fitScore(second, event, stats, options);
    expect(fit).toBeGreaterThan(0);
    const bracket = { ...options, joinThreshold: fit / 2, sameOutletJoin: fit * 1.5 };
    expect(decide(second, [event], stats, bracket)).toEqual({ kind: 'new' });
    const elsewhere = { ...second, source: 'Guardian' };
    expect(decide(elsewhere, [event], stats, bracket)).toMatchObject({ kind: 'join' });
    const { source: _none, ...unknown } = second;
    expect(decide(unknown, [event], stats, bracket)).toMatchObject({ kind: 'join' });
    expect(decide(second, [event], stats, { ...bracket, sameOutletJoin: fit })).toMatchObject({
      kind: 'join',
      event: 'e1',
    });
  });

  it('lets a repeat of a report join whatever its outlet', () => {
    const body = 'Michael Howard set out Tory tax plans in London before the election.';
    const print = fingerprint('Election', body);
    const again = storyFeatures({
      id: 's4',
      title: 'Election',
      body,
      source: 'BBC',
      fingerprint: print,
    });
    const withPrint = { ...event, fingerprints: [print] };
    const strict = { ...options, sameOutletJoin: 10 };
    expect(decide(again, [withPrint], stats, strict)).toMatchObject({ kind: 'join', repeat: true });
  });

  it('merges two events with an outlet in common only at sameOutletJoin', () => {
    const other = newProfile('e2', second);
    const loose = { ...options, mergeThreshold: 0.01, bridgeThreshold: 10 };
    expect(findMerge(other, [event], stats, loose)).toBeUndefined();
    expect(findMerge(other, [event], stats, { ...loose, sameOutletJoin: 0.01 })).toBe('e1');
    const elsewhere = newProfile('e3', { ...second, source: 'Guardian' });
    expect(findMerge(elsewhere, [event], stats, loose)).toBe('e1');
  });
});

describe('statedYear', () => {
  it('reads the first full date of the head of a story, not a year alone or a later date', () => {
    expect(statedYear('Climber dead', 'Last updated 13:26 14 / 09 / 2013\nA man fell.')).toBe(
      '2013',
    );
    expect(statedYear('Briton dies', '16 September 2013 Last updated at 12:42 GMT')).toBe('2013');
    expect(statedYear('Killed', '8: 05am UK, Monday 16 Sep, 2013\nOn March 3, 2001 too.')).toBe(
      '2013',
    );
    expect(statedYear('In 2013 she', 'entered rehab.')).toBeUndefined();
    expect(statedYear('Rehab', 'One.\nTwo.\nThree.\nBorn on May 5, 1980.')).toBeUndefined();
  });
});

describe('the relative join floor', () => {
  const stats = new TermStats();
  const story = (id: string, body: string) => counted(stats, { id, title: 'Rehab', body });
  const first = story('s1', 'Tara Reid entered the Promises Treatment Center in Malibu.');
  const second = story('s2', 'Tara Reid checked into Promises, a rehab centre in Malibu.');

  it('keeps the scores later reports joined with, through merges too', () => {
    const event = absorb(newProfile('e1', first), second, 0.4);
    expect(event).toMatchObject({ reports: 2, fitSum: 0.4, fitCount: 1 });
    const other = absorb(newProfile('e2', first), second, 0.2);
    expect(mergeProfiles(event, other)).toMatchObject({ reports: 4, fitCount: 2 });
    expect(mergeProfiles(event, other).fitSum).toBeCloseTo(0.6);
    expect(newProfile('e3', first).fitCount).toBeUndefined();
  });

  it('starts a new event for a story far below the scores of the event own reports', () => {
    const event = { ...absorb(newProfile('e1', first), second, 0.9), fitSum: 9, fitCount: 10 };
    const options = { ...DEFAULT_ASSIGN_OPTIONS, relativeJoin: 0.4, joinThreshold: 0.05 };
    expect(relativeFloor(event, options)).toBeCloseTo(0.36);
    expect(relativeFloor(event, { ...options, relativeJoin: 0 })).toBe(0);
    const third = story('s3', 'Tara Reid is in rehab.');
    const score = fitScore(third, event, stats, options);
    expect(score).toBeGreaterThan(options.joinThreshold);
    expect(score).toBeLessThan(0.36);
    expect(decide(third, [event], stats, options)).toEqual({ kind: 'new' });
    expect(decide(third, [event], stats, { ...options, relativeJoin: 0 })).toMatchObject({
      kind: 'join',
      event: 'e1',
    });
  });

  it('counts a near-copy report at relativeFitCap, not at its own score', () => {
    const copy = story('s2', 'Tara Reid entered the Promises Treatment Center in Malibu today.');
    const plan = planAssignment(copy, 'e2', [newProfile('e1', first)], stats);
    expect(plan).toMatchObject({ event: 'e1', repeat: false });
    expect(plan.profile.fitSum).toBe(DEFAULT_ASSIGN_OPTIONS.relativeFitCap);
    const floor = relativeFloor(plan.profile, DEFAULT_ASSIGN_OPTIONS);
    expect(floor).toBeCloseTo(
      DEFAULT_ASSIGN_OPTIONS.relativeJoin * DEFAULT_ASSIGN_OPTIONS.relativeFitCap,
    );
  });
});
