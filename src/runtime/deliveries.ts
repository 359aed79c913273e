import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Profile, Reply, Session } from '../engine/index.js';
import type { ClaimOptions, Store } from '../store/index.js';
import { claimEvent } from './claim.js';
import type { Metrics, TurnOutcome } from './metrics.js';
import type { InboundEvent, OutboundReply, Progress, Turn } from './types.js';

/** One turn as measured by the runtime: `ms` from start to replies ready; `computeMs` of it spent in the engine. */
export type TurnSample = {
  readonly adapter: string;
  readonly outcome: TurnOutcome;
  readonly ms: number;
  readonly computeMs: number;
};

/** What the update function learnt about a turn: a replay, replies noted with the save, the event before it. */
type Learnt = { replay: boolean; noted: boolean; previous: string | undefined };

/** What `createDeliveries` needs. */
export type DeliveryOptions = {
  readonly store: Store<Session, Profile>;
  readonly logger: Logger;
  readonly metrics: Metrics | undefined;
  readonly onTurn: ((sample: TurnSample) => void) | undefined;
  readonly claimWaitMs: number;
  readonly handledTtlMs: number;
  readonly confirmWithinMs: number;
  readonly storeWaitMs: number;
  readonly verifyWithinMs: number;
  /** The reply when the store could not be reached. */
  readonly notSaved: Reply;
  /** The reply when the turn threw (a bug). */
  readonly internal: Reply;
  /** The reply when the sender is over the rate limit. */
  readonly limited: Reply;
};

/** The metrics outcome of a turn's replies: no reply is a replay; a runtime error reply names itself. */
function outcomeOf(replies: readonly OutboundReply[]): TurnOutcome {
  if (replies.length === 0) return 'duplicate';
  for (const reply of replies) if (reply.type === 'error' && reply.code !== 'no-interview') return reply.code;
  return 'ok';
}

/**
 * The cross-process life of an event around its turn: claim it, run the turn, hand back the noted replies of a
 * process that died (with how far it had posted them), settle the claim (handled, given up, or waiting for the
 * replies' delivery to be confirmed), record the adapter's progress, and report the turn. Also answers "was this
 * failed save applied after all?".
 */
export function createDeliveries(options: DeliveryOptions) {
  const { store, logger, metrics, handledTtlMs } = options;
  let stopping = false;
  const learnt = new Map<string, Learnt>();
  /** Time spent in `step` by each turn running now (its compute, apart from its store time). */
  const compute = new Map<string, number>();
  /** Events whose save failed after their claim: the user is told, and they are never applied later. */
  const told = new Set<string>();
  /** Events whose replies were saved here and not yet confirmed delivered, with when. */
  const unconfirmed = new Map<string, number>();
  const confirm = (eventId: string): Promise<unknown> => {
    unconfirmed.delete(eventId);
    return store.finish(eventId, handledTtlMs);
  };
  const confirmer = setInterval(
    () => {
      const due = performance.now() - options.confirmWithinMs;
      for (const [eventId, at] of unconfirmed) if (at <= due) void confirm(eventId);
    },
    Math.min(10_000, options.confirmWithinMs),
  );
  confirmer.unref();

  /** Marks an event handled as soon as the store answers again (an event the user was told was not saved). */
  async function markHandledWhenBack(eventId: string): Promise<void> {
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline && !stopping) {
      if ((await store.finish(eventId, handledTtlMs)).ok) return;
      await sleep(200, undefined, { ref: false });
    }
  }

  return {
    /** The record of what the update function learns about the turn of `eventId`. */
    learn(eventId: string): Learnt {
      let info = learnt.get(eventId);
      if (info === undefined) {
        info = { replay: false, noted: false, previous: undefined };
        learnt.set(eventId, info);
      }
      return info;
    },

    /** Adds engine time to the turn of `eventId`. */
    computed(eventId: string, ms: number): void {
      compute.set(eventId, (compute.get(eventId) ?? 0) + ms);
    },

    /**
     * After a save failed (the store went away mid-way), whether it was applied after all: the session remembers the
     * event. Asks until the store answers or `verifyWithinMs` passes; `unknown` if it never answered. When it was not
     * (or is unknown), the user is told so, and the event is marked handled once the store is back.
     */
    async applied(inbound: InboundEvent): Promise<'applied' | 'absent' | 'unknown'> {
      const deadline = performance.now() + options.verifyWithinMs;
      for (;;) {
        const loaded = await store.sessions.get(inbound.key);
        const verdict = loaded.ok
          ? loaded.value.value?.seenEventIds.includes(inbound.id) === true
            ? 'applied'
            : 'absent'
          : performance.now() > deadline || stopping
            ? 'unknown'
            : undefined;
        if (verdict === 'applied') this.learn(inbound.id).noted = true;
        if (verdict === 'absent' || verdict === 'unknown') {
          if (verdict === 'unknown') logger.warn({ key: inbound.key }, 'could not learn whether the turn was saved');
          told.add(inbound.id);
          void markHandledWhenBack(inbound.id);
        }
        if (verdict !== undefined) return verdict;
        await sleep(200, undefined, { ref: false });
      }
    },

    /**
     * Claims the event id across processes (with `claimOptions`: the rate limit, the session to enter for the turn's
     * first update), runs the turn with `run`, and settles the claim and the metrics.
     */
    async turn(
      inbound: InboundEvent,
      started: number,
      run: (inbound: InboundEvent) => Promise<readonly OutboundReply[]>,
      claimOptions: ClaimOptions,
    ): Promise<Turn> {
      const adapter = inbound.actor.platform;
      const { claim, held } = await claimEvent(
        store,
        inbound.id,
        handledTtlMs,
        options.claimWaitMs,
        options.storeWaitMs,
        claimOptions,
      );
      const report = (outcome: TurnOutcome): void => {
        const ms = performance.now() - started;
        const computeMs = compute.get(inbound.id) ?? 0;
        compute.delete(inbound.id);
        metrics?.turn(adapter, outcome, ms / 1000);
        options.onTurn?.({ adapter, outcome, ms, computeMs });
        logger.debug({ id: inbound.id, key: inbound.key, event: inbound.event.type, outcome, ms, claim }, 'turn');
      };
      if (claim === 'unavailable') {
        metrics?.storeError(adapter, 'unavailable');
        // Only a first delivery speaks: two deliveries that cannot reach the store must not disagree.
        if ((inbound.retry ?? 0) > 0) {
          report('duplicate');
          return { replies: [], posted: 0 };
        }
        report('not-saved');
        // The user is told it was not saved, so no later delivery of it may apply it.
        void markHandledWhenBack(inbound.id);
        return { replies: [options.notSaved], posted: 0 };
      }
      if (claim === 'drop') {
        metrics?.dedupeDrop(adapter);
        report('duplicate');
        return { replies: [], posted: 0 };
      }
      if (claim === 'limited') {
        await store.finish(inbound.id, handledTtlMs);
        report('rate-limited');
        return { replies: [options.limited], posted: 0 };
      }
      let replies: readonly OutboundReply[];
      let posted = 0;
      try {
        replies = await run(inbound);
      } catch (error) {
        logger.error({ err: error, key: inbound.key, event: inbound.event.type }, 'turn failed');
        replies = [options.internal];
      } finally {
        // A turn that ended before updating its session (a bug, a profile it could not read) lets the section go.
        held?.release();
      }
      const info = learnt.get(inbound.id);
      learnt.delete(inbound.id);
      let resumed = false;
      if (info?.replay === true && claim === 'taken-over' && replies.length === 0) {
        // Applied by a process that died before its replies were all posted: hand back the replies it saved, and
        // how many of their messages it had posted.
        const noted = await store.note(inbound.id);
        if (noted.ok && noted.value !== undefined) {
          replies = JSON.parse(noted.value.text) as OutboundReply[];
          posted = noted.value.posted;
          resumed = true;
          logger.info({ key: inbound.key, posted }, 'posting the replies of a turn whose process stopped delivering');
        }
      }
      const outcome = outcomeOf(replies);
      if (outcome === 'duplicate') metrics?.dedupeDrop(adapter);
      // The user answered the event before this one, so its replies were delivered: the save marked it handled.
      if (info?.previous !== undefined && outcome === 'ok') unconfirmed.delete(info.previous);
      // A bug gives the claim up, so a redelivery is tried again; a store failure the user was told about is marked
      // handled once the store is back. Replies saved with the session wait for their delivery to be confirmed;
      // anything else is handled now.
      if (told.delete(inbound.id)) logger.debug({ id: inbound.id }, 'not saved; marked handled when the store is back');
      else if (outcome === 'not-saved' || outcome === 'internal') await store.unclaim(inbound.id);
      else if ((info?.noted === true || resumed) && outcome !== 'duplicate')
        unconfirmed.set(inbound.id, performance.now());
      else await store.finish(inbound.id, handledTtlMs);
      report(outcome);
      return { replies, posted };
    },

    /**
     * The adapter posted the replies of `eventId`: all of them, or with `progress` the first `posted` units (so a
     * process taking the event over after this one died posts only the rest).
     */
    async delivered(eventId: string, progress?: Progress): Promise<void> {
      if (!unconfirmed.has(eventId)) return;
      if (progress === undefined) await confirm(eventId);
      else await store.progress(eventId, progress.posted);
    },

    /** Stops the background work and confirms every delivery still waiting (after the adapters have posted). */
    async close(): Promise<void> {
      stopping = true;
      clearInterval(confirmer);
      await Promise.allSettled([...unconfirmed.keys()].map(confirm));
    },
  };
}
