import {
  channelJson,
  nextId,
  PERMISSIONS,
  userJson,
  type StandInChannel,
  type StandInUser,
} from './discord-stand-in-payloads.ts';

interface Deps {
  applicationId: string;
  guild: { id: string; name: string; channels: StandInChannel[] };
  push(t: string, d: object): void;
}

export interface Invoker {
  user?: StandInUser;
  /** The member's permissions in the channel (a bitfield string); PERMISSIONS.member by default. */
  permissions?: string;
  channelId?: string;
  /** The member's Discord language (the interaction's `locale`); en-US by default. */
  locale?: string;
}

export type OptionValue = string | number;

/** An interaction pushed to the bot; its replies are found by `id`. */
export interface Pushed {
  id: string;
  token: string;
}

const READER: StandInUser = { id: '900000000000000001', username: 'reader' };

/** Builds INTERACTION_CREATE payloads (slash command, autocomplete, button) and pushes them. */
export function interactionBuilders(deps: Deps) {
  const tokens = new Map<string, string>();

  const base = (type: number, who: Invoker) => {
    const id = nextId();
    const token = `interaction-token-${id}`;
    tokens.set(token, id);
    const channelId = who.channelId ?? deps.guild.channels[0]?.id ?? '0';
    const channel = deps.guild.channels.find((c) => c.id === channelId) ?? {
      id: channelId,
      name: 'unknown',
      type: 0,
    };
    const user = who.user ?? READER;
    return {
      id,
      token,
      type,
      version: 1,
      application_id: deps.applicationId,
      guild_id: deps.guild.id,
      guild: { id: deps.guild.id, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: channelJson(deps.guild.id, channel),
      member: {
        user: userJson(user),
        roles: [],
        permissions: who.permissions ?? PERMISSIONS.member,
        joined_at: '2026-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
      },
      app_permissions: PERMISSIONS.member,
      locale: who.locale ?? 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': deps.guild.id },
      context: 0,
    };
  };

  const push = (payload: ReturnType<typeof base> & { data: object; message?: object }): Pushed => {
    deps.push('INTERACTION_CREATE', payload);
    return { id: payload.id, token: payload.token };
  };

  const options = (values: Record<string, OptionValue>, focused?: string) =>
    Object.entries(values).map(([name, value]) => ({
      name,
      type: typeof value === 'number' ? 4 : 3,
      value,
      ...(name === focused ? { focused: true } : {}),
    }));

  return {
    byToken: (token: string) => tokens.get(token),
    api: {
      /** `/command subcommand option:value ...` typed by a member. */
      command(
        command: string,
        subcommand: string,
        values: Record<string, OptionValue> = {},
        who: Invoker = {},
      ): Pushed {
        const sub = { type: 1, name: subcommand, options: options(values) };
        return push({
          ...base(2, who),
          data: { id: nextId(), name: command, type: 1, options: [sub] },
        });
      },
      /** The member is typing option `focused` of `/command subcommand`. */
      autocomplete(
        command: string,
        subcommand: string,
        values: Record<string, OptionValue>,
        focused: string,
        who: Invoker = {},
      ): Pushed {
        const sub = { type: 1, name: subcommand, options: options(values, focused) };
        return push({
          ...base(4, who),
          data: { id: nextId(), name: command, type: 1, options: [sub] },
        });
      },
      /** A click on a button of a message the bot sent. */
      button(customId: string, who: Invoker = {}): Pushed {
        const payload = base(3, who);
        const message = {
          id: nextId(),
          channel_id: payload.channel_id,
          type: 0,
          content: '',
          embeds: [],
          components: [],
          attachments: [],
          mentions: [],
          mention_roles: [],
          mention_everyone: false,
          pinned: false,
          tts: false,
          flags: 0,
          author: userJson({ id: deps.applicationId, username: 'Herald' }, true),
          timestamp: new Date().toISOString(),
          edited_timestamp: null,
        };
        return push({ ...payload, message, data: { custom_id: customId, component_type: 2 } });
      },
    },
  };
}
