#!/usr/bin/env node
// The entry point: runs the JavaScript that `npm ci` built into dist/ (scripts/build.js, the
// `prepare` script), and hands the platform adapters to the core. In a source checkout where
// dist/ is missing or older than a source, it runs the TypeScript through tsx instead, so an
// edit is never shadowed by a stale build (docs/adr/0028-performance-users-feel.md).
import process from 'node:process';
import { URL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { builtIsCurrent, ROOT } from './built.js';

// V8 "pretenures" objects from allocation sites whose objects once survived, and may then
// put the short-lived garbage of the start-up index build straight into the old space: the
// peak RSS of `herald start` on 100,000 stories was about 300 or 420 MiB from run to run;
// without it, 296-302 MiB in 10 starts (`npm run bench`, ADR 0013). Set before any work.
setFlagsFromString('--no-allocation-site-pretenuring');

const built = builtIsCurrent();
if (!built) {
  const tsx = await import('tsx/esm/api').catch(() => undefined);
  if (tsx === undefined) {
    process.stderr.write('herald: no current build in dist/ and no tsx: run `npm run build`\n');
    process.exit(1);
  }
  tsx.register();
}
const load = (path) => import(new URL(built ? `dist/${path}.js` : `${path}.ts`, ROOT).href);

const { runCli } = await load('src/cli/main');
const { createPlatforms } = await load('adapters/index');
const { createPreviewRenderer: previews } = await load('adapters/previews');
// baileys loads only when `herald whatsapp login` runs.
const whatsappLogin = async (request) =>
  (await load('adapters/whatsapp/login')).whatsappLogin(request);
process.exitCode = await runCli(process.argv.slice(2), {
  createPlatforms,
  whatsappLogin,
  previews,
});
