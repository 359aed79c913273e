import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/index.js';

/** How often a delivery whose event another live process is working on checks again. */
const POLL_MS = 20;

/** What to do with a delivered event: handle it, handle it for a claimer that died, drop it, or report the store down. */
export type EventClaim = 'claimed' | 'taken-over' | 'drop' | 'unavailable';

/**
 * Claims a platform event id for this process before its turn. Drops a delivery whose event was handled, or was
 * applied by a live process that is delivering the replies. While a live process is still working on it, waits (at
 * most `maxWaitMs`) for that to end: a claim given up (that turn failed) or taken over (that process died) means
 * this delivery handles it, so a redelivered event is never lost. A store that does not answer is asked again for
 * `storeWaitMs` (a blip is ridden out, and processes cannot coordinate without it) before `unavailable`.
 */
export async function claimEvent(
  store: Pick<Store<unknown, unknown>, 'claim'>,
  eventId: string,
  ttlMs: number,
  maxWaitMs: number,
  storeWaitMs = 0,
): Promise<EventClaim> {
  const started = performance.now();
  const deadline = started + maxWaitMs;
  for (;;) {
    // An attempt never outlasts the wait for the store: every process gives up on an event at the same moment.
    const left = storeWaitMs - (performance.now() - started);
    const claim = await Promise.race([
      store.claim(eventId, ttlMs),
      sleep(Math.max(left, 0) + 50).then(() => ({ ok: false }) as const),
    ]);
    if (!claim.ok) {
      if (performance.now() - started >= storeWaitMs) return 'unavailable';
      await sleep(100);
      continue;
    }
    switch (claim.value) {
      case 'claimed':
      case 'taken-over':
        return claim.value;
      case 'handled':
      case 'saved':
        return 'drop';
      case 'in-flight':
        // Its claimer is alive and will answer; past the wait this delivery is dropped like any duplicate.
        if (performance.now() > deadline) return 'drop';
        await sleep(POLL_MS);
        break;
      default:
        return claim.value satisfies never;
    }
  }
}
