import { z } from 'zod';
import type { Grade, Graded, GradePart, Quotes } from './grade.js';

const count = z.number().int().nonnegative();

// Quotes and score parts are checked by plain loops: as zod tuples and unions, the few hundred of them in the ten
// grades a report reads took about a third of a millisecond to check, ten times as long.
const isCount = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) >= 0;

/** Each quote is a string, or two counts: its start and length. */
function isQuotes(x: unknown): x is Quotes {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i += 1) {
    if (typeof x[i] === 'string') continue;
    if (!isCount(x[i]) || !isCount(x[i + 1])) return false;
    i += 1;
  }
  return true;
}

const isPoints = (x: unknown): boolean => typeof x === 'number' && x >= 0;
const isPart = (x: unknown): boolean =>
  Array.isArray(x) &&
  x.length === 5 &&
  typeof x[0] === 'string' &&
  typeof x[1] === 'string' &&
  isPoints(x[2]) &&
  isPoints(x[3]) &&
  typeof x[4] === 'string';

const quotes = z.custom<Quotes>(isQuotes, 'expected quotes: a start and a length, or the words, for each');

/** The stored shape of a grade. */
export const GradeSchema = z.object({
  breakdown: z.custom<readonly GradePart[]>(
    (x) => Array.isArray(x) && x.every(isPart),
    'expected score parts: [criterion, label, points, max, reason]',
  ),
  evidence: z.custom<readonly Quotes[]>(
    (x) => Array.isArray(x) && x.every(isQuotes),
    'expected a list of quotes for each covered concept',
  ),
  negated: z.record(z.string(), quotes).exactOptional(),
  star: z
    .object({
      situation: quotes.exactOptional(),
      task: quotes.exactOptional(),
      action: quotes.exactOptional(),
      result: quotes.exactOptional(),
    })
    .exactOptional(),
  example: z.literal(true).exactOptional(),
  details: z.custom<Grade['details']>(
    (x) => Array.isArray(x) && x.length === 3 && x.every(isQuotes),
    'expected three lists of quotes: numbers, names, time frames',
  ),
  delivery: z.object({
    wordCount: count,
    targetWords: z.tuple([count, count]),
    length: z.enum(['too-short', 'short', 'good', 'long', 'too-long']),
    fillers: z.array(z.string()),
    hedges: z.array(z.string()),
    iCount: count,
    weCount: count,
    ownership: z.enum(['i', 'we', 'mixed', 'none']),
  }),
  tailoring: z.object({ tailored: z.boolean().nullable(), evidence: quotes }).exactOptional(),
  offTopic: z.literal(true).exactOptional(),
  canned: z.literal(true).exactOptional(),
}) satisfies z.ZodType<Grade>;

/** The stored shape of what was kept of an evaluation, with the grade still as JSON. */
export const GradedSchema = z.object({
  score: z.number().min(0).max(100),
  covered: z.array(z.string()),
  missed: z.array(z.string()),
  grade: z.string(),
}) satisfies z.ZodType<Graded>;

/**
 * Reads back a grade kept as JSON with the concepts it covers. Undefined when it is not JSON, does not fit the shape,
 * or does not hold one list of evidence per covered concept: the answer is then evaluated again.
 */
export function readGrade(text: string, covered: readonly string[]): Grade | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const checked = GradeSchema.safeParse(parsed);
  return checked.success && checked.data.evidence.length === covered.length ? checked.data : undefined;
}
