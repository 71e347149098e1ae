#!/usr/bin/env node
// The entry point: runs the TypeScript sources through tsx (no build step, see
// docs/adr/0001-run-typescript-with-tsx.md) and hands the platform adapters to the core.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const { createPlatforms } = await import('../adapters/index.ts');
// baileys loads only when `herald whatsapp login` runs.
const whatsappLogin = async (request) =>
  (await import('../adapters/whatsapp/login.ts')).whatsappLogin(request);
process.exitCode = await runCli(process.argv.slice(2), { createPlatforms, whatsappLogin });
