import type { ChatInputCommandInteraction, User } from 'discord.js';
import type { DiscordUser, OptionValues } from './inbound.js';

/** The Discord user as the adapter names them. */
export function userOf(user: User): DiscordUser {
  return { id: user.id, name: user.displayName };
}

/** The options of a slash command's subcommand, by name, as Discord resolved them (a user option is the user's id). */
export function slashOptions(interaction: ChatInputCommandInteraction): OptionValues {
  const sub = interaction.options.data.find((option) => option.options !== undefined);
  const values: Record<string, string | number | boolean | undefined> = {};
  for (const option of sub?.options ?? []) values[option.name] = option.value;
  return values;
}
