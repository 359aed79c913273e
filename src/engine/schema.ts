import { z } from 'zod';
import { FollowUpReasons, Roles } from '../packs/schema.js';
import { GradedSchema } from './grade-schema.js';
import type { AnswerRecord, InterviewState, Live, Session, Settings, Turn } from './types.js';

const reason = z.enum(FollowUpReasons);
const index = z.number().int().nonnegative();
const time = z.number().int().nonnegative();

const TurnSchema = z.object({
  index,
  retry: z
    .object({ previousScore: z.number().nullable(), returnTo: z.union([index, z.literal('finished')]) })
    .nullable(),
}) satisfies z.ZodType<Turn>;

const FollowUpSchema = z.object({
  reason,
  text: z.string(),
  quote: z.string().exactOptional(),
  conceptId: z.string().exactOptional(),
});

const LiveSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('intro'), ask: z.enum(['company', 'role']) }),
  z.object({ phase: z.literal('asking'), turn: TurnSchema }),
  z.object({
    phase: z.literal('probing'),
    turn: TurnSchema,
    asked: z.array(reason),
    followUp: FollowUpSchema,
    graded: GradedSchema.exactOptional(),
  }),
]) satisfies z.ZodType<Live>;

const StateSchema = z.union([
  LiveSchema,
  z.object({ phase: z.literal('paused'), resume: LiveSchema }),
  z.object({ phase: z.literal('finished'), endedEarly: z.boolean(), at: time }),
]) satisfies z.ZodType<InterviewState>;

const SettingsSchema = z.object({
  packId: z.string(),
  questions: z.number().int().positive(),
  role: z.enum(Roles).exactOptional(),
  company: z.string().exactOptional(),
  companyValues: z.array(z.string()).exactOptional(),
  seed: z.number().int(),
  focus: z.literal('weakest').exactOptional(),
  drill: z.array(z.string()).exactOptional(),
}) satisfies z.ZodType<Settings>;

const AnswerRecordSchema = z.object({
  index,
  questionId: z.string(),
  attempt: z.number().int().positive(),
  parts: z.array(z.string()),
  followUps: z.array(z.object({ reason, text: z.string() })),
  score: z.number().min(0).max(100).nullable(),
  skipped: z.boolean(),
  covered: z.array(z.string()),
  missed: z.array(z.string()),
  grade: z.string().exactOptional(),
  at: time,
}) satisfies z.ZodType<AnswerRecord>;

/** The stored shape of a session, checked on every read. */
export const SessionSchema = z
  .object({
    id: z.string().min(1),
    settings: SettingsSchema,
    questionIds: z.array(z.string()),
    state: StateSchema,
    answers: z.array(AnswerRecordSchema),
    createdAt: time,
    updatedAt: time,
    seenEventIds: z.array(z.string()),
    archived: z.boolean(),
  })
  .superRefine((session, issues) => {
    const { state } = session;
    const live = state.phase === 'paused' ? state.resume : state;
    if ((live.phase === 'asking' || live.phase === 'probing') && live.turn.index >= session.questionIds.length)
      issues.addIssue({ code: 'custom', path: ['state'], message: 'turn points past the last question' });
  }) satisfies z.ZodType<Session>;

/** The version of the stored session shape; raise it with a migration when the shape changes. */
export const SESSION_VERSION = 2;

/** What brings a stored session of each older version up to the next (n -> n+1), for the store's codec. */
export const SESSION_MIGRATIONS: Readonly<Record<number, (old: unknown) => unknown>> = {
  // Version 2 adds an optional grade to answer records: a version 1 record reads as it is, without one, and is
  // evaluated again from its text when its feedback is needed.
  1: (old) => old,
};
