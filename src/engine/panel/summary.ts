import { evaluationOf } from '../grade.js';
import { readGrade } from '../grade-schema.js';
import type { HistoryEntry } from '../profile.js';
import type { LoadedPack, StepContext } from '../types.js';
import { questionOf, withState } from './helpers.js';
import {
  Criteria,
  type PanelReply,
  type PanelResult,
  type PanelSession,
  type PanelTurn,
  type SummaryEntry,
} from './types.js';

/** Peer levels 1-4 on the bot's 0-100 scale. */
const toScale = (level: number) => ((level - 1) / 3) * 100;

function peerScores(turn: PanelTurn): number[] {
  return turn.ratings.flatMap((r) => {
    const levels = Criteria.flatMap((c) => (r.scores[c] === undefined ? [] : [r.scores[c]]));
    return levels.length === 0 ? [] : [toScale(levels.reduce((a, b) => a + b, 0) / levels.length)];
  });
}

/** Describes a disagreement between peers, or between peers and the bot, when it is wide enough to discuss. */
function disagreement(botScore: number | null, peers: readonly number[]): string | null {
  if (peers.length === 0) return null;
  const mean = peers.reduce((a, b) => a + b, 0) / peers.length;
  const spread = Math.max(...peers) - Math.min(...peers);
  const notes: string[] = [];
  if (peers.length > 1 && spread >= 50) notes.push('the panel was split on this answer');
  if (botScore !== null && Math.abs(mean - botScore) >= 30)
    notes.push(
      mean > botScore ? 'the panel liked it more than the rubric did' : 'the rubric liked it more than the panel did',
    );
  return notes.length === 0 ? null : notes.join('; ');
}

/** The summary over every turn: per participant, the bot beside the peers; and what the group missed most. */
export function summarise(session: PanelSession, loaded: LoadedPack, endedEarly: boolean): PanelReply {
  const people = new Map<string, string>(session.participants.map((p) => [p.userId, p.name]));
  for (const turn of session.turns)
    if (!people.has(turn.candidateId)) people.set(turn.candidateId, 'A former participant');
  const entries: SummaryEntry[] = [...people.entries()]
    .map(([userId, name]) => ({
      userId,
      name,
      turns: session.turns
        .filter((t) => t.candidateId === userId)
        .map((t) => {
          const peers = peerScores(t);
          return {
            number: t.number,
            questionText: questionOf(loaded, t)?.text ?? t.questionId,
            botScore: t.score,
            peerAverage: peers.length === 0 ? null : Math.round(peers.reduce((a, b) => a + b, 0) / peers.length),
            raters: peers.length,
            skipped: t.skipped,
            disagreement: disagreement(t.score, peers),
            comments: t.ratings.flatMap((r) => (r.comment === undefined ? [] : [r.comment])),
          };
        }),
    }))
    .filter((entry) => entry.turns.length > 0 || session.participants.some((p) => p.userId === entry.userId));
  const missed = new Map<string, number>();
  for (const turn of session.turns) for (const id of turn.missed) missed.set(id, (missed.get(id) ?? 0) + 1);
  const groupMissed = [...missed.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([id, count]) => ({ label: loaded.pack.concepts.find((c) => c.id === id)?.label ?? id, count }));
  return { type: 'summary', to: 'all', panelId: session.id, endedEarly, entries, groupMissed };
}

/** Each answered turn's full feedback, privately to its candidate: from its grade, or evaluated when it has none. */
function individualFeedback(session: PanelSession, loaded: LoadedPack): PanelReply[] {
  const { role } = session.settings;
  const context = role === undefined ? {} : { role };
  return session.turns.flatMap((turn) => {
    const question = questionOf(loaded, turn);
    if (question === undefined || turn.parts.length === 0) return [];
    const text = turn.parts.join('\n\n');
    const grade = turn.grade === undefined ? undefined : readGrade(turn.grade, turn.covered);
    const evaluation =
      grade === undefined
        ? loaded.evaluator.evaluate(text, question, context)
        : evaluationOf(grade, turn.covered, text, question, loaded.pack);
    const feedback = loaded.evaluator.answerFeedback(evaluation, question);
    return [{ type: 'feedback', to: { userId: turn.candidateId }, turn: turn.number, feedback } as const];
  });
}

/** Ends the panel: the summary in the thread, and each participant's feedback privately. */
export function close(
  session: PanelSession,
  loaded: LoadedPack,
  endedEarly: boolean,
  ctx: StepContext,
  before: readonly PanelReply[],
): PanelResult {
  const closed = { ...withState(session, { phase: 'closed', endedEarly, at: ctx.now }, ctx), archived: false };
  return {
    session: closed,
    replies: [...before, summarise(closed, loaded, endedEarly), ...individualFeedback(closed, loaded)],
  };
}

/** One history entry per candidate who answered, for their profiles. */
export function panelHistory(session: PanelSession, endedAt: number): ReadonlyMap<string, HistoryEntry> {
  const byUser = new Map<string, PanelTurn[]>();
  for (const turn of session.turns)
    if (turn.score !== null) byUser.set(turn.candidateId, [...(byUser.get(turn.candidateId) ?? []), turn]);
  const outcome = session.state.phase === 'closed' && !session.state.endedEarly ? 'completed' : 'ended-early';
  return new Map(
    [...byUser.entries()].map(([userId, turns]) => {
      const scores = turns.flatMap((t) => (t.score === null ? [] : [t.score]));
      const entry: HistoryEntry = {
        sessionId: `${session.id}:${userId}`,
        packId: session.settings.packId,
        startedAt: session.createdAt,
        endedAt,
        outcome,
        score: scores.length === 0 ? null : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length),
        questions: turns.map((t) => ({
          questionId: t.questionId,
          score: t.score,
          covered: t.covered,
          missed: t.missed,
        })),
      };
      return [userId, entry] as const;
    }),
  );
}
