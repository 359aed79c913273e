import type {
  APIApplicationCommand,
  APIInteractionResponse,
  APIMessage,
  InteractionResponseType,
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord-api-types/v10';
import type { DiscordErrorBody } from './errors.js';
import type { RouteKey } from './route-keys.js';
import type { Clock } from './snowflake.js';

/** A file uploaded in a multipart request. */
export interface UploadedFile {
  readonly field: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
}

/** What every record holds: the request, the status answered and, when refused, Discord's error body. */
export interface RecordBase {
  /** Position among all records, from 1. */
  readonly seq: number;
  readonly at: number;
  readonly method: string;
  /** The path after `/api/v10`, percent-decoded (`@original`, not `%40original`). */
  readonly path: string;
  readonly route: RouteKey | null;
  readonly status: number;
  readonly error: DiscordErrorBody | undefined;
}

/** What the bot asked for, by kind; `message` is the message as stored after the call, when it succeeded. */
export type RecordDetail =
  | {
      readonly kind: 'interaction-callback';
      readonly interactionId: string;
      readonly callbackType: InteractionResponseType | undefined;
      readonly body: APIInteractionResponse;
      readonly message: APIMessage | undefined;
    }
  | {
      readonly kind: 'webhook-message';
      readonly action: 'create' | 'edit' | 'fetch' | 'delete';
      readonly interactionId: string | undefined;
      /** `@original` or a message id; undefined for a follow-up. */
      readonly target: string | undefined;
      readonly body: RESTPostAPIWebhookWithTokenJSONBody | undefined;
      readonly files: readonly UploadedFile[];
      readonly message: APIMessage | undefined;
    }
  | {
      readonly kind: 'channel-message';
      readonly action: 'create' | 'edit' | 'fetch' | 'delete';
      readonly channelId: string;
      readonly body: RESTPostAPIChannelMessageJSONBody | undefined;
      readonly files: readonly UploadedFile[];
      readonly message: APIMessage | undefined;
    }
  | { readonly kind: 'dm-channel'; readonly recipientId: string; readonly channelId: string | undefined }
  | {
      readonly kind: 'thread';
      readonly action: 'create' | 'edit' | 'join';
      readonly channelId: string;
      readonly threadId: string | undefined;
      readonly body: unknown;
    }
  | {
      readonly kind: 'commands';
      readonly guildId: string | undefined;
      readonly body: unknown;
      readonly commands: readonly APIApplicationCommand[];
    }
  | { readonly kind: 'channel-edit'; readonly channelId: string; readonly body: unknown }
  | { readonly kind: 'typing'; readonly channelId: string }
  | { readonly kind: 'read'; readonly body: unknown }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'bad-json' }
  | { readonly kind: 'fake-error'; readonly reason: string }
  | { readonly kind: 'unknown-route'; readonly body: unknown };

/** One REST call the bot made, as the fake answered it. */
export type FakeRecord = RecordBase & RecordDetail;

/** The records of one kind. */
export type RecordOf<K extends FakeRecord['kind']> = Extract<FakeRecord, { kind: K }>;

/** A test over records; a type guard narrows what `waitFor` resolves to. */
export type RecordPredicate<T extends FakeRecord = FakeRecord> =
  | ((record: FakeRecord) => record is T)
  | ((record: FakeRecord) => boolean);

interface Waiter {
  readonly since: number;
  readonly predicate: (record: FakeRecord) => boolean;
  readonly resolve: (record: FakeRecord) => void;
}

/** Keeps every REST call in order and lets tests wait for the one they expect. */
export class Recorder {
  readonly #clock: Clock;
  readonly #records: FakeRecord[] = [];
  readonly #waiters = new Set<Waiter>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Every record so far, oldest first. */
  get all(): readonly FakeRecord[] {
    return this.#records;
  }

  /** The seq of the newest record (0 when none): pass it as `since` to wait only for later ones. */
  get lastSeq(): number {
    return this.#records.length;
  }

  /** Appends a record and wakes the waiters it satisfies. */
  add(base: Omit<RecordBase, 'seq' | 'at'>, detail: RecordDetail): FakeRecord {
    const record = { ...base, ...detail, seq: this.#records.length + 1, at: this.#clock() } as FakeRecord;
    this.#records.push(record);
    for (const waiter of this.#waiters) {
      if (record.seq > waiter.since && waiter.predicate(record)) {
        this.#waiters.delete(waiter);
        waiter.resolve(record);
      }
    }
    return record;
  }

  /** Resolves with the first record after `since` that passes; rejects after `timeoutMs` naming what did arrive. */
  waitFor<T extends FakeRecord>(predicate: RecordPredicate<T>, timeoutMs: number, since = 0): Promise<T> {
    const test = predicate as (record: FakeRecord) => boolean;
    const found = this.#records.find((record) => record.seq > since && test(record));
    if (found !== undefined) return Promise.resolve(found as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`fake Discord: nothing matched within ${timeoutMs} ms; ${this.describeSince(since)}`));
      }, timeoutMs);
      const waiter: Waiter = {
        since,
        predicate: test,
        resolve: (record) => {
          clearTimeout(timer);
          resolve(record as T);
        },
      };
      this.#waiters.add(waiter);
    });
  }

  /** One line per record after `since`, for failure messages. */
  describeSince(since: number): string {
    const lines = this.#records
      .filter((record) => record.seq > since)
      .map((r) => `${r.method} ${r.path} -> ${r.status}${r.error === undefined ? '' : ` (${r.error.code})`}`);
    return lines.length === 0 ? 'the bot made no REST call' : `the bot called: ${lines.join('; ')}`;
  }
}
