import { pino } from 'pino';
import type { Library } from '../engine/index.js';
import { openInterviewStore } from './interview-store.js';
import { createRuntime } from './runtime.js';
import type { InboundEvent } from './types.js';

/** An answer thin enough to draw a follow-up, so the probing path is compiled too. */
const thin = 'I like helping people and I am good with customers.';

/**
 * Runs `rounds` short practice interviews of the default pack through a runtime on a throwaway memory store, so the
 * first candidates after start-up do not pay for compiling the evaluator, the engine and the schemas' parsers (the
 * first turns of a cold process take tens of milliseconds; warm ones about one). Resolves to how many turns it ran
 * and how many of the interviews reached their report.
 */
export async function warmUp(library: Library, rounds = 3): Promise<{ turns: number; finished: number }> {
  const silent = pino({ level: 'silent' });
  const store = openInterviewStore({ url: 'memory://', logger: silent });
  const runtime = createRuntime({ store, library, logger: silent, sessionTtlMs: 3_600_000, rateLimitPerMinute: 1e9 });
  const pack = library.packs.get(library.defaultPackId)?.pack;
  let turns = 0;
  let finished = 0;
  const send = (event: InboundEvent['event']) =>
    runtime.handle({
      id: `warm-up-${++turns}`,
      key: 'solo:terminal:warm-up',
      actor: { platform: 'terminal', userId: 'warm-up', name: 'warm-up' },
      event,
    });
  try {
    for (let round = 0; round < rounds; round++) {
      let replies = await send({ type: 'start', options: { questions: 3, skipIntro: true, seed: round } });
      for (let answered = 0; answered < 12 && !replies.some((reply) => reply.type === 'report'); answered++) {
        const asked = replies.findLast((reply) => reply.type === 'question');
        const model =
          asked?.type === 'question' ? pack?.questions.find((q) => q.id === asked.questionId)?.modelAnswer : undefined;
        replies = await send({ type: 'answer', text: answered % 2 === 0 || model === undefined ? thin : model });
        if (answered === 1) await send({ type: 'command', command: { name: 'status' } });
      }
      if (replies.some((reply) => reply.type === 'report')) finished++;
    }
  } finally {
    await store.close();
  }
  return { turns, finished };
}
