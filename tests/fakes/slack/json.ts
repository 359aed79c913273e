/** The fields the fake reads by name: declared, so they read as `json.text` under `noPropertyAccessFromIndexSignature`. */
type KnownField =
  | 'accessory'
  | 'action_id'
  | 'attachments'
  | 'block_id'
  | 'blocks'
  | 'callback_id'
  | 'channel'
  | 'close'
  | 'container'
  | 'delete_original'
  | 'element'
  | 'elements'
  | 'error'
  | 'external_id'
  | 'fields'
  | 'hash'
  | 'id'
  | 'message_ts'
  | 'ok'
  | 'parent_user_id'
  | 'payload'
  | 'private_metadata'
  | 'replace_original'
  | 'response_metadata'
  | 'response_type'
  | 'root_view_id'
  | 'submit'
  | 'text'
  | 'thread_ts'
  | 'title'
  | 'token'
  | 'trigger_id'
  | 'ts'
  | 'type'
  | 'url'
  | 'user'
  | 'user_id'
  | 'users'
  | 'value'
  | 'view'
  | 'view_id';

/** A JSON object to or from Slack: any fields, the ones the fake reads named. */
export type Json = Readonly<Record<string, unknown>> & { readonly [K in KnownField]?: unknown };

/** Whether `value` is a JSON object (not an array, not null). */
export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
