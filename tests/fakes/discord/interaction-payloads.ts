import {
  type APIInteraction,
  type APIMessage,
  type APIUser,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
} from 'discord-api-types/v10';
import { type FakeChannel, memberPayload } from './payloads.js';
import type { World } from './world.js';

/** Where an interaction happens: a guild channel or thread, or the DM between the bot and the user. */
export interface Place {
  readonly guildId: string | null;
  readonly channel: FakeChannel;
}

/** The fields every interaction carries; a DM one has `user`, a guild one `member` (and no `user`). */
export function interactionBase(world: World, id: string, token: string, user: APIUser, place: Place, locale: string) {
  const common = {
    id,
    application_id: world.applicationId,
    token,
    version: 1,
    channel: place.channel,
    channel_id: place.channel.id,
    app_permissions: world.access.botPermissions.toString(),
    locale,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (place.guildId === null) {
    return {
      ...common,
      user,
      context:
        place.channel.type === ChannelType.DM ? InteractionContextType.BotDM : InteractionContextType.PrivateChannel,
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
    };
  }
  const guild = world.guild(place.guildId);
  return {
    ...common,
    guild_id: place.guildId,
    guild: { id: place.guildId, locale: 'en-US', features: [] },
    guild_locale: 'en-US',
    member: {
      ...memberPayload(user, guild?.joinedAt ?? world.isoNow()),
      permissions: world.access.permissionsOf(user.id).toString(),
    },
    context: InteractionContextType.Guild,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: place.guildId },
  };
}

/** A slash command (application command of type CHAT_INPUT). */
export function slashCommandPayload(
  base: ReturnType<typeof interactionBase>,
  data: { readonly id: string; readonly name: string; readonly guildId: string | undefined },
  options: readonly unknown[],
  resolved: Readonly<Record<string, unknown>>,
): APIInteraction {
  return {
    ...base,
    type: InteractionType.ApplicationCommand,
    data: {
      id: data.id,
      name: data.name,
      type: 1,
      ...(options.length === 0 ? {} : { options }),
      ...(Object.keys(resolved).length === 0 ? {} : { resolved }),
      ...(data.guildId === undefined ? {} : { guild_id: data.guildId }),
    },
  } as unknown as APIInteraction;
}

/** A click on a button, or a choice in a select menu, on `message`. */
export function componentPayload(
  base: ReturnType<typeof interactionBase>,
  message: APIMessage,
  component: { readonly customId: string; readonly type: ComponentType; readonly values?: readonly string[] },
): APIInteraction {
  return {
    ...base,
    type: InteractionType.MessageComponent,
    message,
    data: {
      custom_id: component.customId,
      component_type: component.type,
      ...(component.values === undefined ? {} : { values: component.values }),
    },
  } as unknown as APIInteraction;
}

/** A modal submission: each shown text input comes back with its value, in the shape it was shown. */
export function modalSubmitPayload(
  base: ReturnType<typeof interactionBase>,
  customId: string,
  components: readonly unknown[],
  message: APIMessage | undefined,
): APIInteraction {
  return {
    ...base,
    type: InteractionType.ModalSubmit,
    data: { custom_id: customId, components },
    ...(message === undefined ? {} : { message }),
  } as unknown as APIInteraction;
}

/** Mirrors a shown modal's text inputs as submitted components (action rows or labels), filled from `fields`. */
export function submittedComponents(shown: readonly unknown[], fields: Readonly<Record<string, string>>): unknown[] {
  const used = new Set<string>();
  const fill = (input: unknown) => {
    const source = input as { readonly type?: unknown; readonly custom_id?: unknown; readonly id?: unknown };
    if (source.type !== ComponentType.TextInput || typeof source.custom_id !== 'string') return undefined;
    used.add(source.custom_id);
    return {
      type: ComponentType.TextInput,
      id: source.id,
      custom_id: source.custom_id,
      value: fields[source.custom_id] ?? '',
    };
  };
  const submitted = shown.flatMap((entry, index): unknown[] => {
    const row = entry as { readonly type?: unknown; readonly components?: unknown; readonly component?: unknown };
    if (row.type === ComponentType.ActionRow && Array.isArray(row.components)) {
      const inputs = row.components.map(fill).filter((input) => input !== undefined);
      return [{ type: ComponentType.ActionRow, id: index + 1, components: inputs }];
    }
    if (row.type === ComponentType.Label) {
      const input = fill(row.component);
      return input === undefined ? [] : [{ type: ComponentType.Label, id: index + 1, component: input }];
    }
    return [];
  });
  const unknown = Object.keys(fields).filter((key) => !used.has(key));
  if (unknown.length > 0) throw new Error(`fake Discord: the modal has no text input ${unknown.join(', ')}`);
  return submitted;
}
