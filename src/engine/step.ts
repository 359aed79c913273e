import { onAnswer } from './answer.js';
import { begin, onIntro } from './begin.js';
import { example, onLiveCommand, retry } from './commands.js';
import { currentPrompt, notice, packOf, stay, withState } from './replies.js';
import { finish } from './report.js';
import type { InterviewEvent, Live, LoadedPack, Session, StepContext, StepResult } from './types.js';

const noInterview = notice('There is no interview running. Start one to begin practising.', ['start']);

/** Advances one interview by one event. Same inputs, same result; never throws. */
export function step(session: Session | undefined, event: InterviewEvent, ctx: StepContext): StepResult {
  if (session === undefined) return event.type === 'start' ? begin(event.options, ctx) : stay(undefined, noInterview);
  const loaded = packOf(session, ctx);
  if (loaded === undefined) return orphaned(session, event, ctx);
  const { state } = session;
  switch (state.phase) {
    case 'intro':
    case 'asking':
    case 'probing':
      return onLive(session, state, event, loaded, ctx);
    case 'paused':
      return onPaused(session, state, event, loaded, ctx);
    case 'finished':
      return onFinished(session, event, loaded, ctx);
    default:
      return state satisfies never;
  }
}

function onLive(session: Session, live: Live, event: InterviewEvent, loaded: LoadedPack, ctx: StepContext): StepResult {
  switch (event.type) {
    case 'start':
      return stay(
        session,
        notice('Welcome back: you have an interview in progress. Here is where we are (or end it to start afresh).'),
        currentPrompt(session, live, loaded),
      );
    case 'answer':
      return live.phase === 'intro'
        ? onIntro(session, live, event.text, loaded, ctx)
        : onAnswer(session, live, event.text, loaded, ctx);
    case 'command':
      return onLiveCommand(session, live, event.command, loaded, ctx);
    default:
      return event satisfies never;
  }
}

function onPaused(
  session: Session,
  state: Extract<Session['state'], { phase: 'paused' }>,
  event: InterviewEvent,
  loaded: LoadedPack,
  ctx: StepContext,
): StepResult {
  const resumeHint = notice('Your interview is paused. Resume when you are ready, or end it for feedback.', [
    'resume',
    'end',
  ]);
  if (event.type !== 'command') return stay(session, resumeHint);
  switch (event.command.name) {
    case 'resume':
      return {
        session: withState(session, state.resume, ctx),
        replies: [notice('Welcome back.'), currentPrompt(session, state.resume, loaded)],
      };
    case 'end':
    case 'status':
      return onLiveCommand(session, state.resume, event.command, loaded, ctx);
    case 'example':
      return example(session, event.command, loaded);
    default:
      return stay(session, resumeHint);
  }
}

function onFinished(session: Session, event: InterviewEvent, loaded: LoadedPack, ctx: StepContext): StepResult {
  if (event.type === 'start') return begin(event.options, ctx);
  if (event.type === 'command' && event.command.name === 'example') return example(session, event.command, loaded);
  if (event.type === 'command' && event.command.name === 'retry')
    return retry(session, null, event.command, loaded, ctx);
  return stay(
    session,
    notice('This interview is over. Start a new one, or retry or see an example for a question.', [
      'start',
      'retry',
      'example',
    ]),
  );
}

/** A session whose pack (or one of its questions) is no longer installed: it can only end or be replaced. */
function orphaned(session: Session, event: InterviewEvent, ctx: StepContext): StepResult {
  if (event.type === 'start') return begin(event.options, ctx);
  if (session.state.phase === 'finished') return stay(session, noInterview);
  const loaded = ctx.library.packs.get(ctx.library.defaultPackId);
  const gone = notice('The questions of this interview are no longer available, so it has ended. Start a new one.', [
    'start',
  ]);
  if (loaded === undefined) return stay(session, gone);
  // Report nothing rather than evaluate answers against questions that no longer exist.
  return finish({ ...session, answers: [] }, loaded, true, ctx, [gone]);
}
