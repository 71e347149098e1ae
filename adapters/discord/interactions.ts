import {
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { Log, CommandContext, CommandHandler, Reply, Target } from '../../src/index.ts';
import { languageOfLocale, translate } from '../../src/index.ts';
import { toText } from './commands.ts';
import { safeError } from './errors.ts';
import type { RecentTitles } from './recent.ts';
import { parseButton, renderMessage } from './render.ts';

export interface InteractionDeps {
  commands: CommandHandler;
  recent: RecentTitles;
  log: Log;
  /** Work not answered by then is deferred ("thinking…") and the answer edited in (< 3 s). */
  deferAfterMs: number;
}

/**
 * The core knows the chat's language; these answer before (or without) asking it. They are
 * errors, so only the one who asked sees them: in their Discord's language, when Herald has it.
 */
const errorFor = (i: Interaction, key: 'adapter.slowDown' | 'adapter.unknown'): Reply => ({
  kind: 'error',
  text: translate(languageOfLocale(i.locale), key),
});

/** One incoming interaction: a slash command, an autocomplete, or a Summary/Related button. */
export async function handleInteraction(deps: InteractionDeps, interaction: Interaction) {
  try {
    if (interaction.isChatInputCommand()) await onCommand(deps, interaction);
    else if (interaction.isAutocomplete()) await onAutocomplete(deps, interaction);
    else if (interaction.isButton()) await onButton(deps, interaction);
  } catch (err) {
    const fields = { interactionId: interaction.id, err: safeError(err) };
    deps.log.warn(fields, 'discord interaction failed');
  }
}

async function onCommand(deps: InteractionDeps, interaction: ChatInputCommandInteraction) {
  const text = toText(interaction.commandName, interaction.options);
  const work =
    text === undefined
      ? Promise.resolve(errorFor(interaction, 'adapter.unknown'))
      : ask(deps, interaction, text);
  await answer(deps, interaction, work, false);
}

async function onButton(deps: InteractionDeps, interaction: ButtonInteraction) {
  const button = parseButton(interaction.customId);
  const text = button === undefined ? undefined : `${button.action} ${button.storyId}`;
  const work =
    text === undefined
      ? Promise.resolve(errorFor(interaction, 'adapter.unknown'))
      : ask(deps, interaction, text);
  await answer(deps, interaction, work, true);
}

async function onAutocomplete(deps: InteractionDeps, interaction: AutocompleteInteraction) {
  const typed = interaction.options.getFocused();
  await interaction.respond(await deps.recent.choices(typed));
}

async function ask(
  deps: InteractionDeps,
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  text: string,
): Promise<Reply> {
  const reply = await deps.commands.handleText(contextOf(interaction), text);
  if (reply !== undefined) deps.recent.note(reply);
  return reply ?? errorFor(interaction, 'adapter.slowDown');
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/**
 * Replies at once when the answer is ready within `deferAfterMs`; else defers (Discord wants a
 * first answer within 3 s) and edits the answer in. Errors are ephemeral: a deferred public
 * reply that turns out an error is deleted and the error sent as an ephemeral follow-up.
 */
async function answer(deps: InteractionDeps, i: Answerable, work: Promise<Reply>, hidden: boolean) {
  const early = await within(work, deps.deferAfterMs);
  if (early !== undefined) {
    const ephemeral = hidden || early.kind === 'error';
    await i.reply({ ...options(early), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    return;
  }
  await i.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await work;
  if (reply.kind === 'error' && !hidden) {
    await i.deleteReply();
    await i.followUp({ ...options(reply), flags: MessageFlags.Ephemeral });
    return;
  }
  await i.editReply(options(reply));
}

function options(reply: Reply) {
  const { allowed_mentions: _mentions, ...message } = renderMessage(reply);
  return { ...message, allowedMentions: { parse: [] } };
}

/** The work's result if it settles within `ms`, else undefined (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>(
    (resolve) =>
      (timer = setTimeout(() => {
        resolve(undefined);
      }, ms)),
  );
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Who asked and where; a guild member administers the channel with Manage Channels. */
export function contextOf(interaction: Answerable): CommandContext {
  const permissions = interaction.memberPermissions;
  return {
    platform: 'discord',
    target: targetOf(interaction),
    user: { id: interaction.user.id, name: interaction.user.username },
    isAdmin: () => Promise.resolve(permissions?.has(PermissionFlagsBits.ManageChannels) === true),
  };
}

/**
 * The channel a command is about. In a forum post it is the forum itself, so that subscribing
 * from any post of a forum opens one new post per story there.
 */
export function targetOf(interaction: Answerable): Target {
  const channel = interaction.channel;
  const inForumPost =
    channel?.isThread() === true && channel.parent?.type === ChannelType.GuildForum;
  const chatId = inForumPost ? (channel.parentId ?? interaction.channelId) : interaction.channelId;
  const kind = interaction.inGuild() ? 'channel' : 'private';
  return { platform: 'discord', chatId, kind };
}
