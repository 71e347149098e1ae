import type { Reply } from './reply.ts';
import type { PlatformName } from './subscription.ts';
import { z } from 'zod';

/** The parts of a post a format turns on or off (the title is always shown). */
export const POST_PARTS = ['sourceTime', 'summary', 'image', 'link', 'buttons'] as const;
export type PostPart = (typeof POST_PARTS)[number];

/** The placeholders a header or footer may use. */
export const PLACEHOLDERS = ['title', 'source', 'link', 'topics', 'date'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Longest header or footer as typed (each platform's own budget is checked when saved). */
export const FORMAT_TEXT_MAX = 500;

/** A subscription's post format: which parts a post shows, and a header and footer. */
export const PostFormatSchema = z.object({
  parts: z.object({
    sourceTime: z.boolean(),
    summary: z.boolean(),
    image: z.boolean(),
    link: z.boolean(),
    buttons: z.boolean(),
  }),
  header: z.string().max(FORMAT_TEXT_MAX),
  footer: z.string().max(FORMAT_TEXT_MAX),
});
export type PostFormat = z.infer<typeof PostFormatSchema>;

/** The default card: every part, no header, no footer. */
export const DEFAULT_FORMAT: PostFormat = {
  parts: { sourceTime: true, summary: true, image: true, link: true, buttons: true },
  header: '',
  footer: '',
};

/**
 * A platform's own renderer, as text to show the operator: exactly what the platform would
 * be sent for a reply (Telegram HTML, Discord's message JSON, WhatsApp's text). The adapters
 * provide it (adapters/previews.ts); the core never imports them.
 */
export type PreviewRenderer = (platform: PlatformName, reply: Reply) => Promise<string>;
