import { loadContentFolder } from './content-folder.ts';
import type { IngestOptions, IngestPipeline, IngestReport } from './pipeline.ts';

/**
 * Ingests every story file of the content folder; bad files are reported, never fatal. The
 * options say which of the new stories are announced (see announce-policy.ts).
 */
export async function ingestContentFolder(
  pipeline: IngestPipeline,
  dir: string,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const { stories, rejected } = await loadContentFolder(dir);
  const report = await pipeline.ingest(stories, options);
  return { ...report, rejected: [...rejected, ...report.rejected] };
}
