import type { PanelReply } from '../../src/engine/index.js';
import type { AnswerFeedback } from '../../src/evaluation/types.js';
import { channelSink, type Sink, toOptions } from './deliver.js';
import type { Outgoing } from './embeds.js';
import { describeError, discordCode } from './funnel.js';
import type { PanelDeps } from './panel-deps.js';
import {
  renderFollowUp,
  renderLobby,
  renderPanelNotice,
  renderPoints,
  renderRate,
  renderTurn,
} from './panel-render.js';
import { renderPanelFeedback, renderSummary } from './panel-summary.js';
import { panelWording } from './panel-wording.js';

const DM_CLOSED = 50007;

/** Where one batch of a panel's replies goes. */
export type PanelPlace = {
  readonly threadId: string;
  /** The person whose interaction caused the replies: what is private to them goes to `aside` (ephemeral). */
  readonly actor?: { readonly userId: string; readonly aside: Sink };
  /** Shows the lobby where the interaction is (the lobby clicked, the panel just opened) instead of the remembered one. */
  readonly lobby?: (message: Outgoing) => Promise<void>;
  /** Sent to the thread before the replies (the modal answer's echo). */
  readonly preface?: readonly Outgoing[];
};

/** The panel's thread as a sink, fetched on first use; fails if the thread is gone or cannot take messages. */
function threadSink(deps: PanelDeps, threadId: string): Sink {
  let sink: Promise<Sink> | undefined;
  const open = async () => {
    const thread = await deps.client.channels.fetch(threadId);
    if (thread === null || !thread.isSendable()) throw new Error(`panel thread ${threadId} cannot take messages`);
    return channelSink(thread);
  };
  return {
    async send(message) {
      sink ??= open();
      await (await sink).send(message);
    },
  };
}

/** Edits the remembered lobby message; false when there is none or it could not be edited. */
async function editLobby(deps: PanelDeps, threadId: string, message: Outgoing): Promise<boolean> {
  const known = deps.panel.lobbies.get(threadId);
  if (known === undefined) return false;
  try {
    const channel = await deps.client.channels.fetch(known.channelId);
    if (channel === null || !channel.isSendable()) return false;
    await channel.messages.edit(known.messageId, { ...toOptions(message), content: message.content ?? '' });
    return true;
  } catch (error) {
    deps.logger.warn({ err: describeError(error, false), thread: threadId }, 'discord: panel lobby not updated');
    deps.panel.lobbies.forget(threadId);
    return false;
  }
}

/** Sends one person their feedback by DM; if their DMs are closed, a note in the thread points to their history. */
async function sendFeedback(
  deps: PanelDeps,
  thread: Sink,
  threadId: string,
  userId: string,
  items: readonly { readonly turn: number; readonly feedback: AnswerFeedback }[],
): Promise<void> {
  try {
    const dm = channelSink(await deps.client.users.createDM(userId));
    for (const message of renderPanelFeedback(threadId, items)) await dm.send(message);
  } catch (error) {
    if (discordCode(error) !== DM_CLOSED)
      deps.logger.warn({ err: describeError(error, false), user: userId }, 'discord: panel feedback DM failed');
    await thread.send(panelWording.feedbackDmClosed(userId));
  }
}

/**
 * Delivers a panel's replies in order: what is for everyone to the thread (the turn pinging its candidate), the lobby
 * to the lobby message (after a join, a leave or a removal alike), what is private to the actor ephemerally. Private
 * replies with no interaction of their person to answer are dropped (Discord has no other private place in a server):
 * a panelist gets the talking points by pressing **Talking points**, which asks the engine for them again. End-of-panel
 * feedback goes by DM.
 */
export async function deliverPanel(deps: PanelDeps, replies: readonly PanelReply[], place: PanelPlace): Promise<void> {
  const { threadId, actor } = place;
  const thread = threadSink(deps, threadId);
  const options = { threadId, typedAnswers: deps.panel.typedAnswers };
  const toThread = async (messages: readonly Outgoing[]) => {
    for (const message of messages) await thread.send(message);
  };
  const toActor = async (userId: string, messages: readonly Outgoing[]) => {
    if (actor?.userId !== userId) return false;
    for (const message of messages) await actor.aside.send(message);
    return true;
  };
  const feedback = new Map<string, { turn: number; feedback: AnswerFeedback }[]>();
  let ended = false;
  await toThread(place.preface ?? []);
  for (const reply of replies) {
    switch (reply.type) {
      case 'lobby': {
        const message = renderLobby(reply, threadId);
        if (place.lobby !== undefined) await place.lobby(message);
        else if (!(await editLobby(deps, threadId, message))) await thread.send(message);
        break;
      }
      case 'turn':
        await toThread(renderTurn(reply, options));
        break;
      case 'followUp':
        await toThread(renderFollowUp(reply, options));
        break;
      case 'rate':
        await toThread(renderRate(reply, threadId));
        break;
      case 'summary':
        await toThread(renderSummary(reply));
        ended = true;
        break;
      case 'talkingPoints':
        if (!(await toActor(reply.to.userId, renderPoints(reply))))
          deps.logger.debug({ thread: threadId, user: reply.to.userId }, 'discord: talking points wait for a click');
        break;
      case 'feedback':
        feedback.set(reply.to.userId, [...(feedback.get(reply.to.userId) ?? []), reply]);
        break;
      case 'notice':
        if (reply.to === 'all') await toThread(renderPanelNotice(reply.text));
        else if (!(await toActor(reply.to.userId, renderPanelNotice(reply.text))))
          deps.logger.debug({ thread: threadId, user: reply.to.userId }, 'discord: private panel notice dropped');
        break;
      default:
        return reply satisfies never;
    }
  }
  for (const [userId, items] of feedback) await sendFeedback(deps, thread, threadId, userId, items);
  if (ended) {
    if (place.lobby !== undefined) await place.lobby(panelWording.lobbyEnded(threadId));
    else await editLobby(deps, threadId, panelWording.lobbyEnded(threadId));
    deps.panel.lobbies.forget(threadId);
  }
}
