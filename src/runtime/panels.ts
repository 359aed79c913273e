import type { Logger } from 'pino';
import {
  fold,
  hashSeed,
  type Library,
  nextDeadline,
  type PanelEvent,
  type PanelReply,
  type PanelSession,
  type Platform,
  type Profile,
  panelHistory,
  seededRandom,
  stepPanel,
} from '../engine/index.js';
import type { Collection, Store } from '../store/index.js';
import { profileKey } from './accounts.js';

/** A panel's key: the thread (or channel) the panel runs in. */
export type PanelKey = `group:${Platform}:${string}`;

/** One platform event for a panel, translated by an adapter. */
export type PanelInbound = {
  /** The platform's event id: a replay carries the same one. */
  readonly id: string;
  readonly key: PanelKey;
  readonly platform: Platform;
  readonly event: PanelEvent;
};

/** Where replies that no inbound event asked for (deadlines) go: the adapter of the panel's platform. */
export type Deliver = (key: PanelKey, replies: readonly PanelReply[]) => Promise<void>;

export interface PanelRuntime {
  /** Runs one panel event under the panel's lock: dedupe, step, save, then the replies (already saved). */
  handle(inbound: PanelInbound): Promise<readonly PanelReply[]>;
  /** Registers the adapter that delivers a platform's timed replies. */
  onTimed(platform: Platform, deliver: Deliver): void;
  /** Fires the tick of every scheduled panel whose deadline has passed by the clock; resolves when delivered. */
  tickDue(): Promise<void>;
  /** Schedules the next deadline of every stored panel (at start-up, so a restart keeps its deadlines). */
  resume(): Promise<number>;
  /** Cancels the timers. */
  close(): void;
}

export type PanelRuntimeOptions = {
  readonly panels: Collection<PanelSession>;
  readonly profiles: Collection<Profile>;
  readonly library: Library;
  readonly logger: Logger;
  readonly clock?: () => number;
  /**
   * Where events are counted against `rateLimitPerMinute` per participant: the panel store, so every process on a
   * shared backend counts in one window.
   */
  readonly rates: Pick<Store<unknown, unknown>, 'allow'>;
  readonly rateLimitPerMinute: number;
  /** Whether to set real timers for deadlines (tests call tickDue instead). */
  readonly timers?: boolean;
};

const SEEN = 100;

function platformOf(key: string): Platform | undefined {
  const platform = key.split(':')[1];
  return platform === 'discord' || platform === 'slack' || platform === 'terminal' ? platform : undefined;
}

function notSaved(event: PanelEvent): readonly PanelReply[] {
  const text = 'I could not save that just now, so it was NOT recorded. Please try again in a moment.';
  return event.type === 'tick' ? [] : [{ type: 'notice', to: { userId: event.by.userId }, text }];
}

/** Wires panels to the store: the group counterpart of the solo runtime. */
export function createPanelRuntime(options: PanelRuntimeOptions): PanelRuntime {
  const { panels, profiles, library, logger } = options;
  const clock = options.clock ?? Date.now;
  const deliverers = new Map<Platform, Deliver>();
  const deadlines = new Map<PanelKey, { at: number; timer?: NodeJS.Timeout }>();

  function schedule(key: PanelKey, session: PanelSession | undefined) {
    const previous = deadlines.get(key);
    if (previous?.timer !== undefined) clearTimeout(previous.timer);
    deadlines.delete(key);
    const at = session === undefined ? undefined : nextDeadline(session);
    if (at === undefined) return;
    const entry: { at: number; timer?: NodeJS.Timeout } = { at };
    if (options.timers !== false) {
      entry.timer = setTimeout(() => void fire(key, at), Math.max(0, at - clock()) + 50);
      entry.timer.unref();
    }
    deadlines.set(key, entry);
  }

  async function fire(key: PanelKey, at: number) {
    const platform = platformOf(key);
    if (platform === undefined) return;
    const replies = await run({ id: `tick:${key}:${at}`, key, platform, event: { type: 'tick' } });
    const deliver = deliverers.get(platform);
    if (replies.length > 0 && deliver !== undefined)
      await deliver(key, replies).catch((error: unknown) =>
        logger.error({ err: error, key }, 'timed panel replies not delivered'),
      );
  }

  /** Adds each candidate's answers to their own history once the panel closes, then marks it archived. */
  async function archive(key: PanelKey, session: PanelSession, platform: Platform) {
    if (session.state.phase !== 'closed' || session.archived) return;
    for (const [userId, entry] of panelHistory(session, session.state.at)) {
      const folded = await profiles.update(profileKey({ platform, userId }), (profile) => ({
        next: fold(profile, entry),
        result: true,
      }));
      if (!folded.ok)
        return logger.warn({ key, code: folded.error.code }, 'panel history not saved; retried on the next event');
    }
    await panels.update(key, (current) =>
      current?.id === session.id
        ? { next: { ...current, archived: true }, result: true }
        : { next: current, result: false },
    );
  }

  async function run(inbound: PanelInbound): Promise<readonly PanelReply[]> {
    const { event } = inbound;
    const now = clock();
    if (event.type !== 'tick') {
      const key = profileKey({ platform: inbound.platform, userId: event.by.userId });
      const rate = { key, limit: options.rateLimitPerMinute, windowMs: 60_000, now };
      const allowed = await options.rates.allow(inbound.id, rate);
      // A store that cannot count cannot save either: say so now rather than wait for the update to fail as well.
      if (!allowed.ok) {
        logger.warn({ key: inbound.key, code: allowed.error.code }, 'panel event not counted; not saved');
        return notSaved(event);
      }
      if (!allowed.value)
        return [{ type: 'notice', to: { userId: event.by.userId }, text: 'That is a lot at once: give it a minute.' }];
    }
    const ctx = { now, random: seededRandom(hashSeed(inbound.id)), library };
    try {
      const outcome = await panels.update(inbound.key, (current) => {
        if (current?.seenEventIds.includes(inbound.id))
          return { next: current, result: { replies: [], session: current } };
        const result = stepPanel(current, event, ctx);
        const session = result.session;
        // A tick that changes nothing writes nothing; any other event is remembered, so a replay stays silent.
        const next =
          session === undefined || (event.type === 'tick' && session === current)
            ? session
            : { ...session, seenEventIds: [...session.seenEventIds, inbound.id].slice(-SEEN) };
        return { next, result: { replies: result.replies, session: next } };
      });
      if (!outcome.ok) {
        logger.warn({ key: inbound.key, code: outcome.error.code }, 'panel not saved');
        return notSaved(event);
      }
      const { replies, session } = outcome.value;
      schedule(inbound.key, session);
      if (session !== undefined) await archive(inbound.key, session, inbound.platform);
      return replies;
    } catch (error) {
      logger.error({ err: error, key: inbound.key, event: event.type }, 'panel turn failed');
      return event.type === 'tick'
        ? []
        : [
            {
              type: 'notice',
              to: { userId: event.by.userId },
              text: 'Something went wrong on my side; nothing changed.',
            },
          ];
    }
  }

  return {
    handle: run,
    onTimed(platform, deliver) {
      deliverers.set(platform, deliver);
    },
    async tickDue() {
      const now = clock();
      const due = [...deadlines.entries()].filter(([, entry]) => entry.at <= now);
      for (const [key, entry] of due) await fire(key, entry.at);
    },
    async resume() {
      const keys: string[] = [];
      for await (const key of panels.keys()) keys.push(key);
      let scheduled = 0;
      for (const key of keys) {
        if (!key.startsWith('group:')) continue;
        const loaded = await panels.get(key);
        if (!loaded.ok || loaded.value.value === undefined) continue;
        schedule(key as PanelKey, loaded.value.value);
        if (deadlines.has(key as PanelKey)) scheduled++;
      }
      return scheduled;
    },
    close() {
      for (const entry of deadlines.values()) if (entry.timer !== undefined) clearTimeout(entry.timer);
      deadlines.clear();
    },
  };
}
