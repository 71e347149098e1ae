import { buildInput } from './hostile-inputs.ts';
import type { CaseResult, Verdict } from './hostile-harness.ts';
import { TARGETS } from './hostile-targets.ts';

/** The child side of runBounded: builds each named input, runs the named target, reports. */
interface Request {
  index: number;
  target: string;
  input: string;
}

async function run(request: Request): Promise<CaseResult> {
  const target = TARGETS[request.target];
  if (target === undefined) return { kind: 'crash', error: `no target ${request.target}` };
  const input = buildInput(request.input);
  const started = performance.now();
  try {
    const verdict: Verdict = await target(input);
    return { kind: 'done', ms: performance.now() - started, ...verdict };
  } catch (err) {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { kind: 'crash', error: error.slice(0, 500) };
  }
}

process.on('message', (request: Request) => {
  void run(request).then((result) =>
    process.send?.({ kind: 'result', index: request.index, result }),
  );
});
process.send?.({ kind: 'ready' });
