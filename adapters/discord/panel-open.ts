import {
  ChannelType,
  type ChatInputCommandInteraction,
  type Message,
  MessageFlags,
  PermissionFlagsBits,
  type TextChannel,
  ThreadAutoArchiveDuration,
  type ThreadChannel,
} from 'discord.js';
import type { PanelInbound } from '../../src/runtime/index.js';
import { interactionSink, toOptions } from './deliver.js';
import type { Outgoing } from './embeds.js';
import { describeError } from './funnel.js';
import type { DiscordUser } from './inbound.js';
import { slashOptions, userOf } from './interaction-input.js';
import { deliverPanel } from './panel-deliver.js';
import type { PanelDeps } from './panel-deps.js';
import { openOptions, panelActor, panelKey } from './panel-inbound.js';
import { panelWording } from './panel-wording.js';
import { clip } from './text.js';

/** The thread a panel runs in; a public one starts from its lobby message, which it shares its id with. */
type Room =
  | { readonly private: true; readonly thread: ThreadChannel }
  | { readonly private: false; readonly thread: ThreadChannel; readonly lobby: Message };

const ARCHIVE = ThreadAutoArchiveDuration.OneDay;

/** A private thread if the bot may create one here, else a public thread from a placeholder lobby message. */
async function createRoom(
  deps: PanelDeps,
  channel: TextChannel,
  host: DiscordUser,
  mayGoPrivate: boolean,
): Promise<Room | undefined> {
  const name = clip(`Mock interview panel: ${host.name}`, 100);
  if (mayGoPrivate) {
    try {
      const thread = await channel.threads.create({
        name,
        type: ChannelType.PrivateThread,
        invitable: false,
        autoArchiveDuration: ARCHIVE,
      });
      return { private: true, thread };
    } catch (error) {
      deps.logger.warn({ err: describeError(error, false) }, 'discord: no private thread for a panel; trying public');
    }
  }
  let lobby: Message | undefined;
  try {
    lobby = await channel.send(toOptions(panelWording.opening));
    const thread = await lobby.startThread({ name, autoArchiveDuration: ARCHIVE });
    return { private: false, thread, lobby };
  } catch (error) {
    deps.logger.warn({ err: describeError(error, false) }, 'discord: no thread for a panel');
    await lobby?.delete().catch(() => undefined);
    return undefined;
  }
}

/**
 * `/panel open`: starts the panel's thread (private where the bot may create one, else public, saying so), adds the
 * host, opens the panel keyed by the thread, and posts the lobby (Join / Leave / Start) in the channel.
 */
export async function openPanel(deps: PanelDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const aside = interactionSink(interaction, { ephemeral: true, editFirst: true });
  const channel = interaction.channel;
  if (channel?.type !== ChannelType.GuildText) return aside.send(panelWording.openInChannel);
  const host = userOf(interaction.user);
  const mayGoPrivate = interaction.appPermissions.has(PermissionFlagsBits.CreatePrivateThreads);
  const room = await createRoom(deps, channel, host, mayGoPrivate);
  if (room === undefined) return aside.send(panelWording.openFailed);
  const threadId = room.thread.id;
  await room.thread.members.add(host.id).catch((error: unknown) => {
    deps.logger.warn({ err: describeError(error, false), thread: threadId }, 'discord: host not added to the thread');
  });
  await room.thread.send(toOptions(panelWording.threadIntro));
  const showLobby = async (message: Outgoing) => {
    const shown =
      room.private === false
        ? await room.lobby.edit({ ...toOptions(message), content: message.content ?? '' })
        : await channel.send(toOptions(message));
    deps.panel.lobbies.remember(threadId, { channelId: channel.id, messageId: shown.id });
  };
  const inbound: PanelInbound = {
    id: interaction.id,
    key: panelKey(threadId),
    platform: 'discord',
    event: {
      type: 'open',
      by: panelActor(host, interaction.memberPermissions?.bitfield ?? null),
      options: openOptions(slashOptions(interaction)),
    },
  };
  await deps.queue.run(inbound.key, async () => {
    const replies = await deps.panel.panels.runtime.handle(inbound);
    await deliverPanel(deps, replies, { threadId, actor: { userId: host.id, aside }, lobby: showLobby });
    if (replies.some((r) => r.type === 'lobby'))
      await aside.send(room.private ? panelWording.opened(threadId) : panelWording.openedPublic(threadId));
  });
}
