// A worker thread's entry point: the sources are TypeScript, run through tsx as everywhere
// (docs/adr/0001-run-typescript-with-tsx.md); the work is in enrich-worker-main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./enrich-worker-main.ts');
