/** Runs at most `perHost` tasks at a time for each host; the others wait their turn. */
export interface HostLimiter {
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
}

export function createHostLimiter(perHost: number): HostLimiter {
  const active = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  const acquire = (host: string): Promise<void> => {
    const n = active.get(host) ?? 0;
    if (n < perHost) {
      active.set(host, n + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(host) ?? [];
      queue.push(resolve);
      waiting.set(host, queue);
    });
  };

  const release = (host: string): void => {
    const next = waiting.get(host)?.shift();
    if (next !== undefined) {
      next(); // the slot passes straight to the next task
      return;
    }
    const n = (active.get(host) ?? 1) - 1;
    if (n === 0) active.delete(host);
    else active.set(host, n);
    waiting.delete(host);
  };

  return {
    async run(host, task) {
      await acquire(host);
      try {
        return await task();
      } finally {
        release(host);
      }
    },
  };
}
