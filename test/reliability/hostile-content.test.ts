import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentFolder } from '../../src/ingest/content-folder.ts';
import { cross, failures, isClearReason, runBounded, summaryLine } from './hostile-harness.ts';
import { shapeInputs, STORY_TEXTS } from './hostile-inputs.ts';

/**
 * Malformed content files: regex-hostile Markdown and text bodies and titles of 50,000
 * characters through parseContentFile under a time budget, then a folder of broken files
 * (binary, NUL, invalid UTF-8, 2 MB, bad or hostile front matter, a YAML alias bomb, a
 * symlink loop, a folder that cannot be read) through loadContentFolder.
 */
const BUDGET_MS = 8_000;

describe('hostile content file text', () => {
  it('reads or refuses every file in bounded time', async () => {
    const inputs = [...shapeInputs(50_000), ...Object.keys(STORY_TEXTS)];
    const targets = ['content-md-body', 'content-md-title', 'content-txt'];
    const report = await runBounded(cross(targets, inputs), BUDGET_MS);
    console.log(summaryLine('hostile content text (markdown, text, front matter)', report));
    expect(failures(report)).toEqual([]);
  }, 300_000);
});

const aliasBomb = [
  '---',
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  ...Array.from({ length: 9 }, (_, i) => {
    const prev = i === 0 ? 'a' : `l${i - 1}`;
    return `l${i}: &l${i} [${Array.from({ length: 10 }, () => `*${prev}`).join(',')}]`;
  }),
  'title: Bomb',
  '---',
  'Body.',
].join('\n');

const FILES: Record<string, string | Buffer> = {
  'binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
  'nul.txt': 'A headline here today\n\nText\u0000with NUL.',
  'latin1.md': Buffer.from('---\ntitle: Caf\xe9\n---\nBody', 'latin1'),
  'huge.md': `# Huge\n\n${'word '.repeat(420_000)}`,
  'no-close.md': '---\ntitle: x\nbody without a closing line',
  'bad-yaml.md': '---\ntitle: [unclosed\n---\nBody',
  'list-yaml.md': '---\n- a\n- b\n---\nBody',
  'title-list.md': '---\ntitle: [a, b]\n---\nBody',
  'bad-url.md': '---\ntitle: T\nurl: javascript:alert(1)\n---\nBody',
  'bad-image.md': '---\ntitle: T\nimage: file:///etc/passwd\n---\nBody',
  'bad-lang.md': '---\ntitle: T\nlanguage: "en\'; DROP TABLE stories; --"\n---\nBody',
  'bad-date.md': '---\ntitle: T\ndate: not a date\n---\nBody text.',
  'yaml-tags.md': '---\ntitle: !!js/function "function(){}"\n---\nBody',
  'alias-bomb.md': aliasBomb,
  'no-title.txt': 'just one lowercase line, no headline.',
  'empty.md': '',
  'only-front.md': '---\ntitle: Only\n---\n',
  'sql.md':
    '---\ntitle: "\'; DROP TABLE stories; --"\ntopics: ["\'); DELETE FROM stories; --"]\n---\nBody; -- text',
  'deep/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/deep.md': '# Deep down\n\nIt is read.',
};

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'herald-hostile-content-'));
  for (const [name, data] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), data);
  }
  await symlink(dir, path.join(dir, 'loop'));
  await symlink(path.join(dir, 'missing.md'), path.join(dir, 'dangling.md'));
  await mkdir(path.join(dir, 'locked'));
  await writeFile(path.join(dir, 'locked', 'hidden.md'), '# Hidden\n\nText.');
  const { chmod } = await import('node:fs/promises');
  await chmod(path.join(dir, 'locked'), 0o000);
});

afterAll(async () => {
  const { chmod } = await import('node:fs/promises');
  await chmod(path.join(dir, 'locked'), 0o755);
  await rm(dir, { recursive: true, force: true });
});

describe('a folder of broken content files', () => {
  it('keeps the good files and refuses each bad one with a clear reason', async () => {
    const folder = await loadContentFolder(dir);
    const tried = Object.keys(FILES).length + 3;
    console.log(
      `[reliability] content folder: inputs tried ${tried}, rejected ${folder.rejected.length} (${folder.rejected
        .map((r) => `${r.ref}: ${r.reason.slice(0, 50)}`)
        .join('; ')}), crashes 0, hangs 0`,
    );
    for (const r of folder.rejected) expect(isClearReason(r.reason), r.ref).toBe(true);
    const refs = folder.rejected.map((r) => r.ref);
    for (const bad of [
      'binary.md',
      'nul.txt',
      'latin1.md',
      'huge.md',
      'no-close.md',
      'bad-yaml.md',
    ])
      expect(refs).toContain(bad);
    for (const bad of [
      'list-yaml.md',
      'title-list.md',
      'bad-url.md',
      'bad-image.md',
      'bad-lang.md',
    ])
      expect(refs).toContain(bad);
    const titles = folder.stories.map((s) => s.title);
    expect(titles).toContain('Deep down');
    expect(titles).toContain("'; DROP TABLE stories; --");
    expect(folder.stories.every((s) => s.title.length < 1_000)).toBe(true);
  });
});
