/** The feeds part of Herald's configuration (read and validated in src/app/config.ts). */
export interface FeedsConfig {
  /** The feeds file (YAML): the list of feeds and their options. */
  file: string;
  /** Lets feeds on loopback/private addresses through the SSRF guard (tests, LANs). */
  allowPrivateHosts: boolean;
  userAgent: string;
  /** Total time for one fetch (connect, redirects, body). */
  timeoutMs: number;
  /** Largest body accepted, counted while streaming (after decompression). */
  maxBytes: number;
  perHostConcurrency: number;
  /** On a feed's first fetch, only this many of its newest items are announced. */
  firstFetchAnnounce: number;
  /** node-cron expression of the poll tick. */
  schedule: string;
  /** A feed answering 404 for this long is stopped (a 410 stops it at once). */
  stopAfterNotFoundMs: number;
}
