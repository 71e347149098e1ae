/**
 * Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * A message over any of them is refused with 50035 Invalid Form Body, so render.ts fits every
 * message to them and checkMessage() proves it before anything is sent.
 */
export const DISCORD_LIMITS = {
  contentChars: 2_000,
  embedsPerMessage: 10,
  embedTitleChars: 256,
  embedDescriptionChars: 4_096,
  embedFooterChars: 2_048,
  embedAuthorChars: 256,
  embedFieldNameChars: 256,
  embedFieldValueChars: 1_024,
  embedFields: 25,
  /** Title, description, footer, author and fields of every embed of one message together. */
  embedTotalChars: 6_000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabelChars: 80,
  customIdChars: 100,
  urlChars: 2_048,
  /** A forum post's (thread's) name. */
  threadNameChars: 100,
  autocompleteChoices: 25,
  choiceNameChars: 100,
  choiceValueChars: 100,
} as const;

/** The embed fields this adapter fills: a slice of Discord's APIEmbed. */
export interface EmbedShape {
  title?: string | undefined;
  description?: string | undefined;
  url?: string | undefined;
  timestamp?: string | undefined;
  color?: number | undefined;
  image?: { url: string } | undefined;
  footer?: { text: string } | undefined;
  author?: { name: string } | undefined;
  fields?: { name: string; value: string; inline?: boolean | undefined }[] | undefined;
}

export interface MessageShape {
  content?: string | undefined;
  embeds?: EmbedShape[] | undefined;
  components?:
    | {
        components: {
          type: number;
          label?: string | undefined;
          custom_id?: string | undefined;
          url?: string | undefined;
        }[];
      }[]
    | undefined;
}

/** Cuts text to `max` UTF-16 units (Discord counts the same way), ending with an ellipsis. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const safe = /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
  return `${safe}…`;
}

/** The characters of one embed that count towards the 6,000 total. */
export function embedChars(embed: EmbedShape): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fields
  );
}

/** Every limit a message breaks (none: it may be sent). */
export function checkMessage(message: MessageShape): string[] {
  const L = DISCORD_LIMITS;
  const problems: string[] = [];
  const embeds = message.embeds ?? [];
  if ((message.content?.length ?? 0) > L.contentChars) problems.push('content too long');
  if (embeds.length > L.embedsPerMessage) problems.push('too many embeds');
  embeds.forEach((e, i) => problems.push(...checkEmbed(e).map((p) => `embed ${i + 1}: ${p}`)));
  const total = embeds.reduce((n, e) => n + embedChars(e), 0);
  if (total > L.embedTotalChars) problems.push(`embeds total ${total} > ${L.embedTotalChars}`);
  problems.push(...checkComponents(message.components ?? []));
  return problems;
}

function checkEmbed(e: EmbedShape): string[] {
  const L = DISCORD_LIMITS;
  const over: [number, number, string][] = [
    [e.title?.length ?? 0, L.embedTitleChars, 'title'],
    [e.description?.length ?? 0, L.embedDescriptionChars, 'description'],
    [e.footer?.text.length ?? 0, L.embedFooterChars, 'footer'],
    [e.author?.name.length ?? 0, L.embedAuthorChars, 'author'],
    [e.fields?.length ?? 0, L.embedFields, 'fields'],
  ];
  const problems = over.filter(([n, max]) => n > max).map(([, , what]) => `${what} too long`);
  for (const f of e.fields ?? []) {
    if (f.name.length > L.embedFieldNameChars || f.value.length > L.embedFieldValueChars) {
      problems.push('field too long');
    }
  }
  for (const url of [e.url, e.image?.url]) {
    if (url !== undefined && !isWebUrl(url)) problems.push('url not http(s)');
  }
  return problems;
}

function checkComponents(rows: NonNullable<MessageShape['components']>): string[] {
  const L = DISCORD_LIMITS;
  const problems: string[] = [];
  if (rows.length > L.actionRows) problems.push('too many action rows');
  for (const row of rows) {
    if (row.components.length > L.buttonsPerRow) problems.push('too many buttons in a row');
    for (const c of row.components) {
      if ((c.label?.length ?? 0) > L.buttonLabelChars) problems.push('button label too long');
      if ((c.custom_id?.length ?? 0) > L.customIdChars) problems.push('custom_id too long');
    }
  }
  return problems;
}

/** An absolute http(s) URL Discord accepts in an embed or a link button. */
export function isWebUrl(value: string): boolean {
  if (value.length > DISCORD_LIMITS.urlChars || !URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
