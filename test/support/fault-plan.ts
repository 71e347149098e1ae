/**
 * Seeded fault plans for the reliability suite: which request meets which fault, decided by a
 * small deterministic generator, so a run can be repeated and its numbers compared.
 */

/**
 * What a stand-in does to one request:
 * - `tooMany`: 429 with a retry_after, before the message is read (nothing received);
 * - `serverError`: a 5xx, before the message is read (nothing received);
 * - `drop`: the message is received, then the connection is destroyed after the headers;
 * - `slow`: the message is received, the answer comes after the client's timeout.
 * `drop` and `slow` leave the sender not knowing: they are the in-flight window of duplicates.
 */
export type FaultKind = 'tooMany' | 'serverError' | 'drop' | 'slow';

export const FAULT_KINDS: readonly FaultKind[] = ['tooMany', 'serverError', 'drop', 'slow'];

/** Picks the fault of one request (undefined: answer normally). */
export type FaultInjector = () => FaultKind | undefined;

/** The chance of each fault per request (0..1; their sum must stay under 1). */
export type FaultRates = Partial<Record<FaultKind, number>>;

export interface FaultPlan {
  next: FaultInjector;
  /** Faults handed out so far, per kind. */
  readonly counts: Record<FaultKind, number>;
  total(): number;
  /** Faults after which the stand-in held the message without the sender knowing it. */
  unacknowledged(): number;
  /** Requests the plan was asked about. */
  requests(): number;
}

/** A Park-Miller generator: the same seed gives the same sequence in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed % 2_147_483_647 || 1;
  return () => {
    s = (s * 48_271) % 2_147_483_647;
    return (s - 1) / 2_147_483_646;
  };
}

export function createFaultPlan(rates: FaultRates, seed: number): FaultPlan {
  const random = seeded(seed);
  const counts: Record<FaultKind, number> = { tooMany: 0, serverError: 0, drop: 0, slow: 0 };
  let requests = 0;
  const pick = (): FaultKind | undefined => {
    const r = random();
    let edge = 0;
    for (const kind of FAULT_KINDS) {
      edge += rates[kind] ?? 0;
      if (r < edge) return kind;
    }
    return undefined;
  };
  return {
    next: () => {
      requests += 1;
      const kind = pick();
      if (kind !== undefined) counts[kind] += 1;
      return kind;
    },
    counts,
    total: () => FAULT_KINDS.reduce((n, k) => n + counts[k], 0),
    unacknowledged: () => counts.drop + counts.slow,
    requests: () => requests,
  };
}

/** Counts what a stand-in received per (chat, story): the ground truth for lost and duplicated. */
export function createReceivedLedger() {
  const counts = new Map<string, number>();
  return {
    add(chat: string, story: string): void {
      const key = `${chat}\u0000${story}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    has: (chat: string, story: string) => counts.has(`${chat}\u0000${story}`),
    distinct: () => counts.size,
    /** Copies beyond the first, summed over every (chat, story). */
    duplicated: () => [...counts.values()].reduce((n, c) => n + c - 1, 0),
  };
}

export type ReceivedLedger = ReturnType<typeof createReceivedLedger>;

export interface ReliabilitySummary {
  name: string;
  inputs: number;
  faults: number;
  deliveries: number;
  lost: number;
  duplicated: number;
  window: number;
}

/** The one line each reliability test prints, so `npm test` shows what was tried. */
export function printSummary(s: ReliabilitySummary): void {
  console.log(
    `[reliability] ${s.name}: inputs tried ${s.inputs}, faults injected ${s.faults}, ` +
      `deliveries ${s.deliveries}, lost ${s.lost}, duplicated ${s.duplicated} (window ${s.window})`,
  );
}
