import { Boom } from '@hapi/boom';
import type { AnyMessageContent, WAMessage } from '@whiskeysockets/baileys';
import { createWhatsAppPlatform } from '../../adapters/whatsapp/index.ts';
import type { SocketHandle } from '../../adapters/whatsapp/types.ts';
import { DEFAULT_RATES } from '../../src/delivery/delivery-config.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteConsentLogStore } from '../../src/store/sqlite/consent-log-store.ts';
import { createSqliteLockStore } from '../../src/store/sqlite/lock-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { createFaultDeliveryRig } from './fault-delivery-rig.ts';
import { createReceivedLedger, type FaultKind, type FaultPlan } from './fault-plan.ts';
import { createVirtualTime } from './delivery-fakes.ts';
import { closed, createFakeSocket, OPEN, textOfContent, type FakeSocket } from './whatsapp-fake.ts';

/** The error baileys raises for each fault (WhatsApp has no HTTP answers to drop). */
function faultError(kind: FaultKind): Error {
  switch (kind) {
    case 'tooMany':
      return new Boom('rate-overlimit', { statusCode: 500, data: 429 });
    case 'serverError':
      return new Boom('Internal Server Error', { statusCode: 500 });
    case 'drop':
      return new Boom('Connection Closed', { statusCode: 428 });
    case 'slow':
      return new Boom('Timed Out', { statusCode: 408 });
  }
}

const REFUSING = '4477008';

/** `drop` and `slow` reach the phone first: the message arrived, the sender learns nothing. */
const ARRIVES_FIRST: ReadonlySet<FaultKind> = new Set(['drop', 'slow']);

/**
 * WhatsApp under faults: the real adapter (baileys seam, connection rules, session lock) over
 * fake sockets that fail sends by the plan, and whose connection closes (428) once `closeAfter`
 * messages have arrived; a new socket opens on virtual time and the broadcast goes on.
 */
export async function startWhatsAppFaultRig(plan: FaultPlan, closeAfter: number) {
  const time = createVirtualTime(new Date('2026-06-01T07:00:00Z'));
  const db = openSqliteDatabase(':memory:');
  const ledger = createReceivedLedger();
  const sockets: FakeSocket[] = [];
  let arrived = 0;
  let unanswered = 0;
  const receive = (jid: string, content: AnyMessageContent) => {
    ledger.add(
      jid,
      textOfContent(content)
        .split('\n')[0]
        ?.replace(/^\*|\*$/g, '') ?? '',
    );
    arrived += 1;
    // Mid-run, WhatsApp closes the connection (428): the adapter reconnects after a backoff.
    if (arrived === closeAfter) {
      setImmediate(() => {
        sockets.at(-1)?.emit('connection.update', closed(428));
      });
    }
  };
  const open = (): Promise<SocketHandle> => {
    const socket = faultySocket(plan, receive, () => (unanswered += 1));
    sockets.push(socket);
    setImmediate(() => {
      socket.emit('connection.update', OPEN);
    });
    return Promise.resolve({ socket, close: () => (socket.closed = true) });
  };
  const subscriptions = createSqliteSubscriptionStore(db);
  const platform = createWhatsAppPlatform({
    open,
    openStores: () =>
      Promise.resolve({
        subscriptions,
        consentLog: createSqliteConsentLogStore(db),
        lock: createSqliteLockStore(db),
      }),
    lockName: 'whatsapp-session:447700900000',
    groupsEnabled: false,
    receive: false,
    timeZone: 'UTC',
    log: silentLog,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    every: () => () => undefined,
  });
  await platform.start({ handleText: () => Promise.resolve(undefined) });
  const whatsapp = { paceMinMs: 3000, paceMaxMs: 8000, dailyCap: 100_000 };
  const rates = { ...DEFAULT_RATES, whatsapp };
  const rig = createFaultDeliveryRig({ platform, time, db, config: { rates } });
  return {
    rig,
    platform,
    ledger,
    sockets,
    unanswered: () => unanswered,
    /** A person who opted in; a `refusing` one is not on WhatsApp (every send: 403). */
    reader: (i: number, refusing = false) => {
      const target: Target = {
        platform: 'whatsapp',
        chatId: `${refusing ? REFUSING : '4477009'}${String(i).padStart(5, '0')}@s.whatsapp.net`,
        kind: 'private',
      };
      return rig.subscribe(target);
    },
    stop: async () => {
      await platform.stop();
      await rig.stop();
    },
  };
}

function faultySocket(
  plan: FaultPlan,
  receive: (jid: string, content: AnyMessageContent) => void,
  onUnanswered: () => void,
): FakeSocket {
  const socket = createFakeSocket();
  const send = socket.sendMessage;
  socket.sendMessage = async (jid, content, options): Promise<WAMessage | undefined> => {
    if (jid.startsWith(REFUSING)) throw new Boom('not-authorized', { statusCode: 403 });
    const kind = plan.next();
    if (kind !== undefined && ARRIVES_FIRST.has(kind)) {
      receive(jid, content);
      onUnanswered();
    }
    if (kind !== undefined) throw faultError(kind);
    const sent = await send(jid, content, options);
    receive(jid, content);
    return sent;
  };
  return socket;
}
