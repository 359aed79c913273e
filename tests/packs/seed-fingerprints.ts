// The seed articles as word 4-gram fingerprints, so the copy checks run on a clone that has no ../shared/seeds
// beside it. `npx tsx tests/packs/seed-fingerprints.ts` rewrites seed-fingerprints.json from ../shared/seeds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const seedDir = join(here, '..', '..', '..', 'shared', 'seeds');
const fixture = join(here, 'seed-fingerprints.json');

/** How many words a fingerprint covers. */
const SPAN = 4;

/** Lower-case words with typography and punctuation dropped, so a copy is found whatever its quotes and dashes. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .split(/[\s–—-]+/)
    .map((word) => word.replace(/[^\p{L}\p{N}']/gu, '').replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}

const hash = (words: readonly string[]): string =>
  createHash('sha1').update(words.join(' ')).digest('hex').slice(0, 10);

/** Every run of `SPAN` consecutive words of `text`, hashed. */
export function fingerprints(text: string): string[] {
  const words = wordsOf(text);
  const out = new Set<string>();
  for (let i = 0; i + SPAN <= words.length; i++) out.add(hash(words.slice(i, i + SPAN)));
  return [...out].sort();
}

/** The fingerprints of each seed article, from ../shared/seeds when it is there; undefined when it is not. */
export function fingerprintSeeds(): string[][] | undefined {
  if (!existsSync(seedDir)) return undefined;
  const files = readdirSync(seedDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  return files.map((name) => fingerprints(readFileSync(join(seedDir, name), 'utf8')));
}

/** The fingerprints kept in the repo. */
export function storedFingerprints(): string[][] {
  return (JSON.parse(readFileSync(fixture, 'utf8')) as { articles: string[][] }).articles;
}

/**
 * Whether a text of `SPAN` words or more appears in one article: every run of `SPAN` of its words is in that
 * article's fingerprints.
 */
export function inSomeArticle(articles: readonly ReadonlySet<string>[], text: string): boolean {
  const words = wordsOf(text);
  if (words.length < SPAN) return false;
  const runs: string[] = [];
  for (let i = 0; i + SPAN <= words.length; i++) runs.push(hash(words.slice(i, i + SPAN)));
  return articles.some((article) => runs.every((run) => article.has(run)));
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const articles = fingerprintSeeds();
  if (articles === undefined) throw new Error(`no seed articles at ${seedDir}`);
  writeFileSync(fixture, `${JSON.stringify({ span: SPAN, articles })}\n`);
  process.stdout.write(`wrote ${articles.length} articles to ${fixture}\n`);
}
