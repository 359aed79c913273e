import type { Library, LoadedPack } from '../../src/engine/index.js';
import { loadCorpus } from '../../src/packs/index.js';
import { library } from './helpers.js';

/** The shipped library with every call to `evaluate` counted. */
export function countingLibrary(): { readonly library: Library; readonly evaluations: () => number } {
  let evaluations = 0;
  const packs = new Map<string, LoadedPack>(
    [...library.packs].map(([id, loaded]) => [
      id,
      {
        ...loaded,
        evaluator: {
          ...loaded.evaluator,
          evaluate: (...args) => {
            evaluations += 1;
            return loaded.evaluator.evaluate(...args);
          },
        },
      },
    ]),
  );
  return { library: { ...library, packs }, evaluations: () => evaluations };
}

/** The customer-service pack, which every test here runs on. */
export function customerService(): LoadedPack {
  const loaded = library.packs.get('customer-service');
  if (loaded === undefined) throw new Error('the customer-service pack is missing');
  return loaded;
}

const corpus = loadCorpus().answers.map((a) => a.text);

/** Answers that bring out every part of feedback: a story, fillers and hedges, denied concepts, copied text, ... */
export const variedAnswers: readonly string[] = [
  'Last December at the Leeds store a customer came in upset because the coat she had ordered for her daughter had ' +
    'not arrived and the birthday was on Saturday. I listened to the whole story, apologised, and promised to find ' +
    'it. I called four other branches, found one in Bradford, and drove over after my shift to collect it. I phoned ' +
    'her that evening and she picked it up the next morning. She wrote to the manager and has shopped with us every ' +
    'month since.',
  'Um, I think, like, customer service is, you know, sort of being nice, I guess, basically, um, helping people.',
  "Honestly I don't really listen to customers, and it's not about empathy, it's about speed: we close tickets fast.",
  'My favourite football team won the league last season with a goal in the final minute of the last match.',
  'At Northwind we put customers first, so when a reliable delivery slipped I rang the customer myself, told her ' +
    'the truth about the delay, offered a refund on the postage and checked the next day that it had arrived.',
  'We always sorted it out as a team; we listened, we apologised and we fixed the booking, and we were thanked.',
  'Yes.',
  corpus[0] ?? '',
  corpus[1] ?? '',
  corpus[7] ?? '',
];
