import {
  backoffDelay,
  type BackoffSettings,
  type Sleep,
  type Log,
  type PlatformState,
} from '../../src/index.ts';
import { ruleFor, type DisconnectRule } from './disconnect-rules.ts';
import { statusCode, WhatsAppSessionError } from './errors.ts';
import type { ConnectionUpdate, OpenSocket, SocketHandle, WhatsAppSocket } from './types.ts';

export interface ConnectionOptions {
  open: OpenSocket;
  /** Installs the message handlers on a new socket; returns how to take them off. */
  attach: (socket: WhatsAppSocket) => () => void;
  log: Log;
  sleep: Sleep;
  backoff?: BackoffSettings;
  random?: () => number;
  /** Called once when WhatsApp stops for good (a `stop` rule, or a QR asked for at run time). */
  onFatal?: (error: WhatsAppSessionError) => void;
}

export interface Connection {
  /** Opens the socket; resolves when it is open, rejects when a `stop` rule ends it first. */
  start(): Promise<void>;
  stop(): void;
  /** The socket while the connection is open. */
  socket(): WhatsAppSocket | undefined;
  state(): PlatformState;
}

export const DEFAULT_RECONNECT_BACKOFF = {
  baseMs: 2_000,
  maxMs: 5 * 60_000,
} as const satisfies Required<BackoffSettings>;

const NOT_LINKED =
  'WhatsApp asked for a QR code: this number is not linked; run `herald whatsapp login`';

/** The socket's life: open, watch connection.update, reconnect or stop by DISCONNECT_RULES. */
export function createConnection(options: ConnectionOptions): Connection {
  const backoff = options.backoff ?? DEFAULT_RECONNECT_BACKOFF;
  let state: PlatformState = 'stopped';
  let current: { handle: SocketHandle; detach: () => void } | undefined;
  let attempts = 0;
  let opened = false;
  const first = deferred();
  const abort = new AbortController();

  const teardown = () => {
    if (current === undefined) return;
    current.detach();
    current.handle.close();
    current = undefined;
  };
  const fatal = (error: WhatsAppSessionError) => {
    state = 'stopped';
    teardown();
    abort.abort();
    options.log.error({ code: error.code }, error.message);
    first.reject(error);
    options.onFatal?.(error);
  };
  const onUpdate = (update: ConnectionUpdate) => {
    if (state === 'stopped') return;
    if (update.qr !== undefined) fatal(new WhatsAppSessionError(NOT_LINKED));
    else if (update.connection === 'open') markOpen();
    else if (update.connection === 'close') onClose(update);
  };
  const markOpen = () => {
    state = 'ready';
    attempts = 0;
    opened = true;
    options.log.info({}, 'whatsapp connected');
    first.resolve();
  };
  const onClose = (update: ConnectionUpdate) => {
    const code = statusCode(update.lastDisconnect?.error);
    teardown();
    apply(ruleFor(code), code);
  };
  const apply = (rule: DisconnectRule, code: number | undefined) => {
    switch (rule.action) {
      case 'stop':
        fatal(new WhatsAppSessionError(`whatsapp stopped: ${rule.message}`, code));
        return;
      case 'reconnect-now':
        options.log.info({ code, why: rule.why }, 'whatsapp closed: reconnecting now');
        void connect();
        return;
      case 'reconnect-backoff':
        retryLater(rule, code);
        return;
    }
  };
  const retryLater = (rule: DisconnectRule & { action: 'reconnect-backoff' }, code?: number) => {
    attempts += 1;
    if (rule.maxAttempts !== undefined && attempts > rule.maxAttempts) {
      const message = `whatsapp stopped after ${rule.maxAttempts} tries (${rule.why}): run \`herald whatsapp login --reset\` to link again`;
      fatal(new WhatsAppSessionError(message, code));
      return;
    }
    if (opened) state = 'degraded';
    const waitMs = backoffDelay(attempts, backoff, options.random);
    options.log.warn({ code, why: rule.why, attempts, waitMs }, 'whatsapp closed: reconnecting');
    void options
      .sleep(waitMs, abort.signal)
      .then(connect)
      .catch(() => undefined);
  };
  const isStopped = () => state === 'stopped';
  const connect = async () => {
    if (state === 'stopped') return;
    try {
      const handle = await options.open();
      if (isStopped()) {
        handle.close();
        return;
      }
      handle.socket.ev.on('connection.update', onUpdate);
      const detachMessages = options.attach(handle.socket);
      const detach = () => {
        handle.socket.ev.off('connection.update', onUpdate);
        detachMessages();
      };
      current = { handle, detach };
    } catch (err) {
      fatal(
        new WhatsAppSessionError(`whatsapp could not open its session: ${String(err)}`, undefined, {
          cause: err,
        }),
      );
    }
  };

  return {
    start: () => {
      state = 'starting';
      void connect();
      return first.promise;
    },
    stop: () => {
      state = 'stopped';
      abort.abort();
      teardown();
      first.reject(new WhatsAppSessionError('whatsapp stopped before it connected'));
    },
    socket: () => (state === 'ready' ? current?.handle.socket : undefined),
    state: () => state,
  };
}

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (err: Error) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A start nobody awaits any more must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
