import { Boom } from '@hapi/boom';
import type {
  AnyMessageContent,
  BaileysEventMap,
  MiscMessageGenerationOptions,
  WAMessage,
} from '@whiskeysockets/baileys';
import type {
  SocketHandle,
  UpsertEvent,
  WhatsAppEvents,
  WhatsAppSocket,
} from '../../adapters/whatsapp/types.ts';

export interface SentMessage {
  jid: string;
  content: AnyMessageContent;
  /** What baileys was given beside the content (a quoted message, for a reply). */
  options?: MiscMessageGenerationOptions;
  /** The id the message got (an edit keeps the edited message's). */
  id: string;
}

type Listener = (arg: unknown) => void;

export interface FakeSocket extends WhatsAppSocket {
  sent: SentMessage[];
  /** Errors thrown by the next sends, in order (then a send succeeds). */
  failures: Error[];
  closed: boolean;
  emit<T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]): void;
  listenerCount(event: keyof BaileysEventMap): number;
  /** The texts (or captions) sent to `jid`. */
  textsTo(jid: string): string[];
}

/** A socket typed by baileys' own types: records sends, emits events the way baileys does. */
export function createFakeSocket(): FakeSocket {
  const listeners = new Map<string, Set<Listener>>();
  const of = (event: string) => {
    let set = listeners.get(event);
    if (set === undefined) listeners.set(event, (set = new Set()));
    return set;
  };
  const ev: WhatsAppEvents = {
    on: (event, listener) => {
      of(event).add(listener as Listener);
    },
    off: (event, listener) => {
      of(event).delete(listener as Listener);
    },
  };
  let ids = 0;
  const fake: FakeSocket = {
    ev,
    sent: [],
    failures: [],
    closed: false,
    sendMessage: (
      jid: string,
      content: AnyMessageContent,
      options?: MiscMessageGenerationOptions,
    ) => {
      const failure = fake.failures.shift();
      if (failure !== undefined) return Promise.reject(failure);
      // An edit (baileys `edit: key`) is a protocol message about the edited one.
      const edited = 'edit' in content ? content.edit.id : undefined;
      const id = edited ?? `OUT${(ids += 1)}`;
      fake.sent.push({ jid, content, id, ...(options === undefined ? {} : { options }) });
      const message: WAMessage = { key: { remoteJid: jid, fromMe: true, id } };
      return Promise.resolve(message);
    },
    emit: (event, arg) => {
      for (const listener of [...of(event)]) listener(arg);
    },
    listenerCount: (event) => of(event).size,
    textsTo: (jid) => fake.sent.filter((m) => m.jid === jid).map((m) => textOfContent(m.content)),
  };
  return fake;
}

export function textOfContent(content: AnyMessageContent): string {
  if ('text' in content) return content.text;
  if ('caption' in content && typeof content.caption === 'string') return content.caption;
  return '';
}

/** A handle on a fake socket, for an OpenSocket. */
export function handleOf(socket: FakeSocket): SocketHandle {
  return {
    socket,
    close: () => {
      socket.closed = true;
    },
  };
}

/** An OpenSocket that opens a new fake socket each time, remembering them all. */
export function createSocketFactory() {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    open: () => {
      const socket = createFakeSocket();
      sockets.push(socket);
      return Promise.resolve(handleOf(socket));
    },
    last: (): FakeSocket => {
      const socket = sockets.at(-1);
      if (socket === undefined) throw new Error('no socket opened yet');
      return socket;
    },
  };
}

let messageIds = 0;

export interface IncomingOptions {
  fromMe?: boolean;
  participant?: string;
  remoteJidAlt?: string;
  pushName?: string;
  id?: string;
}

/** A received text message as baileys hands it over (proto.IWebMessageInfo). */
export function textMessage(jid: string, text: string, options: IncomingOptions = {}): WAMessage {
  return {
    key: {
      remoteJid: jid,
      fromMe: options.fromMe ?? false,
      id: options.id ?? `IN${(messageIds += 1)}`,
      ...(options.participant === undefined ? {} : { participant: options.participant }),
      ...(options.remoteJidAlt === undefined ? {} : { remoteJidAlt: options.remoteJidAlt }),
    },
    message: { conversation: text },
    messageTimestamp: 1_780_000_000,
    ...(options.pushName === undefined ? {} : { pushName: options.pushName }),
  };
}

export function notify(...messages: WAMessage[]): UpsertEvent {
  return { messages, type: 'notify' };
}

/** connection.update with the close reason as baileys gives it: a Boom with output.statusCode. */
export function closed(statusCode: number | undefined): BaileysEventMap['connection.update'] {
  const error = statusCode === undefined ? new Error('closed') : new Boom('closed', { statusCode });
  return { connection: 'close', lastDisconnect: { error, date: new Date(0) } };
}

export const OPEN: BaileysEventMap['connection.update'] = { connection: 'open' };
