import { setTimeout as sleep } from 'node:timers/promises';
import type { ClaimOptions, Held, Store } from '../store/index.js';

/** How often a delivery whose event another live process is working on checks again. */
const POLL_MS = 20;

/**
 * What to do with a delivered event: handle it, tell its sender they are over the rate limit, handle it for a
 * claimer that died, drop it, or report the store down.
 */
export type EventClaim = 'claimed' | 'limited' | 'taken-over' | 'drop' | 'unavailable';

/**
 * Claims a platform event id for this process before its turn. Drops a delivery whose event was handled, or was
 * applied by a live process that is delivering the replies. While a live process is still working on it, waits (at
 * most `maxWaitMs`) for that to end: a claim given up (that turn failed) or taken over (that process died) means
 * this delivery handles it, so a redelivered event is never lost. A store that does not answer is asked again for
 * `storeWaitMs` (a blip is ridden out, and processes cannot coordinate without it) before `unavailable`.
 * `options` go with every attempt (see `ClaimOptions`); a `held` section comes back with a claim that entered one.
 */
export async function claimEvent(
  store: Pick<Store<unknown, unknown>, 'claim'>,
  eventId: string,
  ttlMs: number,
  maxWaitMs: number,
  storeWaitMs = 0,
  options: ClaimOptions = {},
): Promise<{ readonly claim: EventClaim; readonly held?: Held }> {
  const started = performance.now();
  const deadline = started + maxWaitMs;
  for (;;) {
    // An attempt never outlasts the wait for the store: every process gives up on an event at the same moment.
    const left = storeWaitMs - (performance.now() - started);
    const attempt = store.claim(eventId, ttlMs, options);
    // The deadline is cleared as soon as the store answers: left running, every event would keep a timer alive for
    // the whole wait. (A plain timer: aborting a promised one builds an AbortError, stack and all, on every event.)
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ readonly ok: false }>((resolve) => {
      timer = setTimeout(resolve, Math.max(left, 0) + 50, { ok: false });
    });
    const claim = await Promise.race([attempt, late]);
    clearTimeout(timer);
    if (!claim.ok) {
      // An attempt given up on may still enter a section when it answers: leave it at once.
      void attempt.then((late) => late.ok && late.value.held?.release());
      if (performance.now() - started >= storeWaitMs) return { claim: 'unavailable' };
      await sleep(100);
      continue;
    }
    const { state, held } = claim.value;
    switch (state) {
      case 'claimed':
      case 'taken-over':
        return held === undefined ? { claim: state } : { claim: state, held };
      case 'limited':
        return { claim: 'limited' };
      case 'handled':
      case 'saved':
        return { claim: 'drop' };
      case 'in-flight':
        // Its claimer is alive and will answer; past the wait this delivery is dropped like any duplicate.
        if (performance.now() > deadline) return { claim: 'drop' };
        await sleep(POLL_MS);
        break;
      default:
        return state satisfies never;
    }
  }
}
