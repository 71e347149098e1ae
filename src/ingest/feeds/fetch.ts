import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { createHostLimiter } from './host-limiter.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';
import {
  BlockedAddressError,
  assertLiteralHostAllowed,
  guardedLookup,
  systemResolver,
  type Resolver,
} from './ssrf-guard.ts';

export interface FetchRequest {
  url: string;
  etag?: string;
  lastModified?: string;
  accept?: string;
}

export type FetchOutcome =
  | {
      kind: 'ok';
      /** The URL the body came from, after redirects. */
      url: string;
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
    }
  | { kind: 'not-modified'; url: string }
  | { kind: 'failed'; reason: string; status?: number; retryAfter?: string };

/** Fetches one URL politely and safely; failures are values, never thrown. */
export type Fetcher = (request: FetchRequest) => Promise<FetchOutcome>;

export interface FetcherOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  perHostConcurrency: number;
  allowPrivateHosts: boolean;
  maxRedirects?: number;
  resolver?: Resolver;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** A fetcher with the SSRF guard, timeouts, the body limit and a per-host concurrency limit. */
export function createFetcher(options: FetcherOptions): Fetcher {
  const limiter = createHostLimiter(options.perHostConcurrency);
  return async (request) => {
    let host: string;
    try {
      host = new URL(request.url).host;
    } catch {
      return { kind: 'failed', reason: `not a URL: ${request.url}` };
    }
    return limiter.run(host, () => fetchFollowing(request, options));
  };
}

async function fetchFollowing(
  request: FetchRequest,
  options: FetcherOptions,
): Promise<FetchOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const seen = new Set<string>();
  let url = request.url;
  try {
    for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop++) {
      if (seen.has(url)) return { kind: 'failed', reason: `redirect loop at ${url}` };
      seen.add(url);
      const res = await requestOnce(new URL(url), request, options, signal);
      const next = redirectTarget(res, url);
      if (next === undefined) return await settle(res, url, options.maxBytes);
      res.resume();
      url = next;
    }
    return {
      kind: 'failed',
      reason: `too many redirects (more than ${options.maxRedirects ?? 5})`,
    };
  } catch (err) {
    const reason = signal.aborted
      ? `timed out after ${options.timeoutMs} ms`
      : failureReason(err, options.timeoutMs);
    return { kind: 'failed', reason };
  }
}

function redirectTarget(res: IncomingMessage, from: string): string | undefined {
  const location = res.headers.location;
  if (!REDIRECTS.has(res.statusCode ?? 0) || location === undefined) return undefined;
  return new URL(location, from).toString();
}

async function settle(res: IncomingMessage, url: string, maxBytes: number): Promise<FetchOutcome> {
  const status = res.statusCode ?? 0;
  if (status === 304) {
    res.resume();
    return { kind: 'not-modified', url };
  }
  if (status < 200 || status > 299) {
    res.resume();
    const failed = { kind: 'failed', reason: `HTTP ${status} from ${url}`, status } as const;
    return { ...failed, ...optional('retryAfter', res.headers['retry-after']) };
  }
  const body = await readBody(res, maxBytes);
  return {
    kind: 'ok',
    url,
    body,
    ...optional('contentType', res.headers['content-type']),
    ...optional('etag', res.headers.etag),
    ...optional('lastModified', res.headers['last-modified']),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function requestOnce(
  url: URL,
  request: FetchRequest,
  options: FetcherOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new Error(`refused ${url.protocol} URL (only http and https)`));
  }
  assertLiteralHostAllowed(url, options.allowPrivateHosts);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      headers: requestHeaders(request, options.userAgent),
      lookup: guardedLookup(options.allowPrivateHosts, options.resolver ?? systemResolver),
      agent: false,
      signal,
      timeout: Math.min(options.timeoutMs, 10_000),
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} (connect timeout)`)));
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

function requestHeaders(request: FetchRequest, userAgent: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'user-agent': userAgent,
    accept: request.accept ?? FEED_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (request.etag !== undefined) headers['if-none-match'] = request.etag;
  if (request.lastModified !== undefined) headers['if-modified-since'] = request.lastModified;
  return headers;
}

function failureReason(err: unknown, timeoutMs: number): string {
  if (err instanceof BlockedAddressError || err instanceof BodyTooLargeError) return err.message;
  if (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  const code = (err as { code?: unknown }).code;
  if (code === 'ENOTFOUND') return 'host not found (DNS)';
  if (code === 'ECONNREFUSED') return 'connection refused';
  return err instanceof Error ? err.message : String(err);
}
