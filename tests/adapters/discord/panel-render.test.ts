import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../../../adapters/discord/embeds.js';
import { parsePanelId } from '../../../adapters/discord/panel-ids.js';
import {
  commentModal,
  panelAnswerModal,
  renderFollowUp,
  renderLobby,
  renderPanelNotice,
  renderRate,
  renderTurn,
} from '../../../adapters/discord/panel-render.js';
import { renderSummary } from '../../../adapters/discord/panel-summary.js';
import type { PanelReply, Participant, SummaryEntry } from '../../../src/engine/index.js';
import { messageIssues, modalIssues } from '../../fakes/discord/index.js';

const threadId = '123456789012345678';
const hostile = 'Ann @everyone <@222222222222222222> **bold**';
const ann: Participant = { userId: '111111111111111111', name: hostile, joinedAt: 1 };
const bo: Participant = { userId: '222222222222222222', name: 'Bo', joinedAt: 2 };
const deadline = 1_800_000_000_000;
const options = { threadId, typedAnswers: false };

const ids = (messages: readonly Outgoing[]) =>
  messages.flatMap((m) =>
    (m.components ?? []).flatMap((row) => row.components.map((b) => ('custom_id' in b ? b.custom_id : ''))),
  );

const lobby = (participants: readonly Participant[]): PanelReply & { type: 'lobby' } => ({
  type: 'lobby',
  to: 'all',
  panelId: 'p1',
  hostId: ann.userId,
  participants,
  settings: { packId: 'customer-service', questionsPerPerson: 2, seed: 1, turnTimeoutMs: 300_000, role: 'retail' },
  canBegin: participants.length >= 2,
});

describe('the lobby', () => {
  it('lists who is in with names made safe, the settings, and Start only once two are in', () => {
    const alone = renderLobby(lobby([ann]), threadId);
    expect(alone.content).toContain('**In the panel (1):**');
    expect(alone.content).not.toMatch(/@everyone|<@2/);
    expect(alone.content).toContain('**2** questions');
    expect(alone.content).toContain('**5 minutes** per answer. Role: Retail.');
    const start = alone.components?.[0]?.components[2];
    expect(start).toMatchObject({ label: 'Start', disabled: true });
    const two = renderLobby(lobby([ann, bo]), threadId);
    expect(two.components?.[0]?.components[2]).not.toHaveProperty('disabled');
    expect(ids([two]).map((id) => parsePanelId(id)?.kind)).toEqual(['join', 'leave', 'begin']);
  });
});

describe('the turn message', () => {
  it('pings its candidate and nobody else, and binds Answer and Talking points to the turn and candidate', () => {
    const turn = {
      type: 'turn',
      to: 'all',
      panelId: 'p1',
      turn: 3,
      candidate: bo,
      questionText: 'Why @here?',
      kind: 'behavioral',
      deadline,
    } as const;
    const [message, ...rest] = renderTurn(turn, options);
    expect(rest).toEqual([]);
    expect(message?.pings).toEqual([bo.userId]);
    expect(message?.content).toContain(`<@${bo.userId}>, this question is yours`);
    expect(message?.content).not.toContain('@here');
    expect(message?.content).toContain(`<t:${deadline / 1000}:R>`);
    expect(ids([message as Outgoing]).map(parsePanelId)).toEqual([
      { kind: 'answer', threadId, turn: 3, candidateId: bo.userId },
      { kind: 'points', threadId, turn: 3, candidateId: bo.userId },
      { kind: 'skip', threadId, turn: 3 },
    ]);
  });

  it('says typed answers count only when the bot can read them', () => {
    const turn = {
      type: 'turn',
      to: 'all',
      panelId: 'p1',
      turn: 1,
      candidate: bo,
      questionText: 'Q',
      kind: 'behavioral',
      deadline,
    } as const;
    expect(renderTurn(turn, options)[0]?.content).toContain('I cannot read messages typed in this thread');
    expect(renderTurn(turn, { threadId, typedAnswers: true })[0]?.content).toContain('Type your answer in this thread');
  });

  it('pings nobody on a follow-up, and quotes the candidate safely', () => {
    const followUp = {
      type: 'followUp',
      to: 'all',
      panelId: 'p1',
      turn: 2,
      candidate: bo,
      text: 'Tell me more.',
      quote: '@everyone look',
    } as const;
    const [message] = renderFollowUp(followUp, options);
    expect(message?.pings).toBeUndefined();
    expect(message?.content).not.toContain('@everyone');
  });
});

describe('the rating prompt', () => {
  it('has a row of four levels per criterion, then Add a comment, each button bound to its turn', () => {
    const rate = {
      type: 'rate',
      to: 'all',
      panelId: 'p1',
      turn: 2,
      candidateName: hostile,
      raters: [bo.userId],
      deadline,
    } as const;
    const [message] = renderRate(rate, threadId);
    expect(message?.components?.map((row) => row.components.length)).toEqual([4, 4, 4, 1]);
    const parsed = ids([message as Outgoing]).map(parsePanelId);
    expect(parsed.slice(0, 4)).toEqual(
      [1, 2, 3, 4].map((level) => ({ kind: 'rate', threadId, turn: 2, criterion: 'structure', level })),
    );
    expect(parsed.map((p) => (p?.kind === 'rate' ? p.criterion : p?.kind))).toEqual([
      ...Array(4).fill('structure'),
      ...Array(4).fill('customer-focus'),
      ...Array(4).fill('communication'),
      'comment',
    ]);
    expect(message?.content).not.toMatch(/@everyone/);
    expect(messageIssues(message)).toEqual([]);
  });
});

describe('the summary', () => {
  it('fits Discord’s limits for a large panel, shows skips in words and makes comments safe', () => {
    const long = `${'A very long question about refunds and patience. '.repeat(12)}End?`;
    const entries: SummaryEntry[] = Array.from({ length: 12 }, (_, person) => ({
      userId: String(100000000000000000 + person),
      name: `Person ${person} ${hostile}`,
      turns: Array.from({ length: 5 }, (_, t) => ({
        number: person * 5 + t + 1,
        questionText: long,
        botScore: t === 0 ? null : 70,
        peerAverage: t === 0 ? null : 40,
        raters: t === 0 ? 0 : 3,
        skipped: t === 0 ? 'timeout' : null,
        disagreement: t === 1 ? 'the panel was split on this answer' : null,
        comments: ['@everyone great **job**', 'x'.repeat(200)],
      })),
    }));
    const messages = renderSummary({
      type: 'summary',
      to: 'all',
      panelId: 'p1',
      endedEarly: true,
      entries,
      groupMissed: [{ label: 'Empathy', count: 4 }],
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(messageIssues(message)).toEqual([]);
    const text = JSON.stringify(messages);
    expect(text).toContain('skipped: time ran out');
    expect(text).toContain('Panel summary (ended early)');
    expect(text).toContain('**Empathy** (missed in 4 answers)');
    expect(text).not.toMatch(/@everyone|<@2/);
  });
});

describe('notices and modals', () => {
  it('break mentions in notices and build modals Discord accepts', () => {
    expect(renderPanelNotice(`${hostile} left the panel.`)[0]?.content).not.toMatch(/@everyone|<@2/);
    const answer = panelAnswerModal({ kind: 'answer', threadId, turn: 999, candidateId: bo.userId });
    expect(modalIssues(answer, ['data'])).toEqual([]);
    expect(modalIssues(commentModal({ kind: 'comment', threadId, turn: 999 }), ['data'])).toEqual([]);
  });
});
