import { z } from 'zod';
import { FollowUpReasons, Roles } from '../../packs/schema.js';
import { GradedSchema } from '../grade-schema.js';
import { Criteria, type PanelSession } from './types.js';

const time = z.number().int().nonnegative();
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const reason = z.enum(FollowUpReasons);

const RatingSchema = z.object({
  raterId: z.string(),
  scores: z.object(
    Object.fromEntries(Criteria.map((c) => [c, level.exactOptional()])) as Record<
      (typeof Criteria)[number],
      z.ZodExactOptional<typeof level>
    >,
  ),
  comment: z.string().exactOptional(),
  at: time,
});

const TurnSchema = z.object({
  number: z.number().int().positive(),
  candidateId: z.string(),
  questionId: z.string(),
  parts: z.array(z.string()),
  followUps: z.array(z.object({ reason, text: z.string() })),
  score: z.number().min(0).max(100).nullable(),
  covered: z.array(z.string()),
  missed: z.array(z.string()),
  grade: z.string().exactOptional(),
  ratings: z.array(RatingSchema),
  skipped: z.enum(['timeout', 'host', 'candidate', 'left']).nullable(),
  startedAt: time,
});

const StateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('lobby') }),
  z.object({
    phase: z.literal('answering'),
    deadline: time,
    asked: z.array(reason),
    followUp: z
      .object({ reason, text: z.string(), quote: z.string().exactOptional(), conceptId: z.string().exactOptional() })
      .nullable(),
    graded: GradedSchema.exactOptional(),
  }),
  z.object({ phase: z.literal('rating'), deadline: time }),
  z.object({ phase: z.literal('closed'), endedEarly: z.boolean(), at: time }),
]);

/** The stored shape of a panel, checked on every read. */
export const PanelSessionSchema = z
  .object({
    kind: z.literal('panel'),
    id: z.string().min(1),
    hostId: z.string(),
    settings: z.object({
      packId: z.string(),
      questionsPerPerson: z.number().int().positive(),
      role: z.enum(Roles).exactOptional(),
      seed: z.number().int(),
      turnTimeoutMs: z.number().int().positive(),
    }),
    participants: z.array(z.object({ userId: z.string(), name: z.string(), joinedAt: time })),
    turns: z.array(TurnSchema),
    state: StateSchema,
    createdAt: time,
    updatedAt: time,
    seenEventIds: z.array(z.string()),
    archived: z.boolean(),
  })
  .superRefine((panel, issues) => {
    const inPlay = panel.state.phase === 'answering' || panel.state.phase === 'rating';
    if (inPlay && panel.turns.length === 0)
      issues.addIssue({ code: 'custom', path: ['turns'], message: 'a turn must be in play in this phase' });
    const ids = panel.participants.map((p) => p.userId);
    if (new Set(ids).size !== ids.length)
      issues.addIssue({ code: 'custom', path: ['participants'], message: 'a participant appears twice' });
  }) satisfies z.ZodType<PanelSession>;
