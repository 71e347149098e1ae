/** What Herald remembers about one feed between polls. */
export interface FeedState {
  url: string;
  etag?: string;
  lastModified?: string;
  lastFetchAt?: Date;
  /** The last failure's reason; cleared by the next success. */
  lastError?: string;
  consecutiveFailures: number;
  /** Not fetched before this time (backoff after failures, or the feed's own pace). */
  nextAttemptAt?: Date;
  /** True once a fetch has yielded the feed's items (later fetches announce everything new). */
  firstFetchDone: boolean;
  /** Items taken from the feed so far, all fetches together. */
  itemsSeen: number;
  /** The first 404 of the answers in a row that were 404 (cleared by any other answer). */
  notFoundSince?: Date;
  /** When the feed was stopped (410 Gone, or 404 for too long); never polled until resumed. */
  stoppedAt?: Date;
  /** Why it was stopped, as shown by `herald feeds`. */
  stoppedReason?: string;
}

/** The per-feed state port. SQLite implements it; tests use the in-memory one below. */
export interface FeedStateStore {
  getFeedState(url: string): Promise<FeedState | undefined>;
  allFeedStates(): Promise<FeedState[]>;
  saveFeedState(state: FeedState): Promise<void>;
  removeFeedState(url: string): Promise<void>;
}

/** An in-memory FeedStateStore: for tests and for one-off checks that store nothing. */
export function createMemoryFeedStateStore(initial: FeedState[] = []): FeedStateStore {
  const states = new Map(initial.map((s) => [s.url, { ...s }]));
  return {
    getFeedState: (url) => Promise.resolve(copy(states.get(url))),
    allFeedStates: () => Promise.resolve([...states.values()].map((s) => ({ ...s }))),
    saveFeedState: (state) => {
      states.set(state.url, { ...state });
      return Promise.resolve();
    },
    removeFeedState: (url) => {
      states.delete(url);
      return Promise.resolve();
    },
  };
}

function copy(state: FeedState | undefined): FeedState | undefined {
  return state === undefined ? undefined : { ...state };
}
