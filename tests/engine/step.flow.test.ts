import { describe, expect, it } from 'vitest';
import { MAX_FOLLOW_UPS, type Reply, type Session, step } from '../../src/engine/index.js';
import { answer, command, ctxFor, start, strongStory } from './helpers.js';

/** Answers every prompt with `text` until the interview finishes; returns the session and all replies. */
function runInterview(text: string, questions = 3, seed = 11) {
  let session: Session | undefined;
  const all: Reply[] = [];
  let result = step(undefined, start({ questions, seed, skipIntro: true }), ctxFor(1));
  for (let turn = 0; turn < 40 && result.session?.state.phase !== 'finished'; turn++) {
    session = result.session;
    all.push(...result.replies);
    result = step(session, answer(text), ctxFor(100 + turn));
  }
  all.push(...result.replies);
  return { session: result.session, replies: all };
}

describe('a whole interview', () => {
  it('asks each question, gives feedback after each and a report at the end', () => {
    const { session, replies } = runInterview(strongStory);
    expect(session?.state).toEqual(expect.objectContaining({ phase: 'finished', endedEarly: false }));
    const questions = replies.filter((r) => r.type === 'question');
    expect(questions.map((q) => (q.type === 'question' ? q.index : 0))).toEqual([1, 2, 3]);
    expect(replies.filter((r) => r.type === 'feedback')).toHaveLength(3);
    const report = replies.at(-1);
    expect(report?.type).toBe('report');
    if (report?.type === 'report') {
      expect(report.feedback.answered).toBe(3);
      expect(report.feedback.score).toEqual(expect.any(Number));
    }
  });

  it(`asks at most ${MAX_FOLLOW_UPS} follow-ups per question, even for one-word answers`, () => {
    const { session, replies } = runInterview('ok');
    expect(session?.state.phase).toBe('finished');
    for (const record of session?.answers ?? []) expect(record.followUps.length).toBeLessThanOrEqual(MAX_FOLLOW_UPS);
    expect(replies.filter((r) => r.type === 'followUp').length).toBeGreaterThan(0);
  });

  it('adds follow-up answers to the question they belong to', () => {
    const first = step(undefined, start({ questions: 1, seed: 3, skipIntro: true }), ctxFor(1));
    const probed = step(first.session, answer('I like helping people.'), ctxFor(2));
    expect(probed.session?.state.phase).toBe('probing');
    const more = step(probed.session, answer(strongStory), ctxFor(3));
    const record = more.session?.answers.at(-1);
    expect(record?.parts).toEqual(['I like helping people.', strongStory]);
  });
});

describe('a follow-up', () => {
  it('quotes or refers to the answer and names the reason', () => {
    const first = step(undefined, start({ questions: 1, seed: 3, skipIntro: true }), ctxFor(1));
    const { replies } = step(first.session, answer('I help people.'), ctxFor(2));
    expect(replies[0]).toEqual(expect.objectContaining({ type: 'followUp', reason: expect.any(String), index: 1 }));
  });
});

describe('answers the engine will not record', () => {
  it('leaves the session unchanged for a whitespace answer and says how to go on', () => {
    const first = step(undefined, start({ questions: 2, seed: 3, skipIntro: true }), ctxFor(1));
    const { session, replies } = step(first.session, answer('   \n '), ctxFor(2));
    expect(session).toBe(first.session);
    expect(replies[0]).toEqual(expect.objectContaining({ type: 'notice', text: expect.stringMatching(/skip/) }));
  });

  it('evaluates an over-long answer on its first 6,000 characters and says so', () => {
    const first = step(undefined, start({ questions: 2, seed: 3, skipIntro: true }), ctxFor(1));
    const long = `${strongStory} `.repeat(40);
    const { session, replies } = step(first.session, answer(long), ctxFor(2));
    expect(session?.answers.at(-1)?.parts[0]?.length).toBe(6000);
    expect(replies[0]).toEqual(expect.objectContaining({ type: 'notice', text: expect.stringMatching(/6,000/) }));
  });
});

describe('ending early', () => {
  it('finishes with feedback on what was answered, counting only asked questions', () => {
    const first = step(undefined, start({ questions: 4, seed: 3, skipIntro: true }), ctxFor(1));
    const skipped = step(first.session, command('skip'), ctxFor(2));
    const ended = step(skipped.session, command('end'), ctxFor(3));
    expect(ended.session?.state).toEqual(expect.objectContaining({ phase: 'finished', endedEarly: true }));
    const report = ended.replies.at(-1);
    expect(report).toEqual(expect.objectContaining({ type: 'report', endedEarly: true }));
    if (report?.type === 'report') expect([report.feedback.answered, report.feedback.skipped]).toEqual([0, 1]);
  });
});
