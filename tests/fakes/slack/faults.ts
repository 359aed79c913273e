/** A wrong answer planned for a method's next calls. */
export type AnswerFault =
  | { readonly type: 'rateLimit'; readonly retryAfterSeconds: number }
  | { readonly type: 'fail'; readonly error: string };

/** What the next call of a method meets: a wait before answering, then possibly a planned wrong answer. */
export type NextFault = { readonly delayMs: number; readonly answer: AnswerFault | undefined };

type Planned<T> = { readonly value: T; remaining: number };

/** Faults injected per method; each plan is used up call by call, in the order plans were made. */
export class Faults {
  readonly #answers = new Map<string, Planned<AnswerFault>[]>();
  readonly #delays = new Map<string, Planned<number>>();

  /** The next `times` calls of `method` get HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void {
    this.#plan(method, { type: 'rateLimit', retryAfterSeconds }, times);
  }

  /** The next `times` calls of `method` (every call by default) get `{ ok: false, error }`. */
  fail(method: string, error: string, times = Number.POSITIVE_INFINITY): void {
    this.#plan(method, { type: 'fail', error }, times);
  }

  /** The next `times` calls of `method` (every call by default) are answered `ms` late; 0 removes the delay. */
  delay(method: string, ms: number, times = Number.POSITIVE_INFINITY): void {
    if (ms <= 0) this.#delays.delete(method);
    else this.#delays.set(method, { value: ms, remaining: times });
  }

  /** Uses up one call's worth of the plans for `method`. */
  next(method: string): NextFault {
    return { delayMs: take(this.#delays.get(method)) ?? 0, answer: this.#takeAnswer(method) };
  }

  /** Removes every plan. */
  clear(): void {
    this.#answers.clear();
    this.#delays.clear();
  }

  #plan(method: string, fault: AnswerFault, times: number): void {
    const queue = this.#answers.get(method) ?? [];
    queue.push({ value: fault, remaining: times });
    this.#answers.set(method, queue);
  }

  #takeAnswer(method: string): AnswerFault | undefined {
    const queue = this.#answers.get(method) ?? [];
    while (queue.length > 0 && (queue[0]?.remaining ?? 0) <= 0) queue.shift();
    return take(queue[0]);
  }
}

function take<T>(planned: Planned<T> | undefined): T | undefined {
  if (planned === undefined || planned.remaining <= 0) return undefined;
  planned.remaining -= 1;
  return planned.value;
}
