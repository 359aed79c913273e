import { createHmac } from 'node:crypto';
import { request } from 'undici';

/** Ways to send a request as Slack would, or to break it on purpose. */
export type SendOptions = {
  /** Sign with this secret instead of the fake's (a wrong secret). */
  readonly signingSecret?: string;
  /** Change the signature after signing (a tampered request). */
  readonly tamper?: boolean;
  /** Use a timestamp 6 minutes old (Bolt refuses anything older than 5). */
  readonly stale?: boolean;
  /** The `x-slack-request-timestamp` to sign with, in epoch seconds (default: now). */
  readonly timestamp?: number;
  /** Mark the request as Slack's retry number `retryNum` (`x-slack-retry-num`). */
  readonly retryNum?: number;
  /** Why Slack retries (`x-slack-retry-reason`, e.g. `http_timeout`). */
  readonly retryReason?: string;
};

/** How the app answered. `json` is the parsed body when it is JSON. */
export type AppResponse = {
  readonly status: number;
  readonly body: string;
  readonly json: unknown;
  readonly headers: Headers;
};

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Flips the last hex digit, so the signature has the right shape but the wrong value. */
const tampered = (signature: string): string => `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;

/** The headers Slack sends with `rawBody`, signed (or broken) as `options` say. */
export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  options: SendOptions = {},
): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = options.timestamp ?? (options.stale === true ? now - 6 * 60 : now);
  const signature = slackSignature(options.signingSecret ?? signingSecret, timestamp, rawBody);
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.tamper === true ? tampered(signature) : signature,
    ...(options.retryNum === undefined ? {} : { 'x-slack-retry-num': String(options.retryNum) }),
    ...(options.retryReason === undefined ? {} : { 'x-slack-retry-reason': options.retryReason }),
  };
}

/**
 * POSTs a signed body to the app's Request URL as Slack does. The content type is exactly
 * `application/json` or `application/x-www-form-urlencoded`: Bolt compares it without parameters. Sent with undici's
 * `request` rather than `fetch`: a load run sends thousands, and each fetch leaves streams and signals behind that
 * outlive it long enough for the collector to copy them.
 */
export async function postSigned(
  appUrl: string,
  rawBody: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  signingSecret: string,
  options: SendOptions = {},
): Promise<AppResponse> {
  const response = await request(appUrl, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signedHeaders(signingSecret, rawBody, options),
    },
    body: rawBody,
  });
  const body = await response.body.text();
  let json: unknown;
  try {
    json = body === '' ? undefined : (JSON.parse(body) as unknown);
  } catch {
    json = undefined;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) headers.append(name, one);
  }
  return { status: response.statusCode, body, json, headers };
}
