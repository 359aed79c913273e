/**
 * A fake Discord for end-to-end tests: REST under `/api/v10` and a gateway WebSocket on 127.0.0.1 that the real
 * discord.js client logs in to. `startFakeDiscord()` starts one; README.md in this folder shows the whole surface.
 */
export type { CommandInvocation, OptionInput, OptionValue } from './command-options.js';
export type { DiscordErrorBody, ErrorTree, FieldError, FormIssue } from './errors.js';
export { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from './fake-discord.js';
export type { RateLimitOptions } from './faults.js';
export type { GatewaySessionInfo } from './gateway.js';
export type { InteractionHandle, MessageHandle } from './handles.js';
export type {
  ChannelMessageInput,
  ClickButtonInput,
  DmMessageInput,
  SelectMenuInput,
  SlashCommandInput,
  SubmitModalInput,
} from './inject.js';
export { LIMITS } from './limits.js';
export { isEmptyMessage, messageIssues, modalIssues } from './message-limits.js';
export { type FakeChannel, MEMBER_PERMISSIONS } from './payloads.js';
export type { FakeRecord, RecordBase, RecordDetail, RecordOf, RecordPredicate, UploadedFile } from './records.js';
export { ROUTE_KEYS, type RouteKey } from './route-keys.js';
export { type SessionStartLimit, type SessionStartOptions, type ShardPair, shardOfGuild } from './sharding.js';
export type { Clock } from './snowflake.js';
export type { FakeGuildInput, UserRef } from './world.js';
