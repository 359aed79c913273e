import { z } from 'zod';
import { latestAttempts } from './report.js';
import type { Session } from './types.js';

/** One finished (or expired) interview in a user's history. */
export type HistoryEntry = {
  readonly sessionId: string;
  readonly packId: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly outcome: 'completed' | 'ended-early' | 'expired';
  /** Mean score of the answered questions; null when none was answered. */
  readonly score: number | null;
  readonly questions: readonly {
    readonly questionId: string;
    readonly score: number | null;
    readonly covered: readonly string[];
    readonly missed: readonly string[];
  }[];
};

/** What is kept about a user between interviews. */
export type Profile = { readonly history: readonly HistoryEntry[] };

const HistoryEntrySchema = z.object({
  sessionId: z.string(),
  packId: z.string(),
  startedAt: z.number(),
  endedAt: z.number(),
  outcome: z.enum(['completed', 'ended-early', 'expired']),
  score: z.number().nullable(),
  questions: z.array(
    z.object({
      questionId: z.string(),
      score: z.number().nullable(),
      covered: z.array(z.string()),
      missed: z.array(z.string()),
    }),
  ),
}) satisfies z.ZodType<HistoryEntry>;

/** The stored shape of a profile. */
export const ProfileSchema = z.object({ history: z.array(HistoryEntrySchema) }) satisfies z.ZodType<Profile>;
export const PROFILE_VERSION = 1;
/** The most history entries a profile keeps; older ones fall off. */
export const HISTORY_LIMIT = 100;

/** Summarises a session for the history; `expired` when it was left idle too long. */
export function summarise(session: Session, endedAt: number, expired = false): HistoryEntry {
  const latest = [...latestAttempts(session).values()].sort((a, b) => a.index - b.index);
  const scores = latest.flatMap((r) => (r.score === null ? [] : [r.score]));
  const { state } = session;
  const outcome = expired ? 'expired' : state.phase === 'finished' && !state.endedEarly ? 'completed' : 'ended-early';
  return {
    sessionId: session.id,
    packId: session.settings.packId,
    startedAt: session.createdAt,
    endedAt,
    outcome,
    score: scores.length === 0 ? null : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
    questions: latest.map((r) => ({ questionId: r.questionId, score: r.score, covered: r.covered, missed: r.missed })),
  };
}

/** Adds an entry to a profile (once per session id), keeping the newest HISTORY_LIMIT. */
export function fold(profile: Profile | undefined, entry: HistoryEntry): Profile {
  const history = (profile?.history ?? []).filter((e) => e.sessionId !== entry.sessionId);
  return { history: [...history, entry].slice(-HISTORY_LIMIT) };
}

/** Per concept: how often it was expected and missed, and how often covered, over the whole history. */
export type ConceptTrend = { readonly id: string; readonly missed: number; readonly covered: number };

/** Concept tallies over the history, most missed first (ties: least covered first, then id). */
export function conceptTrend(profile: Profile | undefined): readonly ConceptTrend[] {
  const tally = new Map<string, { missed: number; covered: number }>();
  for (const entry of profile?.history ?? [])
    for (const question of entry.questions) {
      for (const id of question.missed)
        tally.set(id, { ...(tally.get(id) ?? { missed: 0, covered: 0 }), missed: (tally.get(id)?.missed ?? 0) + 1 });
      for (const id of question.covered)
        tally.set(id, { ...(tally.get(id) ?? { missed: 0, covered: 0 }), covered: (tally.get(id)?.covered ?? 0) + 1 });
    }
  return [...tally.entries()]
    .map(([id, t]) => ({ id, ...t }))
    .sort((a, b) => b.missed - a.missed || a.covered - b.covered || a.id.localeCompare(b.id));
}

/** The concepts a drill should exercise: missed at least once, most missed first. */
export function weakestConcepts(profile: Profile | undefined): readonly string[] {
  return conceptTrend(profile)
    .filter((t) => t.missed > 0)
    .map((t) => t.id);
}
