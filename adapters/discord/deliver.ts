import { createHash } from 'node:crypto';
import {
  type BaseMessageOptions,
  MessageFlags,
  type MessageMentionOptions,
  type RepliableInteraction,
  type SendableChannels,
} from 'discord.js';
import type { Outgoing } from './embeds.js';

/** Every message this adapter sends parses no mentions: echoed text never pings anyone. */
export function noMentions(): MessageMentionOptions {
  return { parse: [] };
}

/** Mentions switched off, but for the users a message means to ping (`parse` stays empty: only those ids). */
export function mentionsFor(message: Outgoing): MessageMentionOptions {
  const pings = message.pings ?? [];
  return pings.length === 0 ? noMentions() : { parse: [], users: [...pings] };
}

/** A message as discord.js takes it, with mentions switched off (but for its `pings`). */
export function toOptions(message: Outgoing): BaseMessageOptions {
  return {
    ...(message.content === undefined ? {} : { content: message.content }),
    ...(message.embeds === undefined ? {} : { embeds: message.embeds }),
    ...(message.components === undefined ? {} : { components: message.components }),
    allowedMentions: mentionsFor(message),
  };
}

/** Somewhere messages can be sent, in order. */
export interface Sink {
  /**
   * Sends `message`. `once` names it the same way in every process (event id and position): where the platform can,
   * a second send under that name within a few minutes is dropped.
   */
  send(message: Outgoing, once?: string): Promise<void>;
}

/** The nonce of a message named `once` in `channelId`: 25 hex characters, the same in every process. */
export function nonceOf(once: string, channelId: string): string {
  return createHash('sha256').update(`${once}:${channelId}`).digest('hex').slice(0, 25);
}

/**
 * Sends to a channel (a DM or a thread). A named message carries a nonce with `enforceNonce`: Discord answers a
 * second create with the same nonce from this bot, in the last few minutes, with the first message instead of a
 * new one.
 */
export function channelSink(channel: SendableChannels): Sink {
  return {
    async send(message, once) {
      const nonce = once === undefined ? {} : { nonce: nonceOf(once, channel.id), enforceNonce: true };
      await channel.send({ ...toOptions(message), ...nonce });
    },
  };
}

/** A sink over an acknowledged interaction; `settle` resolves a deferred reply that nothing was sent to. */
export interface InteractionSink extends Sink {
  settle(fallback: Outgoing): Promise<void>;
}

/**
 * Sends through an interaction that was deferred: with `editFirst` the first message replaces the deferred reply (or,
 * after `deferUpdate`, the message the component sat on), every other one is a follow-up (ephemeral if asked).
 * Follow-ups are webhook messages, which take no nonce; Discord never delivers an interaction twice.
 */
export function interactionSink(
  interaction: RepliableInteraction,
  options: { readonly ephemeral: boolean; readonly editFirst: boolean },
): InteractionSink {
  let sent = 0;
  const send = async (message: Outgoing) => {
    if (options.editFirst && sent === 0) {
      await interaction.editReply({
        content: message.content ?? '',
        embeds: message.embeds ?? [],
        components: message.components ?? [],
        allowedMentions: noMentions(),
      });
    } else {
      await interaction.followUp({
        ...toOptions(message),
        ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
      });
    }
    sent++;
  };
  return {
    send,
    async settle(fallback) {
      if (options.editFirst && sent === 0) await send(fallback);
    },
  };
}
