import { advance, conclude } from './answer.js';
import { startQuestions } from './begin.js';
import { currentPrompt, notice, questionAt, stay, withState } from './replies.js';
import { evaluateRecord, finish, latestAttempts, recordEvaluation } from './report.js';
import type { Command, Live, LoadedPack, Reply, Session, StepContext, StepResult } from './types.js';

/** A command while the interview is live (intro, asking or probing). */
export function onLiveCommand(
  session: Session,
  live: Live,
  command: Command,
  loaded: LoadedPack,
  ctx: StepContext,
): StepResult {
  switch (command.name) {
    case 'skip':
      return skip(session, live, loaded, ctx);
    case 'repeat':
      return stay(session, currentPrompt(session, live, loaded));
    case 'hint':
      return hint(session, live, loaded);
    case 'pause':
      return {
        session: withState(session, { phase: 'paused', resume: live }, ctx),
        replies: [notice('Paused. Your progress is saved: resume when you are ready.', ['resume', 'end'])],
      };
    case 'resume':
      return stay(
        session,
        notice('The interview is not paused; here is where we are.'),
        currentPrompt(session, live, loaded),
      );
    case 'end':
      return end(session, live, loaded, ctx);
    case 'status':
      return stay(session, status(session, live, loaded));
    case 'example':
      return example(session, command, loaded);
    case 'retry':
      return retry(session, live, command, loaded, ctx);
    default:
      return command.name satisfies never;
  }
}

function skip(session: Session, live: Live, loaded: LoadedPack, ctx: StepContext): StepResult {
  switch (live.phase) {
    case 'intro':
      if (live.ask === 'company' && session.settings.role === undefined) {
        const next: Live = { phase: 'intro', ask: 'role' };
        return { session: withState(session, next, ctx), replies: [currentPrompt(session, next, loaded)] };
      }
      return startQuestions(session, loaded, ctx, []);
    case 'asking': {
      const { turn } = live;
      if (turn.retry !== null) return advance(session, turn, loaded, ctx, [notice('Retry skipped.')]);
      const skipped = {
        index: turn.index,
        questionId: session.questionIds[turn.index] ?? '',
        attempt: 1,
        parts: [],
        followUps: [],
        score: null,
        skipped: true,
        covered: [],
        missed: [],
        at: ctx.now,
      };
      const next = { ...session, answers: [...session.answers, skipped] };
      return advance(next, turn, loaded, ctx, [notice(`Question ${turn.index + 1} skipped.`)]);
    }
    case 'probing': {
      const last = session.answers.at(-1);
      if (last === undefined) return advance(session, live.turn, loaded, ctx, []);
      const { evaluation } = recordEvaluation(session, loaded, last, live.graded ?? last);
      return conclude(session, live.turn, evaluation, loaded, ctx, [notice('Follow-up skipped.')]);
    }
    default:
      return live satisfies never;
  }
}

function hint(session: Session, live: Live, loaded: LoadedPack): StepResult {
  if (live.phase === 'intro') return stay(session, notice('No hint needed yet: tell me the company, or type skip.'));
  const question = questionAt(session, loaded, live.turn.index);
  const last = live.phase === 'probing' ? session.answers.at(-1) : undefined;
  const covered = new Set(
    live.phase !== 'probing' || last === undefined
      ? []
      : (live.graded?.covered ??
          evaluateRecord(session, loaded, last)
            .evaluation.concepts.filter((c) => c.covered)
            .map((c) => c.id)),
  );
  const concepts = question.concepts.flatMap((id) => {
    const concept = loaded.pack.concepts.find((c) => c.id === id);
    return concept === undefined
      ? []
      : [{ label: concept.label, description: concept.description, covered: covered.has(id) }];
  });
  const reply: Reply = { type: 'hint', questionText: question.text, concepts };
  return stay(session, reply);
}

function end(session: Session, live: Live, loaded: LoadedPack, ctx: StepContext): StepResult {
  if (live.phase === 'probing') {
    const last = session.answers.at(-1);
    if (last !== undefined) {
      const { evaluation } = recordEvaluation(session, loaded, last, live.graded ?? last);
      const closed = conclude(session, { ...live.turn, retry: null }, evaluation, loaded, ctx);
      const feedback = closed.replies.filter((r) => r.type === 'feedback');
      const answered = closed.session ?? session;
      const allDone = latestAttempts(answered).size >= answered.questionIds.length;
      return finish(answered, loaded, !allDone, ctx, feedback);
    }
  }
  return finish(session, loaded, true, ctx);
}

function status(session: Session, live: Live, loaded: LoadedPack): Reply {
  if (live.phase === 'intro') return notice('We are setting up: tell me the company and role, or type skip.');
  const latest = [...latestAttempts(session).values()];
  const scores = latest.flatMap((r) => (r.score === null ? [] : [r.score]));
  const skipped = latest.filter((r) => r.skipped).length;
  const average =
    scores.length === 0
      ? ''
      : ` Average score so far: ${Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)}.`;
  const question = questionAt(session, loaded, live.turn.index);
  const waiting = live.phase === 'probing' ? 'a follow-up on' : 'your answer to';
  return notice(
    `Question ${live.turn.index + 1} of ${session.questionIds.length}: ${scores.length} answered, ${skipped} skipped.${average} ` +
      `I am waiting for ${waiting}: "${question.text}"`,
  );
}

/** The latest answered question (1-based), if any. */
function lastAnswered(session: Session): number | undefined {
  const last = [...session.answers].reverse().find((r) => r.score !== null);
  return last === undefined ? undefined : last.index + 1;
}

/** The question (1-based) whose answer is in progress, between its first part and its feedback; if any. */
function inProgress(session: Session): number | undefined {
  const last = session.answers.at(-1);
  return last !== undefined && last.score === null && !last.skipped ? last.index + 1 : undefined;
}

/** The model answer of a question the candidate has already answered. */
export function example(session: Session, command: Command, loaded: LoadedPack): StepResult {
  const current = inProgress(session);
  const number = command.question ?? lastAnswered(session) ?? current;
  if (number === undefined) return stay(session, notice('I show a model answer once you have answered a question.'));
  const index = number - 1;
  if (!Number.isInteger(index) || index < 0 || index >= session.questionIds.length)
    return stay(session, notice(`There is no question ${number}: this interview has ${session.questionIds.length}.`));
  if (!session.answers.some((r) => r.index === index && r.score !== null))
    return stay(
      session,
      notice(
        number === current
          ? `Finish question ${number} first (answer the follow-up, or skip it): then I show its model answer.`
          : `Answer question ${number} first: I show its model answer only after you have tried it.`,
      ),
    );
  const question = questionAt(session, loaded, index);
  return stay(session, { type: 'example', index: number, questionText: question.text, text: question.modelAnswer });
}

/** Asks an already answered question again; the new score is shown beside the old one. */
export function retry(
  session: Session,
  live: Live | null,
  command: Command,
  loaded: LoadedPack,
  ctx: StepContext,
): StepResult {
  if (live !== null && live.phase !== 'asking')
    return stay(session, notice('Finish the current question first (or skip it), then retry.'));
  if (live !== null && live.turn.retry !== null) return stay(session, notice('You are already retrying a question.'));
  const number = command.question ?? lastAnswered(session);
  if (number === undefined) return stay(session, notice('Answer a question first; then you can retry it.'));
  const index = number - 1;
  const previous = latestAttempts(session).get(index);
  if (!Number.isInteger(index) || previous === undefined)
    return stay(session, notice(`You can retry a question you have already had: question ${number} is not one yet.`));
  const returnTo = live === null ? 'finished' : live.turn.index;
  const turn = { index, retry: { previousScore: previous.score, returnTo } } as const;
  const next = withState(session, { phase: 'asking', turn }, ctx);
  return { session: next, replies: [currentPrompt(next, { phase: 'asking', turn }, loaded)] };
}
