import { afterEach, describe, expect, it } from 'vitest';
import {
  assessHealth,
  createHttpServer,
  HttpListenError,
  type HealthReport,
  type HttpServer,
} from '../../src/app/http-server.ts';
import { createMetrics } from '../../src/app/metrics.ts';
import { createCaptureLog } from '../support/capture-log.ts';

const servers: HttpServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function serve(health: () => HealthReport, metrics = createMetrics()) {
  const server = createHttpServer({
    host: '127.0.0.1',
    port: 0,
    health: () => Promise.resolve(health()),
    metrics: () => metrics.render(),
    log: createCaptureLog().log,
  });
  servers.push(server);
  const { port } = await server.start();
  return `http://127.0.0.1:${port}`;
}

describe('assessHealth', () => {
  it('is ok when the store answers and every platform is ready', () => {
    expect(assessHealth(true, { console: 'ready' }, 'running').status).toBe('ok');
  });
  it('is degraded, still serving, when a platform is degraded', () => {
    const report = assessHealth(true, { console: 'ready', telegram: 'degraded' }, 'running');
    expect(report.status).toBe('degraded');
  });
  it('is down when the store does not answer or a platform stopped', () => {
    expect(assessHealth(false, { console: 'ready' }, 'running')).toMatchObject({
      status: 'down',
      store: 'down',
    });
    expect(assessHealth(true, { console: 'stopped' }, 'running').status).toBe('down');
  });
  it('reports starting and stopping phases', () => {
    expect(assessHealth(true, {}, 'starting').status).toBe('starting');
    expect(assessHealth(true, { console: 'ready' }, 'stopping').status).toBe('stopping');
  });
});

describe('http server', () => {
  it('answers /healthz with 200 and the report when healthy', async () => {
    const base = await serve(() => assessHealth(true, { console: 'ready' }, 'running'));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      status: 'ok',
      store: 'ok',
      platforms: { console: 'ready' },
    });
  });

  it('answers /readyz with 503 when the store is down, while /healthz says alive', async () => {
    const base = await serve(() => assessHealth(false, { console: 'ready' }, 'running'));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'down', store: 'down' });
    const alive = await fetch(`${base}/healthz`);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toMatchObject({ status: 'down' });
  });

  it('answers /readyz with 503 while starting and 200 once ready', async () => {
    let phase: 'starting' | 'running' = 'starting';
    const base = await serve(() => assessHealth(true, { console: 'ready' }, phase));
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    phase = 'running';
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('serves the four Herald metrics in Prometheus text', async () => {
    const metrics = createMetrics({ outboxDepth: () => Promise.resolve({ pending: 3, dead: 1 }) });
    metrics.recordIngest({ added: 2, updated: 0, unchanged: 5, duplicates: 1, rejected: 0 });
    metrics.recordSend({ platform: 'console', outcome: 'retry', latencyMs: 40 });
    metrics.recordSend({ platform: 'console', outcome: 'sent', latencyMs: 2 });
    const base = await serve(() => assessHealth(true, {}, 'running'), metrics);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('herald_stories_ingested_total{outcome="added"} 2');
    expect(text).toContain('herald_stories_ingested_total{outcome="unchanged"} 5');
    expect(text).toContain('herald_deliveries_total{platform="console",outcome="retry"} 1');
    expect(text).toContain('herald_deliveries_total{platform="console",outcome="sent"} 1');
    expect(text).toContain('herald_outbox_depth{state="pending"} 3');
    expect(text).toContain('herald_outbox_depth{state="dead"} 1');
    expect(text).toContain('herald_send_latency_seconds_count{platform="console"} 2');
    // The default process metrics keep their standard names.
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    expect(text).not.toContain('herald_process_');
  });

  it("counts feed polls by outcome and shows the age of each feed's last success", async () => {
    const metrics = createMetrics({
      feedSuccessAges: () => Promise.resolve({ 'https://a.example/feed': 90 }),
    });
    metrics.recordFeedPolls([
      { feedUrl: 'https://a.example/feed', outcome: 'ok' },
      { feedUrl: 'https://b.example/rss', outcome: 'failed', error: 'HTTP 503' },
    ]);
    const text = (await metrics.render()).body;
    expect(text).toContain('herald_feed_polls_total{feed="https://a.example/feed",outcome="ok"} 1');
    expect(text).toContain(
      'herald_feed_polls_total{feed="https://b.example/rss",outcome="failed"} 1',
    );
    expect(text).toContain(
      'herald_feed_last_success_age_seconds{feed="https://a.example/feed"} 90',
    );
  });

  it('answers 404 for an unknown path and 405 for a POST', async () => {
    const base = await serve(() => assessHealth(true, {}, 'running'));
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('names the config keys when the port is taken', async () => {
    const base = await serve(() => assessHealth(true, {}, 'running'));
    const taken = Number(new URL(base).port);
    const second = createHttpServer({
      host: '127.0.0.1',
      port: taken,
      health: () => Promise.resolve(assessHealth(true, {}, 'running')),
      metrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
      log: createCaptureLog().log,
    });
    await expect(second.start()).rejects.toThrow(HttpListenError);
    await expect(second.start()).rejects.toThrow(/HTTP_HOST, HTTP_PORT/);
  });
});
