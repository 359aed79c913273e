import type { Logger } from 'pino';
import {
  conceptTrend,
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
import type { Store } from '../store/index.js';
import { createRateLimiter } from './rate-limit.js';
import type { Actor, HistoryReply, InboundEvent, OutboundReply, Overview } from './types.js';

/** How many recent platform event ids a session remembers for dedupe. */
export const SEEN_EVENTS = 50;

export type RuntimeOptions = {
  readonly store: Store<Session, Profile>;
  readonly library: Library;
  readonly logger: Logger;
  /** Epoch milliseconds; injectable for tests. */
  readonly clock?: () => number;
  /** Idle live sessions older than this are filed in the history and set aside. */
  readonly sessionTtlMs: number;
  readonly rateLimitPerMinute: number;
};

export interface Runtime {
  /** Runs one inbound event: lock, load, dedupe, step, save; resolves to the replies to deliver (already saved). */
  handle(inbound: InboundEvent): Promise<readonly OutboundReply[]>;
  /** The user's interview in progress and history, read without changing anything; undefined if the store is down. */
  overview(actor: Actor): Promise<Overview | undefined>;
  /** Files every idle session older than the TTL into its user's history; resolves to how many. */
  sweep(): Promise<number>;
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

/** `<platform>:<userId>`: the profile key of an actor. */
export function profileKey(actor: Pick<Actor, 'platform' | 'userId'>): string {
  return `${actor.platform}:${actor.userId}`;
}

type TurnResult =
  | { readonly replies: readonly Reply[]; readonly session: Session | undefined }
  | { readonly idle: Session };
type Change = { readonly next: Session | undefined; readonly result: TurnResult };

function isLive(session: Session): boolean {
  return session.state.phase !== 'finished';
}

/** Wires the engine to the store: the one place where the pieces meet. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { store, library, logger, sessionTtlMs } = options;
  const clock = options.clock ?? Date.now;
  const limiter = createRateLimiter(options.rateLimitPerMinute);
  const expired = (session: Session, now: number) => isLive(session) && now - session.updatedAt > sessionTtlMs;

  /** Adds a session's summary to its owner's profile, then marks it archived. */
  async function archive(userKey: string, sessionKey: string, session: Session, now: number, idle: boolean) {
    const entry = summarise(session, now, idle);
    const folded = await store.profiles.update(userKey, (profile) => ({ next: fold(profile, entry), result: true }));
    if (!folded.ok) return false;
    if (idle) return true;
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

  async function account(inbound: InboundEvent, event: Extract<InboundEvent['event'], { type: 'history' | 'forget' }>) {
    if (event.type === 'forget') {
      if (!event.confirmed) return [{ type: 'confirm-forget' } as const];
      const removed = await store.forget(inbound.actor.platform, inbound.actor.userId);
      if (!removed.ok)
        return [{ ...notSaved, text: 'I could not reach the store, so nothing was deleted. Please try again.' }];
      logger.info({ user: profileKey(inbound.actor), removed: removed.value.length }, 'forgot a user');
      return [{ type: 'forgotten', keys: removed.value } as const];
    }
    const history = await historyOf(inbound.actor);
    return history === undefined
      ? [{ ...notSaved, text: 'I could not load your history just now. Please try again.' }]
      : [history];
  }

  async function historyOf(actor: Actor): Promise<HistoryReply | undefined> {
    const profile = await store.profiles.get(profileKey(actor));
    if (!profile.ok) return undefined;
    const pack = library.packs.get(library.defaultPackId)?.pack;
    const label = (id: string) => pack?.concepts.find((c) => c.id === id)?.label ?? id;
    const entries = profile.value.value?.history ?? [];
    const trend = conceptTrend(profile.value.value).map((t) => ({ ...t, label: label(t.id) }));
    return { type: 'history', entries: entries.slice(-10), trend };
  }

  async function run(inbound: InboundEvent): Promise<readonly OutboundReply[]> {
    const now = clock();
    if (!limiter.allow(profileKey(inbound.actor), now))
      return [
        {
          type: 'error',
          code: 'rate-limited',
          text: 'That is a lot of messages at once: give it a minute, then carry on.',
        },
      ];
    const request = inbound.event;
    if (request.type === 'history' || request.type === 'forget') return account(inbound, request);
    const event = request.type === 'start' ? await startOptions(inbound, request.options) : undefined;
    if (request.type === 'start' && event === undefined) return [notSaved];
    const ctx = { now, random: seededRandom(hashSeed(inbound.id)), library };
    const interviewEvent =
      request.type === 'start' && event !== undefined ? { type: 'start' as const, options: event } : request;
    // An idle session is filed in the history first, so its summary is kept before the key is reused.
    let filedId: string | undefined;
    for (;;) {
      const outcome = await store.sessions.update(inbound.key, (current, loaded): Change => {
        if (current?.seenEventIds.includes(inbound.id))
          return { next: current, result: { replies: [], session: current } };
        if (inbound.ref !== undefined && !matches(current, inbound.ref))
          return { next: current, result: { replies: [stale], session: current } };
        if (current !== undefined && expired(current, now) && current.id !== filedId)
          return { next: current, result: { idle: current } };
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
        const result = step(base, interviewEvent, ctx);
        const next = result.session && remember(result.session, inbound.id, now);
        return { next, result: { replies: [...before, ...result.replies], session: next } };
      });
      if (!outcome.ok) {
        logger.warn({ key: inbound.key, code: outcome.error.code }, 'session not saved');
        return [notSaved];
      }
      const turn = outcome.value;
      if ('idle' in turn) {
        if (!(await archive(profileKey(inbound.actor), inbound.key, turn.idle, now, true))) return [notSaved];
        filedId = turn.idle.id;
        continue;
      }
      const { replies, session } = turn;
      if (session !== undefined && session.state.phase === 'finished' && !session.archived) {
        const archived = await archive(profileKey(inbound.actor), inbound.key, session, session.state.at, false);
        if (!archived)
          return [
            ...replies,
            { type: 'notice', text: 'I could not add this interview to your history yet; I will try again next time.' },
          ];
      }
      return replies;
    }
  }

  return {
    async overview(actor) {
      const [loaded, history] = await Promise.all([
        store.sessions.get(`solo:${actor.platform}:${actor.userId}`),
        historyOf(actor),
      ]);
      if (!loaded.ok || history === undefined) return undefined;
      const session = loaded.value.value;
      if (session === undefined) return { current: null, history };
      const { state } = session;
      const live = state.phase === 'paused' ? state.resume : state;
      const question = live.phase === 'asking' || live.phase === 'probing' ? live.turn.index + 1 : null;
      const answered = session.answers.filter((r) => r.score !== null).length;
      const current = {
        sessionId: session.id,
        phase: state.phase,
        question,
        total: session.questionIds.length,
        answered,
      };
      return { current, history };
    },
    async handle(inbound) {
      const started = performance.now();
      try {
        const replies = await run(inbound);
        logger.debug({ key: inbound.key, event: inbound.event.type, ms: performance.now() - started }, 'turn');
        return replies;
      } catch (error) {
        logger.error({ err: error, key: inbound.key, event: inbound.event.type }, 'turn failed');
        return [internal];
      }
    },
    async sweep() {
      const now = clock();
      let filed = 0;
      // Collect first: some backends page keys by position, and filing deletes as it goes.
      const keys: string[] = [];
      for await (const key of store.sessions.keys()) keys.push(key);
      for (const key of keys) {
        const loaded = await store.sessions.get(key);
        const session = loaded.ok ? loaded.value.value : undefined;
        if (session === undefined || !expired(session, now)) continue;
        const [, platform, ...rest] = key.split(':');
        const user = `${platform}:${rest.join(':')}`;
        if (!key.startsWith('solo:') || !(await archive(user, key, session, now, true))) continue;
        await store.sessions.update(key, (current) =>
          current?.id === session.id ? { next: undefined, result: true } : { next: current, result: false },
        );
        filed++;
      }
      return filed;
    },
  };
}

/** Records a handled event id on the session (newest last, bounded); any event counts as activity. */
function remember(session: Session, eventId: string, now: number): Session {
  return { ...session, updatedAt: now, seenEventIds: [...session.seenEventIds, eventId].slice(-SEEN_EVENTS) };
}
