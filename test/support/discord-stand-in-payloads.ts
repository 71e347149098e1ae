/** Discord API JSON the stand-in serves: just the fields discord.js reads. */

export const PERMISSIONS = {
  none: '0',
  /** View Channel + Send Messages + Read Message History. */
  member: String((1n << 10n) | (1n << 11n) | (1n << 16n)),
  /** The member ones plus Manage Channels (1 << 4). */
  manageChannels: String((1n << 4n) | (1n << 10n) | (1n << 11n) | (1n << 16n)),
} as const;

export const CHANNEL_TYPES = { text: 0, dm: 1, publicThread: 11, forum: 15 } as const;

export interface StandInChannel {
  id: string;
  name: string;
  type: number;
  parentId?: string;
  /** A forum whose posts must carry a tag (channel flag REQUIRE_TAG). */
  requireTag?: boolean;
}

/** ChannelFlags.RequireTag. */
const REQUIRE_TAG = 1 << 4;
const NEWS_TAG = { id: '1', name: 'News', moderated: false, emoji_id: null, emoji_name: null };

export interface StandInUser {
  id: string;
  username: string;
}

let snowflake = 1_200_000_000_000_000_000n;
/** Unique, increasing ids that look like Discord's. */
export function nextId(): string {
  snowflake += 1n;
  return snowflake.toString();
}

export function userJson(user: StandInUser, bot = false) {
  return {
    id: user.id,
    username: user.username,
    global_name: user.username,
    discriminator: '0',
    avatar: null,
    bot,
  };
}

export function channelJson(guildId: string, c: StandInChannel) {
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    guild_id: guildId,
    position: 0,
    permission_overwrites: [],
    parent_id: c.parentId ?? null,
    nsfw: false,
    ...(c.type === CHANNEL_TYPES.forum
      ? {
          available_tags: c.requireTag === true ? [NEWS_TAG] : [],
          default_reaction_emoji: null,
          flags: c.requireTag === true ? REQUIRE_TAG : 0,
        }
      : {}),
    ...(c.type === CHANNEL_TYPES.publicThread
      ? {
          owner_id: '1',
          thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false },
          message_count: 0,
          member_count: 1,
        }
      : {}),
  };
}

export function guildJson(guildId: string, name: string, channels: StandInChannel[]) {
  const everyone = {
    id: guildId,
    name: '@everyone',
    permissions: PERMISSIONS.member,
    position: 0,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
  };
  const threads = channels.filter((c) => c.type === CHANNEL_TYPES.publicThread);
  return {
    id: guildId,
    name,
    icon: null,
    owner_id: '1',
    roles: [everyone],
    channels: channels
      .filter((c) => c.type !== CHANNEL_TYPES.publicThread)
      .map((c) => channelJson(guildId, c)),
    threads: threads.map((c) => channelJson(guildId, c)),
    members: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    features: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: '2026-01-01T00:00:00.000Z',
    preferred_locale: 'en-US',
    premium_tier: 0,
    system_channel_flags: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
  };
}

export function messageJson(channelId: string, author: StandInUser, body: MessageBody) {
  return {
    id: nextId(),
    channel_id: channelId,
    type: 0,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: body.flags ?? 0,
    author: userJson(author, true),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
  };
}

/** The fields of a message body the stand-in looks at. */
export interface MessageBody {
  content?: string;
  embeds?: EmbedBody[];
  components?: unknown[];
  allowed_mentions?: { parse?: string[]; users?: string[]; roles?: string[] };
  flags?: number;
}

export interface EmbedBody {
  title?: string;
  description?: string;
  url?: string;
  timestamp?: string;
  image?: { url: string };
  footer?: { text: string };
  author?: { name: string };
  fields?: { name: string; value: string }[];
}
