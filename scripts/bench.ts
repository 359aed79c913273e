// `npm run bench [-- --json]`: timings of the evaluator (and, as sections are added, of a runtime turn).
import { benchEvaluate, formatEvaluateBench } from './bench/evaluate.js';

// The evaluator's section runs first: its start-up figure includes loading the language model.
const evaluator = benchEvaluate();
if (process.argv.includes('--json')) {
  const { evaluate, startupMs, startup } = evaluator;
  process.stdout.write(`${JSON.stringify({ evaluate, startupMs, startup })}\n`);
} else process.stdout.write(`${formatEvaluateBench(evaluator)}\n`);
