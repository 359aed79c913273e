/** The keys the fake reads from parsed JSON, declared so they read as properties under the strict tsconfig. */
type JsonKey =
  | '_errors'
  | 'accessory'
  | 'allowed_mentions'
  | 'attachments'
  | 'author'
  | 'auto_archive_duration'
  | 'component'
  | 'components'
  | 'content'
  | 'custom_id'
  | 'd'
  | 'data'
  | 'description'
  | 'disabled'
  | 'embeds'
  | 'fail_if_not_exists'
  | 'fields'
  | 'flags'
  | 'footer'
  | 'intents'
  | 'invitable'
  | 'label'
  | 'message_id'
  | 'message_reference'
  | 'name'
  | 'op'
  | 'options'
  | 'parse'
  | 'placeholder'
  | 'poll'
  | 'recipient_id'
  | 'roles'
  | 'seq'
  | 'session_id'
  | 'shard'
  | 'sticker_ids'
  | 'style'
  | 'text'
  | 'title'
  | 'token'
  | 'topic'
  | 'tts'
  | 'type'
  | 'url'
  | 'users'
  | 'value';

/** A parsed JSON object: any key may be read, the usual ones as properties. */
export type Json = { readonly [K in JsonKey]?: unknown } & { readonly [key: string]: unknown };

/** Narrows a parsed JSON value to a plain object. */
export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
