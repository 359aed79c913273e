import type { Logger } from 'pino';
import { conceptTrend, type Library, type Profile, type Reply, type Session } from '../engine/index.js';
import type { Store } from '../store/index.js';
import type { Actor, HistoryReply, InboundEvent, OutboundReply, Overview } from './types.js';

/** `<platform>:<userId>`: the profile key of an actor. */
export function profileKey(actor: Pick<Actor, 'platform' | 'userId'>): string {
  return `${actor.platform}:${actor.userId}`;
}

/** What the runtime answers from a user's stored data rather than from an interview. */
export type Accounts = {
  /** `history` and `forget` (which asks for confirmation first). */
  answer(
    inbound: InboundEvent,
    event: Extract<InboundEvent['event'], { type: 'history' | 'forget' }>,
  ): Promise<readonly OutboundReply[]>;
  /** The interview in progress and the history, read without changing anything; undefined if the store is down. */
  overview(actor: Actor): Promise<Overview | undefined>;
};

const unreachable = (text: string): Reply => ({ type: 'error', code: 'not-saved', text });

/** Builds the answers to account requests over the store. */
export function createAccounts(deps: {
  readonly store: Store<Session, Profile>;
  readonly library: Library;
  readonly logger: Logger;
}): Accounts {
  const { store, library, logger } = deps;

  async function historyOf(actor: Actor): Promise<HistoryReply | undefined> {
    const profile = await store.profiles.get(profileKey(actor));
    if (!profile.ok) return undefined;
    const pack = library.packs.get(library.defaultPackId)?.pack;
    const label = (id: string) => pack?.concepts.find((c) => c.id === id)?.label ?? id;
    const entries = profile.value.value?.history ?? [];
    const trend = conceptTrend(profile.value.value).map((t) => ({ ...t, label: label(t.id) }));
    return { type: 'history', entries: entries.slice(-10), trend };
  }

  return {
    async answer(inbound, event) {
      if (event.type === 'forget') {
        if (!event.confirmed) return [{ type: 'confirm-forget' }];
        const removed = await store.forget(inbound.actor.platform, inbound.actor.userId);
        if (!removed.ok) return [unreachable('I could not reach the store, so nothing was deleted. Please try again.')];
        logger.info({ user: profileKey(inbound.actor), removed: removed.value.length }, 'forgot a user');
        return [{ type: 'forgotten', keys: removed.value }];
      }
      const history = await historyOf(inbound.actor);
      return history === undefined
        ? [unreachable('I could not load your history just now. Please try again.')]
        : [history];
    },
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
      const total = session.questionIds.length;
      return { current: { sessionId: session.id, phase: state.phase, question, total, answered }, history };
    },
  };
}
