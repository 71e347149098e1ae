import { createRequire } from 'node:module';

type Feedsmith = typeof import('feedsmith');
type Linkedom = typeof import('linkedom');
let feedsmith: Feedsmith | undefined;
let linkedom: Linkedom | undefined;

/*
 * The feed libraries are loaded on first use, through their CommonJS builds so that parsing
 * stays synchronous: a process without feeds holds neither (feedsmith about 17 MB resident
 * and 130 ms of start, linkedom 25 MB and 165 ms).
 */

export function loadLinkedom(): Linkedom {
  linkedom ??= createRequire(import.meta.url)('linkedom') as Linkedom;
  return linkedom;
}

export function loadFeedsmith(): Feedsmith {
  feedsmith ??= createRequire(import.meta.url)('feedsmith') as Feedsmith;
  return feedsmith;
}
