import { describe, expect, it } from 'vitest';
import { step } from '../../src/engine/index.js';
import { answer, ctxFor, library, sessionIn, start } from './helpers.js';

const pack = library.packs.get('customer-service')?.pack;

describe('start: question choice', () => {
  it('asks the same questions for the same seed and different ones for another', () => {
    const ids = (seed: number) => step(undefined, start({ seed, skipIntro: true }), ctxFor(seed)).session?.questionIds;
    expect(ids(5)).toEqual(ids(5));
    expect(ids(5)).not.toEqual(ids(6));
    expect(ids(5)).toHaveLength(5);
  });

  it('opens with a definition question and mixes the kinds', () => {
    const ids = step(undefined, start({ seed: 9, skipIntro: true }), ctxFor(1)).session?.questionIds ?? [];
    const kinds = ids.map((id) => pack?.questions.find((q) => q.id === id)?.kind);
    expect(kinds[0]).toBe('definition');
    expect(new Set(kinds).size).toBe(3);
  });

  it('chooses questions tagged for the role', () => {
    const ids =
      step(undefined, start({ seed: 2, role: 'hospitality', skipIntro: true }), ctxFor(1)).session?.questionIds ?? [];
    for (const id of ids) expect(pack?.questions.find((q) => q.id === id)?.roles).toContain('hospitality');
  });

  it('keeps the number of questions within the pack', () => {
    const session = step(undefined, start({ questions: 1000, skipIntro: true }), ctxFor(1)).session;
    expect(session?.questionIds).toHaveLength(pack?.questions.length ?? -1);
  });
});

describe('start: drills', () => {
  it('picks questions that exercise the weakest concepts', () => {
    const { session, replies } = step(
      undefined,
      start({ focus: 'weakest', weakConcepts: ['honesty'], questions: 2, skipIntro: true }),
      ctxFor(1),
    );
    for (const id of session?.questionIds ?? [])
      expect(pack?.questions.find((q) => q.id === id)?.concepts).toContain('honesty');
    expect(replies[0]).toEqual(expect.objectContaining({ type: 'notice', text: expect.stringMatching(/drill/i) }));
  });

  it('says there is no history yet and runs a normal interview', () => {
    const { session, replies } = step(undefined, start({ focus: 'weakest', skipIntro: true }), ctxFor(1));
    expect(replies[0]).toEqual(
      expect.objectContaining({ type: 'notice', text: expect.stringMatching(/no finished interviews/) }),
    );
    expect(session?.questionIds).toHaveLength(5);
  });
});

describe('start: the intro', () => {
  it('asks for the company when none was given, then the role', () => {
    const first = step(undefined, start(), ctxFor(1));
    expect(first.session?.state).toEqual({ phase: 'intro', ask: 'company' });
    const company = step(first.session, answer('Northwind Hotels: warm welcome, attention to detail'), ctxFor(2));
    expect(company.session?.settings).toEqual(
      expect.objectContaining({ company: 'Northwind Hotels', companyValues: ['warm welcome', 'attention to detail'] }),
    );
    expect(company.session?.state).toEqual({ phase: 'intro', ask: 'role' });
    const role = step(company.session, answer('the front desk of a hotel'), ctxFor(3));
    expect(role.session?.settings.role).toBe('hospitality');
    expect(role.session?.state.phase).toBe('asking');
    expect(role.replies.at(-1)).toEqual(expect.objectContaining({ type: 'question', index: 1 }));
  });

  it('reads the company out of a sentence, and ends the notice with one full stop', () => {
    const cases: readonly (readonly [string, string])[] = [
      ["I'm interviewing with Northwind Hotels for a front desk job.", 'Northwind Hotels'],
      ['I am applying to Tesco as a weekend cashier', 'Tesco'],
      ["I'm applying for a weekend job at Marks and Spencer.", 'Marks and Spencer.'],
      ['It\u2019s Acme Inc.', 'Acme Inc.'],
      ['the company is "Blue Door Cafe": friendly', 'Blue Door Cafe'],
      // A name is kept whole, whatever words it holds, when no lead-in comes before it.
      ['At Home for a Better World', 'At Home for a Better World'],
      ['Acme Inc.', 'Acme Inc.'],
    ];
    for (const [line, company] of cases) {
      const first = step(undefined, start({ role: 'retail' }), ctxFor(1));
      const { session, replies } = step(first.session, answer(line), ctxFor(2));
      expect(session?.settings.company).toBe(company);
      const said = replies.find((reply) => reply.type === 'notice' && reply.text.startsWith('Good:'));
      expect(said).toEqual(expect.objectContaining({ text: expect.stringMatching(/[^.]\.$/) }));
      expect(said).toEqual(expect.objectContaining({ text: expect.stringContaining(`fit ${company}`) }));
    }
  });

  it('skips the intro when a company is given', () => {
    const { session } = step(undefined, start({ company: 'Acme', role: 'retail' }), ctxFor(1));
    expect(session?.state.phase).toBe('asking');
  });
});

describe('start: other cases', () => {
  it('says "welcome back" and repeats the pending question when an interview is in progress', () => {
    const before = sessionIn({ phase: 'asking', turn: { index: 1, retry: null } });
    const { session, replies } = step(before, start(), ctxFor(1));
    expect(session).toBe(before);
    expect(replies[0]).toEqual(
      expect.objectContaining({ type: 'notice', text: expect.stringMatching(/Welcome back/) }),
    );
    expect(replies[1]).toEqual(expect.objectContaining({ type: 'question', index: 2, total: 3 }));
  });

  it('names the available packs when asked for one that does not exist', () => {
    const { session, replies } = step(undefined, start({ pack: 'astronaut' }), ctxFor(1));
    expect(session).toBeUndefined();
    expect(replies[0]).toEqual(
      expect.objectContaining({ type: 'notice', text: expect.stringMatching(/customer-service/) }),
    );
  });
});
