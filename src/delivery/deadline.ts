import type { SendOutcome } from '../domain/platform.ts';

/**
 * The platform's answer, or a transient failure once `ms` pass without one: whatever an
 * adapter's own timeouts are, a send never holds its row past its lease (DeliveryConfig).
 */
export async function withDeadline(send: Promise<SendOutcome>, ms: number): Promise<SendOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<SendOutcome>((resolve) => {
    timer = setTimeout(() => {
      resolve({
        kind: 'transient',
        reason: `no answer within ${ms} ms (DELIVERY_SEND_TIMEOUT_MS)`,
      });
    }, ms);
  });
  try {
    return await Promise.race([send, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
