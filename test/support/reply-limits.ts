import { REPLY_LIMITS, type Reply, type StoryCard } from '../../src/domain/reply.ts';

/** Every way a reply breaks REPLY_LIMITS (an empty list when it fits). Checked independently. */
export function replyViolations(reply: Reply): string[] {
  switch (reply.kind) {
    case 'card':
      return [
        ...cardViolations(reply.card),
        ...over('heading', reply.heading, REPLY_LIMITS.titleChars),
      ];
    case 'cards':
      return [
        ...(reply.cards.length > REPLY_LIMITS.cards ? [`${reply.cards.length} cards`] : []),
        ...over('heading', reply.heading, REPLY_LIMITS.titleChars),
        ...over('footer', reply.footer, REPLY_LIMITS.noticeChars),
        ...reply.cards.flatMap(cardViolations),
      ];
    case 'notice':
      return over('notice', reply.text, REPLY_LIMITS.noticeChars);
    case 'error':
      return over('error', `${reply.text}\n${reply.usage ?? ''}`, REPLY_LIMITS.noticeChars);
  }
}

function cardViolations(card: StoryCard): string[] {
  return [
    ...over('title', card.title, REPLY_LIMITS.titleChars),
    ...over('summary', card.summary.join(' '), REPLY_LIMITS.summaryChars),
    ...over('excerpt', card.excerpt, REPLY_LIMITS.excerptChars),
  ];
}

function over(what: string, text: string | undefined, max: number): string[] {
  if (text === undefined) return [];
  const problems = text.length > max ? [`${what} has ${text.length} > ${max} characters`] : [];
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    problems.push(`${what} has a lone surrogate`);
  }
  return problems;
}
