import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentFolderError, loadContentFolder } from '../../src/ingest/content-folder.ts';

const BODY = 'The first flight in months landed at Kabul airport on Friday, officials said.';
const isRoot = process.getuid?.() === 0;

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'herald-content-'));
});

afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function put(relative: string, text: string | Buffer): Promise<void> {
  const file = path.join(dir, ...relative.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

const md = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\n\n${BODY}\n`;

describe('loadContentFolder', () => {
  it('reads .md, .markdown and .txt files recursively, in sorted order, with "/" paths', async () => {
    await put('b.md', md('B'));
    await put('a/z.markdown', md('Z'));
    await put('a/deeper/c.txt', `Headline of story C here\n\n${BODY}`);
    await put('A.md', md('Upper A'));
    const { stories, rejected } = await loadContentFolder(dir);
    expect(rejected).toEqual([]);
    expect(stories.map((s) => s.origin.ref)).toEqual([
      'A.md',
      'a/deeper/c.txt',
      'a/z.markdown',
      'b.md',
    ]);
    expect(stories.map((s) => s.title)).toEqual(['Upper A', 'Headline of story C here', 'Z', 'B']);
  });

  it('skips dotfiles, dot folders, the root README and other extensions silently', async () => {
    await put('.draft.md', md('Draft'));
    await put('.git/notes.md', md('Git'));
    await put('README.md', '# How to write content\n\nNot a story.');
    await put('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]));
    await put('notes.html', '<p>x</p>');
    await put('sub/README.md', md('A story called README'));
    const { stories, rejected } = await loadContentFolder(dir);
    expect(rejected).toEqual([]);
    expect(stories.map((s) => s.origin.ref)).toEqual(['sub/README.md']);
  });

  it('rejects a bad file with its reason and goes on with the others', async () => {
    await put('1-good.md', md('Good one'));
    await put('2-bad.md', '---\ntitle: [oops\n---\n\nBody.\n');
    await put('3-binary.txt', Buffer.from([0x41, 0, 0x42]));
    await put('4-empty.md', '');
    await put('5-good.txt', `Another good headline here\n\n${BODY}`);
    const { stories, rejected } = await loadContentFolder(dir);
    expect(stories.map((s) => s.origin.ref)).toEqual(['1-good.md', '5-good.txt']);
    expect(rejected.map((r) => r.ref)).toEqual(['2-bad.md', '3-binary.txt', '4-empty.md']);
    expect(rejected[0]?.reason).toMatch(/^bad front matter: /);
    expect(rejected[1]?.reason).toMatch(/^binary content/);
    expect(rejected[2]?.reason).toMatch(/^no title/);
  });

  it('refuses a 50 MB file from its size, without reading it', async () => {
    await put('huge.md', '');
    await truncate(path.join(dir, 'huge.md'), 50 * 1024 * 1024);
    // Unreadable as well (unless root): a read would fail with another reason.
    if (!isRoot) await chmod(path.join(dir, 'huge.md'), 0o000);
    await put('ok.md', md('Fine'));
    const { stories, rejected } = await loadContentFolder(dir);
    expect(stories).toHaveLength(1);
    expect(rejected).toEqual([
      {
        ref: 'huge.md',
        reason: 'file too large: 52428800 bytes, the limit is 1048576 (1 MB); not read',
      },
    ]);
  });

  it('skips a named pipe without opening it (a read would block)', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    await put('ok.md', md('Fine'));
    const { stories, rejected } = await loadContentFolder(dir);
    expect(stories).toHaveLength(1);
    expect(rejected).toEqual([]);
  });

  it('follows a symlink to a file, and refuses one to a folder', async () => {
    await put('real/story.md', md('Linked'));
    await symlink(path.join(dir, 'real/story.md'), path.join(dir, 'link.md'));
    await symlink(path.join(dir, 'real'), path.join(dir, 'folder.md'));
    const { stories, rejected } = await loadContentFolder(dir);
    expect(stories.map((s) => s.origin.ref)).toEqual(['link.md', 'real/story.md']);
    expect(rejected).toEqual([{ ref: 'folder.md', reason: 'not a regular file' }]);
  });

  it('rejects the second file that yields the same id, naming the first', async () => {
    const url = 'url: https://example.com/story?utm_source=x\n';
    await put('a.md', md('First', url));
    await put('b/c.md', md('Second', 'url: https://EXAMPLE.com/story/\n'));
    const { stories, rejected } = await loadContentFolder(dir);
    expect(stories.map((s) => s.title)).toEqual(['First']);
    expect(rejected).toEqual([
      { ref: 'b/c.md', reason: 'duplicate story: same url https://example.com/story as a.md' },
    ]);
  });

  it.skipIf(isRoot)('reports a subfolder it cannot read and reads the rest', async () => {
    await put('locked/x.md', md('X'));
    await put('open.md', md('Open'));
    await chmod(path.join(dir, 'locked'), 0o000);
    try {
      const { stories, rejected } = await loadContentFolder(dir);
      expect(stories.map((s) => s.origin.ref)).toEqual(['open.md']);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.ref).toBe('locked/');
      expect(rejected[0]?.reason).toMatch(/^cannot read folder: .*EACCES/);
    } finally {
      await chmod(path.join(dir, 'locked'), 0o700);
    }
  });

  it('throws ContentFolderError for a folder that does not exist', async () => {
    const missing = path.join(dir, 'nope');
    const error = await loadContentFolder(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentFolderError);
    expect(error).toMatchObject({ name: 'ContentFolderError', dir: missing });
  });

  it('loads the repository content folder without a rejection', async () => {
    const { stories, rejected } = await loadContentFolder(
      new URL('../../content', import.meta.url).pathname,
    );
    expect(rejected).toEqual([]);
    expect(stories.map((s) => s.title)).toContain(
      'Russia Becomes First Nation to Officially Recognize Taliban Government in Afghanistan',
    );
  });
});
