import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/** Arguments the Web API takes as JSON even inside a form body (@slack/web-api JSON-encodes every object). */
const jsonFields = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurls', 'user_auth_blocks']);

/** Reads a request's whole body. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON-looking string decoded, anything else as it came (Slack then judges the raw value). */
function decodeJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/**
 * Parses a Web API request body, form-encoded or JSON, into arguments; `undefined` when it cannot be parsed.
 * Query-string arguments count too, as on Slack.
 */
export function parseArgs(raw: string, contentType: string | undefined, query: URLSearchParams) {
  const args: Record<string, unknown> = Object.fromEntries(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    try {
      const body = JSON.parse(raw || '{}') as unknown;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
      Object.assign(args, body);
    } catch {
      return undefined;
    }
  } else if (raw !== '') {
    for (const [key, value] of Object.entries(parseQuery(raw))) args[key] = Array.isArray(value) ? value.at(-1) : value;
  }
  for (const key of Object.keys(args)) if (jsonFields.has(key)) args[key] = decodeJson(args[key]);
  return args;
}

/** The token a request carries: `Authorization: Bearer …`, else the `token` argument. */
export function tokenOf(req: IncomingMessage, tokenArg: unknown): string | undefined {
  const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer !== undefined) return bearer;
  return typeof tokenArg === 'string' && tokenArg !== '' ? tokenArg : undefined;
}
