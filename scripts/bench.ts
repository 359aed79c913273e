// `npm run bench [-- --json]`: timings of the evaluator and of a whole runtime turn, and a finished session's size.
import { loadLibrary } from '../src/runtime/library.js';
import { benchEvaluate, formatEvaluateBench } from './bench/evaluate.js';
import { benchTurns, finishedSessionBytes, type TurnFigures, warmUpTurns } from './bench/turn.js';

// The evaluator's section runs first: its start-up figure includes loading the language model.
const evaluator = benchEvaluate();
const library = loadLibrary();
const turn = await benchTurns(library);
const bytes = await finishedSessionBytes(library);

const turnLine = (name: string, t: TurnFigures) =>
  `  ${name.padEnd(7)} p50 ${t.p50Ms.toFixed(3)} ms  p99 ${t.p99Ms.toFixed(3)} ms  ` +
  `bare get+set p50 ${t.getSetP50Ms.toFixed(3)} ms  ratio ${t.ratio.toFixed(1)}x`;
const roundsLine = ({ roundRatios: r }: TurnFigures) =>
  `          ratio round by round: ${r.min.toFixed(1)}x to ${r.max.toFixed(1)}x, median ${r.median.toFixed(1)}x`;

if (process.argv.includes('--json')) {
  const { evaluate, startupMs, startup } = evaluator;
  process.stdout.write(`${JSON.stringify({ evaluate, startupMs, startup, turn, finishedSessionBytes: bytes })}\n`);
} else {
  process.stdout.write(
    `${[
      formatEvaluateBench(evaluator),
      '',
      'runtime turn (load, evaluate, step, save) beside a bare get+set of a session-sized value',
      `  (measured after ${warmUpTurns.toLocaleString('en')} turns of warm-up, as in a process that has served a while)`,
      turnLine('sqlite', turn.sqlite),
      roundsLine(turn.sqlite),
      `          the same get+set with a memory turn's computing between the calls: p50 ${turn.sqlite.getSetInTurnP50Ms.toFixed(3)} ms`,
      turnLine('memory', turn.memory),
      '  (the 3x target is for a store on disk or the network: a bare get+set in memory is a Map lookup of a few',
      '   microseconds, so the memory ratio only says how much of a turn is the engine)',
      '',
      `finished 10-question session: ${bytes} bytes stored`,
    ].join('\n')}\n`,
  );
}
