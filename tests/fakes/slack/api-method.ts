import type { Json } from './json.js';
import type { LimitProblem } from './limits.js';
import type { Workspace } from './workspace.js';

/** A method's arguments, JSON values already decoded. */
export type Args = Json;

/** The JSON a method answers (HTTP 200 either way, as Slack does). */
export type ApiBody = Json;

/** What a method may read and change. */
export type MethodContext = {
  readonly workspace: Workspace;
  /** Issues a Socket Mode URL (apps.connections.open). */
  readonly socketUrl: () => string;
};

/** One Web API method: which token it takes and how it answers. */
export type ApiMethod = {
  /** `bot` wants the xoxb- token; `app` wants the xapp- token (Socket Mode). */
  readonly token: 'bot' | 'app';
  readonly run: (args: Args, ctx: MethodContext) => ApiBody;
};

/** A success answer. */
export const ok = (body: Readonly<Record<string, unknown>> = {}): ApiBody => ({ ok: true, ...body });

/** Slack's error answer, with `response_metadata.messages` when there is more to say. */
export const failure = (error: string, message?: string): ApiBody => ({
  ok: false,
  error,
  ...(message === undefined ? {} : { response_metadata: { messages: [message] } }),
});

/** The error answer for a payload that breaks a limit. */
export const refused = (problem: LimitProblem): ApiBody => failure(problem.error, problem.message);

/** A non-empty string argument, or `undefined`. */
export function stringArg(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
