import type { Verdict } from './hostile-harness.ts';
import './hostile-feed-corpus.ts';
import type { Input } from './hostile-inputs.ts';
import { FEED_TARGETS } from './hostile-targets-feeds.ts';
import { STORY_TARGETS } from './hostile-targets-stories.ts';
import { TEXT_TARGETS } from './hostile-targets-text.ts';

/** Every target the hostile child can run, by name. */
export const TARGETS: Record<string, (input: Input) => Verdict | Promise<Verdict>> = {
  ...TEXT_TARGETS,
  ...FEED_TARGETS,
  ...STORY_TARGETS,
};
