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

/** A session's turn must point at one of its questions. */
function turnInRange(
  session: { readonly state: InterviewState; readonly questionIds: readonly string[] },
  issues: z.RefinementCtx,
): void {
  const { state } = session;
  const live = state.phase === 'paused' ? state.resume : state;
  if ((live.phase === 'asking' || live.phase === 'probing') && live.turn.index >= session.questionIds.length)
    issues.addIssue({ code: 'custom', path: ['state'], message: 'turn points past the last question' });
}

/** A session's fields but its answers, with the check that reads them together. */
const ShellSchema = z
  .object({
    id: z.string().min(1),
    settings: SettingsSchema,
    questionIds: z.array(z.string()),
    state: StateSchema,
    createdAt: time,
    updatedAt: time,
    seenEventIds: z.array(z.string()),
    archived: z.boolean(),
  })
  .superRefine(turnInRange);

/** The stored shape of a session, checked on every read. */
export const SessionSchema = z
  .object({ ...ShellSchema.shape, answers: z.array(AnswerRecordSchema) })
  .superRefine(turnInRange) satisfies z.ZodType<Session>;

/** A record's JSON and its checked value, as written once. */
type WrittenRecord = { readonly json: string; readonly value: AnswerRecord };

/**
 * Records already checked and written, by record object: a record is never changed, only replaced, and each turn
 * changes at most the last one, so a session's write checks and serialises only what is new. Keyed by both the
 * record given and the value handed back, which is the one the next turn's session holds.
 */
const writtenRecords = new WeakMap<AnswerRecord, WrittenRecord>();

/** A problem found in a session being written: where, and what. */
export type WriteIssue = { readonly path: readonly PropertyKey[]; readonly message: string };

/**
 * Checks a session against `SessionSchema` and writes its JSON, reusing the work of earlier writes for the answer
 * records they wrote. Gives what `SessionSchema` and `JSON.stringify` would give (the answers come last in the
 * text), or the problems the schema finds; throws only where `JSON.stringify` does.
 */
export function writeSession(
  session: Session,
):
  | { readonly ok: true; readonly json: string; readonly value: Session }
  | { readonly ok: false; readonly issues: readonly WriteIssue[] } {
  const { answers, ...shell } = session;
  if (!Array.isArray(answers)) return { ok: false, issues: [{ path: ['answers'], message: 'expected an array' }] };
  const records: WrittenRecord[] = [];
  for (let i = 0; i < answers.length; i += 1) {
    const record = answers[i] as AnswerRecord;
    let written = writtenRecords.get(record);
    if (written === undefined) {
      const checked = AnswerRecordSchema.safeParse(record);
      if (!checked.success)
        return {
          ok: false,
          issues: checked.error.issues.map((issue) => ({ ...issue, path: ['answers', i, ...issue.path] })),
        };
      written = { json: JSON.stringify(record), value: checked.data };
      writtenRecords.set(record, written);
      writtenRecords.set(checked.data, written);
    }
    records.push(written);
  }
  const checked = ShellSchema.safeParse(shell);
  if (!checked.success) return { ok: false, issues: checked.error.issues };
  const head = JSON.stringify(shell);
  const json = `${head.slice(0, -1)}${head === '{}' ? '' : ','}"answers":[${records.map((r) => r.json).join(',')}]}`;
  return { ok: true, json, value: { ...checked.data, answers: records.map((r) => r.value) } };
}

/** The version of the stored session shape; raise it with a migration when the shape changes. */
export const SESSION_VERSION = 2;

/** What brings a stored session of each older version up to the next (n -> n+1), for the store's codec. */
export const SESSION_MIGRATIONS: Readonly<Record<number, (old: unknown) => unknown>> = {
  // Version 2 adds an optional grade to answer records: a version 1 record reads as it is, without one, and is
  // evaluated again from its text when its feedback is needed.
  1: (old) => old,
};
