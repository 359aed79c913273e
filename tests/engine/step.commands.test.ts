import { describe, expect, it } from 'vitest';
import { SessionSchema, step } from '../../src/engine/index.js';
import { answer, command, ctxFor, fixedCtx, library, probingSession, sessionIn, strongStory } from './helpers.js';

const asking = () => sessionIn({ phase: 'asking', turn: { index: 1, retry: null } });
const pack = library.packs.get('customer-service');

describe('hint', () => {
  it('lists the concepts a strong answer covers without giving the model answer', () => {
    const { replies } = step(asking(), command('hint'), fixedCtx);
    const hint = replies[0];
    expect(hint?.type).toBe('hint');
    const question = pack?.questions.get('difficult-customer');
    if (hint?.type !== 'hint' || question === undefined) throw new Error('expected a hint');
    expect(hint.concepts.length).toBe(question.concepts.length);
    expect(JSON.stringify(hint)).not.toContain(question.modelAnswer.slice(0, 40));
  });

  it('marks what the answer so far already covers while a follow-up is pending', () => {
    const { replies } = step(probingSession(), command('hint'), fixedCtx);
    expect(replies[0]?.type).toBe('hint');
    if (replies[0]?.type === 'hint') expect(replies[0].concepts.some((c) => c.covered)).toBe(true);
  });
});

describe('example', () => {
  it('shows the model answer of an answered question', () => {
    const { replies } = step(asking(), command('example', 1), fixedCtx);
    expect(replies[0]).toEqual(
      expect.objectContaining({ type: 'example', index: 1, text: pack?.questions.get('cs-meaning')?.modelAnswer }),
    );
  });

  it('refuses the model answer of a question not yet answered', () => {
    const before = asking();
    const { session, replies } = step(before, command('example', 2), fixedCtx);
    expect(session).toBe(before);
    expect(replies[0]).toEqual(expect.objectContaining({ type: 'notice', text: expect.stringMatching(/first/) }));
  });

  it('asks to finish a question whose follow-up is pending before showing its model answer', () => {
    const before = probingSession();
    const finishFirst = expect.objectContaining({
      type: 'notice',
      text: expect.stringMatching(/^Finish question 2 first \(answer the follow-up, or skip it\)/),
    });
    expect(step(before, command('example', 2), fixedCtx).replies).toEqual([finishFirst]);
    // Without a number the model answer is the last finished question's (here 1), as before.
    expect(step(before, command('example'), fixedCtx).replies[0]).toEqual(
      expect.objectContaining({ type: 'example', index: 1 }),
    );
    // With nothing finished yet (question 1 skipped), it names the question in progress.
    const [first, second] = before.answers;
    if (first === undefined || second === undefined) throw new Error('expected two answer records');
    const skippedFirst = { ...first, parts: [], score: null, skipped: true, covered: [], missed: [] };
    const onlyInProgress = { ...before, answers: [skippedFirst, second] };
    expect(SessionSchema.safeParse(onlyInProgress).success).toBe(true);
    expect(step(onlyInProgress, command('example'), fixedCtx).replies).toEqual([finishFirst]);
  });
});

describe('retry', () => {
  it('re-asks an answered question and shows the new score beside the old one', () => {
    const retried = step(asking(), command('retry', 1), fixedCtx);
    expect(retried.replies[0]).toEqual(
      expect.objectContaining({ type: 'question', index: 1, retryOf: { previousScore: 40 } }),
    );
    let result = step(retried.session, answer(strongStory), ctxFor(2));
    for (let i = 0; i < 3 && result.session?.state.phase === 'probing'; i++)
      result = step(result.session, answer(strongStory), ctxFor(3 + i));
    const feedback = result.replies.find((r) => r.type === 'feedback');
    expect(feedback).toEqual(expect.objectContaining({ previousScore: 40 }));
    // Back to where the retry began: question 2 is asked again.
    expect(result.replies.at(-1)).toEqual(expect.objectContaining({ type: 'question', index: 2 }));
    expect(result.session?.answers.filter((r) => r.index === 0).map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('works after the interview has finished and returns to finished', () => {
    const finished = sessionIn({ phase: 'finished', endedEarly: false, at: 5 });
    const retried = step(finished, command('retry', 1), fixedCtx);
    expect(retried.session?.state).toEqual({
      phase: 'asking',
      turn: { index: 0, retry: { previousScore: 40, returnTo: 'finished' } },
    });
    const skipped = step(retried.session, command('skip'), fixedCtx);
    expect(skipped.session?.state.phase).toBe('finished');
  });
});

describe('pause and resume', () => {
  it('keeps the pending question and asks it again on resume', () => {
    const paused = step(asking(), command('pause'), fixedCtx);
    expect(paused.session?.state.phase).toBe('paused');
    const resumed = step(paused.session, command('resume'), fixedCtx);
    expect(resumed.session?.state).toEqual({ phase: 'asking', turn: { index: 1, retry: null } });
    expect(resumed.replies.at(-1)).toEqual(expect.objectContaining({ type: 'question', index: 2 }));
  });

  it('keeps a pending follow-up through a pause', () => {
    const paused = step(probingSession(), command('pause'), fixedCtx);
    const resumed = step(paused.session, command('resume'), fixedCtx);
    expect(resumed.replies.at(-1)).toEqual(expect.objectContaining({ type: 'followUp', reason: 'star-result' }));
  });
});

describe('status', () => {
  it('says which question is pending and how many were answered', () => {
    const { replies } = step(asking(), command('status'), fixedCtx);
    expect(replies[0]).toEqual(
      expect.objectContaining({
        type: 'notice',
        text: expect.stringMatching(/Question 2 of 3: 1 answered, 0 skipped/),
      }),
    );
  });
});

describe('skip during a follow-up', () => {
  it('closes the question with what was said and moves on', () => {
    const { session, replies } = step(probingSession(), command('skip'), fixedCtx);
    expect(session?.answers.at(-1)?.score).toEqual(expect.any(Number));
    expect(replies.map((r) => r.type)).toEqual(['notice', 'feedback', 'question']);
  });
});
