import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { InterviewEvent, Profile, Session } from '../../src/engine/index.js';
import { createRuntime, type InboundEvent, openInterviewStore, type Runtime } from '../../src/runtime/index.js';
import { loadLibrary } from '../../src/runtime/library.js';
import type { Store } from '../../src/store/index.js';

export const library = loadLibrary();
export const silent = pino({ level: 'silent' });

/** A temp folder removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'runtime-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestStore(url: string): Store<Session, Profile> {
  return openInterviewStore({ url, logger: silent });
}

/** A runtime over `store` with a clock the test moves. */
export function runtimeOn(store: Store<Session, Profile>, options: { rate?: number; ttlMs?: number } = {}) {
  const clock = { now: 1_700_000_000_000 };
  const runtime: Runtime = createRuntime({
    store,
    library,
    logger: silent,
    clock: () => clock.now,
    sessionTtlMs: options.ttlMs ?? 7 * 24 * 3_600_000,
    rateLimitPerMinute: options.rate ?? 1000,
  });
  return { runtime, clock };
}

let counter = 0;
/** An inbound event from terminal user `user`, with a fresh id unless one is given. */
export function inbound(user: string, event: InboundEvent['event'], id = `evt-${++counter}`): InboundEvent {
  return { id, key: `solo:terminal:${user}`, actor: { platform: 'terminal', userId: user, name: user }, event };
}

export const startEvent = (options = {}): InterviewEvent => ({
  type: 'start',
  options: { questions: 2, seed: 3, skipIntro: true, ...options },
});
export const answerEvent = (text: string): InterviewEvent => ({ type: 'answer', text });

export const story =
  'Last spring at the Camden shop a regular customer was angry because the phone he bought from us kept ' +
  'restarting. My job was to get him a working phone before his shift. I listened to the whole story, apologised, ' +
  'found a replacement at our Islington branch and set it up for him, then called him the next day to check on it. ' +
  'He left a five-star review and still asks for me when he comes in.';
