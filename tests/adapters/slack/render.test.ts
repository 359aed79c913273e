import { describe, expect, it } from 'vitest';
import type { SlackMessage } from '../../../adapters/slack/blocks.js';
import { renderReply } from '../../../adapters/slack/render.js';
import type { OutboundReply } from '../../../src/runtime/index.js';
import { checkMessage } from '../../fakes/slack/index.js';
import { answerFeedback, elementsIn, history, hostile, report } from './fixtures.js';

const actions = ['answer', 'skip', 'repeat', 'hint', 'end'] as const;

/** One reply of every type: the record's keys make the compiler insist on each. */
const every: { readonly [T in OutboundReply['type']]: Extract<OutboundReply, { type: T }> } = {
  question: {
    type: 'question',
    sessionId: 'sess1234',
    index: 2,
    total: 5,
    questionId: 'q2',
    kind: 'behavioral',
    text: 'Tell me about a difficult customer.',
    actions,
  },
  followUp: {
    type: 'followUp',
    sessionId: 'sess1234',
    index: 2,
    total: 5,
    reason: 'expand',
    text: `You said "${hostile}". Can you unpack that?`,
    quote: hostile,
    actions,
  },
  feedback: {
    type: 'feedback',
    index: 2,
    total: 5,
    feedback: answerFeedback(),
    previousScore: 40,
    actions: ['example', 'retry'],
  },
  report: { type: 'report', endedEarly: false, feedback: report(3) },
  hint: {
    type: 'hint',
    questionText: 'How do you calm an angry customer?',
    concepts: [{ label: 'Empathy', description: 'Name the feeling.', covered: true }],
  },
  example: { type: 'example', index: 1, questionText: 'Why service?', text: 'Because I like helping people.' },
  notice: { type: 'notice', text: `Company noted: ${hostile}`, actions: ['resume', 'end'] },
  error: { type: 'error', code: 'stale', text: 'That button belongs to an earlier question.' },
  history: history(10),
  'confirm-forget': { type: 'confirm-forget' },
  forgotten: { type: 'forgotten', keys: ['sessions:solo:slack:U1', 'profiles:slack:U1'] },
};

const content = (messages: readonly SlackMessage[]) => JSON.stringify(messages);
const buttons = (message: SlackMessage | undefined) => elementsIn(message?.blocks ?? []);

describe('renderReply: every reply type', () => {
  it.each(Object.values(every))('renders $type as messages Slack accepts, each with a fallback text', (reply) => {
    const messages = renderReply(reply, { sessionId: 'sess1234' });
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(checkMessage({ text: message.text, blocks: message.blocks })).toBeUndefined();
      expect(message.text.length).toBeGreaterThan(0);
      expect(message.text.length).toBeLessThanOrEqual(40_000);
    }
  });
});

describe('renderReply: text that came from the user', () => {
  it('is escaped everywhere it is echoed, so nothing pings or links', () => {
    for (const reply of [every.followUp, every.feedback, every.notice, every.report]) {
      const shown = content(renderReply(reply));
      expect(shown).not.toMatch(/<[!@#]|<https?:/);
      expect(shown).toContain('&lt;!channel&gt; I told &lt;@U123&gt; &amp; &lt;https://evil.example|click&gt;');
    }
  });

  it('sits in mrkdwn objects marked verbatim, so Slack does not auto-link it either', () => {
    const texts = JSON.stringify(renderReply(every.feedback)).match(/"type":"mrkdwn","text":"[^"]*","verbatim":true/g);
    const mrkdwn = JSON.stringify(renderReply(every.feedback)).match(/"type":"mrkdwn"/g);
    expect(texts?.length).toBe(mrkdwn?.length);
  });

  it('of 50,000 characters is split into sections of at most 3,000, at word boundaries', () => {
    const long = `${hostile} ${'patience '.repeat(5_600)}`;
    const messages = renderReply({ type: 'example', index: 1, questionText: 'Why?', text: long });
    const sections = messages.flatMap((m) => m.blocks).filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(16);
    for (const section of sections) {
      const text = section.type === 'section' ? (section.text?.text ?? '') : '';
      expect(text.length).toBeLessThanOrEqual(3_000);
      expect(text).not.toMatch(/patienc$|^atience/);
    }
    for (const message of messages)
      expect(checkMessage({ text: message.text, blocks: message.blocks })).toBeUndefined();
  });
});

describe('renderReply: a long report', () => {
  it('splits over several messages of at most 50 blocks, keeping each answer in one message', () => {
    const messages = renderReply({ type: 'report', endedEarly: true, feedback: report(30, 2_500) });
    expect(messages.length).toBeGreaterThan(1);
    expect(messages[0]?.text).toMatch(/^Interview ended early: 64\/100/);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(checkMessage({ text: message.text, blocks: message.blocks })).toBeUndefined();
      const first = message.blocks[0];
      expect(first?.type === 'header' || first?.type === 'divider').toBe(true);
    }
    const headings = messages
      .flatMap((m) => m.blocks)
      .filter((b) => b.type === 'section' && /^\*\d+\. /.test(b.text?.text ?? ''));
    expect(headings).toHaveLength(30);
    expect(buttons(messages.at(-1)).map((b) => b.action_id)).toEqual(['iv:start']);
  });
});

describe('renderReply: buttons', () => {
  it('puts Skip, Repeat, Hint and End on a question, each carrying its session and question', () => {
    const [message] = renderReply(every.question);
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual(
      ['skip', 'repeat', 'hint', 'end'].map((a) => [`iv:${a}`, '{"s":"sess1234","q":2}']),
    );
  });

  it('puts Model answer and Retry on feedback, for that question of the session in context', () => {
    const [message] = renderReply(every.feedback, { sessionId: 'sess1234' });
    expect(buttons(message).map((b) => [b.action_id, b.value])).toEqual([
      ['iv:example:2', '{"s":"sess1234","n":2}'],
      ['iv:retry:2', '{"s":"sess1234","n":2}'],
    ]);
    expect(content(renderReply(every.feedback))).toContain('*Score: 72/100* (before: 40)');
  });

  it('asks before forgetting, with a danger-style Confirm and a Cancel', () => {
    const [message] = renderReply(every['confirm-forget']);
    expect(buttons(message)).toEqual([
      expect.objectContaining({ action_id: 'iv:forget-confirm', style: 'danger' }),
      expect.objectContaining({ action_id: 'iv:forget-cancel' }),
    ]);
  });
});
