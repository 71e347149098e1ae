import type { Log } from '../../src/index.ts';
import type { Every } from './session-lock.ts';

/** How often a logged-out WhatsApp looks for a new link in the auth folder. */
export const RELINK_CHECK_MS = 30_000;

export interface RelinkWatch {
  /** The linked account's identity (undefined while none is linked). */
  linked: () => string | undefined;
  every: Every;
  log: Log;
  /** Called once, when an account other than the logged-out one is linked. */
  onRelinked: () => void;
}

/**
 * After a logout, waits for `herald whatsapp login` to link the number again: the identity in
 * the auth folder changes (a new registration). Returns how to stop waiting.
 */
export function watchForRelink(watch: RelinkWatch): () => void {
  const loggedOut = watch.linked();
  let done = false;
  const stop = watch.every(RELINK_CHECK_MS, () => {
    const now = watch.linked();
    if (done || now === undefined || now === loggedOut) return;
    done = true;
    stop();
    watch.log.info({}, 'whatsapp linked again: reconnecting');
    watch.onRelinked();
  });
  return () => {
    done = true;
    stop();
  };
}
