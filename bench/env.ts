import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/ is one level down). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The evaluation data: HERALD_EVAL_DIR, else ../shared/eval/ beside the repository. */
export function evalDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.HERALD_EVAL_DIR ?? join(ROOT, '..', 'shared', 'eval'));
}

export interface BbcArticle {
  id: string;
  title: string;
  body: string;
}

/** The BBC dev articles, read at run time (never copied into the repository), or undefined. */
export function readBbc(): { path: string; articles?: BbcArticle[] } {
  const path = join(evalDir(), 'bbc_news_summary.dev.jsonl');
  if (!existsSync(path)) return { path };
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return { path, articles: lines.map((l) => JSON.parse(l) as BbcArticle) };
}

/** The machine a run was on: what the README quotes beside the figures. */
export function machine(): Record<string, string | number> {
  const cpuInfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model.trim(),
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/**
 * Runs a bench child (`node --import tsx <script> <args>`) and returns the JSON object on its
 * last stdout line. The child's stderr passes through.
 */
export function runChild<T>(
  script: string,
  args: readonly string[],
  nodeArgs: string[] = [],
): Promise<T> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(ROOT, 'bench', script), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0)
        reject(new Error(`bench child ${script} ended with ${signal ?? `exit ${code}`}`));
      else resolvePromise(JSON.parse(last) as T);
    });
  });
}
