import { DEFAULT_DELIVERY_CONFIG } from '../../src/delivery/delivery-config.ts';

/**
 * The delivery settings of each process of test/integration/postgres-fleet.test.ts: limits
 * raised (seconds for 10,000 sends, not minutes) and a short lease, so the survivors take over
 * a killed process's rows soon (long enough that a busy machine does not lose live leases).
 */
export const FLEET_TEST_CONFIG = {
  ...DEFAULT_DELIVERY_CONFIG,
  leaseMs: 4000,
  backoffBaseMs: 50,
  backoffMaxMs: 500,
  maxInFlight: 16,
  rates: {
    ...DEFAULT_DELIVERY_CONFIG.rates,
    telegram: { globalPerSec: 100_000, perChatPerSec: 100_000, perGroupPerMin: 1_000_000 },
  },
};
