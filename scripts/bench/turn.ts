import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type Library, SESSION_VERSION, type Session } from '../../src/engine/index.js';
import { createRuntime, type InboundEvent, openInterviewStore } from '../../src/runtime/index.js';
import { type Backend, openMemoryBackend } from '../../src/store/backend.js';
import { openSqliteBackend } from '../../src/store/backend-sqlite.js';
import { percentile, round3 } from './stats.js';

/**
 * One backend's figures: a whole runtime turn beside a bare get+set of a session-sized value, timed back to back
 * (`getSetP50Ms`, the yardstick of `ratio`) and with a turn's worth of computing between the calls
 * between the calls as in a turn (`getSetInTurnP50Ms`, the calls alone timed).
 */
export type TurnFigures = {
  p50Ms: number;
  p99Ms: number;
  getSetP50Ms: number;
  ratio: number;
  getSetInTurnP50Ms: number;
  /**
   * The ratio within each round of turns and the get+sets timed right after them: the least, the median and the
   * most. Their spread is how far this machine's speed moved during the run.
   */
  roundRatios: { min: number; median: number; max: number };
};

const silent = pino({ level: 'silent' });

// About 150 words each, varied enough that some answers draw follow-ups and some do not.
const answers = [
  'Last winter at the Leeds branch a customer rang because her boiler repair had been booked twice and nobody came. ' +
    'My task was to find out what went wrong and get an engineer to her before the weekend. I listened without ' +
    'interrupting, apologised for the mix-up and read back the details so she knew I had them right. I checked the ' +
    'schedule, found the second booking had cancelled the first, and called the dispatch team to put her first on ' +
    'Friday morning. I rang her back within the hour to confirm, and again on Friday after the visit. She told us the ' +
    'heating was working and later wrote a review naming me. Since then I always check for duplicate bookings before I ' +
    'close a call, and I showed two new colleagues how to spot them.',
  'For me customer service means making it easy for people to get what they came for. I try to be friendly, listen ' +
    'to what they actually need, and explain the options clearly without jargon. If I do not know something I say so ' +
    'and find out, rather than guessing. I think being patient matters most when someone is frustrated, because they ' +
    'usually calm down once they feel heard. I also think it matters to follow through: if I promise a call back, I ' +
    'make it. In my last job at a phone shop I kept a notebook of promises so nothing slipped, and my manager said our ' +
    'complaints dropped that quarter. Good service is what makes people come back and recommend you to their friends, ' +
    'which is why I care about doing it well every single time, not just when it is quiet.',
];

let sent = 0;

/** The next answer: no two turns of a run send the same text, so no turn is cheaper for having been seen before. */
function uniqueAnswer(): string {
  const i = sent++;
  return `${answers[i % answers.length] as string} That was case ${i + 1000} in my notes.`;
}

function sessionEnvelopeBytes(session: Session): number {
  return Buffer.byteLength(JSON.stringify({ v: SESSION_VERSION, data: session }));
}

/**
 * Reads a key, then writes it a different session's text, as a turn writes a changed session: SQLite skips the
 * pages of a row rewritten with the very bytes it holds, so writing back what was read would time a write that never
 * reaches the disk.
 */
async function bareGetSet(
  backend: Backend,
  values: readonly string[],
  rounds: number,
  computeMs = 0,
  from = 0,
): Promise<number[]> {
  const space = backend.spaces.sessions;
  const count = values.length;
  const times: number[] = [];
  for (let i = from; i < from + rounds; i++) {
    const key = `bare:${i % count}`;
    // Each pass over the keys shifts the values by one, so no key is ever written the text it holds.
    const value = values[(i + 1 + Math.floor(i / count)) % count] ?? '{}';
    const started = performance.now();
    await space.get(key);
    const got = performance.now();
    busy(computeMs);
    const computed = performance.now();
    await space.set(key, value);
    times.push(got - started + (performance.now() - computed));
  }
  return times;
}

/**
 * Keeps the thread busy for `ms`, as reading an answer does between a turn's load and save. On a virtual machine
 * whose idle processors halt (this one's: cpuidle haltpoll), a store call made after a stretch of computing waits for
 * its worker thread to be woken, which calls back to back never do.
 */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** A backend's figures but the get+set with computing between, and the session texts its get+set moved. */
type Measured = { readonly figures: Omit<TurnFigures, 'getSetInTurnP50Ms'>; readonly values: readonly string[] };

/** The least, median and most of `ratios`, rounded. */
function spread(ratios: readonly number[]): TurnFigures['roundRatios'] {
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  return { min: round3(sorted[0] ?? Number.NaN), median: round3(median), max: round3(sorted.at(-1) ?? Number.NaN) };
}

/** Whole interviews of `users` candidates on one store, answered turn by turn with texts never sent before. */
async function interviews(url: string, library: Library) {
  const store = openInterviewStore({ url, logger: silent });
  const runtime = createRuntime({ store, library, logger: silent, sessionTtlMs: 1e12, rateLimitPerMinute: 1e9 });
  const users = 50;
  let id = 0;
  const send = (user: number, event: InboundEvent['event']) =>
    runtime.handle({
      id: `bench-${++id}`,
      key: `solo:terminal:u${user}`,
      actor: { platform: 'terminal', userId: `u${user}`, name: `u${user}` },
      event,
    });
  const start = { type: 'start', options: { questions: 10, skipIntro: true } } as const;
  for (let u = 0; u < users; u++) await send(u, start);
  let answered = 0;
  /** Answers `count` turns; resolves to each one's time. */
  const answer = async (count: number): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < count; i++, answered++) {
      const user = answered % users;
      const started = performance.now();
      const replies = await send(user, { type: 'answer', text: uniqueAnswer() });
      times.push(performance.now() - started);
      if (replies.some((r) => r.type === 'report')) await send(user, start);
    }
    return times;
  };
  return { store, users, answer };
}

/**
 * Brings the turn's code to the state it runs in after a process has served a while: compiled by the optimising
 * tier, which takes a few thousand turns. Measured before that, a turn costs up to half as much again, and whichever
 * backend is measured first pays for it.
 */
async function warmUpTurnCode(library: Library, turns: number): Promise<void> {
  const { store, answer } = await interviews('memory://', library);
  await answer(turns);
  await store.close();
}

/** How many turns, then get+sets, a measuring round takes before the other has its turn. */
const roundSize = 100;

/**
 * Runs `turns` measured answer turns over 50 interviews on one store URL and as many bare get+sets, in alternating
 * rounds: on a virtual machine whose speed drifts by a fifth from one second to the next, timing all the turns and
 * then all the get+sets would compare two different moments.
 */
async function measure(url: string, backend: Backend, library: Library, turns: number): Promise<Measured> {
  const { store, users, answer } = await interviews(url, library);
  // The backend's own code (the SQLite driver, Keyv) warms up on the first turns.
  await answer(200);
  const times: number[] = [];
  const bare: number[] = [];
  const ratios: number[] = [];
  let values: string[] = [];
  for (let done = 0; done < turns; done += roundSize) {
    const size = Math.min(roundSize, turns - done);
    const round = await answer(size);
    times.push(...round);
    // The bare get+set moves the sessions the turns moved (each user's, as it stands), so both pay for the same sizes.
    values = [];
    for (let u = 0; u < users; u++) {
      const stored = await store.sessions.get(`solo:terminal:u${u}`);
      if (stored.ok && stored.value.value !== undefined) values.push(JSON.stringify(stored.value.value));
    }
    const roundBare = await bareGetSet(backend, values, size, 0, done);
    bare.push(...roundBare);
    ratios.push(percentile(round, 50) / percentile(roundBare, 50));
  }
  await store.close();
  const getSetP50Ms = percentile(bare, 50);
  const p50Ms = percentile(times, 50);
  const figures = {
    p50Ms: round3(p50Ms),
    p99Ms: round3(percentile(times, 99)),
    getSetP50Ms: round3(getSetP50Ms),
    ratio: round3(p50Ms / getSetP50Ms),
    roundRatios: spread(ratios),
  };
  return { figures, values };
}

/** The get+set of `measured` again, `rounds` times, with `computeMs` of computing between the get and the set. */
async function inTurn(backend: Backend, measured: Measured, computeMs: number, rounds: number): Promise<TurnFigures> {
  const times = await bareGetSet(backend, measured.values, rounds, computeMs);
  return { ...measured.figures, getSetInTurnP50Ms: round3(percentile(times, 50)) };
}

/** How many turns run before any is measured (see `warmUpTurnCode`). */
export const warmUpTurns = 4000;

/**
 * One runtime turn (load, evaluate, step, save) on SQLite and on memory, each beside a bare get+set, after
 * `warmUp` turns on a memory store.
 */
export async function benchTurns(
  library: Library,
  turns = 2000,
  warmUp = warmUpTurns,
): Promise<{ sqlite: TurnFigures; memory: TurnFigures }> {
  await warmUpTurnCode(library, warmUp);
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const path = join(dir, 'bench.sqlite');
    const sqliteBackend = openSqliteBackend(path, { logger: silent, opTimeoutMs: 5000, prefix: 'bare' });
    const sqlite = await measure(`sqlite://${path}`, sqliteBackend, library, turns);
    const memoryBackend = openMemoryBackend({ logger: silent, opTimeoutMs: 5000 });
    const memory = await measure('memory://', memoryBackend, library, turns);
    // A memory turn waits on no store: its time is the computing a turn does between its load and its save.
    const computeMs = memory.figures.p50Ms;
    const rounds = Math.min(turns, 1000);
    const figures = {
      sqlite: await inTurn(sqliteBackend, sqlite, computeMs, rounds),
      memory: await inTurn(memoryBackend, memory, computeMs, rounds),
    };
    await Promise.all([sqliteBackend.close(), memoryBackend.close()]);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stored size of a finished 10-question interview answered at about 150 words a question. */
export async function finishedSessionBytes(library: Library): Promise<number> {
  const store = openInterviewStore({ url: 'memory://', logger: silent });
  const runtime = createRuntime({ store, library, logger: silent, sessionTtlMs: 1e12, rateLimitPerMinute: 1e9 });
  let id = 0;
  const send = (event: InboundEvent['event']) =>
    runtime.handle({
      id: `size-${++id}`,
      key: 'solo:terminal:size',
      actor: { platform: 'terminal', userId: 'size', name: 'size' },
      event,
    });
  await send({ type: 'start', options: { questions: 10, skipIntro: true, seed: 1 } });
  for (let i = 0; i < 40; i++) {
    const replies = await send({ type: 'answer', text: uniqueAnswer() });
    if (replies.some((r) => r.type === 'report')) break;
  }
  const stored = await store.sessions.get('solo:terminal:size');
  await store.close();
  if (!stored.ok || stored.value.value === undefined || stored.value.value.state.phase !== 'finished')
    throw new Error('the size benchmark did not finish its interview');
  return sessionEnvelopeBytes(stored.value.value);
}
