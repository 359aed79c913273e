import { z } from 'zod';
import type { Evaluation } from './types.js';

const text = z.string();
const texts = z.array(text);
const unit = z.number().min(0).max(1);
const count = z.number().int().min(0);
const starPart = z.strictObject({ present: z.boolean(), evidence: texts });

/** The shape of an Evaluation, for the store and for tests: every field, every bound. */
export const EvaluationSchema = z.strictObject({
  questionId: text,
  wordCount: count,
  concepts: z.array(
    z.strictObject({
      id: text,
      label: text,
      covered: z.boolean(),
      expected: z.boolean(),
      evidence: texts,
      negated: texts,
    }),
  ),
  star: z.strictObject({ situation: starPart, task: starPart, action: starPart, result: starPart }).nullable(),
  specificity: z.strictObject({
    score: unit,
    numbers: texts,
    timeFrames: texts,
    names: texts,
    concreteActions: texts,
    genericClaims: texts,
    cliches: texts.optional(),
  }),
  delivery: z.strictObject({
    wordCount: count,
    targetWords: z.tuple([count, count]),
    length: z.enum(['too-short', 'short', 'good', 'long', 'too-long']),
    fillers: texts,
    hedges: texts,
    iCount: count,
    weCount: count,
    ownership: z.enum(['i', 'we', 'mixed', 'none']),
  }),
  insights: z.strictObject({
    jobTerms: texts,
    repeatedWords: z.array(z.strictObject({ word: text, count: count })),
    talkingPoints: texts,
  }),
  canned: z.strictObject({ canned: z.boolean(), similarity: unit, closestId: text.nullable() }),
  offTopic: z.boolean(),
  tailoring: z.strictObject({ tailored: z.boolean().nullable(), evidence: texts }),
  score: z.number().int().min(0).max(100),
  breakdown: z.array(
    z.strictObject({ criterion: text, label: text, points: z.number().min(0), max: z.number().min(0), reason: text }),
  ),
  example: z.strictObject({ present: z.boolean(), evidence: texts }).optional(),
  genericOnly: z.boolean().optional(),
  quotable: texts.optional(),
}) satisfies z.ZodType<Evaluation>;
