/**
 * The hostile inputs, by name, built when asked (the large ones are never written to disk).
 * - `shape@n`: a pathological string for a regex (`a_bang@50000` is "a" x 50,000 then "!").
 * - a story text name (STORY_TEXTS): HTML, Markdown, Telegram entities, mentions, bidi ...
 * - a feed name (FEEDS): bytes of a malformed feed.
 */
export type Input = string | Buffer;

export const asText = (input: Input): string =>
  typeof input === 'string' ? input : input.toString('utf8');
export const asBytes = (input: Input): Buffer =>
  typeof input === 'string' ? Buffer.from(input, 'utf8') : input;

/** Shapes that make backtracking regexes go quadratic or worse. */
const SHAPES: Record<string, (n: number) => string> = {
  a_bang: (n) => `${'a'.repeat(n)}!`,
  bang_a: (n) => `${'!'.repeat(n)}a`,
  dots: (n) => `${'.'.repeat(n)}a`,
  ellipsis: (n) => `${'…'.repeat(n)}a`,
  question: (n) => `${'?'.repeat(n)}"a`,
  spaces: (n) => `${' '.repeat(n)}x`,
  spaces_pipe: (n) => `a${' '.repeat(n)}|`,
  tabs: (n) => `${'\t'.repeat(n)}x`,
  nbsp: (n) => `${' \u00a0'.repeat(n)}x`,
  newlines: (n) => `${'\n'.repeat(n)}a`,
  space_newline: (n) => ' \n'.repeat(n),
  words: (n) => `${'a '.repeat(n)}!`,
  caps_words: (n) => `${'Abc '.repeat(n)}.`,
  caps: (n) => 'A'.repeat(n),
  shout: (n) => 'THE NEWS '.repeat(n),
  digits: (n) => '1'.repeat(n),
  dates: (n) => '2025-07-03 '.repeat(n),
  commas: (n) => ', a a'.repeat(n),
  bylines: (n) => `By ${'Abc '.repeat(n)}`,
  more_from: (n) => `more from ${'.'.repeat(n)}x`,
  share: (n) => `share ${'facebook '.repeat(n)}!`,
  get_our: (n) => `get our ${'x'.repeat(n)} newsletters`,
  punct: (n) => '!?.,;:'.repeat(n),
  pipes: (n) => '| '.repeat(n),
  pipe_words: (n) => ' | a'.repeat(n),
  bullets: (n) => ' · '.repeat(n),
  parens: (n) => `${'('.repeat(n)}a`,
  lt: (n) => '<'.repeat(n),
  lt_a: (n) => '<a'.repeat(n),
  lt_a_space: (n) => '<a '.repeat(n),
  lt_bang: (n) => '<!x'.repeat(n),
  lt_question: (n) => '<?x'.repeat(n),
  cdata: (n) => '<![CDATA['.repeat(n),
  comment: (n) => '<!--'.repeat(n),
  doctype: (n) => '<!DOCTYPE a ['.repeat(n),
  autolink: (n) => '<http:'.repeat(n),
  email: (n) => '<a@'.repeat(n),
  amp: (n) => '&#'.repeat(n),
  amp_named: (n) => '&amp'.repeat(n),
  entity_long: (n) => `&${'a'.repeat(n)};`,
  stars: (n) => `${'*'.repeat(n)}a`,
  star_a: (n) => '*a'.repeat(n),
  double_star: (n) => '**a'.repeat(n),
  under_a: (n) => '_a'.repeat(n),
  tildes: (n) => '~~a'.repeat(n),
  ticks: (n) => `${'`'.repeat(n)}a`,
  tick_a: (n) => '`a'.repeat(n),
  brackets: (n) => '['.repeat(n),
  link_open: (n) => '[a]('.repeat(n),
  link_parens: (n) => '[a]((('.repeat(n),
  image_open: (n) => '![a]('.repeat(n),
  ref_link: (n) => '[a]['.repeat(n),
  hashes: (n) => `${'#'.repeat(n)} a`,
  quotes_gt: (n) => `${'>'.repeat(n)}a`,
  quote_lines: (n) => '> a\n'.repeat(n),
  list_lines: (n) => '- a\n'.repeat(n),
  dashes: (n) => '-'.repeat(n),
  equals: (n) => `a\n${'='.repeat(n)}`,
  table: (n) => `|${' a |'.repeat(n)}\n|${'---|'.repeat(n)}`,
  fence: (n) => `\`\`\`\n${'a\n'.repeat(n)}`,
  backslashes: (n) => '\\'.repeat(n),
  escapes: (n) => '\\*'.repeat(n),
  front: (n) => `---\n${'a: b\n'.repeat(n)}`,
  initials: (n) => 'A. '.repeat(n),
  mr: (n) => 'Mr. A. '.repeat(n),
  apostrophes: (n) => "a'".repeat(n),
  hyphens: (n) => 'a-'.repeat(n),
  zwj: (n) => `${'\u200d'.repeat(n)}a`,
  zwsp: (n) => `${'\u200b'.repeat(n)}a`,
  rtl: (n) => '\u202e\u05d0'.repeat(n),
  combining: (n) => `a${'\u0301'.repeat(n)}`,
  emoji: (n) => '👍🏽'.repeat(n),
  high_surrogates: (n) => '\ud83d'.repeat(n),
  controls: (n) => '\u0001\u001b['.repeat(n),
  nul: (n) => '\u0000'.repeat(n),
  slashes: (n) => '/'.repeat(n),
  at: (n) => '@'.repeat(n),
  mentions: (n) => '<@&1>'.repeat(n),
  url_like: (n) => `http://${'a.'.repeat(n)}`,
};

export const SHAPE_NAMES = Object.keys(SHAPES);

/** `shape@n` names for every shape at size n. */
export const shapeInputs = (n: number): string[] => SHAPE_NAMES.map((s) => `${s}@${n}`);

const MENTIONS = '@everyone @here <@&123456789012345678> <@123456789012345678> <@!1> <#1>';
const TG =
  '<b>bold</b> <a href="tg://user?id=1">x</a> <tg-spoiler>s</tg-spoiler> &lt;&amp;&#x1F600;';

/** Story texts an attacker (or a broken site) could put into a title or a body. */
export const STORY_TEXTS: Record<string, string> = {
  html: '<script>alert(1)</script><img src=x onerror=alert(1)><b>Bold</b> & <i>it</i> </b></i>',
  markdown: '# H\n**bold** __u__ *i* _i_ ~~s~~ `c` ```js\nx\n``` [link](javascript:alert(1)) > q',
  telegram: `${TG} <pre><code class="language-x">y</code></pre> <span class="tg-spoiler">z</span>`,
  discord: `${MENTIONS} ||spoiler|| [masked](https://evil.example) # heading\n- list`,
  whatsapp: '*bold* _it_ ~strike~ ```mono``` > quote * lone _ marks ~',
  zero_width: 'Zero\u200bwidth\u200c\u200djoin\u2060ers\ufeff and soft\u00adhyphen',
  rtl: 'Right\u202eto\u202dleft\u2066iso\u2069late \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627',
  lone_surrogates: 'Lone \ud800 high and \udfff low and a cut pair \ud83d',
  nul: 'NUL\u0000in\u0000the\u0000middle',
  controls: 'Bell\u0007 escape\u001b[31mred\u001b[0m C1\u0085\u009b2J vertical\u000btab',
  emoji_edge: `${'x'.repeat(249)}😀 ${'😀'.repeat(3000)}`,
  title_100k: 'Breaking news about the talks '.repeat(3334).slice(0, 100_000),
  one_word_100k: 'w'.repeat(100_000),
  mentions_only: MENTIONS,
  entities: '&amp;amp; &lt;b&gt; &#0; &#x110000; &#xD800; &nbsp;&#8203;',
  url_injection: 'http://example.com/"><script>x</script> javascript:alert(1)',
  sql: '\'; DROP TABLE stories; -- " OR 1=1 --',
  format_strings: '%s %d %n ${process.env.HOME} {{7*7}} $(id)',
  whitespace_only: ' \t\u00a0\u2003\u3000 ',
};

export function storyText(name: string): string {
  const text = STORY_TEXTS[name];
  if (text === undefined) throw new Error(`no story text ${name}`);
  return text;
}

const registries: ((name: string) => Input | undefined)[] = [];

/** Lets another module (the feeds corpus) add its named inputs. */
export function registerInputs(lookup: (name: string) => Input | undefined): void {
  registries.push(lookup);
}

export function buildInput(name: string): Input {
  const shape = /^(\w+)@(\d+)$/.exec(name);
  const build = shape?.[1] === undefined ? undefined : SHAPES[shape[1]];
  if (build !== undefined) return build(Number(shape?.[2]));
  const story = STORY_TEXTS[name];
  if (story !== undefined) return story;
  for (const lookup of registries) {
    const found = lookup(name);
    if (found !== undefined) return found;
  }
  throw new Error(`no input named ${name}`);
}
