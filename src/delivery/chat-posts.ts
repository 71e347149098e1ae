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
export function withChatPreferences(reply: Reply, preferences: ChatPreferences | undefined): Reply {
  if (preferences === undefined) return reply;
  const noImages = preferences.images === false;
  const noPreview = preferences.previews === false;
  const zone = preferences.timezone === undefined ? {} : { timeZone: preferences.timezone };
  if (!noImages && !noPreview && preferences.timezone === undefined) return reply;
  switch (reply.kind) {
    case 'card': {
      const card = noImages ? withoutImage(reply.card) : reply.card;
      const hide = noPreview ? [...(reply.hide ?? []), 'preview' as const] : reply.hide;
      return { ...reply, card, ...(hide === undefined ? {} : { hide }), ...zone };
    }
    case 'cards': {
      const cards = noImages ? reply.cards.map(withoutImage) : reply.cards;
      const hide = noPreview ? [...(reply.hide ?? []), 'preview' as const] : reply.hide;
      return { ...reply, cards, ...(hide === undefined ? {} : { hide }), ...zone };
    }
    case 'notice':
    case 'error':
      return reply;
  }
}
