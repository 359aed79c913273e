import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpusFile, loadPackFile } from './load.js';
import type { Corpus, Pack } from './schema.js';

export { loadCorpusFile, loadPackFile, PackError, parseDataFile } from './load.js';
export * from './schema.js';

/** The folder holding the shipped packs and the canned-answer corpus. */
export const packDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(packDir, '..', '..');
const corpusFile = 'canned-answers.yaml';

/** Every pack shipped in `dir` (each `*.yaml` but the corpus), validated; throws PackError naming file, path, reason. */
export function loadPacks(dir: string = packDir): readonly Pack[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') && name !== corpusFile)
    .sort();
  return files.map((name) => {
    const path = join(dir, name);
    return loadPackFile(path, relative(projectRoot, path));
  });
}

/** The canned-answer corpus shipped in `dir`. */
export function loadCorpus(dir: string = packDir): Corpus {
  const path = join(dir, corpusFile);
  return loadCorpusFile(path, relative(projectRoot, path));
}
