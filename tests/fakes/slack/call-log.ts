import type { Json } from './json.js';

/** One request the fake answered: a Web API method, or `response_url` for a post to a response URL. */
export type RecordedCall = {
  readonly method: string;
  /** The arguments as the app meant them: form fields with JSON values (`blocks`, `view`, …) decoded. */
  readonly args: Json;
  readonly token: string | undefined;
  /** The HTTP status the fake answered: 200, or 429 when rate-limited, or 4xx for a bad response URL. */
  readonly status: number;
  /** The JSON the fake answered; `response.ok` tells success from Slack's `{ ok: false, error }`. */
  readonly response: Json;
  /** Epoch ms when the answer was sent. */
  readonly at: number;
};

/** Whether Slack accepted the call (`ok: true`). */
export const succeeded = (call: RecordedCall): boolean => call.response.ok === true;

type Waiter = {
  readonly method: string;
  readonly matches: (call: RecordedCall) => boolean;
  readonly done: (call: RecordedCall) => void;
};

/**
 * Keeps every call in order and wakes up whoever waits for one. With `keep` false nothing is kept (a long load run
 * would hold every message twice): `calls` is empty, `waitFor` sees only calls still to come, and `onCall` is how to
 * follow them.
 */
export class CallLog {
  readonly #calls: RecordedCall[] = [];
  readonly #waiters = new Set<Waiter>();
  readonly #listeners = new Set<(call: RecordedCall) => void>();
  readonly #keep: boolean;

  constructor(keep = true) {
    this.#keep = keep;
  }

  /** Appends a call, tells the listeners and resolves the waiters it satisfies. */
  record(call: RecordedCall): void {
    if (this.#keep) this.#calls.push(call);
    for (const listener of this.#listeners) listener(call);
    for (const waiter of this.#waiters) {
      if (waiter.method === call.method && waiter.matches(call)) waiter.done(call);
    }
  }

  /** Calls `listener` with every call from now on, as it is recorded; returns the function that stops it. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    const own = (call: RecordedCall) => listener(call);
    this.#listeners.add(own);
    return () => this.#listeners.delete(own);
  }

  /** Every recorded call to `method` (every call when omitted), oldest first. */
  calls(method?: string): readonly RecordedCall[] {
    return method === undefined ? [...this.#calls] : this.#calls.filter((call) => call.method === method);
  }

  /**
   * Resolves with the first call to `method` that satisfies `predicate`, already recorded or still to come;
   * rejects after `timeoutMs` naming the calls it saw instead.
   */
  waitFor(
    method: string,
    predicate: (call: RecordedCall) => boolean = () => true,
    timeoutMs = 2_000,
  ): Promise<RecordedCall> {
    const seen = this.calls(method).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        matches: predicate,
        done: (call) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const others = this.calls(method).map((call) => JSON.stringify(call.args).slice(0, 200));
        reject(
          new Error(
            `fake Slack: no matching ${method} call within ${timeoutMs} ms; saw ${others.length}: ${others.join(' | ') || '(none)'}`,
          ),
        );
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Forgets every call. */
  clear(): void {
    this.#calls.length = 0;
  }
}
