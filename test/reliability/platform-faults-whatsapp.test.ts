import { afterEach, describe, expect, it } from 'vitest';
import { auditDelivery } from '../support/fault-delivery-rig.ts';
import { createFaultPlan, printSummary } from '../support/fault-plan.ts';
import { startWhatsAppFaultRig } from '../support/fault-whatsapp.ts';

const READERS = 220;
const STORIES = 5;
const REFUSING = 2;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('WhatsApp under faults (baileys seam -> fake sockets, virtual time)', () => {
  it('delivers 1,100 through rate-overlimit, 5xx, lost connections and a socket close', async () => {
    const plan = createFaultPlan({ tooMany: 0.01, serverError: 0.04, drop: 0.02, slow: 0.01 }, 33);
    const w = await startWhatsAppFaultRig(plan, 200);
    stop = w.stop;
    for (let i = 0; i < READERS; i += 1) await w.reader(i);
    const doomed = new Set<string>();
    for (let i = 0; i < REFUSING; i += 1) doomed.add((await w.reader(i, true)).id);
    const stories = await w.rig.addStories(STORIES);
    const tally = await w.rig.runUntilIdle();
    const audit = await auditDelivery({
      rig: w.rig,
      stories,
      ledger: w.ledger,
      chatKey: (s) => s.target.chatId,
      doomed,
    });
    const window = w.unanswered();
    printSummary({
      name: 'whatsapp platform faults',
      inputs: plan.requests() + REFUSING,
      faults: plan.total() + REFUSING + (w.sockets.length - 1),
      deliveries: audit.sent,
      lost: audit.lost,
      duplicated: w.ledger.duplicated(),
      window,
    });
    expect(w.sockets.length).toBeGreaterThan(1);
    expect(audit.sent).toBe(READERS * STORIES);
    expect(tally.sent).toBe(READERS * STORIES);
    expect(audit).toMatchObject({ open: 0, lost: 0, deadWithoutError: 0, doomedNotDead: 0 });
    expect(audit.dead).toBe(REFUSING * STORIES);
    expect(plan.counts.tooMany + plan.counts.serverError).toBeGreaterThan(0);
    expect(w.ledger.duplicated()).toBeLessThanOrEqual(window);
    expect(w.platform.state()).toBe('ready');
  }, 60_000);
});
