#!/usr/bin/env node
// The entry point: runs the TypeScript sources through tsx (no build step, see
// docs/adr/0001-run-typescript-with-tsx.md) and hands the platform adapters to the core.
import process from 'node:process';
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

// V8 "pretenures" objects from allocation sites whose objects once survived, and may then
// put the short-lived garbage of the start-up index build straight into the old space: the
// peak RSS of `herald start` on 100,000 stories was about 300 or 420 MiB from run to run;
// without it, 296-302 MiB in 10 starts (`npm run bench`, ADR 0013). Set before any work.
setFlagsFromString('--no-allocation-site-pretenuring');

register();
const { runCli } = await import('../src/cli/main.ts');
const { createPlatforms } = await import('../adapters/index.ts');
const { createPreviewRenderer: previews } = await import('../adapters/previews.ts');
// baileys loads only when `herald whatsapp login` runs.
const whatsappLogin = async (request) =>
  (await import('../adapters/whatsapp/login.ts')).whatsappLogin(request);
process.exitCode = await runCli(process.argv.slice(2), {
  createPlatforms,
  whatsappLogin,
  previews,
});
