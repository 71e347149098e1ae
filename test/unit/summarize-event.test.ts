import { describe, expect, it } from 'vitest';
import { hasDangling, leansOnPrevious } from '../../src/text/leaning.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { summarize } from '../../src/text/summarize.ts';
import {
  EVENT_SUMMARY_REDUNDANCY,
  sentenceSimilarity,
  summarizeEvent,
} from '../../src/text/summarize-event.ts';
import { pickWithAntecedents } from '../../src/text/summarize-pick.ts';

describe('leansOnPrevious', () => {
  it('knows a sentence that leans on the one before', () => {
    for (const s of [
      'He said the talks would go on.',
      'However, the union rejected the offer.',
      'This was the third strike this year.',
      'They walked out at noon.',
      'In addition, two depots will close.',
      '"We will not give up," she said.',
      "It's the biggest strike in decades.",
    ])
      expect(leansOnPrevious(s), s).toBe(true);
  });

  it('knows one that stands alone', () => {
    for (const s of [
      'The union rejected the offer on Monday.',
      'This year the strike cost the company 40m euros.',
      '"It was a good day," union leader Ana Ruiz said.',
      'Heavy rain flooded the road.',
      'Thereafter, nothing.',
    ])
      expect(leansOnPrevious(s), s).toBe(false);
  });

  it('finds a summary sentence whose antecedent was left out', () => {
    const text = splitSentences('Ana Ruiz leads the union. She called the strike. Talks go on.');
    expect(hasDangling(['She called the strike.'], text)).toBe(true);
    expect(hasDangling(['Ana Ruiz leads the union.', 'She called the strike.'], text)).toBe(false);
    expect(hasDangling(['Talks go on.'], text)).toBe(false);
  });
});

describe('pickWithAntecedents', () => {
  const s = (name: string, words = 10) => ({ name, words });
  const a = s('a');
  const b = s('b');
  const c = s('c');
  const d = s('d');

  it('takes a leaning sentence with the one it leans on, within the count', () => {
    const leansOn = new Map([[c, b]]);
    const picked = pickWithAntecedents([c, a, d], {
      count: 3,
      budget: 100,
      antecedent: (x) => leansOn.get(x),
    });
    expect(picked.map((x) => x.name)).toEqual(['b', 'c', 'a']);
  });

  it('skips one whose antecedent cannot be taken, or would pass the count', () => {
    const picked = pickWithAntecedents([c, a, d, b], {
      count: 2,
      budget: 100,
      antecedent: (x) => (x === c ? null : x === d ? b : undefined),
    });
    expect(picked.map((x) => x.name)).toEqual(['a', 'b']);
  });
});

const STORY = [
  'The city council approved a new budget for the harbour on Tuesday after a long debate.',
  'The harbour budget gives the port authority money to repair the old sea wall and dredge the channel.',
  'It also pays for new cranes, which the port authority has wanted for a decade.',
  'Council leader Anna Berg said the harbour repairs could not wait another winter.',
  'The port authority said work on the sea wall would start in March and last two years.',
  'Fishermen welcomed the budget, saying the channel had become too shallow for their boats.',
  'However, critics said the budget ignored the schools and the roads of the old town.',
  'The council will vote on the schools budget next month.',
].join('\n\n');

describe('summarize, with leaning sentences', () => {
  // Made up: the most central sentence opens "He said", leaning on the one naming the mayor.
  const BRIDGE = [
    'The mayor of Northport opened the new bridge over the Wend river on Monday morning.',
    'Mayor Tom Reyes thanked the builders who finished the new bridge from the harbour to the town a month early.',
    'He said the new bridge over the river would cut the drive from the harbour to the town centre by ten minutes.',
    'The old bridge over the river will close for repairs to the harbour road in June.',
    'Traffic from the harbour to the town centre will use the new bridge while the old one is shut.',
    'Local shops in the town centre hope the shorter drive will bring more visitors.',
  ].join('\n\n');
  const [, mayor = '', heSaid = ''] = splitSentences(BRIDGE);

  it('gives a best sentence that opens "He said" the sentence it leans on, or another', () => {
    expect(heSaid).toMatch(/^He said /);
    expect(summarize(BRIDGE, { sentences: 1 })).toEqual([heSaid]);
    const one = summarize(BRIDGE, { sentences: 1, standAlone: true });
    expect(one).toHaveLength(1);
    expect(one).not.toContain(heSaid);
    const three = summarize(BRIDGE, { sentences: 3, standAlone: true });
    expect(three.indexOf(heSaid)).toBeGreaterThan(0);
    expect(three[three.indexOf(heSaid) - 1]).toBe(mayor);
  });

  it('never leaves a sentence dangling', () => {
    const sentences = splitSentences(STORY);
    for (const n of [1, 2, 3, 4, 5]) {
      const summary = summarize(STORY, { sentences: n, standAlone: true });
      expect(summary.length).toBeGreaterThan(0);
      expect(summary.length).toBeLessThanOrEqual(n);
      expect(hasDangling(summary, sentences), summary.join(' | ')).toBe(false);
    }
  });
});

const REPORTS = [
  {
    source: 'Northport News',
    title: 'Flood closes the harbour road',
    text: [
      'Heavy rain flooded the harbour road in Northport on Tuesday, the council said.',
      'Council leader Anna Berg said the harbour road would stay closed until the water went down.',
      'She said drivers should use the ring road around the town instead.',
    ].join('\n\n'),
  },
  {
    source: 'County Herald',
    title: 'Northport harbour road flooded',
    text: [
      'Heavy rain flooded the harbour road in Northport on Tuesday, council officials said.',
      'Firefighters evacuated 40 homes on Mill Lane after the Wend river burst its banks overnight.',
      'Fire chief Omar Haddad said two people were taken to hospital with mild hypothermia.',
    ].join('\n\n'),
  },
  {
    source: 'Radio North',
    title: 'River Wend bursts its banks',
    text: [
      'The Wend river burst its banks in Northport overnight and flooded the harbour road.',
      'Forecasters expect more heavy rain in Northport and the valley on Thursday and Friday.',
      'Engineers will inspect the flood wall on Mill Lane once the water has gone down.',
    ].join('\n\n'),
  },
];

describe('summarizeEvent', () => {
  it('draws from several outlets, attributes each sentence, and never repeats itself', () => {
    const summary = summarizeEvent(REPORTS);
    expect(summary.length).toBe(3);
    const sources = new Set(summary.map((s) => s.source));
    expect(sources.size).toBeGreaterThanOrEqual(2);
    for (const { sentence, source } of summary) {
      const report = REPORTS.find((r) => r.source === source);
      expect(report?.text).toContain(sentence);
    }
    const similarity = sentenceSimilarity(REPORTS);
    summary.forEach((a, i) => {
      for (const b of summary.slice(0, i))
        expect(similarity(a.sentence, b.sentence)).toBeLessThan(EVENT_SUMMARY_REDUNDANCY);
    });
    const flooded = summary.filter((s) => s.sentence.startsWith('Heavy rain flooded'));
    expect(flooded.length).toBeLessThanOrEqual(1);
  });

  it('takes one of two outlets’ leads that say one thing in other words', () => {
    // Made up: both leads say Russia recognised the Taliban government first; the plain
    // cosine of their words is 0.45, under the 0.5 of the rule before 2026-12-05.
    const reports = [
      {
        source: 'Wire A',
        title: 'Russia recognises Taliban',
        text: [
          'Russia has formally recognised the Taliban government in Afghanistan, the first country to do so.',
          'The Afghan foreign minister welcomed the decision at a meeting in Kabul on Thursday.',
          'Trade between the two countries rose by a third last year, officials said.',
        ].join('\n\n'),
      },
      {
        source: 'Paper B',
        title: 'Moscow first to accept Taliban rule',
        text: [
          'Moscow on Thursday became the first government to formally recognise the Taliban administration in Kabul.',
          'Western governments said the move rewards a regime that bars girls from school.',
          'Russia removed the Taliban from its list of banned groups in April.',
        ].join('\n\n'),
      },
    ];
    const leads = [
      'Russia has formally recognised the Taliban government in Afghanistan, the first country to do so.',
      'Moscow on Thursday became the first government to formally recognise the Taliban administration in Kabul.',
    ];
    const sentences = (options = {}) => summarizeEvent(reports, options).map((s) => s.sentence);
    // Without the rule both leads are taken (the test can fail).
    expect(leads.every((lead) => sentences({ redundancy: 1.01 }).includes(lead))).toBe(true);
    const summary = sentences();
    expect(summary).toHaveLength(3);
    expect(leads.filter((lead) => summary.includes(lead))).toHaveLength(1);
  });

  it('takes a leaning sentence only with the one it leans on', () => {
    for (const n of [1, 2, 3, 4, 5]) {
      const summary = summarizeEvent(REPORTS, { sentences: n });
      for (const report of REPORTS) {
        const mine = summary.filter((s) => s.source === report.source).map((s) => s.sentence);
        expect(hasDangling(mine, splitSentences(report.text))).toBe(false);
      }
    }
  });

  it('does not depend on anything but its input, and keeps the reports order', () => {
    const a = summarizeEvent(REPORTS, { sentences: 4 });
    expect(summarizeEvent(REPORTS, { sentences: 4 })).toEqual(a);
    const order = a.map((s) => REPORTS.findIndex((r) => r.source === s.source));
    expect([...order].sort()).toEqual(order);
  });

  it('summarises one report as the story summary does', () => {
    const one = { source: 'Port Gazette', title: 'Harbour budget', text: STORY };
    expect(summarizeEvent([one])).toEqual(
      summarize(STORY, { title: 'Harbour budget', standAlone: true }).map((sentence) => ({
        sentence,
        source: 'Port Gazette',
      })),
    );
    expect(summarizeEvent([])).toEqual([]);
  });
});
