import type { Message } from 'discord.js';
import { channelSink } from './deliver.js';
import { fromDirectMessage } from './inbound.js';
import type { HandlerDeps } from './interactions.js';
import { runTurn } from './turns.js';

/** A DM from a user is an answer; replies go back to the DM. Bots (this one too) and other channels are ignored. */
export async function onDirectMessage(deps: HandlerDeps, message: Message): Promise<void> {
  if (message.author.bot || !message.channel.isDMBased() || !message.channel.isSendable()) return;
  const author = { id: message.author.id, name: message.author.displayName, bot: message.author.bot };
  const inbound = fromDirectMessage({ id: message.id, author, content: message.content });
  if (inbound === undefined) return;
  deps.deliveries.useDm(author.id);
  const sink = channelSink(message.channel);
  await deps.queue.run(author.id, () => runTurn(deps, inbound, { conversation: sink, aside: sink, allAside: false }));
}
