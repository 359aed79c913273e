import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { errors, type RestReply } from './errors.js';
import type { Faults } from './faults.js';
import type { FakeRecord, RecordDetail, Recorder, UploadedFile } from './records.js';
import { matchRoute, type RouteKey, type RouteParams } from './route-keys.js';

/** A REST request after parsing: JSON body (or multipart `payload_json`) and uploaded files. */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly json: unknown;
  readonly files: readonly UploadedFile[];
}

/** What a route answers and what it records about the call. */
export interface RouteResult {
  readonly reply: RestReply;
  readonly detail: RecordDetail;
}

/** One served route. */
export interface RouteHandler {
  readonly key: RouteKey;
  /** False for routes authorised by the token in their path (interaction callbacks, webhooks). */
  readonly auth: boolean;
  readonly handle: (request: RestRequest, params: Readonly<Record<string, string>>) => RouteResult;
}

/** Declares a route whose handler receives its path parameters by name. */
export function defineRoute<K extends RouteKey>(
  key: K,
  handle: (request: RestRequest, params: RouteParams<K>) => RouteResult,
  options: { readonly auth?: boolean } = {},
): RouteHandler {
  return { key, auth: options.auth ?? true, handle: (request, params) => handle(request, params as RouteParams<K>) };
}

/** What the REST listener needs. */
export interface RestDeps {
  readonly routes: readonly RouteHandler[];
  readonly recorder: Recorder;
  readonly faults: Faults;
  readonly token: string;
  /** True once Discord reset the token (the session start limit was exceeded): it no longer authorises. */
  readonly tokenReset: () => boolean;
  readonly now: () => number;
}

const API_PREFIX = '/api/v10/';

/** Serves `/api/v10`: parses, authorises, applies injected faults, routes, records and answers. */
export function createRestListener(deps: RestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(deps, req).then(
      (reply) => write(res, reply),
      (error: unknown) => write(res, { status: 500, body: { code: 0, message: `500: fake Discord failed: ${error}` } }),
    );
  };
}

async function handle(deps: RestDeps, req: IncomingMessage): Promise<RestReply> {
  const url = new URL(req.url ?? '/', 'http://fake.local');
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length - 1) : url.pathname;
  const segments = raw.split('/').slice(1).map(decodeSegment);
  const path = `/${segments.join('/')}`;
  const parsed = await readBody(req);
  const record = (route: RouteKey | null, reply: RestReply, detail: RecordDetail): RestReply => {
    const error = reply.status >= 400 && reply.status !== 429 ? (reply.body as FakeRecord['error']) : undefined;
    deps.recorder.add({ method, path, route, status: reply.status, error }, detail);
    return reply;
  };
  const found = url.pathname.startsWith(API_PREFIX) ? findRoute(deps.routes, method, segments) : undefined;
  if (found === undefined) return record(null, errors.notFound(), { kind: 'unknown-route', body: parsed?.json });
  const { route, params } = found;
  if (parsed === undefined) return record(route.key, errors.badJson(), { kind: 'bad-json' });
  const request: RestRequest = { method, path, query: url.searchParams, headers: req.headers, ...parsed };
  if (route.auth && (req.headers.authorization !== `Bot ${deps.token}` || deps.tokenReset())) {
    return record(route.key, errors.unauthorized(), { kind: 'unauthorized' });
  }
  const delay = deps.faults.delayFor(route.key);
  if (delay > 0) await sleep(delay);
  const limited = deps.faults.takeRateLimit(route.key, deps.now());
  if (limited !== undefined) {
    return record(route.key, limited.reply, { kind: 'rate-limited', retryAfterMs: limited.retryAfterMs });
  }
  try {
    const result = route.handle(request, params);
    return record(route.key, result.reply, result.detail);
  } catch (error) {
    // A bug in the fake, not in the bot: answer 500 and leave a record the test will see.
    const message = error instanceof Error ? error.message : String(error);
    return record(
      route.key,
      { status: 500, body: { code: 0, message: `500: ${message}` } },
      { kind: 'fake-error', reason: message },
    );
  }
}

function findRoute(routes: readonly RouteHandler[], method: string, segments: readonly string[]) {
  for (const route of routes) {
    const params = matchRoute(route.key, method, segments);
    if (params !== undefined) return { route, params };
  }
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function readBody(req: IncomingMessage): Promise<{ json: unknown; files: UploadedFile[] } | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const buffer = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (buffer.length === 0) return { json: undefined, files: [] };
  if (type.startsWith('multipart/form-data')) return readMultipart(buffer, type);
  try {
    return { json: JSON.parse(buffer.toString('utf8')), files: [] };
  } catch {
    return undefined;
  }
}

async function readMultipart(
  buffer: Buffer,
  type: string,
): Promise<{ json: unknown; files: UploadedFile[] } | undefined> {
  const form = await new Request('http://fake.local', {
    method: 'POST',
    headers: { 'content-type': type },
    body: buffer,
  }).formData();
  const files: UploadedFile[] = [];
  const fields: Record<string, unknown> = {};
  let json: unknown;
  for (const [field, value] of form.entries()) {
    if (typeof value !== 'string') files.push({ field, name: value.name, size: value.size, contentType: value.type });
    else if (field !== 'payload_json') fields[field] = value;
    else {
      try {
        json = JSON.parse(value);
      } catch {
        return undefined;
      }
    }
  }
  return { json: json ?? fields, files };
}

function write(res: ServerResponse, reply: RestReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['Content-Type'] = 'application/json';
  res.writeHead(reply.status, headers).end(text);
}
