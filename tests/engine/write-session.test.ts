import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Session, SessionSchema, step, writeSession } from '../../src/engine/index.js';
import { anyEvent, ctxFor, sessionIn } from './helpers.js';

/** What the plain writer gives: the schema's value, and the value's JSON read back. */
function plain(session: Session) {
  return { value: SessionSchema.parse(session), read: JSON.parse(JSON.stringify(session)) as unknown };
}

describe('writeSession', () => {
  it('gives what the schema and JSON.stringify give, turn after turn, as the store writes and reads back', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), fc.integer(), (events, seed) => {
        let session: Session | undefined;
        events.forEach((event, i) => {
          session = step(session, event, ctxFor(seed + i, 1_700_000_000_000 + i * 1000)).session;
          if (session === undefined) return;
          const written = writeSession(session);
          if (!written.ok) throw new Error(`refused: ${JSON.stringify(written.issues)}`);
          const expected = plain(session);
          expect(JSON.parse(written.json)).toEqual(expected.read);
          expect(written.value).toEqual(expected.value);
          // The next turn starts from the value handed back, as a store's recent-value cache hands it on.
          session = written.value;
        });
      }),
      { numRuns: 120 },
    );
  });

  it('writes a record changed into a new object afresh, not as it was first written', () => {
    const session = sessionIn({ phase: 'asking', turn: { index: 1, retry: null } });
    const first = writeSession(session);
    expect(first.ok).toBe(true);
    const [record] = session.answers;
    if (record === undefined) throw new Error('the fixture has an answer');
    const changed = { ...session, answers: [{ ...record, score: 75, parts: ['Another answer'] }] };
    const second = writeSession(changed);
    if (!second.ok) throw new Error('refused');
    expect(JSON.parse(second.json)).toEqual(JSON.parse(JSON.stringify(changed)));
    expect(second.value.answers[0]?.score).toBe(75);
  });

  it('refuses what the schema refuses, naming where: in a record, or across the session', () => {
    const session = sessionIn({ phase: 'asking', turn: { index: 1, retry: null } });
    const [record] = session.answers;
    if (record === undefined) throw new Error('the fixture has an answer');
    const badRecord = writeSession({ ...session, answers: [{ ...record, score: 200 }] });
    expect(badRecord.ok).toBe(false);
    if (!badRecord.ok) expect(badRecord.issues[0]?.path).toEqual(['answers', 0, 'score']);
    const pastTheEnd = writeSession({ ...session, state: { phase: 'asking', turn: { index: 9, retry: null } } });
    expect(pastTheEnd.ok).toBe(false);
    if (!pastTheEnd.ok) expect(pastTheEnd.issues.map((issue) => issue.path)).toEqual([['state']]);
    const noAnswers = { ...session, answers: undefined } as unknown as Session;
    expect(writeSession(noAnswers)).toEqual({
      ok: false,
      issues: [{ path: ['answers'], message: 'expected an array' }],
    });
    // A record refused once is refused again: nothing is kept of it.
    expect(writeSession({ ...session, answers: [{ ...record, score: 200 }] }).ok).toBe(false);
  });
});
