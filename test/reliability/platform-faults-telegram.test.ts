import { afterEach, describe, expect, it } from 'vitest';
import { auditDelivery } from '../support/fault-delivery-rig.ts';
import { createFaultPlan, printSummary } from '../support/fault-plan.ts';
import { toCard } from '../../src/domain/reply.ts';
import { startTelegramFaultRig } from '../support/fault-telegram.ts';

const READERS = 300;
const STORIES = 10;
const BLOCKED = 3;
const BROKEN = 2;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('Telegram under platform faults (telegraf -> stand-in, virtual time)', () => {
  it('delivers 3,000 through random 429s, 5xx, dropped and slow answers: nothing lost', async () => {
    const plan = createFaultPlan({ tooMany: 0.04, serverError: 0.04, drop: 0.01, slow: 0.002 }, 12);
    const t = await startTelegramFaultRig(plan);
    stop = t.stop;
    for (let i = 0; i < READERS; i += 1) await t.reader(10_000 + i);
    const doomed = new Set<string>();
    const blocked: number[] = [];
    const broken: number[] = [];
    for (let i = 0; i < BLOCKED; i += 1) {
      blocked.push(90_000 + i);
      const s = await t.reader(90_000 + i);
      t.standIn.chatFaults.set(90_000 + i, {
        code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      doomed.add(s.id);
    }
    for (let i = 0; i < BROKEN; i += 1) {
      broken.push(95_000 + i);
      const s = await t.reader(95_000 + i);
      t.standIn.chatFaults.set(95_000 + i, { code: 500, description: 'Internal Server Error' });
      doomed.add(s.id);
    }
    const stories = await t.rig.addStories(STORIES);
    const tally = await t.rig.runUntilIdle();
    const ledger = t.ledger();
    const audit = await auditDelivery({
      rig: t.rig,
      stories,
      ledger,
      chatKey: (s) => s.target.chatId,
      doomed,
    });
    const window = t.unanswered();
    printSummary({
      name: 'telegram platform faults',
      inputs: plan.requests(),
      faults: plan.total() + t.doomedCalls([...blocked, ...broken]),
      deliveries: audit.sent,
      lost: audit.lost,
      duplicated: ledger.duplicated(),
      window,
    });
    expect(audit.sent).toBe(READERS * STORIES);
    expect(tally.sent).toBe(READERS * STORIES);
    expect(audit).toMatchObject({ open: 0, lost: 0, deadWithoutError: 0, doomedNotDead: 0 });
    expect(audit.dead).toBe((BLOCKED + BROKEN) * STORIES);
    expect(plan.counts.tooMany).toBeGreaterThan(0);
    expect(plan.counts.drop + plan.counts.slow).toBeGreaterThan(0);
    expect(ledger.duplicated()).toBeLessThanOrEqual(window);
  }, 120_000);

  // Regression: telegraf waits 500 s for an answer, far past the outbox lease (60 s), so a
  // stalled send let the row be claimed and sent again while the first could still land.
  it('gives up on a send with no answer within sendTimeoutMs: transient, not a hang', async () => {
    const plan = createFaultPlan({ slow: 1 }, 3);
    const t = await startTelegramFaultRig(plan);
    stop = t.stop;
    const reader = await t.reader(4242);
    const [story] = await t.rig.addStories(1);
    if (story === undefined) throw new Error('no story');
    const outcome = await t.platform.send(reader.target, { kind: 'card', card: toCard(story) });
    expect(outcome.kind).toBe('transient');
    expect(JSON.stringify(outcome)).toMatch(/no answer within/);
    expect(JSON.stringify(outcome)).not.toContain(t.standIn.token);
    printSummary({
      name: 'telegram send timeout',
      inputs: 1,
      faults: plan.total(),
      deliveries: 0,
      lost: 0,
      duplicated: 0,
      window: plan.unacknowledged(),
    });
  });
});
