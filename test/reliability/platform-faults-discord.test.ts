import { afterEach, describe, expect, it } from 'vitest';
import { MISSING_PERMISSIONS } from '../support/discord-stand-in.ts';
import { channelId, startDiscordFaultRig } from '../support/fault-discord.ts';
import { auditDelivery } from '../support/fault-delivery-rig.ts';
import { createFaultPlan, printSummary } from '../support/fault-plan.ts';

const CHANNELS = 40;
const STORIES = 25;
const FORBIDDEN = 2;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('Discord under platform faults (discord.js -> stand-in, virtual time)', () => {
  it('delivers 1,000 through 429s, 5xx, dropped and slow answers and a gateway drop', async () => {
    const plan = createFaultPlan({ tooMany: 0.04, serverError: 0.04, drop: 0.01, slow: 0.002 }, 21);
    const d = await startDiscordFaultRig(plan, CHANNELS + FORBIDDEN);
    stop = d.stop;
    const doomed = new Set<string>();
    for (let i = 0; i < CHANNELS + FORBIDDEN; i += 1) {
      const s = await d.subscribe(channelId(i));
      if (i < CHANNELS) continue;
      d.standIn.failChannel(channelId(i), MISSING_PERMISSIONS);
      doomed.add(s.id);
    }
    const stories = await d.rig.addStories(STORIES);
    const firstHalf = d.rig.runUntilIdle();
    // The gateway drops mid-run; discord.js resumes the session while broadcasts go on by REST.
    d.standIn.dropGateway();
    const tally = await firstHalf;
    const resumed = await waitFor(
      () => d.standIn.gateway.resumes > 0 && d.platform.state() === 'ready',
    );
    const ledger = d.ledger();
    const audit = await auditDelivery({
      rig: d.rig,
      stories,
      ledger,
      chatKey: (s) => s.target.chatId,
      doomed,
    });
    const window = d.unanswered();
    printSummary({
      name: 'discord platform faults',
      inputs: plan.requests(),
      faults: plan.total() + FORBIDDEN + 1,
      deliveries: audit.sent,
      lost: audit.lost,
      duplicated: ledger.duplicated(),
      window,
    });
    expect(resumed).toBe(true);
    expect(d.standIn.gateway.identifies).toHaveLength(1);
    expect(audit.sent).toBe(CHANNELS * STORIES);
    expect(tally.sent).toBe(CHANNELS * STORIES);
    expect(audit).toMatchObject({ open: 0, lost: 0, deadWithoutError: 0, doomedNotDead: 0 });
    expect(audit.dead).toBe(FORBIDDEN * STORIES);
    expect(plan.counts.tooMany + plan.counts.serverError).toBeGreaterThan(0);
    expect(ledger.duplicated()).toBeLessThanOrEqual(window);
    expect(d.standIn.violations).toEqual([]);
  }, 120_000);
});

/** Polls `check` every 20 ms, up to 10 s; the answer, not the time, is asserted. */
async function waitFor(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((r) => setTimeout(r, 20));
  return check();
}
