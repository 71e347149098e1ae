/**
 * Reports of real-world-like events for the event tests: three outlets' reports of one
 * earthquake, and stories of other events. The texts differ in wording as outlets' do.
 */
import type { StoryDraft } from '../../src/domain/story.ts';
import { storyIdFromUrl } from '../../src/domain/story-id.ts';
import type { ParsedStory } from '../../src/ingest/parsed-story.ts';
import { storyFeatures, type StoryFeatures } from '../../src/text/events/features.ts';
import { fingerprint } from '../../src/text/fingerprint.ts';
import { makeDraft } from './drafts.ts';

export interface EventText {
  slug: string;
  source: string;
  title: string;
  body: string;
  /** Minutes after T0. */
  minutes: number;
}

export const T0 = new Date('2026-06-01T08:00:00Z');

export const QUAKE: readonly EventText[] = [
  {
    slug: 'quake-reuters',
    source: 'Reuters',
    title: 'Magnitude 6.8 earthquake strikes off Sumatra, Indonesia',
    body: [
      'A magnitude 6.8 earthquake struck off the west coast of Sumatra in Indonesia on Monday, the geophysics agency BMKG said.',
      'The quake hit at a depth of 24 kilometres about 80 kilometres from Padang, shaking buildings across West Sumatra province.',
      'BMKG did not issue a tsunami warning. There were no immediate reports of casualties in Padang or Bukittinggi.',
    ].join('\n\n'),
    minutes: 0,
  },
  {
    slug: 'quake-bbc',
    source: 'BBC News',
    title: 'Indonesia: strong earthquake shakes Padang in Sumatra',
    body: [
      'A strong earthquake of magnitude 6.8 has shaken the Indonesian island of Sumatra, sending residents of Padang running into the streets.',
      "Indonesia's geophysics agency BMKG said the quake was 24 kilometres deep and centred off the coast of West Sumatra.",
      'No tsunami warning was issued. Officials in Padang said they were checking for damage and casualties.',
    ].join('\n\n'),
    minutes: 35,
  },
  {
    slug: 'quake-aljazeera',
    source: 'Al Jazeera',
    title: 'Sumatra earthquake: two dead as 6.8 tremor hits West Sumatra',
    body: [
      'Two people were killed and 14 injured when a magnitude 6.8 earthquake hit West Sumatra in Indonesia, the disaster agency BNPB said.',
      'The quake struck off the coast near Padang at a depth of 24 kilometres, according to the geophysics agency BMKG.',
      'Houses were damaged in Padang and Pariaman. BMKG said there was no tsunami threat from the Sumatra earthquake.',
    ].join('\n\n'),
    minutes: 90,
  },
];

export const CHESS: EventText = {
  slug: 'chess-final',
  source: 'Reuters',
  title: 'Carlsen wins the world rapid chess title in Samarkand',
  body: [
    'Magnus Carlsen won the world rapid chess championship in Samarkand on Friday, beating Ian Nepomniachtchi in the final round.',
    'The Norwegian finished with 10 points from 13 games, a point ahead of the field.',
    'Carlsen said the Samarkand tournament had been one of the hardest of his career.',
  ].join('\n\n'),
  minutes: 10,
};

export const BUDGET: EventText = {
  slug: 'council-budget',
  source: 'BBC News',
  title: 'City council approves electric buses for Leeds',
  body: [
    'Leeds city council approved a budget for forty electric buses and longer night services on Tuesday.',
    'Councillor Helen Hayden said the first buses would run on six routes from the spring.',
    'Critics said fares would still rise next year.',
  ].join('\n\n'),
  minutes: 20,
};

export function storyUrl(slug: string): string {
  return `https://news.example/2026/${slug}`;
}

/** A draft of the text, and its event features as the ingest computes them. */
export function eventStory(text: EventText): { draft: StoryDraft; features: StoryFeatures } {
  const publishedAt = new Date(T0.getTime() + text.minutes * 60_000);
  const fp = fingerprint(text.title, text.body);
  const draft = makeDraft({
    title: text.title,
    body: text.body,
    source: text.source,
    url: storyUrl(text.slug),
    publishedAt,
    fingerprint: fp,
  });
  const features = storyFeatures({
    id: draft.id,
    title: text.title,
    body: text.body,
    fingerprint: fp,
    publishedAt,
    source: text.source,
  });
  return { draft, features };
}

/** Second reports of the chess and budget stories, and a ferry strike told twice. */
export const CHESS_LATER: EventText = {
  slug: 'chess-final-bbc',
  source: 'BBC News',
  title: 'Magnus Carlsen takes world rapid crown in Samarkand',
  body: [
    "Norway's Magnus Carlsen is world rapid chess champion again after a final-round win over Ian Nepomniachtchi in Samarkand.",
    'Carlsen scored 10 points from 13 games and collected a prize of 60,000 dollars.',
    'He called the Samarkand event one of the toughest of his career.',
  ].join('\n\n'),
  minutes: 50,
};

export const BUDGET_LATER: EventText = {
  slug: 'council-budget-post',
  source: 'Yorkshire Post',
  title: 'Leeds to get forty electric buses after council budget vote',
  body: [
    'Forty electric buses will join the Leeds fleet after the city council approved its transport budget on Tuesday.',
    'Councillor Helen Hayden said night services would be extended on six routes from the spring.',
    'Opposition councillors warned that fares would rise next year.',
  ].join('\n\n'),
  minutes: 70,
};

export const FERRY: readonly EventText[] = [
  {
    slug: 'ferry-strike',
    source: 'Reuters',
    title: 'Greek ferry crews strike for 48 hours, stranding islanders',
    body: [
      'Greek ferry crews began a 48-hour strike on Wednesday over pay, leaving ships tied up in Piraeus and stranding travellers bound for the Aegean islands.',
      "The seamen's union PNO said the walkout would end on Friday morning.",
      'The shipping ministry said emergency crossings to Crete would still run.',
    ].join('\n\n'),
    minutes: 30,
  },
  {
    slug: 'ferry-strike-kathimerini',
    source: 'Kathimerini',
    title: 'Ferries stay in Piraeus as PNO seamen begin 48-hour walkout',
    body: [
      "Ferries stayed docked in Piraeus on Wednesday as the PNO seamen's union started a 48-hour strike over wages.",
      'Thousands of travellers to the Aegean islands were stranded; only emergency crossings to Crete ran.',
      'The PNO strike is due to end on Friday morning.',
    ].join('\n\n'),
    minutes: 65,
  },
];

/** Every event of these texts, as groups of reports (what a right assignment makes). */
export const EVENTS: readonly (readonly EventText[])[] = [
  QUAKE,
  [CHESS, CHESS_LATER],
  [BUDGET, BUDGET_LATER],
  FERRY,
];

/** A feed item of the text, as the ingest takes it. */
export function parsedStory(text: EventText): ParsedStory {
  const url = storyUrl(text.slug);
  return {
    id: storyIdFromUrl(url),
    title: text.title,
    body: text.body,
    url,
    source: text.source,
    topics: [],
    publishedAt: new Date(T0.getTime() + text.minutes * 60_000),
    origin: {
      kind: 'feed',
      ref: `https://${text.source.replace(/\W/g, '').toLowerCase()}.example/feed`,
    },
  };
}

/** The stories' partition into events, as sorted lists of story ids (for comparing runs). */
export function partition(eventOf: ReadonlyMap<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [story, event] of eventOf) groups.set(event, [...(groups.get(event) ?? []), story]);
  return [...groups.values()]
    .map((g) => g.sort())
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** The expected partition of `EVENTS` (story ids of each event). */
export function expectedPartition(): string[][] {
  const map = new Map<string, string>();
  EVENTS.forEach((group, i) => {
    for (const text of group) map.set(storyIdFromUrl(storyUrl(text.slug)), `g${i}`);
  });
  return partition(map);
}

/**
 * Two reports of one happening in words that share almost nothing (two events at first),
 * then a report that tells both: the two events merge into the older.
 */
export const MERGING: readonly EventText[] = [
  {
    slug: 'mentawai-harbour',
    source: 'Antara',
    title: 'Siberut harbour damaged as tremor hits Mentawai islands',
    body: [
      'A tremor damaged the harbour of Siberut in the Mentawai islands on Monday.',
      'Fishermen said boats were thrown against the pier. The harbour master said repairs would take weeks.',
    ].join('\n\n'),
    minutes: 0,
  },
  {
    slug: 'pagai-clinic',
    source: 'Jakarta Post',
    title: 'Sikakap clinic treats dozens injured on Pagai',
    body: [
      'Nurses at the Sikakap clinic treated dozens of injured villagers from North Pagai on Monday.',
      'The clinic asked for more doctors and medicine. Villagers slept outside.',
    ].join('\n\n'),
    minutes: 20,
  },
  {
    slug: 'mentawai-quake',
    source: 'Reuters',
    title: 'Mentawai earthquake: Siberut harbour damaged, Sikakap clinic treats Pagai injured',
    body: [
      'An earthquake in the Mentawai islands damaged the harbour of Siberut, where boats were thrown against the pier, and injured dozens on North Pagai, where nurses at the Sikakap clinic treated villagers.',
      'The harbour master said repairs would take weeks; the clinic asked for more doctors.',
    ].join('\n\n'),
    minutes: 60,
  },
];

/**
 * One outlet's stories of one day's election campaign: four events (a manifesto, a tax row, a
 * poster, a candidate), told with the same parties and leaders. Folded into one event, a
 * reader of that outlet would be sent the first only.
 */
export const CAMPAIGN: readonly EventText[] = [
  {
    slug: 'lib-dem-manifesto',
    source: 'BBC News',
    title: 'Lib Dems launch election manifesto',
    body: 'Charles Kennedy launched the Liberal Democrat manifesto in London, promising to scrap tuition fees and raise the top rate of tax. Labour and the Tories said the sums did not add up before the general election.',
    minutes: 0,
  },
  {
    slug: 'tory-tax-row',
    source: 'BBC News',
    title: 'Howard and Blair clash over tax plans',
    body: 'Michael Howard accused Tony Blair of planning tax rises after the general election, as the Tory leader set out £4bn of savings. Labour said the Conservative plans would cut schools and hospitals.',
    minutes: 40,
  },
  {
    slug: 'labour-poster',
    source: 'BBC News',
    title: 'Labour withdraws flying pigs poster',
    body: 'Labour withdrew an election poster showing Oliver Letwin as a flying pig after Jewish groups complained. Campaign chief Alan Milburn said the party had meant no offence and the poster would not be used again.',
    minutes: 80,
  },
  {
    slug: 'candidate-suspended',
    source: 'BBC News',
    title: 'Tory candidate suspended over immigration remarks',
    body: 'The Conservatives suspended a parliamentary candidate in Kent over remarks on immigration, days before the general election. Michael Howard said the comments did not reflect party policy; Labour called for an inquiry.',
    minutes: 120,
  },
];
