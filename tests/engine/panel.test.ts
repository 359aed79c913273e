import { describe, expect, it } from 'vitest';
import {
  type PanelActor,
  type PanelSession,
  PanelSessionSchema,
  panelHistory,
  stepPanel,
} from '../../src/engine/index.js';
import { ctxFor } from './helpers.js';
import { answerUntilRating, begunPanel, ben, cleo, host, mod, run, T0 } from './panel.helpers.js';

const candidateOf = (session: PanelSession | undefined) => session?.turns.at(-1)?.candidateId;
const actor = (id: string | undefined): PanelActor => [host, ben, cleo].find((a) => a.userId === id) ?? host;

describe('panel: the lobby', () => {
  it('opens with the host as the first participant and lists who joins', () => {
    const { session, replies } = run(undefined, [
      { type: 'open', by: host, options: {} },
      { type: 'join', by: ben },
    ]);
    expect(session?.participants.map((p) => p.userId)).toEqual(['h1', 'b2']);
    expect(replies.at(-1)).toEqual(expect.objectContaining({ type: 'lobby', canBegin: true }));
  });

  it('refuses to begin with one person, or when someone other than the host asks', () => {
    const alone = run(undefined, [{ type: 'open', by: host, options: {} }]);
    const tooFew = stepPanel(alone.session, { type: 'begin', by: host }, ctxFor());
    expect(tooFew.session).toBe(alone.session);
    const two = run(alone.session, [{ type: 'join', by: ben }]);
    const notHost = stepPanel(two.session, { type: 'begin', by: ben }, ctxFor());
    expect(notHost.session).toBe(two.session);
    expect(notHost.replies).toEqual([expect.objectContaining({ type: 'notice', to: { userId: 'b2' } })]);
  });

  it('lets a channel manager act as host', () => {
    const { session } = run(undefined, [
      { type: 'open', by: host, options: {} },
      { type: 'join', by: ben },
      { type: 'begin', by: mod },
    ]);
    expect(session?.state.phase).toBe('answering');
  });
});

describe('panel: a turn', () => {
  it('asks the candidate in the thread and sends each other participant the talking points privately', () => {
    const { session, replies } = begunPanel();
    const turn = replies.find((r) => r.type === 'turn');
    expect(turn).toEqual(expect.objectContaining({ to: 'all', candidate: expect.objectContaining({ userId: 'h1' }) }));
    const points = replies.filter((r) => r.type === 'talkingPoints');
    expect(points.map((r) => r.to)).toEqual([{ userId: 'b2' }, { userId: 'c3' }]);
    expect(session?.state.phase).toBe('answering');
  });

  it("counts only the candidate's messages as answers", () => {
    const { session } = begunPanel();
    const result = stepPanel(session, { type: 'answer', by: ben, text: 'I would listen.' }, ctxFor());
    expect(result.session).toBe(session);
    expect(result.replies).toEqual([expect.objectContaining({ type: 'notice', to: { userId: 'b2' } })]);
  });

  it('asks follow-ups as in a solo interview, then opens the rating for the others', () => {
    const { session } = begunPanel();
    const first = stepPanel(session, { type: 'answer', by: host, text: 'I help people.' }, ctxFor(1, T0 + 9000));
    expect(first.replies[0]).toEqual(expect.objectContaining({ type: 'followUp', to: 'all' }));
    const rated = answerUntilRating(first.session, host);
    expect(rated.session?.state.phase).toBe('rating');
    expect(rated.replies.at(-1)).toEqual(expect.objectContaining({ type: 'rate', raters: ['b2', 'c3'] }));
    expect(rated.session?.turns[0]?.score).toEqual(expect.any(Number));
  });
});

describe('panel: ratings', () => {
  it('keeps every criterion each panelist gives and moves on when all have rated', () => {
    const { session } = begunPanel();
    const rating = answerUntilRating(session, host).session;
    const rate = (by: PanelActor, criterion: 'structure' | 'customer-focus' | 'communication', level: 1 | 2 | 3 | 4) =>
      ({ type: 'rate', by, turn: 1, criterion, level }) as const;
    const partial = run(rating, [
      rate(ben, 'structure', 3),
      rate(ben, 'customer-focus', 4),
      rate(ben, 'communication', 2),
    ]);
    expect(partial.session?.state.phase).toBe('rating');
    const done = run(partial.session, [
      { type: 'comment', by: cleo, turn: 1, text: 'Clear story, say more about the result' },
      rate(cleo, 'structure', 4),
      rate(cleo, 'customer-focus', 4),
      rate(cleo, 'communication', 4),
    ]);
    expect(done.session?.state.phase).toBe('answering');
    expect(done.session?.turns[0]?.ratings).toEqual([
      expect.objectContaining({ raterId: 'b2', scores: { structure: 3, 'customer-focus': 4, communication: 2 } }),
      expect.objectContaining({ raterId: 'c3', comment: 'Clear story, say more about the result' }),
    ]);
    expect(candidateOf(done.session)).toBe('b2');
  });

  it('refuses a rating from the candidate, from an outsider, and for a closed turn', () => {
    const { session } = begunPanel();
    const rating = answerUntilRating(session, host).session;
    const outsider: PanelActor = { userId: 'x0', name: 'Xi', canManage: false };
    for (const by of [host, outsider]) {
      const result = stepPanel(rating, { type: 'rate', by, turn: 1, criterion: 'structure', level: 4 }, ctxFor());
      expect(result.session).toBe(rating);
      expect(result.replies).toEqual([expect.objectContaining({ to: { userId: by.userId } })]);
    }
    const stale = stepPanel(rating, { type: 'rate', by: ben, turn: 7, criterion: 'structure', level: 4 }, ctxFor());
    expect(stale.session).toBe(rating);
  });
});

describe('panel: deadlines', () => {
  it('skips a turn with no answer once its deadline passes, and not before', () => {
    const { session, now } = begunPanel();
    const early = stepPanel(session, { type: 'tick' }, ctxFor(1, now + 60_000));
    expect(early.session).toBe(session);
    const late = stepPanel(session, { type: 'tick' }, ctxFor(1, now + 5 * 60_000 + 1));
    expect(late.session?.turns[0]?.skipped).toBe('timeout');
    expect(candidateOf(late.session)).toBe('b2');
    expect(late.replies[0]).toEqual(expect.objectContaining({ type: 'notice', to: 'all' }));
  });

  it('closes an open rating at its deadline, keeping the ratings given', () => {
    const { session } = begunPanel();
    const rating = answerUntilRating(session, host).session;
    const one = stepPanel(
      rating,
      { type: 'rate', by: ben, turn: 1, criterion: 'structure', level: 2 },
      ctxFor(1, T0 + 20_000),
    );
    const deadline = one.session?.state.phase === 'rating' ? one.session.state.deadline : 0;
    const late = stepPanel(one.session, { type: 'tick' }, ctxFor(1, deadline + 1));
    expect(late.session?.turns[0]?.ratings).toHaveLength(1);
    expect(late.session?.state.phase).toBe('answering');
  });
});

describe('panel: people coming and going', () => {
  it('skips a candidate who leaves mid-turn and never gives a turn to someone absent', () => {
    const { session } = begunPanel();
    const left = stepPanel(session, { type: 'leave', by: host }, ctxFor());
    expect(left.session?.turns[0]?.skipped).toBe('left');
    expect(left.session?.participants.map((p) => p.userId)).toEqual(['b2', 'c3']);
    expect(candidateOf(left.session)).toBe('b2');
    expect(left.session?.hostId).toBe('b2');
  });

  it('puts a late joiner into the rotation', () => {
    const { session } = begunPanel();
    const dan: PanelActor = { userId: 'd4', name: 'Dan', canManage: false };
    const joined = stepPanel(session, { type: 'join', by: dan }, ctxFor());
    const skipped = run(joined.session, [
      { type: 'skip', by: host },
      { type: 'skip', by: ben },
      { type: 'skip', by: cleo },
    ]);
    expect(skipped.session?.turns.map((t) => t.candidateId)).toEqual(['h1', 'b2', 'c3', 'd4']);
  });

  it('lets only the host or a manager remove someone', () => {
    const { session } = begunPanel();
    const refused = stepPanel(session, { type: 'remove', by: ben, userId: 'c3' }, ctxFor());
    expect(refused.session).toBe(session);
    const removed = stepPanel(session, { type: 'remove', by: host, userId: 'c3' }, ctxFor());
    expect(removed.session?.participants.map((p) => p.userId)).toEqual(['h1', 'b2']);
  });
});

describe('panel: the summary', () => {
  it("ends with each participant's bot score beside the peers' average and private feedback for each", () => {
    let { session } = begunPanel();
    for (let turn = 1; turn <= 3; turn++) {
      const candidate = actor(candidateOf(session));
      session = answerUntilRating(session, candidate).session;
      const raters = [host, ben, cleo].filter((a) => a.userId !== candidate.userId);
      session = run(
        session,
        raters.flatMap((by) =>
          (['structure', 'customer-focus', 'communication'] as const).map(
            (criterion) => ({ type: 'rate', by, turn, criterion, level: by === host ? 1 : 4 }) as const,
          ),
        ),
      ).session;
    }
    expect(session?.state).toEqual(expect.objectContaining({ phase: 'closed', endedEarly: false }));
    const closing = stepPanel(session, { type: 'status', by: host }, ctxFor());
    expect(closing.replies[0]).toEqual(expect.objectContaining({ type: 'notice' }));
    const history = panelHistory(session as PanelSession, T0);
    expect([...history.keys()].sort()).toEqual(['b2', 'c3', 'h1']);
  });

  it("reports the summary and each candidate's feedback when the host ends early", () => {
    const { session } = begunPanel();
    const answered = answerUntilRating(session, host).session;
    const ended = stepPanel(answered, { type: 'end', by: host }, ctxFor());
    const summary = ended.replies.find((r) => r.type === 'summary');
    expect(summary).toEqual(expect.objectContaining({ endedEarly: true }));
    if (summary?.type !== 'summary') return;
    const hana = summary.entries.find((e) => e.userId === 'h1');
    expect(hana?.turns[0]).toEqual(expect.objectContaining({ botScore: expect.any(Number), peerAverage: null }));
    expect(ended.replies.filter((r) => r.type === 'feedback').map((r) => r.to)).toEqual([{ userId: 'h1' }]);
    expect(PanelSessionSchema.safeParse(ended.session).success).toBe(true);
  });

  it('marks where the peers disagreed with each other', () => {
    const rated = answerUntilRating(begunPanel().session, host).session;
    const criteria = ['structure', 'customer-focus', 'communication'] as const;
    const { replies } = run(rated, [
      ...criteria.map((criterion) => ({ type: 'rate', by: ben, turn: 1, criterion, level: 1 }) as const),
      ...criteria.map((criterion) => ({ type: 'rate', by: cleo, turn: 1, criterion, level: 4 }) as const),
      { type: 'end', by: host },
    ]);
    const summary = replies.find((r) => r.type === 'summary');
    if (summary?.type !== 'summary') throw new Error('expected a summary');
    const turn = summary.entries.find((e) => e.userId === 'h1')?.turns[0];
    expect(turn?.peerAverage).toBe(50);
    expect(turn?.disagreement).toMatch(/split/);
  });
});

describe('panel: events that name a turn', () => {
  it('refuses an answer or a skip meant for an earlier turn', () => {
    const { session } = begunPanel();
    const answer = stepPanel(session, { type: 'answer', by: host, text: 'late answer', turn: 7 }, ctxFor());
    const skip = stepPanel(session, { type: 'skip', by: host, turn: 7 }, ctxFor());
    expect([answer.session, skip.session]).toEqual([session, session]);
    expect(answer.replies).toEqual([expect.objectContaining({ type: 'notice', to: { userId: 'h1' } })]);
    const current = stepPanel(session, { type: 'skip', by: host, turn: 1 }, ctxFor());
    expect(current.session?.turns[0]?.skipped).toBe('candidate');
  });
});

describe('panel: talking points on request', () => {
  it('sends them again to a panelist, and explains to the candidate and outsiders', () => {
    const { session } = begunPanel();
    const again = stepPanel(session, { type: 'points', by: ben }, ctxFor());
    expect(again.session).toBe(session);
    expect(again.replies).toEqual([expect.objectContaining({ type: 'talkingPoints', to: { userId: 'b2' } })]);
    const own = stepPanel(session, { type: 'points', by: host }, ctxFor());
    expect(own.replies).toEqual([expect.objectContaining({ type: 'notice', to: { userId: 'h1' } })]);
  });
});

describe('panel: the lobby message after someone goes', () => {
  it('is refreshed, and a removal says the host removed them', () => {
    const { session } = begunPanel();
    const removed = stepPanel(session, { type: 'remove', by: host, userId: 'c3' }, ctxFor());
    expect(removed.replies).toEqual([
      expect.objectContaining({ type: 'notice', text: 'The host removed Cleo from the panel.' }),
      expect.objectContaining({
        type: 'lobby',
        participants: [expect.objectContaining({ userId: 'h1' }), expect.objectContaining({ userId: 'b2' })],
      }),
    ]);
    const candidateRemoved = stepPanel(session, { type: 'remove', by: mod, userId: 'h1' }, ctxFor());
    expect(candidateRemoved.replies.map((r) => r.type).slice(0, 2)).toEqual(['lobby', 'notice']);
    expect(candidateRemoved.replies[1]).toEqual(
      expect.objectContaining({ text: expect.stringMatching(/removed Hana .* skipped/) }),
    );
  });
});
