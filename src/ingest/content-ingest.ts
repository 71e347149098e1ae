import { loadContentFolder } from './content-folder.ts';
import type { IngestPipeline, IngestReport } from './pipeline.ts';

/** Ingests every story file of the content folder; bad files are reported, never fatal. */
export async function ingestContentFolder(
  pipeline: IngestPipeline,
  dir: string,
): Promise<IngestReport> {
  const { stories, rejected } = await loadContentFolder(dir);
  const report = await pipeline.ingest(stories);
  return { ...report, rejected: [...rejected, ...report.rejected] };
}
