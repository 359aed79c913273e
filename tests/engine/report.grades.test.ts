import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluationOf, gradeOf } from '../../src/engine/grade.js';
import { GradedSchema, readGrade } from '../../src/engine/grade-schema.js';
import {
  type InterviewEvent,
  type Library,
  type Reply,
  SESSION_MIGRATIONS,
  SESSION_VERSION,
  type Session,
  SessionSchema,
  seededRandom,
  step,
} from '../../src/engine/index.js';
import { latestAttempts } from '../../src/engine/report.js';
import type { EvaluationContext } from '../../src/evaluation/types.js';
import { decode } from '../../src/store/codec.js';
import { countingLibrary, customerService, variedAnswers } from './grades.helpers.js';
import { answer, command, library } from './helpers.js';

const loaded = customerService();
const company = { company: 'Northwind', companyValues: ['customers first', 'reliable'] } as const;
const codec = { version: SESSION_VERSION, schema: SessionSchema, migrations: SESSION_MIGRATIONS };

const ctxAt = (i: number, lib: Library = library) => ({
  now: 1_700_000_000_000 + i * 1000,
  random: seededRandom(i),
  library: lib,
});

/** The report built the old way: every latest answered record evaluated again from its text. */
function reevaluatedReport(session: Session) {
  const context: EvaluationContext = {
    ...(session.settings.company === undefined ? {} : { company: session.settings.company }),
    ...(session.settings.companyValues === undefined ? {} : { companyValues: session.settings.companyValues }),
  };
  const latest = [...latestAttempts(session).values()].sort((a, b) => a.index - b.index);
  const answered = latest
    .filter((r) => !r.skipped)
    .map((r) => {
      const question = loaded.questions.get(r.questionId);
      if (question === undefined) throw new Error(`no question ${r.questionId}`);
      return { evaluation: loaded.evaluator.evaluate(r.parts.join('\n\n'), question, context), question };
    });
  return loaded.evaluator.interviewFeedback(answered, latest.length - answered.length);
}

const reportIn = (replies: readonly Reply[]) => {
  const report = replies.find((r) => r.type === 'report');
  if (report?.type !== 'report') throw new Error('expected a report');
  return report.feedback;
};

/**
 * Runs a 10-question interview with a company up to its last answer: varied answers and follow-up answers, one
 * question skipped, one follow-up skipped. Returns the session waiting for the last answer.
 */
function interviewBeforeLastAnswer(lib: Library = library): Session {
  let session = step(undefined, { type: 'start', options: { questions: 10, seed: 3, ...company } }, ctxAt(0, lib))
    .session as Session;
  for (let i = 1; i < 200; i++) {
    const state = session.state;
    if (state.phase !== 'asking' && state.phase !== 'probing') throw new Error(`unexpected ${state.phase}`);
    if (state.phase === 'asking' && state.turn.index === session.questionIds.length - 1) return session;
    const event: InterviewEvent =
      state.phase === 'asking' && state.turn.index === 2
        ? command('skip')
        : state.phase === 'probing' && state.turn.index === 4
          ? command('skip')
          : answer(variedAnswers[i % variedAnswers.length] ?? '');
    session = step(session, event, ctxAt(i, lib)).session as Session;
  }
  throw new Error('the interview did not reach its last question');
}

/** Makes a session look as version 1 stored it: no grade on any record, no kept evaluation while probing. */
function asVersion1(session: Session): unknown {
  const answers = session.answers.map(({ grade: _grade, ...record }) => record);
  const { state } = session;
  const unkept = state.phase === 'probing' ? (({ graded: _graded, ...rest }) => rest)(state) : state;
  return { ...session, answers, state: unkept };
}

describe('finish: the report comes from the grades kept at each answer', () => {
  it('reads exactly as the report built by evaluating every answer again', () => {
    const before = interviewBeforeLastAnswer();
    const { session, replies } = step(before, answer(variedAnswers[0] ?? ''), ctxAt(500));
    if (session?.state.phase !== 'finished') throw new Error('expected the interview to finish');
    const report = reportIn(replies);
    expect(report.skipped).toBe(1);
    expect(report.answered).toBe(9);
    expect(report).toEqual(reevaluatedReport(session));
  });

  it('evaluates only the last answer on the finishing turn, and nothing when the candidate ends', () => {
    const counting = countingLibrary();
    const before = interviewBeforeLastAnswer(counting.library);
    const atStart = counting.evaluations();
    const finished = step(before, answer(variedAnswers[0] ?? ''), ctxAt(500, counting.library));
    expect(reportIn(finished.replies).answered).toBe(9);
    expect(counting.evaluations() - atStart).toBe(1);
    const atEnd = counting.evaluations();
    const ended = step(before, command('end'), ctxAt(501, counting.library));
    expect(reportIn(ended.replies).answered).toBe(8);
    expect(counting.evaluations()).toBe(atEnd);
  });

  it('keeps no pack text in a grade: no question text, concept label or tip', () => {
    const session = interviewBeforeLastAnswer();
    const grades = session.answers.flatMap((r) => (r.grade === undefined ? [] : [readGrade(r.grade, r.covered)]));
    expect(grades.length).toBe(session.answers.filter((r) => !r.skipped).length);
    expect(grades).not.toContain(undefined);
    const stored = JSON.stringify(grades);
    const question = loaded.questions.get(session.answers[0]?.questionId ?? '');
    expect(stored).not.toContain(question?.text);
    for (const concept of loaded.pack.concepts) {
      expect(stored).not.toContain(`"${concept.label}"`);
      expect(stored).not.toContain(concept.tip);
    }
  });
});

describe('commands while probing: the answer so far is not evaluated again', () => {
  /** The interview waiting on a follow-up to a short answer on its first question. */
  const probing = (lib: Library) => {
    const started = step(undefined, { type: 'start', options: { questions: 3, seed: 3, ...company } }, ctxAt(0, lib));
    const probed = step(started.session, answer('I help people and listen to them.'), ctxAt(1, lib));
    if (probed.session?.state.phase !== 'probing') throw new Error('expected a follow-up');
    return probed.session;
  };

  it('gives the same feedback on skip and the same report on end, with no evaluation', () => {
    const counting = countingLibrary();
    const session = probing(counting.library);
    const before = counting.evaluations();
    const skipped = step(session, command('skip'), ctxAt(2, counting.library));
    const ended = step(session, command('end'), ctxAt(2, counting.library));
    const hinted = step(session, command('hint'), ctxAt(2, counting.library));
    expect(counting.evaluations()).toBe(before);
    const record = session.answers.at(-1);
    const question = loaded.questions.get(record?.questionId ?? '');
    if (record === undefined || question === undefined) throw new Error('expected a record in progress');
    const evaluation = loaded.evaluator.evaluate(record.parts.join('\n\n'), question, company);
    expect(skipped.replies.find((r) => r.type === 'feedback')).toEqual(
      expect.objectContaining({ feedback: loaded.evaluator.answerFeedback(evaluation, question) }),
    );
    if (ended.session === undefined) throw new Error('expected a session');
    expect(reportIn(ended.replies)).toEqual(reevaluatedReport(ended.session));
    const covered = new Set(evaluation.concepts.filter((c) => c.covered).map((c) => c.label));
    const hint = hinted.replies[0];
    if (hint?.type !== 'hint') throw new Error('expected a hint');
    expect(hint.concepts.map((c) => c.covered)).toEqual(hint.concepts.map((c) => covered.has(c.label)));
    expect(hint.concepts.some((c) => c.covered)).toBe(true);
  });

  it('gives the same replies for a version 1 session, evaluating the answer so far', () => {
    const session = probing(library);
    const old = SessionSchema.parse(asVersion1(session));
    expect(old.state).not.toHaveProperty('graded');
    for (const name of ['skip', 'end', 'hint'] as const) {
      const counting = countingLibrary();
      const now = step(session, command(name), ctxAt(2, counting.library)).replies;
      expect(counting.evaluations()).toBe(0);
      const then = step(old, command(name), ctxAt(2, counting.library)).replies;
      expect(counting.evaluations()).toBe(1);
      expect(then).toEqual(now);
    }
  });
});

describe('a session stored by version 1', () => {
  it('reads through the migration, and its report evaluates the answers again and reads the same', () => {
    const before = interviewBeforeLastAnswer();
    const envelope = JSON.stringify({ v: 1, data: asVersion1(before) });
    const decoded = decode(codec, envelope);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.version).toBe(1);
    expect(decoded.value.answers.some((r) => r.grade !== undefined)).toBe(false);
    const counting = countingLibrary();
    const last = answer(variedAnswers[0] ?? '');
    const old = step(decoded.value, last, ctxAt(500, counting.library));
    const answered = before.answers.filter((r) => !r.skipped).length;
    // The last answer, then each earlier answered record (a skipped follow-up leaves one record per question).
    expect(counting.evaluations()).toBe(1 + answered);
    const current = step(before, last, ctxAt(500));
    expect(reportIn(old.replies)).toEqual(reportIn(current.replies));
  });

  it('is refused without the migration, so the wiring matters', () => {
    const decoded = decode({ version: SESSION_VERSION, schema: SessionSchema }, JSON.stringify({ v: 1, data: {} }));
    expect(decoded).toEqual({ ok: false, reason: 'no migration from version 1' });
  });
});

describe('a grade', () => {
  const questions = loaded.pack.questions;
  const fragment = fc.constantFrom(...variedAnswers);
  const text = fc.oneof(
    fragment,
    fc.array(fragment, { minLength: 2, maxLength: 3 }).map((parts) => parts.join('\n\n')),
    fc.tuple(fragment, fc.string({ maxLength: 60 })).map(([a, b]) => `${b} ${a}`),
    fc.string({ maxLength: 120 }),
  );

  it('survives JSON and gives the same answer and interview feedback as the evaluation it was kept from', () => {
    fc.assert(
      fc.property(fc.constantFrom(...questions), text, fc.boolean(), (question, answerText, withCompany) => {
        const evaluation = loaded.evaluator.evaluate(answerText, question, withCompany ? company : {});
        const kept = GradedSchema.parse(JSON.parse(JSON.stringify(gradeOf(evaluation, question, answerText))));
        const grade = readGrade(kept.grade, kept.covered);
        if (grade === undefined) throw new Error(`the grade did not read back: ${kept.grade}`);
        const rebuilt = evaluationOf(grade, kept.covered, answerText, question, loaded.pack);
        expect(kept.score).toBe(evaluation.score);
        expect(loaded.evaluator.answerFeedback(rebuilt, question)).toEqual(
          loaded.evaluator.answerFeedback(evaluation, question),
        );
        expect(loaded.evaluator.interviewFeedback([{ evaluation: rebuilt, question }], 0)).toEqual(
          loaded.evaluator.interviewFeedback([{ evaluation, question }], 0),
        );
        expect(rebuilt.score).toBe(evaluation.score);
      }),
      { numRuns: 120 },
    );
  });

  it('does not read back when it is not JSON, not a grade, or not one list of evidence per covered concept', () => {
    const question = questions[0];
    if (question === undefined) throw new Error('the pack has no questions');
    const kept = gradeOf(loaded.evaluator.evaluate(variedAnswers[0] ?? '', question), question, variedAnswers[0] ?? '');
    expect(kept.covered.length).toBeGreaterThan(0);
    expect(readGrade(kept.grade, kept.covered)).toEqual(JSON.parse(kept.grade));
    expect(readGrade(kept.grade, kept.covered.slice(1))).toBeUndefined();
    expect(readGrade(kept.grade.slice(0, -1), kept.covered)).toBeUndefined();
    const broken = { ...JSON.parse(kept.grade), details: [[1]] };
    expect(readGrade(JSON.stringify(broken), kept.covered)).toBeUndefined();
  });

  it('that does not read back leaves the report to evaluate the answer again, with the same result', () => {
    const before = interviewBeforeLastAnswer();
    const broken = {
      ...before,
      answers: before.answers.map((r) => (r.grade === undefined ? r : { ...r, grade: '{' })),
    };
    const counting = countingLibrary();
    const ended = step(broken, command('end'), ctxAt(501, counting.library));
    expect(counting.evaluations()).toBe(broken.answers.filter((r) => !r.skipped).length);
    expect(reportIn(ended.replies)).toEqual(reportIn(step(before, command('end'), ctxAt(501)).replies));
  });
});
