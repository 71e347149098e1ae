/**
 * Whether an English sentence leans on the one before it: it opens with a pronoun whose
 * antecedent is there ("He said...", "They were...", "This was..."), a connective that answers
 * it ("However, ...", "But...", "Meanwhile..."), or it quotes someone named only as "he" or
 * "she" ('"We will appeal," he said.'). Read alone, such a sentence leaves the reader asking
 * who or what; a summary takes it only with the sentence it leans on (see docs/adr/0026).
 */
export function leansOnPrevious(sentence: string): boolean {
  const text = sentence.trim();
  const first = /^\p{L}[\p{L}'’]*/u.exec(text)?.[0];
  if (first === undefined) return ATTRIBUTION.test(text);
  const word = first.toLowerCase().replace(/’/g, "'");
  if (PRONOUNS.has(word) || CONNECTIVES.has(word)) return true;
  if (DEMONSTRATIVES.has(word)) return !TIME_WORD.test(text.slice(first.length));
  return PHRASES.some((phrase) => text.toLowerCase().startsWith(phrase)) || ATTRIBUTION.test(text);
}

/** Pronouns (subject, object and possessive) that point back to someone or something named. */
const PRONOUNS = new Set([
  'he',
  'she',
  'it',
  'they',
  'him',
  'her',
  'his',
  'hers',
  'its',
  'them',
  'their',
  'theirs',
  "he's",
  "she's",
  "it's",
  "they're",
  "they've",
  'such',
]);

/** "This", "That", "These", "Those": leaning, except in "This year", "That week"... */
const DEMONSTRATIVES = new Set(['this', 'that', 'these', 'those']);
const TIME_WORD =
  /^\s+(?:year|week|month|morning|afternoon|evening|weekend|season|summer|winter|spring|autumn|time|decade|century|quarter|years|weeks|months)\b/i;

/** Words that answer or continue the sentence before. */
const CONNECTIVES = new Set([
  'however',
  'but',
  'and',
  'also',
  'yet',
  'still',
  'meanwhile',
  'instead',
  'moreover',
  'furthermore',
  'nevertheless',
  'nonetheless',
  'therefore',
  'thus',
  'hence',
  'so',
  'then',
  'besides',
  'otherwise',
  'likewise',
  'similarly',
  'consequently',
  'indeed',
  'additionally',
  'accordingly',
  'elsewhere',
]);

const PHRASES = [
  'in addition',
  'as a result',
  'in turn',
  'even so',
  'on the other hand',
  'by contrast',
  'in contrast',
  'at the same time',
  'for his part',
  'for her part',
  'for their part',
  'the latter',
  'the former',
];

/** '...," he said.' / '..." she added': a quotation whose speaker is only a pronoun. */
const ATTRIBUTION =
  /["”'’],?\s+(?:he|she|they)\s+(?:said|says|added|adds|told|tells|explained|insisted|argued|continued|warned|wrote)\b/i;

/**
 * Whether a summary (sentences of `text`, in its order) holds a sentence that leans on one
 * left out: the sentence before it in the text is not in the summary.
 */
export function hasDangling(summary: readonly string[], sentences: readonly string[]): boolean {
  const chosen = new Set(summary);
  return summary.some((sentence) => {
    const at = sentences.indexOf(sentence);
    return at > 0 && leansOnPrevious(sentence) && !chosen.has(sentences[at - 1] as string);
  });
}
