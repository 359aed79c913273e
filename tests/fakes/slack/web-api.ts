import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiBody, failure, type MethodContext } from './api-method.js';
import type { CallLog } from './call-log.js';
import type { Faults } from './faults.js';
import type { FakeIdentity } from './ids.js';
import { apiMethods } from './methods.js';
import { parseArgs, readBody, tokenOf } from './request-body.js';
import { postToResponseUrl } from './response-url.js';

/** What the Web API server needs: state to act on, a log to record into, faults to inject. */
export type WebApiDeps = MethodContext & { readonly log: CallLog; readonly faults: Faults };

/** A running Web API server. */
export type WebApiServer = {
  /** `http://127.0.0.1:<port>`; the Web API lives under `/api/`, response URLs under `/response/`. */
  readonly origin: string;
  readonly close: () => Promise<void>;
};

type Answer = { readonly status: number; readonly body: ApiBody; readonly headers?: Readonly<Record<string, string>> };

/** Why `token` may not call a method wanting `wanted`, as Slack words it; `undefined` when it may. */
function authError(wanted: 'bot' | 'app', token: string | undefined, identity: FakeIdentity): string | undefined {
  if (token === undefined) return 'not_authed';
  const expected = wanted === 'bot' ? identity.botToken : identity.appToken;
  if (token === expected) return undefined;
  return token === identity.botToken || token === identity.appToken ? 'not_allowed_token_type' : 'invalid_auth';
}

async function answerApi(method: string, req: IncomingMessage, raw: string, url: URL, deps: WebApiDeps) {
  const parsed = parseArgs(raw, req.headers['content-type'], url.searchParams);
  const { token: tokenArg, ...args } = parsed ?? {};
  const token = tokenOf(req, tokenArg);
  const fault = deps.faults.next(method);
  if (fault.delayMs > 0) await sleep(fault.delayMs);
  const answer = ((): Answer => {
    if (fault.answer?.type === 'rateLimit') {
      const headers = { 'retry-after': String(fault.answer.retryAfterSeconds) };
      return { status: 429, body: failure('ratelimited'), headers };
    }
    if (fault.answer?.type === 'fail') return { status: 200, body: failure(fault.answer.error) };
    if (parsed === undefined) return { status: 200, body: failure('invalid_json') };
    const api = apiMethods[method];
    if (api === undefined) return { status: 200, body: failure('unknown_method') };
    const denied = authError(api.token, token, deps.workspace.identity);
    return { status: 200, body: denied === undefined ? api.run(args, deps) : failure(denied) };
  })();
  deps.log.record({ method, args, token, status: answer.status, response: answer.body, at: Date.now() });
  return answer;
}

async function route(req: IncomingMessage, deps: WebApiDeps): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const raw = await readBody(req);
  const method = url.pathname.match(/^\/api\/([A-Za-z0-9_.]+)$/)?.[1];
  if (method !== undefined) return answerApi(method, req, raw, url, deps);
  const hook = url.pathname.match(/^\/response\/([0-9a-f]+)$/)?.[1];
  if (hook !== undefined && req.method === 'POST') {
    const args = parseArgs(raw, req.headers['content-type'], new URLSearchParams());
    const answer =
      args === undefined
        ? { status: 400, body: failure('invalid_payload') }
        : postToResponseUrl(hook, args, deps.workspace);
    const record = { method: 'response_url', args: args ?? {}, token: undefined, at: Date.now() };
    deps.log.record({ ...record, status: answer.status, response: answer.body });
    return answer;
  }
  return { status: 404, body: failure('not_found') };
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

/** Starts the Web API (and response URL) server on 127.0.0.1 at a free port. */
export async function startWebApi(deps: WebApiDeps): Promise<WebApiServer> {
  const server = createServer((req, res) => {
    route(req, deps).then(
      (answer) => send(res, answer),
      (error: unknown) => send(res, { status: 500, body: failure('fake_internal_error', String(error)) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
