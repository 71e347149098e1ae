import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineFromStore, startEngineFromStore } from '../../src/app/text-engine.ts';
import { openStore, type OpenedStore } from '../../src/store/open-store.ts';
import { makeDraft } from '../support/drafts.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A SQLite store holding `n` stories about two subjects (so related lists are not empty). */
async function storeWith(n: number): Promise<{ store: OpenedStore; ids: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-index-build-'));
  dirs.push(dir);
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'herald.db') });
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const subject = i % 2 === 0 ? 'harbour ferry strike wages' : 'orchard frost apple harvest';
    const draft = makeDraft({
      title: `${subject} report ${i}`,
      body: `Workers and owners spoke about the ${subject} on day ${i}.\n\nMore on the ${subject}.`,
    });
    ids.push((await store.stories.upsertStory(draft, new Date(), { announce: false })).story.id);
  }
  return { store, ids };
}

describe('the text index built beside the start (issue 23 point 1)', () => {
  it('answers before the build is complete, the asked story indexed first, and ends exact', async () => {
    const { store, ids } = await storeWith(600);
    const whole = await createEngineFromStore(store.stories);
    const last = ids.at(-1) ?? '';
    const { engine, build } = await startEngineFromStore(store.stories, { foregroundMs: 0 });
    expect(build.complete()).toBe(false);
    expect(build.progress().total).toBe(600);
    // Some pages in (a page a turn of the event loop), far from the newest story.
    while (build.progress().indexed < 40) await new Promise((resolve) => setImmediate(resolve));
    expect(engine.has(last)).toBe(false);
    // The newest story is read last by the build: asked for, it is indexed at once.
    expect((await build.related(last, 3)).length).toBeGreaterThan(0);
    expect(engine.has(last)).toBe(true);
    await build.done;
    expect(build.complete()).toBe(true);
    expect(build.progress()).toEqual({ indexed: 600, total: 600 });
    for (const id of ids.slice(0, 10))
      expect(await build.related(id, 5)).toEqual(whole.related(id, 5));
    await store.close();
  });

  it('stops when asked, and says it is not complete', async () => {
    const { store } = await storeWith(60);
    const { build } = await startEngineFromStore(store.stories, { foregroundMs: 0 });
    build.stop();
    await build.done;
    expect(build.complete()).toBe(false);
    expect(build.progress().indexed).toBeLessThan(60);
    await store.close();
  });
});
