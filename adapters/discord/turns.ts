import type { Client } from 'discord.js';
import type { Logger } from 'pino';
import type { App } from '../../src/runtime/boot.js';
import type { InboundEvent, OutboundReply } from '../../src/runtime/index.js';
import { channelSink, type Sink } from './deliver.js';
import type { Outgoing } from './embeds.js';
import { discordCode } from './funnel.js';
import { type RenderContext, renderDiscord } from './render.js';
import type { Deliveries } from './targets.js';
import { wording } from './wording.js';

/** What turns need: the client, the app, the per-user delivery state, a logger. */
export type TurnDeps = {
  readonly client: Client;
  readonly app: App;
  readonly deliveries: Deliveries;
  readonly logger: Logger;
  readonly sensitive: boolean;
};

/**
 * Where a turn's replies go. `conversation` takes the interview (a sink, or `target`: the user's DM or thread, then
 * confirmed in `aside`); `aside` takes errors, and everything when `allAside` (status, history, forget).
 */
export type Route = {
  readonly conversation: Sink | 'target';
  readonly aside: Sink;
  readonly allAside: boolean;
  /** Sent to the conversation before the replies, when any are sent there (the modal answer's echo). */
  readonly preface?: readonly Outgoing[];
};

const DM_CLOSED = 50007;
const THREAD_GONE = new Set<number | string>([10003, 50001, 50013, 50083, 160005]);

/** Binds buttons that carry no session of their own (notices, feedback) to the session in play, read after saving. */
export async function renderContext(
  deps: TurnDeps,
  inbound: Pick<InboundEvent, 'actor'>,
  replies: readonly OutboundReply[],
): Promise<RenderContext> {
  const userId = inbound.actor.userId;
  const unbound = replies.some(
    (r) =>
      (r.type === 'notice' && (r.actions ?? []).some((a) => a !== 'start')) ||
      (r.type === 'feedback' && r.actions.length > 0),
  );
  if (!unbound) return { userId };
  const overview = await deps.app.runtime.overview(inbound.actor);
  const current = overview?.current;
  if (current != null)
    return {
      userId,
      sessionId: current.sessionId,
      ...(current.question === null ? {} : { question: current.question }),
    };
  const asked = replies.find((r) => r.type === 'question' || r.type === 'followUp');
  return asked !== undefined && 'sessionId' in asked ? { userId, sessionId: asked.sessionId } : { userId };
}

/**
 * Counts a turn's messages as they go out, in the same order in every process (preface, conversation, aside, notes):
 * skips the first `skip` (posted by a process that died delivering this turn), names each by event id and position
 * (so Discord drops a repeat, see `channelSink`), and records each one posted but the last (`delivered` covers it).
 */
type Counter = { at: number; wrap(sink: Sink): Sink };

function countOut(deps: TurnDeps, inbound: InboundEvent, skip: number, total: number): Counter {
  const counter: Counter = {
    at: 0,
    wrap: (sink) => ({
      async send(message) {
        const index = counter.at++;
        if (index < skip) return;
        await sink.send(message, `${inbound.id}:${index}`);
        if (index + 1 < total) await deps.app.runtime.delivered(inbound, { posted: index + 1 });
      },
    }),
  };
  return counter;
}

/** A reply and the messages it renders as, rendered once per turn. */
type Rendered = { readonly reply: OutboundReply; readonly messages: readonly Outgoing[] };

/**
 * Sends the preface, then the replies, in order; resolves to the index of the first reply not delivered (and why),
 * or undefined when everything went out.
 */
async function sendReplies(
  sink: Sink,
  replies: readonly Rendered[],
  preface: readonly Outgoing[] = [],
): Promise<{ readonly at: number; readonly error: unknown } | undefined> {
  try {
    for (const message of preface) await sink.send(message);
  } catch (error) {
    return { at: 0, error };
  }
  for (const [at, { messages }] of replies.entries()) {
    try {
      for (const message of messages) await sink.send(message);
    } catch (error) {
      return { at, error };
    }
  }
  return undefined;
}

/** What delivering to the user's DM or thread came to. */
type Delivered =
  | { readonly kind: 'dm'; readonly channelId: string }
  | { readonly kind: 'thread'; readonly channelId: string }
  | { readonly kind: 'dm-closed' };

/**
 * Delivers to the user's thread (falling back to DMs when it is gone) or DMs; holds the replies if DMs are closed.
 * Messages go out through `out`; a batch sent again to the DMs counts from where the thread's began.
 */
async function deliverToTarget(
  deps: TurnDeps,
  userId: string,
  replies: readonly Rendered[],
  out: Counter,
  preface: readonly Outgoing[],
): Promise<Delivered> {
  const target = deps.deliveries.target(userId);
  const start = out.at;
  if (target.kind === 'thread') {
    const thread = await deps.client.channels.fetch(target.channelId).catch(() => null);
    if (thread?.isSendable()) {
      const failed = await sendReplies(out.wrap(channelSink(thread)), replies, preface);
      if (failed === undefined) {
        deps.deliveries.take(userId); // reachable again: anything held back is out of date
        return { kind: 'thread', channelId: thread.id };
      }
      if (!THREAD_GONE.has(discordCode(failed.error) ?? '') || failed.at > 0) throw failed.error;
    }
    deps.logger.info({ user: userId }, 'discord: interview thread is gone; back to DMs');
    deps.deliveries.useDm(userId);
    out.at = start;
  }
  const dm = await deps.client.users.createDM(userId);
  const failed = await sendReplies(out.wrap(channelSink(dm)), replies, preface);
  if (failed === undefined) {
    deps.deliveries.take(userId); // reachable again: anything held back is out of date
    return { kind: 'dm', channelId: dm.id };
  }
  if (discordCode(failed.error) !== DM_CLOSED) throw failed.error;
  deps.deliveries.hold(
    userId,
    replies.slice(failed.at).map(({ reply }) => reply),
  );
  return { kind: 'dm-closed' };
}

/** Handles one inbound event and delivers its replies by `route`, in order; call it inside the user's queue. */
export async function runTurn(deps: TurnDeps, inbound: InboundEvent, route: Route): Promise<void> {
  const userId = inbound.actor.userId;
  const { replies, posted } = await deps.app.runtime.turn(inbound);
  if (replies.some((r) => r.type === 'forgotten')) deps.deliveries.forget(userId);
  const context = await renderContext(deps, inbound, replies);
  const rendered = replies.map((reply) => ({ reply, messages: renderDiscord(reply, context) }));
  const aside = route.allAside ? rendered : rendered.filter(({ reply }) => reply.type === 'error');
  const conversation = route.allAside ? [] : rendered.filter(({ reply }) => reply.type !== 'error');
  const preface = route.preface ?? [];
  const count = (list: readonly Rendered[]) => list.reduce((n, { messages }) => n + messages.length, 0);
  const noted = route.conversation === 'target' ? 1 : 0;
  const total = (conversation.length === 0 ? 0 : preface.length + count(conversation) + noted) + count(aside);
  const out = countOut(deps, inbound, posted, total);
  const notes: Outgoing[] = [];
  if (conversation.length > 0) {
    if (route.conversation === 'target') {
      const delivered = await deliverToTarget(deps, userId, conversation, out, preface);
      notes.push(
        delivered.kind === 'dm'
          ? wording.dmSent(delivered.channelId)
          : delivered.kind === 'thread'
            ? wording.threadSent(delivered.channelId)
            : wording.dmsClosed(userId),
      );
      if (delivered.kind === 'dm-closed') deps.logger.info({ user: userId }, 'discord: DMs closed; offered a thread');
    } else {
      const failed = await sendReplies(out.wrap(route.conversation), conversation, preface);
      if (failed !== undefined) throw failed.error;
    }
  }
  const toAside = out.wrap(route.aside);
  for (const { messages } of aside) for (const message of messages) await toAside.send(message);
  for (const message of notes) await toAside.send(message);
  // Posted: another process taking over this event after a crash must not post them again.
  await deps.app.runtime.delivered(inbound);
  deps.logger.debug({ user: userId, event: inbound.event.type, replies: replies.length }, 'discord: turn delivered');
}
