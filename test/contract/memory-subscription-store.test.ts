import { createMemorySubscriptionStore } from '../support/memory-subscription-store.ts';
import { subscriptionStoreContract } from './subscription-store.contract.ts';

// The tests' own store runs the same contract, so a fake never behaves unlike the real ones.
subscriptionStoreContract('memory (tests)', {
  open: () =>
    Promise.resolve({ store: createMemorySubscriptionStore(), close: () => Promise.resolve() }),
});
