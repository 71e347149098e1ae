#!/usr/bin/env node
// Compiles src/ and adapters/ to dist/ so that `herald` starts without compiling TypeScript
// (docs/adr/0028-performance-users-feel.md). One JavaScript file per TypeScript file, in the
// same place under dist/ (so `import.meta.url` paths still meet the files read at run time),
// relative imports rewritten from .ts to .js; the other files (the text thread's entry, the
// panel's assets) copied beside them. esbuild transforms without type checking (that is
// `npm run typecheck`): the whole build takes well under a second, so `npm ci` (which runs
// this as `prepare`) stays fast and cannot fail on a type error.
import { build } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'adapters'];
const OUT = join(ROOT, 'dist');
const NEXT = join(ROOT, 'dist.next');

/** Every file under `dir`, as paths relative to the repository. */
function walk(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** Leaves every relative import where it is (nothing is bundled), a .ts one renamed .js. */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /^\.{1,2}\// }, (args) =>
      args.kind === 'entry-point'
        ? undefined
        : { path: args.path.replace(/\.ts$/, '.js'), external: true },
    );
  },
};

// Taken before the sources are read: a source saved during the build counts as newer.
const builtAt = Date.now();
const files = SOURCES.filter((dir) => existsSync(join(ROOT, dir))).flatMap(walk);
const typescript = files.filter((f) => f.endsWith('.ts'));
rmSync(NEXT, { recursive: true, force: true });
await build({
  entryPoints: typescript.map((f) => join(ROOT, f)),
  outdir: NEXT,
  outbase: ROOT,
  bundle: true,
  // Packages stay imports too; node20.12 (package.json's engines) keeps import attributes.
  packages: 'external',
  plugins: [keepImports],
  platform: 'node',
  format: 'esm',
  target: 'node20.12',
  sourcemap: 'linked',
  logLevel: 'warning',
});
for (const file of files.filter((f) => !f.endsWith('.ts'))) {
  mkdirSync(dirname(join(NEXT, file)), { recursive: true });
  copyFileSync(join(ROOT, file), join(NEXT, file));
}
// src/cli/help.ts reads the version from ../../package.json: dist/package.json here.
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const own = { name: pkg.name, version: pkg.version, type: pkg.type, private: true };
writeFileSync(join(NEXT, 'package.json'), `${JSON.stringify(own, null, 2)}\n`);
// What bin/herald.js checks before it trusts dist/: a source changed since is newer.
writeFileSync(join(NEXT, 'build.json'), `${JSON.stringify({ builtAt, sources: files })}\n`);
rmSync(OUT, { recursive: true, force: true });
renameSync(NEXT, OUT);
process.stdout.write(
  `herald: built ${typescript.length} files into ${relative(process.cwd(), OUT) || '.'}/ in ${Date.now() - builtAt} ms\n`,
);
