import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { type Corpus, CorpusSchema, type Pack, PackSchema } from './schema.js';

/** Thrown at start-up only: an unreadable or invalid data file, with one line per problem. */
export class PackError extends Error {
  readonly code = 'invalid-pack';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'PackError';
  }
}

/** Formats a zod path as `questions[4].kind`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    return out === '' ? String(part) : `${out}.${String(part)}`;
  }, '');
}

/** Parses YAML text against a schema; each problem is `label: path: reason`. */
export function parseDataFile<T>(label: string, source: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parseYaml(source, { prettyErrors: true });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new PackError([`${label}: not valid YAML: ${reason}`]);
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new PackError(
    result.error.issues.map((issue) => {
      const where = formatPath(issue.path);
      return where === '' ? `${label}: ${issue.message}` : `${label}: ${where}: ${issue.message}`;
    }),
  );
}

function readText(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new PackError([`${label}: cannot be read (${reason})`]);
  }
}

/** Loads and validates a question pack file; throws a PackError naming the file, path and reason. */
export function loadPackFile(path: string, label = path): Pack {
  return parseDataFile(label, readText(path, label), PackSchema);
}

/** Loads and validates the canned-answer corpus file. */
export function loadCorpusFile(path: string, label = path): Corpus {
  return parseDataFile(label, readText(path, label), CorpusSchema);
}
