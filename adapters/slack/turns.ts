import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Actor, InboundEvent, OutboundReply, Overview, Runtime } from '../../src/runtime/index.js';
import type { SlackMessage } from './blocks.js';
import { renderHome } from './home.js';
import { createKeyedQueue } from './keyed-queue.js';
import { renderReply } from './render.js';

/** Where a turn's replies go. */
export type Destination = {
  /** The DM channel, or the user's id, which Slack takes to mean the app's DM with them. */
  readonly channel: string;
  readonly user: string;
  /** Where a private (ephemeral) answer can go, e.g. for a stale button; absent for App Home clicks. */
  readonly ephemeralIn?: string;
};

/** Runs turns and keeps App Home current; one user's turns run in order, so their replies never interleave. */
export type Turns = {
  /** Hands `inbound` to the runtime (which saves first), then posts every reply in order and refreshes App Home. */
  run(inbound: InboundEvent, to: Destination): Promise<void>;
  /** Posts a message of the adapter's own (such as help) to `to`, in line with the user's turns. */
  say(to: Destination, message: SlackMessage): Promise<void>;
  /** Publishes the user's App Home (in line with their turns). */
  home(actor: Actor): Promise<void>;
  /** Resolves once every queued turn has finished. */
  drain(): Promise<void>;
};

/** How many users' last App Home the adapter remembers, to skip publishing a view that has not changed. */
const HOME_CACHE = 1_000;

/** Replies a user should see privately: a stale button or a refused action says nothing to the conversation. */
function isPrivate(reply: OutboundReply): boolean {
  return reply.type === 'error' && (reply.code === 'stale' || reply.code === 'rate-limited');
}

/**
 * Whether a turn changes what App Home summarises enough to publish it again: anything but an answer (start, pause,
 * resume, end, forget...), and the answer that finishes an interview. An answer that only moves to the next question
 * leaves the tab a question behind until it is next opened, when `app_home_opened` publishes the current view; that
 * keeps two store reads and a Slack call off nearly every turn.
 */
export function changesHome(inbound: InboundEvent, replies: readonly OutboundReply[]): boolean {
  if (replies.every(isPrivate)) return false;
  return inbound.event.type !== 'answer' || replies.some((reply) => reply.type === 'report');
}

/** The interview a question or follow-up in the batch belongs to, if the batch has one. */
function sessionOf(replies: readonly OutboundReply[]): string | undefined {
  for (const reply of replies) if (reply.type === 'question' || reply.type === 'followUp') return reply.sessionId;
  return undefined;
}

/** Builds the turn runner over a Web API client. */
export function createTurns(deps: {
  readonly runtime: Runtime;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
}): Turns {
  const { runtime, client, logger } = deps;
  const queue = createKeyedQueue();
  const published = new Map<string, string>();

  async function post(message: SlackMessage, to: Destination, privately: boolean): Promise<void> {
    // parse 'none' and no link_names: Slack turns no plain "@channel" or URL in the text into a ping or a link.
    const body = { text: message.text, blocks: [...message.blocks], parse: 'none', link_names: false } as const;
    if (privately && to.ephemeralIn !== undefined) {
      await client.chat.postEphemeral({ channel: to.ephemeralIn, user: to.user, ...body });
      return;
    }
    await client.chat.postMessage({ channel: to.channel, ...body, unfurl_links: false, unfurl_media: false });
  }

  async function publish(actor: Actor, overview: Overview | undefined): Promise<void> {
    const view = renderHome(overview);
    const json = JSON.stringify(view);
    if (published.get(actor.userId) === json) return;
    try {
      await client.views.publish({ user_id: actor.userId, view });
      published.delete(actor.userId);
      published.set(actor.userId, json);
      if (published.size > HOME_CACHE) published.delete(published.keys().next().value ?? '');
    } catch (error) {
      // App Home is a convenience: a failed publish is logged and the next turn tries again.
      logger.warn({ user: actor.userId, err: errorCode(error) }, 'App Home not published');
    }
  }

  return {
    run: (inbound, to) =>
      queue.run(inbound.key, async () => {
        const { replies, posted } = await runtime.turn(inbound);
        if (replies.length === 0) return; // a replayed event: nothing changed, nothing to post
        // The buttons need the stored session only when no reply names it; App Home wants the overview after posting,
        // and only when the turn changed what it summarises.
        const home = changesHome(inbound, replies);
        const named = sessionOf(replies);
        const reading = home || named === undefined ? runtime.overview(inbound.actor) : undefined;
        const sessionId = named ?? (await reading)?.current?.sessionId;
        const ctx = sessionId === undefined ? {} : { sessionId };
        const messages = replies.flatMap((reply) =>
          renderReply(reply, ctx).map((message) => ({ message, privately: isPrivate(reply) })),
        );
        // One refused message must not swallow the rest: post them all, then hand the first failure to the funnel.
        // Progress is recorded after each message up to the first failure, so a process that takes this event over
        // after a crash posts only what was not posted (at most the one message posted just before the crash).
        let failure: { readonly error: unknown } | undefined;
        for (const [index, { message, privately }] of messages.entries()) {
          if (index < posted) continue; // posted by a process that died while delivering this turn
          try {
            await post(message, to, privately);
          } catch (error) {
            failure ??= { error };
            continue;
          }
          if (failure === undefined && index + 1 < messages.length)
            await runtime.delivered(inbound, { posted: index + 1 });
        }
        if (home) await publish(inbound.actor, await reading);
        if (failure !== undefined) throw failure.error;
        // All posted: another process taking over this event after a crash must not post them again.
        await runtime.delivered(inbound);
      }),
    say: (to, message) => queue.run(`solo:slack:${to.user}`, () => post(message, to, false)),
    home: (actor) =>
      queue.run(`solo:slack:${actor.userId}`, async () => {
        published.delete(actor.userId); // opening the tab shows what Slack has, so always send the current view
        await publish(actor, await runtime.overview(actor));
      }),
    drain: () => queue.drain(),
  };
}

/** A Slack error's code (e.g. `invalid_blocks`, `ratelimited`) or the error's name, never its payload. */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const data = (error as { data?: { error?: unknown } }).data;
  if (typeof data?.error === 'string') return data.error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}
