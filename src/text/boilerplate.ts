/**
 * What a news site leaves around an article: share bars, "Related Articles" blocks, newsletter
 * and cookie prompts, photo credits, ads, comment links, copyright and tag lines.
 *
 * Every rule is a line shape, not a word: a pattern anchored at the start of the line (most at
 * both ends) plus a word limit. "Share on WhatsApp" is boilerplate; "Shares in the company
 * rose 5%." is not, because no rule matches a sentence that merely contains a word.
 */

interface LineRule {
  pattern: RegExp;
  maxWords: number;
}

const PLATFORM =
  '(?:facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail|reddit|pinterest|messenger|threads|bluesky|tumblr|flipboard|instagram|youtube|tiktok|print|copy link|sms)';

/** Share bars and the buttons of one: "Share on facebook", "Kindly share this story:". */
const SHARE: LineRule[] = [
  {
    pattern: /^(?:kindly |please )?share (?:this|the|our) (?:story|article|post|page|news)\b/i,
    maxWords: 8,
  },
  {
    pattern: new RegExp(
      `^(?:share|post|send)(?: this)?(?: on| via| to| with)? ${PLATFORM}\\b`,
      'i',
    ),
    maxWords: 6,
  },
  {
    pattern: new RegExp(
      `^(?:share|tweet|pin it|${PLATFORM})(?:[\\s,|·•/]+${PLATFORM})*[:.!]?$`,
      'i',
    ),
    maxWords: 12,
  },
  { pattern: /^(?:share|shares|share this|share article|share story)[:.!]?$/i, maxWords: 3 },
  { pattern: /^(?:like this|like loading\.*|loading\.*)[:.]?$/i, maxWords: 3 },
  { pattern: /^click to (?:share|email|print|tweet)\b/i, maxWords: 15 },
];

/** One promoted headline: "Also read: Taliban ...", "READ MORE: ...". Dropped alone. */
const INLINE_PROMO: LineRule[] = [
  {
    pattern:
      /^(?:read (?:more|also|next)|also read|see also|related|more|recommended|must read|watch|listen)\s*(?:[:|»>]|[-–—]\s)\s*\S/i,
    maxWords: 25,
  },
];

/** Newsletter, subscription and sign-in prompts. */
const SUBSCRIBE: LineRule[] = [
  {
    pattern:
      /^(?:subscribe|sign up|sign-up|register|sign in|log in)(?: now| today| here| free| for free)?[.!:]?$/i,
    maxWords: 4,
  },
  { pattern: /^subscribe to\b/i, maxWords: 12 },
  {
    pattern:
      /^(?:subscribe|sign up|register)\b.*\b(?:newsletters?|inbox|alerts?|updates|channel|briefings?|digest|mailing list)\b/i,
    maxWords: 25,
  },
  {
    pattern:
      /^(?:get|receive|join)\b.*\b(?:our|the latest|free|daily|weekly|breaking)\b.*\b(?:newsletters?|inbox|alerts?|updates|channel|briefings?|digest|mailing list)\b/i,
    maxWords: 25,
  },
  {
    pattern: /^(?:already a subscriber|already have an account|enter your e-?mail)\b/i,
    maxWords: 15,
  },
];

/** Cookie and consent prompts. */
const CONSENT: LineRule[] = [
  {
    pattern: /^(?:we|this (?:web)?site|our (?:web)?site|this page) (?:uses?|serves?) cookies\b/i,
    maxWords: 60,
  },
  { pattern: /^by (?:continuing|using)\b.*\bcookies\b/i, maxWords: 60 },
  {
    pattern: /^(?:accept|reject|allow|manage|decline|customi[sz]e)(?: all)? cookies\b/i,
    maxWords: 8,
  },
  { pattern: /^cookie (?:settings|policy|preferences|consent|notice)\b/i, maxWords: 8 },
  {
    pattern:
      /^(?:accept|accept all|reject all|i agree|got it|manage preferences|privacy policy)[.!]?$/i,
    maxWords: 3,
  },
];

const AGENCY =
  '(?:getty images|getty|afp|reuters|ap|ap photo|epa|epa-efe|shutterstock|pa|pa media|bloomberg|anadolu|xinhua|alamy|unsplash)';

/** Photo and image credits and captions: "Photo: Reuters", "(Getty Images)", "File photo". */
const CREDIT: LineRule[] = [
  {
    pattern:
      /^(?:file )?(?:photo|image|picture|pic|photograph|illustration|graphic|video|footage)s?(?: credits?)?(?:\s*[:|/©]|\s+[-–—]\s|\s+by\b)\s*\S/i,
    maxWords: 20,
  },
  { pattern: /^(?:credits?|courtesy)\s*:\s*\S/i, maxWords: 10 },
  {
    pattern: new RegExp(`^\\(\\s*(?:photo|image|file|credit|courtesy|${AGENCY})\\b[^)]*\\)$`, 'i'),
    maxWords: 12,
  },
  { pattern: /^file (?:photo|picture|image)\b/i, maxWords: 15 },
  { pattern: new RegExp(`^${AGENCY}(?:\\s*(?:/|via)\\s*${AGENCY})?$`, 'i'), maxWords: 5 },
];

/** Ads and sponsored-content markers. */
const ADVERT: LineRule[] = [
  {
    pattern:
      /^(?:advertisement|advertisment|ad|ads|sponsored(?: content| post| links?| stories)?|paid (?:content|post|partnership)|promoted(?: content)?|story continues below(?: this)? advertisement|continue reading(?: below| the main story)?|scroll to continue(?: with content)?)[.:]?$/i,
    maxWords: 6,
  },
  { pattern: /^advertisement\s*[-–—:]\s*(?:scroll|continue)\b/i, maxWords: 8 },
];

/** "Follow us on ...", "Join our WhatsApp channel", "Click here to ...", app prompts. */
const CALL_TO_ACTION: LineRule[] = [
  {
    pattern: new RegExp(
      `^(?:follow|like|find|join) (?:us|@\\S+|[\\w.]+(?: [\\w.]+){0,3}) on ${PLATFORM}\\b`,
      'i',
    ),
    maxWords: 20,
  },
  { pattern: /^follow us\b/i, maxWords: 8 },
  {
    pattern: /^join (?:our|the) [\w ]*(?:whatsapp|telegram) (?:channel|group|community)\b/i,
    maxWords: 15,
  },
  { pattern: /^(?:click|tap) (?:here|this link|the link|below)\b/i, maxWords: 25 },
  { pattern: /^download (?:our|the) [\w ]*app\b/i, maxWords: 15 },
];

/** Comment-section links. */
const COMMENTS: LineRule[] = [
  {
    pattern:
      /^(?:comments?|leave a (?:comment|reply)|post a comment|add (?:a )?comment|(?:view|show|hide|load) comments|\d+ comments?|no comments(?: yet)?|comments? \(\d+\)|join the (?:conversation|discussion)|be the first to comment|comment on this (?:story|article))[.:!]?$/i,
    maxWords: 8,
  },
  { pattern: /^you must be logged in to (?:post a )?comment\b/i, maxWords: 15 },
];

/** Copyright lines and tag lists. */
const LEGAL_AND_TAGS: LineRule[] = [
  { pattern: /^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))/i, maxWords: 25 },
  { pattern: /\ball rights reserved\b[.!]?$/i, maxWords: 25 },
  {
    pattern:
      /^this (?:material|article|content) may not be (?:published|reproduced|copied|redistributed)\b/i,
    maxWords: 30,
  },
  {
    pattern: /^(?:tags?|tagged|topics|filed under|categories|category|keywords)\s*:/i,
    maxWords: 40,
  },
];

/** Page furniture that shows up as a line of its own. */
const PAGE_UI: LineRule[] = [
  {
    pattern:
      /^(?:print|email|e-mail|save|bookmark|copy link|link copied|listen(?: to this article)?|\d+ min(?:ute)?s? listen|font size|text size|a a|menu|search|home|close|back to top|skip to (?:main )?content|loading\.*|play video|watch video|\d{1,2}:\d{2})[.:]?$/i,
    maxWords: 5,
  },
];

const STANDALONE_RULES: readonly LineRule[] = [
  ...SHARE,
  ...INLINE_PROMO,
  ...SUBSCRIBE,
  ...CONSENT,
  ...CREDIT,
  ...ADVERT,
  ...CALL_TO_ACTION,
  ...COMMENTS,
  ...LEGAL_AND_TAGS,
  ...PAGE_UI,
];

/** No rule looks at a line longer than this. */
const MAX_RULE_WORDS = Math.max(...STANDALONE_RULES.map((rule) => rule.maxWords));

/**
 * Headings that open a block of promoted headlines ("Related Articles", "Top News", "More
 * from Reuters", "You may also like"). The short headline lines after one go with it.
 */
const BLOCK_HEADING =
  /^(?:related(?: articles?| stories| posts| news| content| coverage| reading| topics)?|more (?:stories|news|articles|headlines|from [\p{L}\p{N} .&'’-]+|on this(?: story| topic)?|like this|to read|in [\p{L} ]+)|read (?:more|also|next)|also read|see also|you (?:may|might) (?:also )?(?:like|enjoy|be interested in|have missed)|recommended(?: for you| stories| reading| articles| videos)?|top (?:news|stories|headlines)|latest(?: news| stories| headlines| articles)?|trending(?: now| news| stories| topics)?|most (?:read|popular|viewed|shared|commented)|popular(?: now| stories| news| articles)?|editor['’]?s (?:picks?|choice)|don['’]?t miss|in case you missed it|what to read next|other (?:news|stories)|further reading|also on [\p{L} ]+|around the web|from the web|from around the web)(?:\s*[.:!»›→>]+)?$/iu;

/** Whitespace-separated words in the line (`line.trim().split(/\s+/)`, without the array). */
export function wordCount(line: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i += 1) {
    const space = isSpace(line.charCodeAt(i));
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** What `\s` matches: ECMAScript's WhiteSpace and LineTerminator code units. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Whether any rule's pattern matches, word limits aside: one test where the rules one by one
 * take some forty, and nearly every line of an article matches none.
 */
const ANY_RULE = anyOf(STANDALONE_RULES);

function anyOf(rules: readonly LineRule[]): RegExp {
  const flags = new Set(rules.map((rule) => rule.pattern.flags));
  if (flags.size !== 1) throw new Error(`boilerplate rules differ in flags: ${[...flags].join()}`);
  return new RegExp(rules.map((rule) => `(?:${rule.pattern.source})`).join('|'), [...flags][0]);
}

function matchesRule(line: string, rules: readonly LineRule[]): boolean {
  const words = wordCount(line);
  if (words > MAX_RULE_WORDS) return false;
  return rules.some((rule) => words <= rule.maxWords && rule.pattern.test(line));
}

/** A line that is site furniture wherever it appears (share bar, ad, credit, prompt, ...). */
export function isBoilerplateLine(line: string): boolean {
  const trimmed = line.trim();
  return ANY_RULE.test(trimmed) && matchesRule(trimmed, STANDALONE_RULES);
}

/** A heading that opens a block of promoted headlines ("Related Articles", "Top News"). */
export function isBlockHeading(line: string): boolean {
  const trimmed = line.trim();
  return wordCount(trimmed) <= 8 && BLOCK_HEADING.test(trimmed);
}

/**
 * Ends like a sentence or a clause: a period, colon, semicolon or comma. A trailing ellipsis
 * does not count: headlines and teasers end with one ("My memories of Marley...").
 */
export function endsLikeProse(line: string): boolean {
  const trimmed = line.trim();
  return /[.:;,]["'”’)\]]*$/.test(trimmed) && !/(?:\.\.\.|…)["'”’)\]]*$/.test(trimmed);
}

/** The shape of a headline: a short line that does not end like a sentence. */
export function isHeadlineLike(line: string, maxWords = 25): boolean {
  const words = wordCount(line);
  return words > 0 && words <= maxWords && !endsLikeProse(line);
}
