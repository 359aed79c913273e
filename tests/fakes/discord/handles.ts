import { type APIInteraction, type APIMessage, InteractionResponseType } from 'discord-api-types/v10';
import type { FakeRecord, Recorder, RecordOf, RecordPredicate } from './records.js';

const LOADING = 1 << 7;

/** An interaction sent to the bot, and ways to await what the bot did about it. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly payload: APIInteraction;
  /** How many connected bot sessions received the interaction (0: no bot was listening). */
  readonly deliveredTo: number;
  /** The gateway sessions whose live connection received it: those of the shard that owns its guild (DMs: 0). */
  readonly receivedBy: readonly string[];
  /** Resolves with the bot's first callback for this interaction, accepted or refused. */
  callback(timeoutMs?: number): Promise<RecordOf<'interaction-callback'>>;
  /**
   * Resolves with the next message the bot showed for this interaction: a reply or update, an edit of the
   * original, a follow-up (loading placeholders are skipped). Each call moves past the previous one.
   */
  nextMessage(timeoutMs?: number): Promise<APIMessage>;
  /** Resolves with the first record tied to this interaction that passes `predicate`. */
  waitFor<T extends FakeRecord>(predicate: RecordPredicate<T>, timeoutMs?: number): Promise<T>;
  /** The records tied to this interaction so far. */
  records(): FakeRecord[];
}

/** A message a user sent, and ways to await what the bot did in that channel afterwards. */
export interface MessageHandle {
  readonly message: APIMessage;
  readonly channelId: string;
  /** How many connected bot sessions received the message (intents and shards decide). */
  readonly deliveredTo: number;
  /** The gateway sessions whose live connection received it. */
  readonly receivedBy: readonly string[];
  /** Resolves with the next message the bot posted or edited in this channel; each call moves on. */
  nextMessage(timeoutMs?: number): Promise<APIMessage>;
  /** Resolves with the first record about this channel, made after the message, that passes `predicate`. */
  waitFor<T extends FakeRecord>(predicate: RecordPredicate<T>, timeoutMs?: number): Promise<T>;
  /** The records about this channel made after the message. */
  records(): FakeRecord[];
}

/** Builds the handle of an interaction dispatched when the recorder stood at `since`. */
export function interactionHandle(
  recorder: Recorder,
  defaultTimeoutMs: number,
  since: number,
  sent: { readonly payload: APIInteraction; readonly receivedBy: readonly string[] },
): InteractionHandle {
  const { payload } = sent;
  const related = (record: FakeRecord) =>
    (record.kind === 'interaction-callback' || record.kind === 'webhook-message') &&
    record.interactionId === payload.id;
  const shows = (record: FakeRecord): boolean => {
    if (!related(record) || record.status >= 300 || !('message' in record) || record.message === undefined)
      return false;
    if (((record.message.flags ?? 0) & LOADING) !== 0) return false;
    if (record.kind === 'interaction-callback') {
      return (
        record.callbackType === InteractionResponseType.ChannelMessageWithSource ||
        record.callbackType === InteractionResponseType.UpdateMessage
      );
    }
    return record.kind === 'webhook-message' && (record.action === 'create' || record.action === 'edit');
  };
  return {
    id: payload.id,
    token: payload.token,
    payload,
    deliveredTo: sent.receivedBy.length,
    receivedBy: sent.receivedBy,
    ...scopedWaits(recorder, defaultTimeoutMs, since, related, shows),
    callback: (timeoutMs = defaultTimeoutMs) =>
      recorder.waitFor(
        (record): record is RecordOf<'interaction-callback'> =>
          record.kind === 'interaction-callback' && related(record),
        timeoutMs,
        since,
      ),
  };
}

/** Builds the handle of a user message dispatched when the recorder stood at `since`. */
export function messageHandle(
  recorder: Recorder,
  defaultTimeoutMs: number,
  since: number,
  sent: { readonly message: APIMessage; readonly receivedBy: readonly string[] },
): MessageHandle {
  const channelId = sent.message.channel_id;
  const related = (record: FakeRecord) =>
    (record.kind === 'channel-message' || record.kind === 'typing' || record.kind === 'channel-edit') &&
    record.channelId === channelId;
  const shows = (record: FakeRecord) =>
    record.kind === 'channel-message' &&
    record.channelId === channelId &&
    record.status < 300 &&
    (record.action === 'create' || record.action === 'edit');
  return {
    ...sent,
    deliveredTo: sent.receivedBy.length,
    channelId,
    ...scopedWaits(recorder, defaultTimeoutMs, since, related, shows),
  };
}

function scopedWaits(
  recorder: Recorder,
  defaultTimeoutMs: number,
  since: number,
  related: (record: FakeRecord) => boolean,
  shows: (record: FakeRecord) => boolean,
) {
  let cursor = since;
  return {
    records: () => recorder.all.filter((record) => record.seq > since && related(record)),
    waitFor: <T extends FakeRecord>(predicate: RecordPredicate<T>, timeoutMs = defaultTimeoutMs) =>
      recorder.waitFor<T>(
        ((record: FakeRecord) =>
          related(record) && (predicate as (r: FakeRecord) => boolean)(record)) as RecordPredicate<T>,
        timeoutMs,
        since,
      ),
    nextMessage: async (timeoutMs = defaultTimeoutMs): Promise<APIMessage> => {
      const record = await recorder.waitFor(shows, timeoutMs, cursor);
      cursor = record.seq;
      return (record as { readonly message: APIMessage }).message;
    },
  };
}
