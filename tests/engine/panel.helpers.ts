import type { PanelActor, PanelEvent, PanelSession } from '../../src/engine/index.js';
import { stepPanel } from '../../src/engine/index.js';
import { ctxFor } from './helpers.js';

export const host: PanelActor = { userId: 'h1', name: 'Hana', canManage: false };
export const ben: PanelActor = { userId: 'b2', name: 'Ben', canManage: false };
export const cleo: PanelActor = { userId: 'c3', name: 'Cleo', canManage: false };
export const mod: PanelActor = { userId: 'm9', name: 'Mo', canManage: true };

export const T0 = 1_700_000_000_000;

/** Runs events in order from `session`, each a second apart; returns the last result and every reply. */
export function run(session: PanelSession | undefined, events: readonly PanelEvent[], start = T0) {
  let current = session;
  const replies = [];
  let now = start;
  for (const [i, event] of events.entries()) {
    now += 1000;
    const result = stepPanel(current, event, ctxFor(100 + i, now));
    current = result.session;
    replies.push(...result.replies);
  }
  return { session: current, replies, now };
}

/** A panel of Hana (host), Ben and Cleo with one question each, begun. */
export function begunPanel(questionsPerPerson = 1) {
  return run(undefined, [
    { type: 'open', by: host, options: { questionsPerPerson, seed: 5 } },
    { type: 'join', by: ben },
    { type: 'join', by: cleo },
    { type: 'begin', by: host },
  ]);
}

export const story =
  'Last spring at the Camden shop a regular customer was angry because the phone he bought from us kept ' +
  'restarting. My job was to get him a working phone before his shift. I listened to the whole story, apologised, ' +
  'found a replacement at our Islington branch and set it up for him, then called him the next day to check on it. ' +
  'He left a five-star review and still asks for me when he comes in.';

/** Answers for whoever is the candidate until the rating opens (at most three messages). */
export function answerUntilRating(session: PanelSession | undefined, who: PanelActor) {
  let result = { session, replies: [] as ReturnType<typeof stepPanel>['replies'] };
  for (let i = 0; i < 3 && result.session?.state.phase === 'answering'; i++) {
    const next = stepPanel(result.session, { type: 'answer', by: who, text: story }, ctxFor(i, T0 + 10_000 + i));
    result = { session: next.session, replies: [...result.replies, ...next.replies] };
  }
  return result;
}
