import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { PanelReply } from '../../src/engine/index.js';
import type { PanelKey } from '../../src/runtime/index.js';
import { PANEL_COMMAND } from './commands.js';
import { ANSWER_INPUT } from './components.js';
import { interactionSink, noMentions, toOptions } from './deliver.js';
import type { Outgoing } from './embeds.js';
import { describeError } from './funnel.js';
import { slashOptions, userOf } from './interaction-input.js';
import type { HandlerDeps } from './interactions.js';
import { deliverPanel } from './panel-deliver.js';
import { listedIn, type PanelDeps, pointsOfAnotherTurn, toldPrivately } from './panel-deps.js';
import { PANEL_PREFIX, parsePanelId } from './panel-ids.js';
import {
  fromPanelButton,
  fromPanelCommand,
  fromPanelModal,
  fromThreadMessage,
  panelActor,
  threadOfKey,
} from './panel-inbound.js';
import { openPanel } from './panel-open.js';
import { COMMENT_INPUT, commentModal, panelAnswerModal } from './panel-render.js';
import { echoPanelAnswer, panelWording } from './panel-wording.js';
import { wording } from './wording.js';

type Repliable = ButtonInteraction | ModalSubmitInteraction | ChatInputCommandInteraction;

/** Answers at once, ephemerally, with one or more messages (no runtime involved). */
async function replyPrivately(interaction: Repliable, messages: readonly Outgoing[]): Promise<void> {
  for (const [index, message] of messages.entries()) {
    const body = { ...toOptions(message), flags: MessageFlags.Ephemeral, allowedMentions: noMentions() } as const;
    if (index === 0) await interaction.reply(body);
    else await interaction.followUp(body);
  }
}

/** Whether an interaction is a panel's: `/panel`, or a component or modal with a panel custom id. */
export function isPanelInteraction(interaction: Interaction): boolean {
  if (interaction.isChatInputCommand()) return interaction.commandName === PANEL_COMMAND;
  if (interaction.isButton() || interaction.isModalSubmit()) return interaction.customId.startsWith(PANEL_PREFIX);
  return false;
}

async function addToThread(deps: PanelDeps, threadId: string, userId: string): Promise<boolean> {
  try {
    const thread = await deps.client.channels.fetch(threadId);
    if (thread === null || !thread.isThread()) return false;
    await thread.members.add(userId);
    return true;
  } catch (error) {
    deps.logger.warn({ err: describeError(error, false), thread: threadId }, 'discord: member not added to the thread');
    return false;
  }
}

async function onCommand(deps: PanelDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  const subcommand = interaction.options.getSubcommand(false) ?? '';
  if (subcommand === 'open') return openPanel(deps, interaction);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const aside = interactionSink(interaction, { ephemeral: true, editFirst: true });
  const channel = interaction.channel ?? (await deps.client.channels.fetch(interaction.channelId).catch(() => null));
  if (channel === null || !channel.isThread()) return aside.send(panelWording.useInThread(subcommand));
  const threadId = channel.id;
  const by = panelActor(userOf(interaction.user), interaction.memberPermissions?.bitfield ?? null);
  const inbound = fromPanelCommand({
    id: interaction.id,
    threadId,
    by,
    subcommand,
    options: slashOptions(interaction),
  });
  if (inbound === undefined) return aside.send(wording.unknownCommand);
  await deps.queue.run(inbound.key, async () => {
    const replies = await deps.panel.panels.runtime.handle(inbound);
    await deliverPanel(deps, replies, { threadId, actor: { userId: by.userId, aside } });
    await aside.settle(wording.done);
  });
}

async function onButton(deps: PanelDeps, interaction: ButtonInteraction): Promise<void> {
  const button = parsePanelId(interaction.customId);
  if (button === undefined) return replyPrivately(interaction, [wording.unknownButton]);
  const by = panelActor(userOf(interaction.user), interaction.memberPermissions?.bitfield ?? null);
  const intent = fromPanelButton({ id: interaction.id, by, button });
  switch (intent.type) {
    case 'not-candidate':
      return replyPrivately(interaction, [panelWording.notCandidate(intent.candidateId)]);
    case 'modal':
      // The modal must be the first response: no defer on this path.
      return interaction.showModal(
        intent.button.kind === 'answer' ? panelAnswerModal(intent.button) : commentModal(intent.button),
      );
    case 'event':
      break;
    default:
      return intent satisfies never;
  }
  const { threadId } = button;
  await interaction.deferUpdate();
  const aside = interactionSink(interaction, { ephemeral: true, editFirst: false });
  const onLobby = button.kind === 'join' || button.kind === 'leave' || button.kind === 'begin';
  if (onLobby && interaction.channelId !== threadId)
    deps.panel.lobbies.remember(threadId, { channelId: interaction.channelId, messageId: interaction.message.id });
  const lobby = async (message: Outgoing) => {
    await interaction.editReply({ ...toOptions(message), content: message.content ?? '' });
  };
  await deps.queue.run(intent.inbound.key, async () => {
    const replies = await deps.panel.panels.runtime.handle(intent.inbound);
    // The engine sends the points of the turn in play; a button left on an earlier turn's message says so instead.
    if (button.kind === 'points' && pointsOfAnotherTurn(replies, button.turn))
      return aside.send(panelWording.staleTurn);
    const joined = button.kind === 'join' && listedIn(replies, by.userId);
    const added = joined && (await addToThread(deps, threadId, by.userId));
    await deliverPanel(deps, replies, { threadId, actor: { userId: by.userId, aside }, ...(onLobby ? { lobby } : {}) });
    if (added) await aside.send(panelWording.joined(threadId));
    else if (joined) await aside.send(panelWording.notAdded(threadId));
    if (button.kind === 'rate' && !toldPrivately(replies, by.userId))
      await aside.send(panelWording.rated(button.criterion, button.level));
  });
}

async function onModal(deps: PanelDeps, interaction: ModalSubmitInteraction): Promise<void> {
  const button = parsePanelId(interaction.customId);
  const field = button?.kind === 'answer' ? ANSWER_INPUT : COMMENT_INPUT;
  const text = interaction.fields.fields.has(field) ? interaction.fields.getTextInputValue(field) : '';
  const user = userOf(interaction.user);
  const by = panelActor(user, interaction.memberPermissions?.bitfield ?? null);
  const inbound = button === undefined ? undefined : fromPanelModal({ id: interaction.id, by, button, text });
  if (button === undefined || inbound === undefined) return replyPrivately(interaction, [wording.unknownButton]);
  const fromMessage = interaction.isFromMessage();
  if (fromMessage) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const aside = interactionSink(interaction, { ephemeral: true, editFirst: !fromMessage });
  const answer = button.kind === 'answer';
  await deps.queue.run(inbound.key, async () => {
    const replies = await deps.panel.panels.runtime.handle(inbound);
    // The engine refuses an answer to an earlier turn aloud, but says nothing to one whose turn is being rated.
    if (answer && replies.length === 0) return aside.send(panelWording.answerClosed);
    const taken = answer && !toldPrivately(replies, user.id);
    const preface = taken ? echoPanelAnswer(user.name, button.turn, text) : [];
    await deliverPanel(deps, replies, { threadId: button.threadId, actor: { userId: user.id, aside }, preface });
    await aside.settle(wording.done);
  });
}

/** Routes a panel interaction; without panels switched on, says so privately. */
export async function onPanelInteraction(deps: HandlerDeps, interaction: Interaction): Promise<void> {
  const { panel } = deps;
  if (panel === undefined) {
    if (interaction.isChatInputCommand() || interaction.isButton() || interaction.isModalSubmit())
      await replyPrivately(interaction, [panelWording.notEnabled]);
    return;
  }
  const full: PanelDeps = { ...deps, panel };
  if (interaction.isChatInputCommand()) return onCommand(full, interaction);
  if (interaction.isButton()) return onButton(full, interaction);
  if (interaction.isModalSubmit()) return onModal(full, interaction);
}

/** A message typed in a panel's thread, read as an answer (only with the Message Content intent switched on). */
export async function onPanelThreadMessage(deps: HandlerDeps, message: Message): Promise<void> {
  const { panel } = deps;
  if (panel === undefined || !panel.typedAnswers || message.author.bot) return;
  const channel = message.channel;
  if (!channel.isThread() || channel.ownerId !== deps.client.user?.id) return;
  const author = { ...userOf(message.author), bot: message.author.bot };
  const inbound = fromThreadMessage({ id: message.id, threadId: channel.id, author, content: message.content });
  if (inbound === undefined) return;
  await deps.queue.run(inbound.key, async () => {
    const replies = await panel.panels.runtime.handle(inbound);
    await deliverPanel({ ...deps, panel }, replies, { threadId: channel.id });
  });
}

/** Delivers replies no event asked for (a deadline passed) to the panel's thread, in turn with the panel's events. */
export async function deliverTimed(deps: PanelDeps, key: PanelKey, replies: readonly PanelReply[]): Promise<void> {
  const threadId = threadOfKey(key);
  if (threadId === undefined) return;
  await deps.queue.run(key, () => deliverPanel(deps, replies, { threadId }));
}
