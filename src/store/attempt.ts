import type { StoreError, StoreErrorCode, StoreResult } from './types.js';

/** Thrown only by `Collection.keys()`, whose iteration cannot return a value; carries the same `StoreError`. */
export class StoreFailure extends Error {
  readonly code: StoreErrorCode;
  readonly error: StoreError;
  constructor(error: StoreError) {
    super(error.message);
    this.name = 'StoreFailure';
    this.code = error.code;
    this.error = error;
  }
}

/** A successful result. */
export const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });

/** A failed result. */
export const fail = (code: StoreErrorCode, message: string): { readonly ok: false; readonly error: StoreError } => ({
  ok: false,
  error: { code, message },
});

/** The message of anything thrown, on one line and short (backend errors name the cause, not stored values). */
export const messageOf = (error: unknown): string => {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 200);
};

/** Receives every backend promise an operation starts, so its key stays locked until the promise settles. */
export type Hold = (work: Promise<unknown>) => void;

const TIMED_OUT = Symbol('timed out');

/**
 * Runs one backend call with a deadline: a throw becomes `unavailable`, a call slower than `ms` becomes `timeout`.
 * A call that times out keeps running in the background (a caller that cares holds its promise).
 */
export async function attempt<T>(label: string, ms: number, run: () => Promise<T>): Promise<StoreResult<T>> {
  const work = Promise.resolve().then(run);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    const outcome = await Promise.race([work.then((value) => ({ value })), deadline]);
    if (outcome === TIMED_OUT) return fail('timeout', `${label}: no answer within ${ms} ms`);
    return ok(outcome.value);
  } catch (error) {
    return fail('unavailable', `${label}: ${messageOf(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
