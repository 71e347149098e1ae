/**
 * What another user needs to run Herald from a checkout it cannot read (a clone in a home
 * folder of mode 700): the entry point, the sources and node_modules, mirrored into a fresh
 * temporary folder that user can read. Files are hard-linked (a hard link's access is decided
 * by the file's own mode, not by the folders of the checkout), or copied across file systems.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What Herald reads at run time, relative to the checkout. */
const NEEDED = ['bin', 'src', 'adapters', 'node_modules', 'package.json', 'tsconfig.json'];

export type Mirror = { ok: true; root: string } | { ok: false; reason: string };

/** Whether `user` can read `file` (asked of a child process running as that user). */
export function canRead(file: string, user: { uid: number; gid: number }): boolean {
  const probe = spawnSync(
    process.execPath,
    ['-e', `require('fs').readFileSync(${JSON.stringify(file)})`],
    {
      ...user,
      stdio: 'ignore',
      timeout: 20_000,
    },
  );
  return probe.status === 0;
}

/**
 * The checkout itself when `user` can read `entry` in it; otherwise a readable mirror of what
 * Herald needs, or why none could be made (the reason is for the failing test to print).
 */
export function readableCheckout(
  root: string,
  entry: string,
  user: { uid: number; gid: number },
): Mirror {
  if (canRead(join(root, entry), user)) return { ok: true, root };
  let mirror: string;
  try {
    mirror = mkdtempSync(join(tmpdir(), 'herald-mirror-'));
    chmodSync(mirror, 0o755);
    for (const name of NEEDED) mirrorEntry(join(root, name), join(mirror, name));
  } catch (err) {
    return {
      ok: false,
      reason: `cannot mirror the checkout ${root} for uid ${user.uid}: ${String(err)}`,
    };
  }
  if (!canRead(join(mirror, entry), user)) {
    return {
      ok: false,
      reason: `uid ${user.uid} cannot read the mirror ${mirror} either (is ${tmpdir()} or node itself out of its reach?)`,
    };
  }
  return { ok: true, root: mirror };
}

function mirrorEntry(from: string, to: string): void {
  if (!statSync(from).isDirectory()) {
    linkOrCopy(from, to);
    return;
  }
  const entries = readdirSync(from, { withFileTypes: true });
  mkdirSync(to, { mode: 0o755 });
  chmodSync(to, 0o755);
  for (const e of entries) {
    const source = join(from, e.name);
    const target = join(to, e.name);
    if (e.isDirectory()) mirrorEntry(source, target);
    else if (e.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else linkOrCopy(source, target);
  }
}

/** A link when the file is readable by all already (a clone made under umask 077 is not). */
function linkOrCopy(source: string, target: string): void {
  const mode = statSync(source).mode;
  try {
    if ((mode & 0o004) === 0) throw new Error('not readable by others: copy it');
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
    chmodSync(target, (mode & 0o100) === 0 ? 0o644 : 0o755);
  }
}
