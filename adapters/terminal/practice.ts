import { createInterface } from 'node:readline';
import type { StartOptions } from '../../src/engine/index.js';
import type { InboundEvent, Runtime } from '../../src/runtime/index.js';
import { usage } from './args.js';
import { fromLine } from './input.js';
import { renderTerminal } from './render.js';

/** Runs a practice interview over a line stream: one line is one message; ends at EOF or /quit. */
export async function practise(options: {
  readonly runtime: Runtime;
  readonly user: string;
  readonly start: StartOptions;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly interactive: boolean;
}): Promise<void> {
  const { runtime, user, start, input, output } = options;
  const write = (text: string) => output.write(`${text}\n`);
  let count = 0;
  const send = async (event: InboundEvent['event']) => {
    count++;
    const inbound: InboundEvent = {
      id: `terminal:${process.pid}:${Date.now()}:${count}`,
      key: `solo:terminal:${user}`,
      actor: { platform: 'terminal', userId: user, name: user },
      event,
    };
    for (const reply of await runtime.handle(inbound)) write(renderTerminal(reply));
  };
  const lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  // Take the iterator now: lines that arrive while the first turn runs are buffered, not dropped.
  const pending = lines[Symbol.asyncIterator]();
  const prompt = () => {
    if (options.interactive) output.write('> ');
  };
  // Starting while an interview is in progress says "welcome back" and repeats the pending question.
  await send({ type: 'start', options: start });
  prompt();
  for (let next = await pending.next(); next.done !== true; next = await pending.next()) {
    const line = next.value;
    const intent = fromLine(line, start);
    if (intent.type === 'quit') break;
    if (intent.type === 'help') write(usage);
    else if (intent.type === 'unknown') write(`Unknown command ${intent.text}: /help lists them.`);
    else await send(intent.event);
    prompt();
  }
  lines.close();
  write('\nYour progress is saved: run the same command again to carry on where you left off.');
}
