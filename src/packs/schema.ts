import { z } from 'zod';

/** The roles a question can be tagged for. */
export const Roles = ['retail', 'call-centre', 'support-desk', 'hospitality'] as const;
export type Role = (typeof Roles)[number];

/** The kinds of question: a definition, a story (STAR expected), or a what-would-you-do. */
export const QuestionKinds = ['definition', 'behavioral', 'situational'] as const;
export type QuestionKind = (typeof QuestionKinds)[number];

/** Why a follow-up is asked; a fixed set so feedback and tests can branch on it. */
export const FollowUpReasons = [
  'expand',
  'example',
  'star-situation',
  'star-task',
  'star-action',
  'star-result',
  'personal',
  'concept',
  'off-topic',
] as const;
export type FollowUpReason = (typeof FollowUpReasons)[number];

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id such as "active-listening"');
const text = z.string().trim().min(1, 'must not be empty');

/** One rubric concept: what it is, the phrasings that show it (matched on lemmas), how to probe for it. */
export const ConceptSchema = z.strictObject({
  id,
  label: text,
  description: text,
  /** Phrases that show the concept; each is lemmatised once at start-up and matched against the answer's lemmas. */
  cues: z.array(text).min(3, 'needs at least 3 cues'),
  /** Follow-up prompts; `{quote}` is replaced by the candidate's own words where a prompt uses it. */
  followUps: z.array(text).min(1),
  tip: text,
});
export type Concept = z.infer<typeof ConceptSchema>;

/** One interview question, with what a strong answer covers and a model answer shown only after answering. */
export const QuestionSchema = z.strictObject({
  id,
  kind: z.enum(QuestionKinds),
  text,
  roles: z.array(z.enum(Roles)).min(1),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  /** Rubric concept ids a strong answer covers. */
  concepts: z.array(id).min(1),
  /** Whether a concrete example from the candidate's experience is expected. */
  exampleExpected: z.boolean(),
  /** Words a good spoken answer runs to: [min, max]. */
  targetWords: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  modelAnswer: text,
});
export type Question = z.infer<typeof QuestionSchema>;

/** Prompt templates per follow-up reason, for reasons not tied to one concept. `{quote}` as above. */
export const ProbesSchema = z.strictObject({
  expand: z.array(text).min(1),
  example: z.array(text).min(1),
  'star-situation': z.array(text).min(1),
  'star-task': z.array(text).min(1),
  'star-action': z.array(text).min(1),
  'star-result': z.array(text).min(1),
  personal: z.array(text).min(1),
  'off-topic': z.array(text).min(1),
});
export type Probes = z.infer<typeof ProbesSchema>;

/** A question pack: its rubric, its questions and its probes. */
export const PackSchema = z
  .strictObject({
    id,
    title: text,
    description: text,
    concepts: z.array(ConceptSchema).min(1),
    questions: z.array(QuestionSchema).min(1),
    probes: ProbesSchema,
  })
  .superRefine((pack, issues) => {
    const conceptIds = new Set<string>();
    pack.concepts.forEach((concept, i) => {
      if (conceptIds.has(concept.id))
        issues.addIssue({
          code: 'custom',
          path: ['concepts', i, 'id'],
          message: `duplicate concept id "${concept.id}"`,
        });
      conceptIds.add(concept.id);
    });
    const questionIds = new Set<string>();
    pack.questions.forEach((question, i) => {
      if (questionIds.has(question.id))
        issues.addIssue({
          code: 'custom',
          path: ['questions', i, 'id'],
          message: `duplicate question id "${question.id}"`,
        });
      questionIds.add(question.id);
      question.concepts.forEach((conceptId, j) => {
        if (!conceptIds.has(conceptId))
          issues.addIssue({
            code: 'custom',
            path: ['questions', i, 'concepts', j],
            message: `unknown concept "${conceptId}"`,
          });
      });
      const range = question.targetWords;
      if (range !== undefined && range[0] >= range[1])
        issues.addIssue({ code: 'custom', path: ['questions', i, 'targetWords'], message: 'min must be below max' });
    });
  });
export type Pack = z.infer<typeof PackSchema>;

/** Widely published sample answers, used only to recognise canned answers. */
export const CorpusSchema = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        id,
        /** Where the text comes from: a published article, or a textbook answer written in that style. */
        source: z.enum(['published', 'textbook']),
        text,
      }),
    )
    .min(1),
});
export type Corpus = z.infer<typeof CorpusSchema>;
export type CannedAnswer = Corpus['answers'][number];
