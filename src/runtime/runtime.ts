import type { Logger } from 'pino';
import {
  fold,
  hashSeed,
  type Library,
  type Profile,
  type Reply,
  type Session,
  type StartOptions,
  seededRandom,
  step,
  summarise,
  weakestConcepts,
} from '../engine/index.js';
import type { Loaded, Store } from '../store/index.js';
import { createAccounts, profileKey } from './accounts.js';
import { createDeliveries, type TurnSample } from './deliveries.js';
import type { Metrics } from './metrics.js';
import type { Actor, InboundEvent, OutboundReply, Overview, Progress, Turn } from './types.js';

/** How many recent platform event ids a session remembers for dedupe. */
export const SEEN_EVENTS = 50;

export type { TurnSample };
export { profileKey };

export type RuntimeOptions = {
  readonly store: Store<Session, Profile>;
  readonly library: Library;
  readonly logger: Logger;
  /** Epoch milliseconds; injectable for tests. */
  readonly clock?: () => number;
  /** Idle live sessions older than this are filed in the history and set aside. */
  readonly sessionTtlMs: number;
  /** Events per user per minute, counted with each event's claim: across every process on a shared store. */
  readonly rateLimitPerMinute: number;
  /** Counts turns, drops and store errors; none when absent. */
  readonly metrics?: Metrics;
  /**
   * The longest a delivery waits for another live process that is working on the same event (a process that dies
   * stops its heartbeat, and its claims pass on sooner). Default 10 s.
   */
  readonly claimWaitMs?: number;
  /**
   * How long replies saved with a turn wait for their delivery to be confirmed (`delivered`, or the next event of
   * the same session) before they count as delivered; default 60 s. Until then a redelivery of the event to another
   * process, after this one died, posts them again.
   */
  readonly confirmWithinMs?: number;
  /**
   * How long a turn waits for an unreachable store before telling the user it was not saved: to claim the event
   * (default 2 s), and, when a save failed mid-way, to learn whether it was applied after all (default 10 s).
   */
  readonly storeWaitMs?: number;
  readonly verifyWithinMs?: number;
  /** How long a handled event id is remembered across processes, so a late retry is dropped; default 1 hour. */
  readonly handledTtlMs?: number;
  /** Called after every turn with its timings (load tests; metrics use their own path). */
  readonly onTurn?: (sample: TurnSample) => void;
};

export interface Runtime {
  /**
   * Runs one inbound event: claim, lock, load, dedupe, step, save; resolves to the replies to deliver (already
   * saved). After a takeover these are every noted reply, however many were posted; `turn` says how many.
   */
  handle(inbound: InboundEvent): Promise<readonly OutboundReply[]>;
  /**
   * `handle` for an adapter that posts the replies itself: also says how many of their messages a process that died
   * had posted already. Report each message posted with `delivered(inbound, { posted })`, then `delivered(inbound)`.
   */
  turn(inbound: InboundEvent): Promise<Turn>;
  /** The user's interview in progress and history, read without changing anything; undefined if the store is down. */
  overview(actor: Actor): Promise<Overview | undefined>;
  /**
   * Files every idle session older than the TTL into its user's history, and every finished one left out of it for
   * over a minute; resolves to how many. Each is claimed first, so with several processes sweeping one store each
   * session is filed by one of them.
   */
  sweep(): Promise<number>;
  /**
   * Says the replies of `inbound` have been delivered (adapters call it after posting them), or with `progress` that
   * the first `posted` messages of them have. Until all are, or until the next event of the session, a redelivery
   * of the event after this process died posts the saved replies again, from the first message not recorded.
   */
  delivered(inbound: Pick<InboundEvent, 'id'>, progress?: Progress): Promise<void>;
  /**
   * Stops taking events (later ones get a polite `not-saved` reply), resolves once the turns under way end, and
   * marks their replies delivered (call it after the adapters have stopped and posted).
   */
  drain(): Promise<void>;
}

const notSaved: Reply = {
  type: 'error',
  code: 'not-saved',
  text: 'I could not save that just now, so it was NOT recorded. Please send it again in a moment.',
};
const internal: Reply = {
  type: 'error',
  code: 'internal',
  text: 'Something went wrong on my side and nothing was changed. Please try again.',
};

const draining: Reply = {
  type: 'error',
  code: 'not-saved',
  text: 'I am restarting, so that was NOT recorded. Please send it again in a moment.',
};

const limited: Reply = {
  type: 'error',
  code: 'rate-limited',
  text: 'That is a lot of messages at once: give it a minute, then carry on.',
};

const stale: Reply = {
  type: 'error',
  code: 'stale',
  text: 'That button belongs to an earlier question or interview, so it changes nothing now.',
};

/** Whether a button's reference still points at the session and question in play. */
function matches(session: Session | undefined, ref: NonNullable<InboundEvent['ref']>): boolean {
  if (session === undefined || session.id !== ref.sessionId) return false;
  if (ref.question === undefined) return true;
  const { state } = session;
  const live = state.phase === 'paused' ? state.resume : state;
  return (live.phase === 'asking' || live.phase === 'probing') && live.turn.index + 1 === ref.question;
}

/** A turn's outcome, or a session to file in the history before the turn can run (idle, or finished but unfiled). */
type TurnResult =
  | { readonly replies: readonly Reply[]; readonly session: Session | undefined }
  | { readonly idle: Session }
  | { readonly unfiled: Session };
type Change = {
  readonly next: Session | undefined;
  readonly result: TurnResult;
  readonly note?: { readonly eventId: string; readonly text: string };
  readonly handled?: { readonly eventId: string; readonly ttlMs: number };
};

/** How long a finished interview may wait for its own turn to file it before a sweep does. */
const UNFILED_GRACE_MS = 60_000;

function isLive(session: Session): boolean {
  return session.state.phase !== 'finished';
}

/** A finished interview not (yet) filed in its owner's history. */
function isUnfiled(session: Session): boolean {
  return !isLive(session) && !session.archived;
}

/** Wires the engine to the store: the one place where the pieces meet. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { store, library, logger, sessionTtlMs } = options;
  const clock = options.clock ?? Date.now;
  const accounts = createAccounts({ store, library, logger });
  const handledTtlMs = options.handledTtlMs ?? 3_600_000;

  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  const deliveries = createDeliveries({
    store,
    logger,
    metrics: options.metrics,
    onTurn: options.onTurn,
    claimWaitMs: options.claimWaitMs ?? 10_000,
    handledTtlMs,
    confirmWithinMs: options.confirmWithinMs ?? 60_000,
    storeWaitMs: options.storeWaitMs ?? 2000,
    verifyWithinMs: options.verifyWithinMs ?? 10_000,
    notSaved,
    internal,
    limited,
  });
  const expired = (session: Session, now: number) => isLive(session) && now - session.updatedAt > sessionTtlMs;

  /**
   * Adds a session's summary to its owner's profile. A finished session ends when it finished and is then marked
   * archived; an idle one (`idleAt`, the time it was found idle) is about to be replaced or removed, so it is not.
   */
  async function archive(userKey: string, sessionKey: string, session: Session, idleAt?: number) {
    const endedAt = idleAt ?? (session.state.phase === 'finished' ? session.state.at : session.updatedAt);
    const entry = summarise(session, endedAt, idleAt !== undefined);
    const folded = await store.profiles.update(userKey, (profile) => ({ next: fold(profile, entry), result: true }));
    if (!folded.ok) return false;
    if (idleAt !== undefined) return true;
    const marked = await store.sessions.update(sessionKey, (current) =>
      current?.id === session.id
        ? { next: { ...current, archived: true }, result: true }
        : { next: current, result: false },
    );
    return marked.ok;
  }

  async function startOptions(inbound: InboundEvent, options: StartOptions): Promise<StartOptions | undefined> {
    if (options.focus !== 'weakest') return options;
    const profile = await store.profiles.get(profileKey(inbound.actor));
    if (!profile.ok) return undefined;
    return { ...options, weakConcepts: weakestConcepts(profile.value.value) };
  }

  /** The turn of a claimed event (whose claim may have entered the session: its first update then takes no lock). */
  async function run(inbound: InboundEvent): Promise<readonly OutboundReply[]> {
    const now = clock();
    const request = inbound.event;
    if (request.type === 'history' || request.type === 'forget') return accounts.answer(inbound, request);
    const event = request.type === 'start' ? await startOptions(inbound, request.options) : undefined;
    if (request.type === 'start' && event === undefined) return [notSaved];
    const ctx = { now, random: seededRandom(hashSeed(inbound.id)), library };
    const interviewEvent =
      request.type === 'start' && event !== undefined ? { type: 'start' as const, options: event } : request;
    // An idle session is filed in the history first, so its summary is kept before the key is reused.
    let filedId: string | undefined;
    let conflicts = 0;
    for (;;) {
      const apply = (current: Session | undefined, loaded: Loaded): Change => {
        if (current?.seenEventIds.includes(inbound.id)) {
          deliveries.learn(inbound.id).replay = true;
          return { next: current, result: { replies: [], session: current } };
        }
        if (inbound.ref !== undefined && !matches(current, inbound.ref))
          return { next: current, result: { replies: [stale], session: current } };
        if (current !== undefined && expired(current, now) && current.id !== filedId)
          return { next: current, result: { idle: current } };
        // A finished interview whose filing failed (or whose process died first) is filed before anything else is
        // done with the session: a new start would otherwise replace it and lose it from the history.
        if (current !== undefined && isUnfiled(current)) return { next: current, result: { unfiled: current } };
        const before: Reply[] = [];
        if (loaded.quarantined)
          before.push({
            type: 'notice',
            text: 'Your saved interview could not be read, so it was set aside and you start afresh.',
          });
        const base = current !== undefined && current.id === filedId ? undefined : current;
        if (base !== current)
          before.push({
            type: 'notice',
            text: 'Your last interview was idle for a long time, so I filed it in your history.',
          });
        const stepStarted = performance.now();
        const result = step(base, interviewEvent, ctx);
        deliveries.computed(inbound.id, performance.now() - stepStarted);
        const next = result.session && remember(result.session, inbound.id, now);
        const replies = [...before, ...result.replies];
        // The replies are noted with the save, so a process that takes this event over after this one died can
        // post them; the event before this one was answered (the user replied to it), so the save marks it handled.
        const info = deliveries.learn(inbound.id);
        info.previous = current?.seenEventIds.at(-1);
        info.noted = next !== undefined && replies.length > 0;
        const note = info.noted ? { note: { eventId: inbound.id, text: JSON.stringify(replies) } } : {};
        const previous = info.previous;
        const handled =
          previous === undefined || previous === inbound.id
            ? {}
            : { handled: { eventId: previous, ttlMs: handledTtlMs } };
        return { next, result: { replies, session: next }, ...note, ...handled };
      };
      const outcome = await store.sessions.update(inbound.key, apply);
      // Another process saved first (this one's lease ran out, e.g. it was paused): load again and redo the turn. The
      // event may have been handled there already, and then the retry changes nothing and replies nothing.
      if (!outcome.ok && outcome.error.code === 'conflict' && ++conflicts <= 3) continue;
      if (!outcome.ok && outcome.error.code !== 'conflict') {
        // The save may have reached the store before the connection broke: never tell the user "not recorded" (they
        // would send it again, and it would count twice) without checking.
        if ((await deliveries.applied(inbound)) === 'applied') {
          const noted = await store.note(inbound.id);
          if (noted.ok && noted.value !== undefined) return JSON.parse(noted.value.text) as OutboundReply[];
          return [{ type: 'notice', text: 'Your last message was saved.' }];
        }
      }
      if (!outcome.ok) {
        logger.warn({ key: inbound.key, code: outcome.error.code }, 'session not saved');
        options.metrics?.storeError(inbound.actor.platform, outcome.error.code);
        return [notSaved];
      }
      const turn = outcome.value;
      if ('unfiled' in turn) {
        if (!(await archive(profileKey(inbound.actor), inbound.key, turn.unfiled))) return [notSaved];
        continue;
      }
      if ('idle' in turn) {
        if (!(await archive(profileKey(inbound.actor), inbound.key, turn.idle, now))) return [notSaved];
        filedId = turn.idle.id;
        continue;
      }
      const { replies, session } = turn;
      if (session !== undefined && isUnfiled(session)) {
        if (!(await archive(profileKey(inbound.actor), inbound.key, session)))
          return [
            ...replies,
            { type: 'notice', text: 'I could not add this interview to your history yet; I will try again next time.' },
          ];
      }
      return replies;
    }
  }

  async function turn(inbound: InboundEvent): Promise<Turn> {
    if (stopping) return { replies: [draining], posted: 0 };
    const started = performance.now();
    const rate = { key: profileKey(inbound.actor), limit: options.rateLimitPerMinute, windowMs: 60_000, now: clock() };
    // An interview event goes straight to its session: the claim also locks and loads it (one round trip on Redis).
    const type = inbound.event.type;
    const enter = type === 'history' || type === 'forget' ? {} : { enter: inbound.key };
    const work = deliveries.turn(inbound, started, run, { rate, ...enter });
    inFlight.add(work);
    try {
      return await work;
    } finally {
      inFlight.delete(work);
    }
  }

  return {
    overview: accounts.overview,
    turn,
    handle: async (inbound) => (await turn(inbound)).replies,
    delivered: (inbound, progress) => deliveries.delivered(inbound.id, progress),
    async drain() {
      stopping = true;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await deliveries.close();
    },
    async sweep() {
      const now = clock();
      let filed = 0;
      // Collect first: some backends page keys by position, and filing deletes as it goes.
      const keys: string[] = [];
      for await (const key of store.sessions.keys()) keys.push(key);
      for (const key of keys) {
        if (stopping) break;
        if (!key.startsWith('solo:')) continue;
        const loaded = await store.sessions.get(key);
        const session = loaded.ok ? loaded.value.value : undefined;
        if (session === undefined) continue;
        // A finished interview left out of the history (its filing failed, its process died first) is filed too,
        // once its own turn has had time to do it.
        const unfiled = isUnfiled(session) && now - session.updatedAt > UNFILED_GRACE_MS;
        if (!unfiled && !expired(session, now)) continue;
        // Timed work is claimed like an event: whichever process claims it first files the session; if that
        // process dies, the claim lapses and the next sweep anywhere does it (filing is idempotent per session id).
        const work = `${unfiled ? 'file' : 'expire'}:${key}:${session.id}:${session.updatedAt}`;
        const claimed = await store.claim(work, handledTtlMs);
        if (!claimed.ok || (claimed.value.state !== 'claimed' && claimed.value.state !== 'taken-over')) continue;
        const [, platform, ...rest] = key.split(':');
        const user = `${platform}:${rest.join(':')}`;
        if (!(await archive(user, key, session, unfiled ? undefined : now))) {
          await store.unclaim(work);
          continue;
        }
        if (unfiled) {
          // Filed and marked so: the session stays, as any finished one does.
          await store.finish(work, handledTtlMs);
          filed++;
          continue;
        }
        // Under the session's lock: only the very session that was filed goes, and only if it is still idle (an
        // answer that arrived meanwhile keeps it, with its new activity).
        const removed = await store.sessions.update(key, (current) =>
          current?.id === session.id && expired(current, now)
            ? { next: undefined, result: true }
            : { next: current, result: false },
        );
        await store.finish(work, handledTtlMs);
        if (removed.ok && removed.value) filed++;
      }
      return filed;
    },
  };
}

/** Records a handled event id on the session (newest last, bounded); any event counts as activity. */
function remember(session: Session, eventId: string, now: number): Session {
  return { ...session, updatedAt: now, seenEventIds: [...session.seenEventIds, eventId].slice(-SEEN_EVENTS) };
}
