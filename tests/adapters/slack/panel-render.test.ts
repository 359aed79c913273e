import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../adapters/slack/blocks.js';
import { mention, renderLobby, renderPanelReply } from '../../../adapters/slack/render-panel.js';
import { renderPanelFeedback, renderSummary } from '../../../adapters/slack/render-panel-summary.js';
import type { PanelReply, Participant } from '../../../src/engine/index.js';
import { checkMessage } from '../../fakes/slack/index.js';
import { answerFeedback, elementsIn, hostile } from './fixtures.js';

const where = { channel: 'C0ROOM001', thread: '1700000000.000100' };
const ann: Participant = { userId: 'U0ANN0001', name: 'Ann', joinedAt: 0 };
const mallory: Participant = { userId: 'U0MAL0002', name: `Mal ${hostile}`, joinedAt: 1 };
const deadline = Date.UTC(2024, 0, 1, 14, 5);

/** One reply of every type: the record's keys make the compiler insist on each. */
const every: { readonly [T in PanelReply['type']]: Extract<PanelReply, { type: T }> } = {
  lobby: {
    type: 'lobby',
    to: 'all',
    panelId: 'p1',
    hostId: ann.userId,
    participants: [ann, mallory],
    settings: { packId: 'customer-service', questionsPerPerson: 2, role: 'retail', seed: 1, turnTimeoutMs: 300_000 },
    canBegin: true,
  },
  turn: {
    type: 'turn',
    to: 'all',
    panelId: 'p1',
    turn: 2,
    candidate: mallory,
    questionText: 'How do you calm an angry customer?',
    kind: 'behavioral',
    deadline,
  },
  talkingPoints: {
    type: 'talkingPoints',
    to: { userId: ann.userId },
    panelId: 'p1',
    turn: 2,
    candidateName: mallory.name,
    points: [{ label: 'Empathy', description: 'Names the feeling.' }],
  },
  followUp: {
    type: 'followUp',
    to: 'all',
    panelId: 'p1',
    turn: 2,
    candidate: mallory,
    text: 'What happened next?',
    quote: hostile,
  },
  rate: {
    type: 'rate',
    to: 'all',
    panelId: 'p1',
    turn: 2,
    candidateName: mallory.name,
    raters: [ann.userId],
    deadline,
  },
  summary: {
    type: 'summary',
    to: 'all',
    panelId: 'p1',
    endedEarly: true,
    entries: [
      {
        userId: mallory.userId,
        name: mallory.name,
        turns: [
          {
            number: 2,
            questionText: 'How do you calm an angry customer?',
            botScore: 70,
            peerAverage: 33,
            raters: 2,
            skipped: null,
            disagreement: 'the panel was split on this answer',
            comments: [hostile],
          },
        ],
      },
      {
        userId: ann.userId,
        name: ann.name,
        turns: [
          {
            number: 1,
            questionText: 'Why service?',
            botScore: null,
            peerAverage: null,
            raters: 0,
            skipped: 'timeout',
            disagreement: null,
            comments: [],
          },
        ],
      },
    ],
    groupMissed: [{ label: 'Patience', count: 2 }],
  },
  feedback: { type: 'feedback', to: { userId: mallory.userId }, turn: 2, feedback: answerFeedback() },
  notice: { type: 'notice', to: 'all', text: `${mallory.name} left the panel.` },
};

function render(reply: PanelReply): SlackMessage[] {
  if (reply.type === 'summary') return renderSummary(reply);
  if (reply.type === 'feedback') return renderPanelFeedback(reply);
  return renderPanelReply(reply, where);
}

const shown = (messages: readonly SlackMessage[]) => messages.map((m) => `${m.text}\n${JSON.stringify(m.blocks)}`);

/** Every string Slack reads as markup: each message's `text` and its mrkdwn objects (plain_text shows as typed). */
function markup(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(markup);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as { type?: unknown; text?: unknown; blocks?: unknown };
  if (object.type === 'plain_text') return [];
  const own = typeof object.text === 'string' ? [object.text] : [];
  return [...own, ...Object.values(object).flatMap(markup)];
}

describe('every panel reply', () => {
  it.each(Object.values(every))('$type fits Slack’s limits and shows typed text escaped, never as markup', (reply) => {
    const messages = render(reply);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages)
      expect(checkMessage({ text: message.text, blocks: message.blocks })).toBeUndefined();
    for (const text of markup(messages)) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://evil.example');
      expect(text).not.toContain('<@U123>');
    }
  });
});

describe('mentions', () => {
  it('mention the candidate of a turn or follow-up by id, and nobody else anywhere', () => {
    for (const reply of Object.values(every)) {
      const ids = markup(render(reply)).flatMap((t) => t.match(/<@[A-Z0-9]+>/g) ?? []);
      const expected = reply.type === 'turn' || reply.type === 'followUp' ? [`<@${mallory.userId}>`] : [];
      expect(new Set(ids)).toEqual(new Set(expected));
    }
  });

  it('fall back to the escaped name for an id that is not Slack’s shape', () => {
    expect(mention({ userId: '<!here>', name: 'A <b>' })).toBe('A &lt;b&gt;');
  });
});

describe('the lobby', () => {
  it('lists the people with the host marked, the settings, and controls that name the panel’s thread', () => {
    const [message] = renderPanelReply(every.lobby, where);
    const text = shown(message === undefined ? [] : [message])[0] ?? '';
    expect(text).toContain('Ann (host), Mal &lt;!channel&gt;');
    expect(text).toContain('2 questions each · retail · 5 minutes to answer');
    const elements = elementsIn(message?.blocks);
    expect(elements.map((e) => e.action_id)).toEqual([
      'iv:panel-join',
      'iv:panel-leave',
      'iv:panel-begin',
      'iv:panel-skip',
      'iv:panel-end',
      'iv:panel-remove',
    ]);
    expect(elements.filter((e) => e.value !== undefined).every((e) => e.value === `{"t":"${where.thread}"}`)).toBe(
      true,
    );
  });

  it('says it needs two people while it cannot begin', () => {
    const message = renderLobby({ ...every.lobby, participants: [ann], canBegin: false }, where);
    expect(shown([message])[0]).toContain('needs at least 2 people to start');
  });
});

describe('the rating prompt', () => {
  it('has four level buttons for each of the three criteria and a comment button, each carrying the turn', () => {
    const elements = elementsIn(render(every.rate).map((m) => m.blocks));
    expect(elements.map((e) => e.action_id)).toEqual([
      ...['structure', 'customer-focus', 'communication'].flatMap((c) =>
        [1, 2, 3, 4].map((l) => `iv:panel-rate:${c}:${l}`),
      ),
      'iv:panel-comment',
    ]);
    expect(new Set(elements.map((e) => e.value))).toEqual(new Set([`{"t":"${where.thread}","n":2}`]));
  });
});

describe('the summary', () => {
  it('puts the bot’s score beside the peers’ average, with the disagreement, comments and group misses', () => {
    const text = shown(render(every.summary)).join('\n');
    expect(text).toContain('Panel ended early: summary');
    expect(text).toContain('bot *70/100* · peers *33/100* (2 ratings)');
    expect(text).toContain('the panel was split on this answer');
    expect(text).toContain('&lt;!channel&gt; I told &lt;@U123&gt; &amp;');
    expect(text).toContain('skipped: no answer in time');
    expect(text).toContain('• Patience (missed 2 times)');
  });
});
