import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SendOutcome } from '../domain/platform.ts';
import type { FeedOutcome } from '../delivery/feed-alerts.ts';

/** What one ingest run came to (the pipeline's report, or the part of it we count). */
export interface IngestCounts {
  added: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  rejected: number;
}

/** One send through a platform (the dispatcher's `onSend` event has this shape). */
export interface SendSample {
  platform: string;
  outcome: SendOutcome['kind'];
  latencyMs: number;
}

export interface Metrics {
  readonly registry: Registry;
  /** Adds one ingest run's counts to herald_stories_ingested_total{outcome}. */
  recordIngest(counts: IngestCounts): void;
  /** Counts one send by platform and outcome, and observes its latency. */
  recordSend(sample: SendSample): void;
  /** Counts each feed's poll by outcome: herald_feed_polls_total{feed, outcome}. */
  recordFeedPolls(outcomes: readonly FeedOutcome[]): void;
  /** The Prometheus text exposition. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Outbox rows by state, read at each scrape. */
  outboxDepth?: () => Promise<Record<string, number>>;
  /** Seconds since each feed last worked, read at each scrape. */
  feedSuccessAges?: () => Promise<Record<string, number>>;
}

const OUTCOMES = ['added', 'updated', 'unchanged', 'duplicates', 'rejected'] as const;

/** Herald's metrics on a registry of its own (so tests and two apps never collide). */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  // The process metrics under their standard names (process_*, nodejs_*), as dashboards expect.
  collectDefaultMetrics({ register: registry });
  const ingested = new Counter({
    name: 'herald_stories_ingested_total',
    help: 'Stories seen by ingest, by outcome (added, updated, unchanged, duplicates, rejected)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'herald_deliveries_total',
    help: 'Sends through a platform, by platform and outcome (the kind of SendOutcome: sent, retry, ...)',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'herald_send_latency_seconds',
    help: 'Time for a platform to answer one send',
    labelNames: ['platform'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const feedPolls = new Counter({
    name: 'herald_feed_polls_total',
    help: 'Feed polls, by feed URL and outcome (ok, not_modified, failed)',
    labelNames: ['feed', 'outcome'] as const,
    registers: [registry],
  });
  outboxGauge(registry, options.outboxDepth);
  feedAgeGauge(registry, options.feedSuccessAges);
  return {
    registry,
    recordIngest: (counts) => {
      for (const outcome of OUTCOMES) ingested.inc({ outcome }, counts[outcome]);
    },
    recordSend: ({ platform, outcome, latencyMs }) => {
      deliveries.inc({ platform, outcome });
      latency.observe({ platform }, latencyMs / 1000);
    },
    recordFeedPolls: (outcomes) => {
      for (const { feedUrl, outcome } of outcomes) feedPolls.inc({ feed: feedUrl, outcome });
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

function outboxGauge(registry: Registry, read?: () => Promise<Record<string, number>>): void {
  new Gauge({
    name: 'herald_outbox_depth',
    help: 'Outbox rows by state (pending, sending, sent, failed, dead)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (read === undefined) return;
      this.reset();
      for (const [state, count] of Object.entries(await read())) this.set({ state }, count);
    },
  });
}

function feedAgeGauge(registry: Registry, read?: () => Promise<Record<string, number>>): void {
  new Gauge({
    name: 'herald_feed_last_success_age_seconds',
    help: "Seconds since each feed's last successful poll (feeds never read are absent)",
    labelNames: ['feed'] as const,
    registers: [registry],
    async collect() {
      if (read === undefined) return;
      this.reset();
      for (const [feed, age] of Object.entries(await read())) this.set({ feed }, age);
    },
  });
}
