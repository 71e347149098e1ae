import type { Reply } from './reply.ts';
import type { PlatformName, Target } from './subscription.ts';

/**
 * What a send came to. Adapters turn every SDK error into one of these; the core switches over
 * them exhaustively and never sees an SDK error type.
 */
export type SendOutcome =
  /** The platform acknowledged the message. */
  | { kind: 'sent'; messageId: string }
  /** The platform asked to wait (429 retry_after): wait exactly that, slow the whole bucket. */
  | { kind: 'retry'; afterMs: number; reason: string }
  /** 5xx, timeout, reset: back off exponentially with jitter and try again. */
  | { kind: 'transient'; reason: string }
  /**
   * The platform cannot send anything now (logged out and waiting for a re-link, not running):
   * neither the message nor the chat is at fault. The rows wait, no attempt counted, and the
   * dispatcher takes no more of the platform's rows in this run.
   */
  | { kind: 'unavailable'; reason: string }
  /**
   * The chat lives on under a new id (a Telegram group upgraded to a supergroup): the
   * subscription follows it, and the message goes there, without an attempt counted.
   */
  | { kind: 'moved'; chatId: string; reason: string }
  /**
   * Blocked, kicked, chat not found, missing permission, a closed or deleted topic, a channel
   * that can never take our posts: deactivate the subscription.
   */
  | { kind: 'rejected'; reason: string }
  /** The message itself is bad: never retried; the chat's next message still goes. */
  | { kind: 'invalid'; reason: string };

/** Where a new message stands beside the chat's earlier ones. */
export interface SendOptions {
  /**
   * Thread it to this earlier message of the same chat (a follow-up to its event's post): a
   * Telegram reply, a Discord reply (or a message in the post's thread in a forum), a WhatsApp
   * quoted reply. `excerpt` is what a quote shows of that message (its title).
   */
  replyTo?: { messageId: string; excerpt: string };
}

/** The message an edit replaces, as the outbox recorded it. */
export interface EditTarget {
  /** The platform's id of the message (the post's `messageId`). */
  messageId: string;
  /** When it was sent: WhatsApp edits only within 15 minutes of it. */
  sentAt: Date;
}

/** Who sent a command, and where. `isAdmin` is asked only when a command needs it. */
export interface CommandContext {
  platform: PlatformName;
  target: Target;
  user: { id: string; name?: string };
  /** Whether the user administers this chat (true in a private chat). */
  isAdmin(): Promise<boolean>;
}

/** The core's side of a platform: what an adapter calls when a person writes to the bot. */
export interface CommandHandler {
  /** Text as typed ("/latest 3", "summary 2", "!help"). Never throws. */
  handleText(context: CommandContext, text: string): Promise<Reply | undefined>;
}

/**
 * `stopped`: not running, or stopped until an operator acts (a WhatsApp logout waits for
 * `herald whatsapp login`); the dispatcher claims none of its rows meanwhile, so they keep
 * their attempts. `degraded`: reconnecting; sends may fail and are retried.
 */
export type PlatformState = 'starting' | 'ready' | 'degraded' | 'stopped';

/** The port every adapter (telegram, discord, whatsapp, console) implements. */
export interface Platform {
  readonly name: PlatformName;
  /** Connects and starts taking commands; resolves once ready. */
  start(commands: CommandHandler): Promise<void>;
  /** Stops taking commands and closes connections. */
  stop(): Promise<void>;
  /** Sends one rendered broadcast or reply; resolves only with an outcome, never throws. */
  send(target: Target, message: Reply, options?: SendOptions): Promise<SendOutcome>;
  /**
   * Replaces the content of a message it sent (the event's post, re-rendered with what later
   * reports added). `sent` when done, also when the platform says nothing changed; `invalid`
   * when the message can no longer be edited (deleted, too old, past the platform's window).
   * Never throws. Absent: the platform cannot edit, and edits are dead-lettered as impossible.
   */
  edit?(target: Target, message: Reply, of: EditTarget): Promise<SendOutcome>;
  state(): PlatformState;
  /**
   * Targets that take every story without anyone subscribing: a channel the bot posts to, set
   * in config. Known from config alone (read before `start()`, so the first ingest fans out to
   * them); the app subscribes each one, again if it was deactivated.
   */
  standingTargets?(): readonly Target[];
}
