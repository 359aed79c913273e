import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { InboundEvent } from '../../src/runtime/index.js';
import { COMMAND_NAME } from './commands.js';
import { ANSWER_INPUT, answerModal } from './components.js';
import { channelSink, interactionSink, noMentions } from './deliver.js';
import type { Outgoing } from './embeds.js';
import { fromButton, fromModalSubmit, fromSlashCommand } from './inbound.js';
import { slashOptions, userOf } from './interaction-input.js';
import type { PanelWiring } from './panel-deps.js';
import { isPanelInteraction, onPanelInteraction } from './panel-interactions.js';
import type { KeyedQueue } from './queue.js';
import { openThread } from './thread.js';
import { runTurn, type TurnDeps } from './turns.js';
import { echoAnswer, wording } from './wording.js';

/**
 * What the interaction handlers need besides the turn dependencies: the queue (per user for interviews, per panel key
 * for panels) and, when group panels are switched on, their wiring.
 */
export type HandlerDeps = TurnDeps & { readonly queue: KeyedQueue; readonly panel?: PanelWiring };

/** Answers at once (no runtime involved), ephemerally. */
async function replyPrivately(
  interaction: ButtonInteraction | ModalSubmitInteraction | ChatInputCommandInteraction,
  message: Outgoing,
) {
  await interaction.reply({ ...message, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() });
}

/** Status, history and forget answer where they were asked (ephemerally in a server), not in the conversation. */
function isAside(event: InboundEvent['event']): boolean {
  return (
    event.type === 'history' || event.type === 'forget' || (event.type === 'command' && event.command.name === 'status')
  );
}

/**
 * Whether a component's message sits in the user's conversation (a DM, or a private thread the bot opened); if so,
 * that place becomes the user's delivery target again (this is how a thread is found after a restart).
 */
function inConversation(deps: HandlerDeps, interaction: ButtonInteraction | ModalSubmitInteraction): boolean {
  const channel = interaction.channel;
  const message = interaction.message;
  if (channel === null || message === null || message.flags.has(MessageFlags.Ephemeral)) return false;
  if (channel.isDMBased()) {
    deps.deliveries.useDm(interaction.user.id);
    return true;
  }
  if (channel.isThread() && channel.ownerId === deps.client.user?.id) {
    deps.deliveries.useThread(interaction.user.id, channel.id);
    return true;
  }
  return false;
}

async function onSlash(deps: HandlerDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  if (interaction.commandName !== COMMAND_NAME) return;
  const user = userOf(interaction.user);
  const subcommand = interaction.options.getSubcommand(false) ?? '';
  const inbound = fromSlashCommand({ id: interaction.id, user, subcommand, options: slashOptions(interaction) });
  if (inbound === undefined) return replyPrivately(interaction, wording.unknownCommand);
  const channel = interaction.channel;
  const inDm = channel?.isDMBased() === true;
  const here = inDm || (channel !== null && deps.deliveries.isThreadOf(user.id, channel.id));
  if (inDm) deps.deliveries.useDm(user.id);
  // Acknowledge first: the store may be slow, and Discord gives three seconds.
  await interaction.deferReply(here ? {} : { flags: MessageFlags.Ephemeral });
  const aside = interactionSink(interaction, { ephemeral: !here, editFirst: true });
  await deps.queue.run(user.id, async () => {
    await runTurn(deps, inbound, { conversation: here ? aside : 'target', aside, allAside: isAside(inbound.event) });
    await aside.settle(wording.done);
  });
}

async function onButton(deps: HandlerDeps, interaction: ButtonInteraction): Promise<void> {
  const user = userOf(interaction.user);
  const intent = fromButton({ id: interaction.id, user, customId: interaction.customId });
  switch (intent.type) {
    case 'unknown':
      return replyPrivately(interaction, wording.unknownButton);
    case 'foreign':
      return replyPrivately(interaction, wording.foreignButton);
    case 'modal':
      // The modal must be the first response: no defer on this path (and no runtime call).
      return interaction.showModal(answerModal(intent.button));
    case 'keep': {
      await interaction.update({ ...wording.kept, embeds: [], components: [], allowedMentions: noMentions() });
      return;
    }
    case 'thread':
      return openThread(deps, interaction, user);
    case 'event': {
      await interaction.deferUpdate();
      const here = inConversation(deps, interaction);
      const forget = intent.inbound.event.type === 'forget';
      const aside = interactionSink(interaction, { ephemeral: true, editFirst: forget || !here });
      const conversation = here && interaction.channel?.isSendable() ? channelSink(interaction.channel) : 'target';
      return deps.queue.run(user.id, () => runTurn(deps, intent.inbound, { conversation, aside, allAside: forget }));
    }
    default:
      return intent satisfies never;
  }
}

async function onModal(deps: HandlerDeps, interaction: ModalSubmitInteraction): Promise<void> {
  const user = userOf(interaction.user);
  const text = interaction.fields.getTextInputValue(ANSWER_INPUT);
  const inbound = fromModalSubmit({ id: interaction.id, user, customId: interaction.customId, text });
  if (inbound === undefined) return replyPrivately(interaction, wording.unknownButton);
  if (inbound === 'foreign') return replyPrivately(interaction, wording.foreignButton);
  const fromMessage = interaction.isFromMessage();
  if (fromMessage) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const here = inConversation(deps, interaction);
  const aside = interactionSink(interaction, { ephemeral: true, editFirst: !fromMessage });
  const conversation = here && interaction.channel?.isSendable() ? channelSink(interaction.channel) : 'target';
  await deps.queue.run(user.id, () =>
    runTurn(deps, inbound, { conversation, aside, allAside: false, preface: echoAnswer(text) }),
  );
}

/** Routes one interaction: `/interview`, our buttons, the answer modal, and panels; anything else is ignored. */
export async function onInteraction(deps: HandlerDeps, interaction: Interaction): Promise<void> {
  if (isPanelInteraction(interaction)) return onPanelInteraction(deps, interaction);
  if (interaction.isChatInputCommand()) return onSlash(deps, interaction);
  if (interaction.isButton()) return onButton(deps, interaction);
  if (interaction.isModalSubmit()) return onModal(deps, interaction);
}
