import type { EvaluationContext } from '../evaluation/types.js';
import type { Question } from '../packs/schema.js';
import type { Action, Live, LoadedPack, Reply, Session, Settings, StepContext, StepResult, Turn } from './types.js';

/** Buttons offered with a question or a follow-up. */
export const questionActions: readonly Action[] = ['answer', 'skip', 'repeat', 'hint', 'end'];
/** Buttons offered with an answer's feedback. */
export const feedbackActions: readonly Action[] = ['example', 'retry'];

/** A plain notice. */
export function notice(text: string, actions?: readonly Action[]): Reply {
  return actions === undefined ? { type: 'notice', text } : { type: 'notice', text, actions };
}

/** Leaves the session as it is (the very same object) and says something. */
export function stay(session: Session | undefined, ...replies: readonly Reply[]): StepResult {
  return { session, replies };
}

/** What the evaluator is told about the target company and role. */
export function evaluationContext(settings: Settings): EvaluationContext {
  return {
    ...(settings.company === undefined ? {} : { company: settings.company }),
    ...(settings.companyValues === undefined ? {} : { companyValues: settings.companyValues }),
    ...(settings.role === undefined ? {} : { role: settings.role }),
  };
}

/** The pack a session runs on, or undefined when it is no longer installed. */
export function packOf(session: Session, ctx: StepContext): LoadedPack | undefined {
  const loaded = ctx.library.packs.get(session.settings.packId);
  if (loaded === undefined) return undefined;
  return session.questionIds.every((id) => loaded.questions.has(id)) ? loaded : undefined;
}

/** The question at a 0-based index of the interview. */
export function questionAt(session: Session, loaded: LoadedPack, index: number): Question {
  const id = session.questionIds[index];
  const question = id === undefined ? undefined : loaded.questions.get(id);
  if (question === undefined) throw new RangeError(`no question at index ${index}`); // packOf checked the ids
  return question;
}

/** The question reply for a turn. */
export function ask(session: Session, loaded: LoadedPack, turn: Turn): Reply {
  const question = questionAt(session, loaded, turn.index);
  return {
    type: 'question',
    sessionId: session.id,
    index: turn.index + 1,
    total: session.questionIds.length,
    questionId: question.id,
    kind: question.kind,
    text: question.text,
    ...(turn.retry === null ? {} : { retryOf: { previousScore: turn.retry.previousScore } }),
    actions: questionActions,
  };
}

const introPrompts = {
  company:
    'Before we start: which company are you interviewing with? If you know its values or mission, add them after a colon ' +
    '(for example "Northwind: friendly, reliable, customers first"). Type skip to go straight to the questions.',
  role: 'And which kind of role is it: retail, call centre, support desk or hospitality? (Type skip if none fits.)',
} as const;

/** Re-sends whatever the candidate is being asked now. */
export function currentPrompt(session: Session, live: Live, loaded: LoadedPack): Reply {
  switch (live.phase) {
    case 'intro':
      return notice(introPrompts[live.ask], ['skip', 'end']);
    case 'asking':
      return ask(session, loaded, live.turn);
    case 'probing':
      return {
        type: 'followUp',
        sessionId: session.id,
        index: live.turn.index + 1,
        total: session.questionIds.length,
        reason: live.followUp.reason,
        text: live.followUp.text,
        ...(live.followUp.quote === undefined ? {} : { quote: live.followUp.quote }),
        actions: questionActions,
      };
    default:
      return live satisfies never;
  }
}

/** Returns the session with a new state (and its time), keeping everything else. */
export function withState(session: Session, state: Session['state'], ctx: StepContext): Session {
  return { ...session, state, updatedAt: ctx.now };
}
