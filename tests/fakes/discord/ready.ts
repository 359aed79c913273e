import {
  type APIChannel,
  type ApplicationFlags,
  GatewayDispatchEvents,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
} from 'discord-api-types/v10';
import type { Dispatch } from './gateway.js';
import { everyoneRole } from './payloads.js';
import { receives, type ShardPair } from './sharding.js';
import type { GuildState, World } from './world.js';

/**
 * READY for a new session, then a GUILD_CREATE for every guild of its shard, as Discord sends them after IDENTIFY:
 * a shard neither lists nor receives the guilds of other shards.
 */
export function identifyDispatches(
  world: World,
  sessionId: string,
  resumeUrl: string,
  shard: ShardPair | null,
): { readonly ready: GatewayReadyDispatchData; readonly after: readonly Dispatch[] } {
  const guilds = world.guilds().filter((guild) => receives(shard, guild.id));
  const ready: GatewayReadyDispatchData = {
    v: 10,
    user: world.bot,
    guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    ...(shard === null ? {} : { shard: [shard[0], shard[1]] as [number, number] }),
    application: { id: world.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
  const after = guilds.map((guild) => ({ t: GatewayDispatchEvents.GuildCreate, d: guildCreateData(world, guild) }));
  return { ready, after };
}

/** A full GUILD_CREATE: channels, active threads, members (the bot and every user) and the @everyone role. */
export function guildCreateData(world: World, guild: GuildState): GatewayGuildCreateDispatchData {
  const channels = guild.channelIds.flatMap((id) => {
    const channel = world.channel(id);
    return channel === undefined ? [] : [channel];
  }) as GatewayGuildCreateDispatchData['channels'];
  const members = world.members(guild);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [everyoneRole(guild.id)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channelIds[0] ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    max_members: 500_000,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels,
    threads: world.threads(guild.id) as (APIChannel & GatewayGuildCreateDispatchData['threads'][number])[],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
