import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs hostile inputs in a child process, one at a time, each under a time budget: a
 * synchronous hang (a regex backtracking for minutes) cannot be interrupted from inside the
 * process that runs it, so the parent kills the child, records a hang and starts a new one for
 * the inputs left. Targets and inputs are named (hostile-targets.ts, hostile-inputs.ts): the
 * child builds each input itself, so a 10 MB input never crosses the IPC channel.
 */
export interface Case {
  target: string;
  input: string;
}

/** What a target says about one input: taken, or rejected with a reason, plus broken rules. */
export interface Verdict {
  rejected?: string;
  problems: string[];
}

export type CaseResult =
  | ({ kind: 'done'; ms: number } & Verdict)
  | { kind: 'crash'; error: string }
  | { kind: 'hang'; budgetMs: number };

export interface RunReport {
  results: { case: Case; result: CaseResult }[];
  tried: number;
  rejected: { case: Case; reason: string }[];
  crashes: { case: Case; error: string }[];
  hangs: Case[];
  problems: { case: Case; problems: string[] }[];
}

type ChildMessage = { kind: 'ready' } | { kind: 'result'; index: number; result: CaseResult };

const CHILD = fileURLToPath(new URL('./hostile-child.ts', import.meta.url));

function startChild(): ChildProcess {
  return fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Runs one case in `child`; resolves with its result, or a hang when the budget passes. */
function runOne(
  child: ChildProcess,
  index: number,
  item: Case,
  budgetMs: number,
): Promise<CaseResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      cleanup();
      resolve({ kind: 'hang', budgetMs });
    }, budgetMs);
    const onMessage = (m: ChildMessage) => {
      if (m.kind !== 'result' || m.index !== index) return;
      cleanup();
      resolve(m.result);
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      resolve({ kind: 'crash', error: `the process died (code ${code}, signal ${signal})` });
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send({ index, ...item });
  });
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('message', (m: ChildMessage) => {
      if (m.kind === 'ready') resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`hostile child exited at start (${code})`));
    });
  });
}

async function freshChild(): Promise<ChildProcess> {
  const child = startChild();
  await waitReady(child);
  return child;
}

/** Every case run once under `budgetMs`; a crash or a hang never stops the ones after it. */
export async function runBounded(cases: readonly Case[], budgetMs: number): Promise<RunReport> {
  const results: RunReport['results'] = [];
  let child = await freshChild();
  try {
    for (const [index, item] of cases.entries()) {
      const result = await runOne(child, index, item, budgetMs);
      results.push({ case: item, result });
      if (result.kind === 'hang' || child.exitCode !== null || child.signalCode !== null) {
        child.kill('SIGKILL');
        child = await freshChild();
      }
    }
  } finally {
    child.kill('SIGKILL');
  }
  return summarise(results);
}

function summarise(results: RunReport['results']): RunReport {
  const report: RunReport = {
    results,
    tried: results.length,
    rejected: [],
    crashes: [],
    hangs: [],
    problems: [],
  };
  for (const { case: c, result: r } of results) {
    if (r.kind === 'hang') report.hangs.push(c);
    else if (r.kind === 'crash') report.crashes.push({ case: c, error: r.error });
    else {
      if (r.rejected !== undefined) report.rejected.push({ case: c, reason: r.rejected });
      if (r.problems.length > 0) report.problems.push({ case: c, problems: r.problems });
    }
  }
  return report;
}

/** Every case of `targets` x `inputs`. */
export function cross(targets: readonly string[], inputs: readonly string[]): Case[] {
  return targets.flatMap((target) => inputs.map((input) => ({ target, input })));
}

/** A reason a person can act on: a sentence, not "undefined" or "[object Object]". */
export function isClearReason(reason: string): boolean {
  return reason.trim().length >= 8 && !/undefined|\[object |^error$/i.test(reason);
}

/** The one summary line each reliability test prints. */
export function summaryLine(name: string, report: RunReport, extra = ''): string {
  const reasons = [...new Set(report.rejected.map((r) => r.reason.slice(0, 60)))];
  const shown = reasons.slice(0, 4).join('; ');
  const more = reasons.length > 4 ? `; +${reasons.length - 4} more` : '';
  return (
    `[reliability] ${name}: inputs tried ${report.tried}, rejected ${report.rejected.length}` +
    `${reasons.length > 0 ? ` (${shown}${more})` : ''}, crashes ${report.crashes.length}, ` +
    `hangs ${report.hangs.length}${extra}`
  );
}

/** What failed, for an assertion message. */
export function failures(report: RunReport): string[] {
  return [
    ...report.hangs.map((c) => `hang: ${c.target} <- ${c.input}`),
    ...report.crashes.map((c) => `crash: ${c.case.target} <- ${c.case.input}: ${c.error}`),
    ...report.problems.map(
      (p) => `problem: ${p.case.target} <- ${p.case.input}: ${p.problems.join('; ')}`,
    ),
    ...report.rejected
      .filter((r) => !isClearReason(r.reason))
      .map((r) => `unclear reason: ${r.case.target} <- ${r.case.input}: ${r.reason}`),
  ];
}
