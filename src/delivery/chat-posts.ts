import { translate } from '../domain/i18n.ts';
import type { Reply, StoryCard } from '../domain/reply.ts';
import type { ChatPreferences } from '../domain/subscription.ts';

const withoutImage = (card: StoryCard): StoryCard => {
  const { imageUrl: _image, ...rest } = card;
  return rest;
};

/**
 * A post as the chat chose to see it: times in its own zone (`timezone`), without images (`images off`: a Telegram photo becomes
 * text, a Discord embed loses its image, WhatsApp sends text instead of an image message) and
 * without link previews (`previews off`). Applied after the post format, so both hold.
 */
export function withChatPreferences(
  reply: Reply,
  chosen: ChatPreferences | undefined,
  defaultLanguage?: string,
): Reply {
  const preferences =
    chosen?.language === undefined && defaultLanguage !== undefined && defaultLanguage !== 'en'
      ? { ...chosen, language: defaultLanguage }
      : chosen;
  if (preferences === undefined) return reply;
  const noImages = preferences.images === false;
  const noPreview = preferences.previews === false;
  const zone = preferences.timezone === undefined ? {} : { timeZone: preferences.timezone };
  const { language } = preferences;
  const labels = language === undefined ? {} : { language };
  if (!noImages && !noPreview && preferences.timezone === undefined && language === undefined) {
    return reply;
  }
  switch (reply.kind) {
    case 'card': {
      const card = noImages ? withoutImage(reply.card) : reply.card;
      const hide = noPreview ? [...(reply.hide ?? []), 'preview' as const] : reply.hide;
      return { ...reply, card, ...(hide === undefined ? {} : { hide }), ...zone, ...labels };
    }
    case 'cards': {
      const cards = noImages ? reply.cards.map(withoutImage) : reply.cards;
      const hide = noPreview ? [...(reply.hide ?? []), 'preview' as const] : reply.hide;
      // A batch's heading is in the chat's language already; a digest's is made here.
      const heading =
        language === undefined || reply.lead === true
          ? reply.heading
          : digestHeading(language, cards.length);
      return {
        ...reply,
        heading,
        cards,
        ...(hide === undefined ? {} : { hide }),
        ...zone,
        ...labels,
      };
    }
    case 'notice':
    case 'error':
      return reply;
  }
}

/** The heading of a digest of `count` stories ("Your digest: 3 stories"), in a language. */
export function digestHeading(language: string | undefined, count: number): string {
  const stories =
    count === 1 ? translate(language, 'digest.one') : translate(language, 'digest.many', { count });
  return translate(language, 'digest.heading', { count: stories });
}
