import type { AnnouncePolicy } from './announce-policy.ts';
import { loadContentFolder } from './content-folder.ts';
import type { IngestPipeline, IngestReport } from './pipeline.ts';

/**
 * Ingests every story file of the content folder; bad files are reported, never fatal. The
 * policy says which of the new stories are announced (see announce-policy.ts).
 */
export async function ingestContentFolder(
  pipeline: IngestPipeline,
  dir: string,
  announce?: AnnouncePolicy,
): Promise<IngestReport> {
  const { stories, rejected } = await loadContentFolder(dir);
  const report = await pipeline.ingest(stories, announce === undefined ? {} : { announce });
  return { ...report, rejected: [...rejected, ...report.rejected] };
}
