// Whether dist/ holds a build no source is newer than (scripts/build.js writes dist/build.json;
// a source that is gone is skipped). Used by bin/herald.js and, in a source checkout, by the
// text thread's entry (src/app/text-thread.js), so neither compiles TypeScript when a current
// build exists (docs/adr/0028-performance-users-feel.md).
import { readFileSync, statSync } from 'node:fs';
import { URL } from 'node:url';

/** The repository's root (this file's parent folder's parent). */
export const ROOT = new URL('../', import.meta.url);

export function builtIsCurrent() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('dist/build.json', ROOT), 'utf8'));
  } catch {
    return false;
  }
  for (const source of manifest.sources) {
    const stat = statSync(new URL(source, ROOT), { throwIfNoEntry: false });
    if (stat !== undefined && stat.mtimeMs > manifest.builtAt) return false;
  }
  return true;
}
