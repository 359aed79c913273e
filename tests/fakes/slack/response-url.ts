import { type ApiBody, type Args, failure, refused, stringArg } from './api-method.js';
import { checkMessage } from './limits.js';
import type { Workspace } from './workspace.js';

/** How a response URL answered: unlike the Web API, these answer errors with HTTP 4xx. */
export type ResponseUrlAnswer = { readonly status: number; readonly body: ApiBody };

const done: ResponseUrlAnswer = { status: 200, body: { ok: true } };
const notFound = (error: string): ResponseUrlAnswer => ({ status: 404, body: failure(error) });
const isSet = (flag: unknown): boolean => flag === true || flag === 'true';

/**
 * Applies one post to a response URL: `delete_original` and `replace_original` act on the clicked message,
 * `response_type: 'in_channel'` posts a new message, anything else is ephemeral (shown, not stored).
 */
export function postToResponseUrl(id: string, args: Args, workspace: Workspace): ResponseUrlAnswer {
  const target = workspace.useResponseUrl(id);
  if (target === undefined) return notFound('invalid_url');
  if (target === 'used_url') return notFound('used_url');
  const { channel, messageTs } = target;
  const original = channel === undefined || messageTs === undefined ? undefined : { channel, ts: messageTs };
  if (isSet(args.delete_original)) {
    return original !== undefined && workspace.remove(original.channel, original.ts)
      ? done
      : notFound('message_not_found');
  }
  const problem = checkMessage(args);
  if (problem) return { status: 400, body: refused(problem) };
  const blocks = Array.isArray(args.blocks) ? (args.blocks as readonly unknown[]) : undefined;
  if (isSet(args.replace_original)) {
    const edited = original && workspace.edit(original.channel, original.ts, stringArg(args, 'text'), blocks);
    return edited ? done : notFound('message_not_found');
  }
  if (args.response_type === 'in_channel' && channel !== undefined) {
    workspace.post(channel, stringArg(args, 'text') ?? '', blocks ?? [], stringArg(args, 'thread_ts'));
  }
  return done;
}
