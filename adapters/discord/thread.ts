import { type ButtonInteraction, ChannelType, ThreadAutoArchiveDuration } from 'discord.js';
import { channelSink, interactionSink } from './deliver.js';
import { describeError } from './funnel.js';
import { actorOf, type DiscordUser, repeatFor } from './inbound.js';
import type { HandlerDeps } from './interactions.js';
import { renderDiscord } from './render.js';
import { clip } from './text.js';
import { renderContext, runTurn } from './turns.js';
import { wording } from './wording.js';

/**
 * The closed-DMs fallback: opens a private thread in the channel the offer was made in, adds the user, makes it their
 * delivery target and sends what DMs could not take (or, after a restart, the current question again).
 */
export async function openThread(deps: HandlerDeps, interaction: ButtonInteraction, user: DiscordUser): Promise<void> {
  await interaction.deferUpdate();
  const aside = interactionSink(interaction, { ephemeral: true, editFirst: true });
  const channel = interaction.channel;
  if (channel?.type !== ChannelType.GuildText) return aside.send(wording.threadFailed);
  let thread: Awaited<ReturnType<typeof channel.threads.create>>;
  try {
    thread = await channel.threads.create({
      name: clip(`Interview practice: ${user.name}`, 100),
      type: ChannelType.PrivateThread,
      invitable: false,
      autoArchiveDuration: ThreadAutoArchiveDuration.OneWeek,
    });
    await thread.members.add(user.id);
  } catch (error) {
    deps.logger.warn({ err: describeError(error, false), user: user.id }, 'discord: could not open a private thread');
    return aside.send(wording.threadFailed);
  }
  deps.deliveries.useThread(user.id, thread.id);
  const sink = channelSink(thread);
  await deps.queue.run(user.id, async () => {
    await sink.send(wording.threadIntro);
    const held = deps.deliveries.take(user.id);
    if (held.length === 0) {
      await runTurn(deps, repeatFor({ id: interaction.id, user }), {
        conversation: sink,
        aside: sink,
        allAside: false,
      });
    } else {
      const context = await renderContext(deps, { actor: actorOf(user) }, held);
      for (const reply of held) for (const message of renderDiscord(reply, context)) await sink.send(message);
    }
  });
  await aside.send(wording.threadSent(thread.id));
}
