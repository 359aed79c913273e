import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { PanelReply } from '../../src/engine/index.js';
import type { PanelRuntime } from '../../src/runtime/index.js';
import { md, type SlackMessage, sections } from './blocks.js';
import { createKeyedQueue } from './keyed-queue.js';
import { panelKey, type Where, whereOf } from './panel-ids.js';
import type { PanelIntent, PanelTurnIntent } from './panel-inbound.js';
import type { People } from './people.js';
import { closedLobby, openingLobby, renderPanelReply, threadIntro } from './render-panel.js';
import { renderPanelFeedback, renderSummary } from './render-panel-summary.js';
import { errorCode } from './turns.js';

/** Runs panel events and posts their replies; one panel's events and replies run in order. */
export type PanelTurns = {
  /** Posts the lobby, stores the panel under that message's ts, then shows it; `tell` answers the host privately. */
  open(intent: Extract<PanelIntent, { type: 'open' }>, tell: (text: string) => Promise<void>): Promise<void>;
  /** Looks up the actor, hands the event to the runtime (which saves first), then posts every reply in order. */
  run(intent: PanelTurnIntent): Promise<void>;
  /** Posts replies no event asked for (a deadline passed) to the panel of `key`. */
  deliver(key: string, replies: readonly PanelReply[]): Promise<void>;
  /** Says `text` privately to `user` in the panel's thread (a DM when Slack will not). */
  tell(where: Where, user: string, text: string): Promise<void>;
  /** Resolves once every queued panel event has finished. */
  drain(): Promise<void>;
};

/** How long the same private note to the same person about the same panel stays unrepeated. */
const HUSH_MS = 10 * 60_000;
const HUSH_CAPACITY = 5_000;

/** Ephemeral messages cannot reach someone who is not in the channel; a DM can. */
const unreachable = new Set(['user_not_in_channel', 'channel_not_found', 'not_in_channel']);

/** Builds the panel runner over a Web API client. */
export function createPanelTurns(deps: {
  readonly runtime: PanelRuntime;
  readonly client: webApi.WebClient;
  readonly people: People;
  readonly logger: Logger;
}): PanelTurns {
  const { runtime, client, people, logger } = deps;
  const queue = createKeyedQueue();
  const hushed = new Map<string, number>();
  // parse 'none' and no link_names: no plain "@channel" or URL becomes a ping or a link; `<@U…>` still mentions.
  const format = { parse: 'none', link_names: false } as const;

  async function inThread(where: Where, message: SlackMessage): Promise<void> {
    await client.chat.postMessage({
      channel: where.channel,
      thread_ts: where.thread,
      text: message.text,
      blocks: [...message.blocks],
      ...format,
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  async function toDm(user: string, message: SlackMessage): Promise<void> {
    const body = { text: message.text, blocks: [...message.blocks], ...format, unfurl_links: false };
    await client.chat.postMessage({ channel: user, ...body });
  }

  async function privately(channel: string, thread: string | undefined, user: string, message: SlackMessage) {
    try {
      await client.chat.postEphemeral({
        channel,
        user,
        ...(thread === undefined ? {} : { thread_ts: thread }),
        text: message.text,
        blocks: [...message.blocks],
        ...format,
      });
    } catch (error) {
      if (!unreachable.has(errorCode(error))) throw error;
      await toDm(user, message);
    }
  }

  async function updateLobby(where: Where, message: SlackMessage): Promise<void> {
    await client.chat.update({
      channel: where.channel,
      ts: where.thread,
      text: message.text,
      blocks: [...message.blocks],
    });
  }

  /** Whether a private note may go out: typed messages get each distinct note once per HUSH_MS. */
  function fresh(where: Where, user: string, text: string, now: number): boolean {
    const key = `${panelKey(where)}|${user}|${text}`;
    const last = hushed.get(key);
    if (last !== undefined && now - last < HUSH_MS) return false;
    hushed.delete(key);
    hushed.set(key, now);
    if (hushed.size > HUSH_CAPACITY) hushed.delete(hushed.keys().next().value ?? '');
    return true;
  }

  async function sendOne(where: Where, reply: PanelReply, typed: boolean): Promise<void> {
    switch (reply.type) {
      case 'lobby':
        return updateLobby(where, renderPanelReply(reply, where)[0] ?? closedLobby());
      case 'summary':
        for (const message of renderSummary(reply)) await inThread(where, message);
        return updateLobby(where, closedLobby());
      case 'feedback':
        for (const message of renderPanelFeedback(reply)) await toDm(reply.to.userId, message);
        return;
      case 'talkingPoints':
        for (const message of renderPanelReply(reply, where))
          await privately(where.channel, where.thread, reply.to.userId, message);
        return;
      case 'notice':
        if (reply.to === 'all') {
          for (const message of renderPanelReply(reply, where)) await inThread(where, message);
          return;
        }
        if (typed && !fresh(where, reply.to.userId, reply.text, Date.now())) return;
        for (const message of renderPanelReply(reply, where))
          await privately(where.channel, where.thread, reply.to.userId, message);
        return;
      case 'turn':
      case 'followUp':
      case 'rate':
        for (const message of renderPanelReply(reply, where)) await inThread(where, message);
        return;
      default:
        return reply satisfies never;
    }
  }

  /** Posts every reply; one refused call must not swallow the rest, so the first failure is thrown at the end. */
  async function send(where: Where, replies: readonly PanelReply[], typed = false): Promise<void> {
    let failure: { readonly error: unknown } | undefined;
    for (const reply of replies)
      await sendOne(where, reply, typed).catch((error: unknown) => {
        failure ??= { error };
      });
    if (failure !== undefined) throw failure.error;
  }

  const note = (text: string): SlackMessage => ({ text, blocks: sections(md`${text}`) });

  return {
    async open(intent, tell) {
      let posted: webApi.ChatPostMessageResponse;
      try {
        posted = await client.chat.postMessage({
          channel: intent.channel,
          text: openingLobby.text,
          blocks: [...openingLobby.blocks],
        });
      } catch (error) {
        const code = errorCode(error);
        logger.warn({ channel: intent.channel, err: code }, 'panel lobby not posted');
        await tell(
          code === 'not_in_channel' || code === 'channel_not_found'
            ? 'I am not in this channel yet: add me (`/invite @mock-interviewer`), then open the panel again.'
            : 'I could not post the panel here just now; please try again in a moment.',
        );
        return;
      }
      const ts = posted.ts;
      if (ts === undefined) return;
      const where = { channel: intent.channel, thread: ts };
      const key = panelKey(where);
      await queue.run(key, async () => {
        const by = await people.actor(intent.userId, intent.name);
        const event = { type: 'open', by, options: intent.options } as const;
        const replies = await runtime.handle({ id: intent.id, key, platform: 'slack', event });
        if (!replies.some((r) => r.type === 'lobby')) {
          // Not opened (not saved, too many requests): the placeholder goes, the reason is said privately.
          await client.chat.delete({ channel: where.channel, ts });
          for (const reply of replies) if (reply.type === 'notice') await tell(reply.text);
          return;
        }
        await send(where, replies);
        await inThread(where, threadIntro);
      });
    },
    run: (intent) =>
      queue.run(panelKey(intent.where), async () => {
        const by = await people.actor(intent.userId, intent.name);
        const event = intent.event(by);
        const key = panelKey(intent.where);
        const replies = await runtime.handle({ id: intent.id, key, platform: 'slack', event });
        if (replies.length === 0 && intent.confirm !== undefined)
          return privately(intent.where.channel, intent.where.thread, intent.userId, note(intent.confirm));
        await send(intent.where, replies, intent.typed === true);
      }),
    async deliver(key, replies) {
      const where = whereOf(key);
      if (where === undefined) {
        logger.error({ key }, 'timed panel replies for a key that is not a Slack thread');
        return;
      }
      await queue.run(key, () => send(where, replies));
    },
    tell: (where, user, text) => privately(where.channel, where.thread, user, note(text)),
    drain: () => queue.drain(),
  };
}
