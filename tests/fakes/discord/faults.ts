import type { RestReply } from './errors.js';
import type { RouteKey } from './route-keys.js';

/** How a one-off 429 looks: how long to wait, and whether it is the global limit. */
export interface RateLimitOptions {
  readonly retryAfterMs?: number;
  readonly global?: boolean;
}

/** Latency and rate limits injected per route by tests. */
export class Faults {
  readonly #delays = new Map<RouteKey, number>();
  readonly #rateLimits = new Map<RouteKey, Required<RateLimitOptions>[]>();

  /** Every later call to `route` waits `ms` before it is handled; 0 removes the delay. */
  delay(route: RouteKey, ms: number): void {
    if (ms <= 0) this.#delays.delete(route);
    else this.#delays.set(route, ms);
  }

  /** The next call to `route` is answered 429; discord.js waits `retryAfterMs` and retries. */
  rateLimitOnce(route: RouteKey, options: RateLimitOptions = {}): void {
    const queue = this.#rateLimits.get(route) ?? [];
    queue.push({ retryAfterMs: options.retryAfterMs ?? 50, global: options.global ?? false });
    this.#rateLimits.set(route, queue);
  }

  /** The delay set for a route, in ms (0 when none). */
  delayFor(route: RouteKey): number {
    return this.#delays.get(route) ?? 0;
  }

  /** Takes the pending 429 for a route, if any, as the reply to send. */
  takeRateLimit(
    route: RouteKey,
    now: number,
  ): { readonly reply: RestReply; readonly retryAfterMs: number } | undefined {
    const next = this.#rateLimits.get(route)?.shift();
    if (next === undefined) return undefined;
    const seconds = next.retryAfterMs / 1000;
    const headers: Record<string, string> = {
      'Retry-After': String(seconds),
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String((now + next.retryAfterMs) / 1000),
      'X-RateLimit-Reset-After': String(seconds),
      'X-RateLimit-Bucket': `fake-${route.replaceAll(/[^a-z]/gi, '').toLowerCase()}`,
      'X-RateLimit-Scope': next.global ? 'global' : 'user',
      ...(next.global ? { 'X-RateLimit-Global': 'true' } : {}),
    };
    const body = { message: 'You are being rate limited.', retry_after: seconds, global: next.global };
    return { reply: { status: 429, body, headers }, retryAfterMs: next.retryAfterMs };
  }
}
