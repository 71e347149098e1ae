/**
 * Runs in a worker thread (see enrich-pool.ts): prepares the text of the stories it is sent
 * and posts the results back, one message per batch. A story whose text processing throws
 * comes back as `undefined`: the ingest then processes it on its own thread, where the error
 * is reported against the story.
 */
import { parentPort } from 'node:worker_threads';
import { prepareText, type PreparedText } from './prepared-text.ts';

export interface PrepareRequest {
  id: number;
  summarySentences: number;
  stories: { title: string; body: string }[];
}

export interface PrepareResponse {
  id: number;
  prepared: (PreparedText | undefined)[];
}

function prepareAll(request: PrepareRequest): PrepareResponse {
  const prepared = request.stories.map((story) => {
    try {
      return prepareText(story.title, story.body, request.summarySentences);
    } catch {
      return undefined;
    }
  });
  return { id: request.id, prepared };
}

parentPort?.on('message', (request: PrepareRequest) => {
  parentPort?.postMessage(prepareAll(request));
});
