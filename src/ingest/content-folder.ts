import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentFormat, MAX_CONTENT_BYTES, parseContentFile } from './content-file.ts';
import type { ParsedStory, Rejection } from './parsed-story.ts';

/** The content folder itself could not be read (missing, not a folder, no permission). */
export class ContentFolderError extends Error {
  override readonly name = 'ContentFolderError';
  readonly dir: string;

  constructor(dir: string, cause: unknown) {
    super(`cannot read the content folder ${dir}: check CONTENT_DIR`, {
      cause,
    });
    this.dir = dir;
  }
}

export interface ContentFolder {
  stories: ParsedStory[];
  rejected: Rejection[];
}

interface Walk {
  files: string[];
  rejected: Rejection[];
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Story files are .md, .markdown and .txt; dotfiles and the root README are not stories. */
function isStoryFile(relativePath: string): boolean {
  const name = path.posix.basename(relativePath);
  if (relativePath === name && /^readme\.(?:md|markdown)$/i.test(name)) return false;
  return contentFormat(relativePath) !== undefined;
}

/** Collects the story files under `relative` (posix, "" for the root), recursively. */
async function walk(root: string, relative: string, into: Walk): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) await walkChild(root, child, into);
    else if ((entry.isFile() || entry.isSymbolicLink()) && isStoryFile(child))
      into.files.push(child);
  }
}

/** A subfolder that cannot be read is one rejection; the rest of the walk goes on. */
async function walkChild(root: string, relative: string, into: Walk): Promise<void> {
  try {
    await walk(root, relative, into);
  } catch (error) {
    into.rejected.push({ ref: `${relative}/`, reason: `cannot read folder: ${errorText(error)}` });
  }
}

type FileOutcome = { ok: true; story: ParsedStory } | { ok: false; reason: string };

/** Checks the size before reading: a 50 MB file is refused unread. */
async function readStoryFile(root: string, relative: string): Promise<FileOutcome> {
  try {
    const info = await stat(path.join(root, relative));
    if (!info.isFile()) return { ok: false, reason: 'not a regular file' };
    if (info.size > MAX_CONTENT_BYTES) {
      return {
        ok: false,
        reason: `file too large: ${info.size} bytes, the limit is ${MAX_CONTENT_BYTES} (1 MB); not read`,
      };
    }
    return parseContentFile(relative, await readFile(path.join(root, relative)));
  } catch (error) {
    return { ok: false, reason: `cannot read file: ${errorText(error)}` };
  }
}

/** The story, or a rejection when an earlier file already gave the same id. */
function admit(
  result: ContentFolder,
  seen: Map<string, string>,
  relative: string,
  story: ParsedStory,
): void {
  const first = seen.get(story.id);
  if (first !== undefined) {
    const why = story.url === undefined ? 'same id' : `same url ${story.url}`;
    result.rejected.push({ ref: relative, reason: `duplicate story: ${why} as ${first}` });
    return;
  }
  seen.set(story.id, relative);
  result.stories.push(story);
}

/**
 * Reads every story file under `dir` (recursively), in sorted path order. A bad file is a
 * rejection with its reason and never stops the others. Throws ContentFolderError only when
 * `dir` itself cannot be read.
 */
export async function loadContentFolder(dir: string): Promise<ContentFolder> {
  const found: Walk = { files: [], rejected: [] };
  try {
    await walk(dir, '', found);
  } catch (error) {
    throw new ContentFolderError(dir, error);
  }
  const result: ContentFolder = { stories: [], rejected: found.rejected };
  const seen = new Map<string, string>();
  for (const relative of found.files.sort()) {
    const outcome = await readStoryFile(dir, relative);
    if (outcome.ok) admit(result, seen, relative, outcome.story);
    else result.rejected.push({ ref: relative, reason: outcome.reason });
  }
  return result;
}
