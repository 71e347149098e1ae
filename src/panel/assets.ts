import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Context } from 'hono';

const require = createRequire(import.meta.url);
const own = (name: string) => new URL(`./assets/${name}`, import.meta.url);

/** The panel's static files: its own CSS and script, and uPlot's build (no bundler). */
const FILES: Record<string, { path: () => string | URL; type: string }> = {
  'panel.css': { path: () => own('panel.css'), type: 'text/css; charset=utf-8' },
  'panel.js': { path: () => own('panel.js'), type: 'text/javascript; charset=utf-8' },
  'uplot.js': {
    path: () => require.resolve('uplot/dist/uPlot.iife.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'uplot.css': {
    path: () => require.resolve('uplot/dist/uPlot.min.css'),
    type: 'text/css; charset=utf-8',
  },
};

const cache = new Map<string, Buffer>();

export function serveAsset(c: Context, name: string): Response {
  const file = FILES[name];
  if (file === undefined) return c.text('not found', 404);
  let body = cache.get(name);
  if (body === undefined) {
    body = readFileSync(file.path());
    cache.set(name, body);
  }
  c.header('content-type', file.type);
  c.header('cache-control', 'public, max-age=3600');
  return c.body(new Uint8Array(body));
}
