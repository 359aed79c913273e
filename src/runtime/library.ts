import type { Library, LoadedPack } from '../engine/index.js';
import { createEvaluator } from '../evaluation/index.js';
import { type Corpus, loadCorpus, loadPacks, type Pack } from '../packs/index.js';

/** The pack used when a start names none. */
export const DEFAULT_PACK = 'customer-service';

/** Builds the engine's library once at start-up: each pack with its questions indexed and its evaluator. */
export function buildLibrary(packs: readonly Pack[], corpus: Corpus, defaultPackId = DEFAULT_PACK): Library {
  const loaded = new Map<string, LoadedPack>(
    packs.map((pack) => [
      pack.id,
      { pack, questions: new Map(pack.questions.map((q) => [q.id, q])), evaluator: createEvaluator(pack, corpus) },
    ]),
  );
  const fallback = loaded.has(defaultPackId) ? defaultPackId : packs[0]?.id;
  if (fallback === undefined)
    throw new Error('No question pack found in src/packs: at least one *.yaml pack is needed.');
  return { defaultPackId: fallback, packs: loaded };
}

/** Loads the shipped packs and corpus and builds the library; throws PackError naming a bad file. */
export function loadLibrary(): Library {
  return buildLibrary(loadPacks(), loadCorpus());
}
