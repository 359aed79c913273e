import { describe, expect, it } from 'vitest';
import { parseCustomId } from '../../../adapters/discord/custom-id.js';
import type { Outgoing } from '../../../adapters/discord/embeds.js';
import { renderDiscord } from '../../../adapters/discord/render.js';
import type { AnswerFeedback, InterviewFeedback } from '../../../src/evaluation/types.js';
import type { OutboundReply } from '../../../src/runtime/index.js';
import { messageIssues } from '../../fakes/discord/index.js';

const userId = '111111111111111111';
const mentions = '@everyone @here <@&555555555555555555> <@222222222222222222> **loud** # title';

function feedback(evidence: string, size = 1): AnswerFeedback {
  return {
    questionId: 'q1',
    questionText: 'What does customer service mean to you?',
    score: 64,
    breakdown: [{ criterion: 'coverage', label: 'What a strong answer covers', points: 20, max: 35, reason: '2 of 4' }],
    strengths: Array.from({ length: size }, (_, i) => ({ label: `Strength ${i}`, evidence: [evidence, evidence] })),
    gaps: Array.from({ length: size }, (_, i) => ({ label: `Gap ${i}`, tip: 'Say what you did next. '.repeat(5) })),
    star: {
      situation: { present: true, evidence: [] },
      task: { present: false, evidence: [] },
      action: { present: true, evidence: [] },
      result: { present: false, evidence: [] },
    },
    delivery: [`You said "${evidence}" twice.`],
    notes: ['Sounds like your own words.'],
  };
}

function report(answers: number, evidence: string): InterviewFeedback {
  return {
    score: 71,
    answered: answers,
    skipped: 0,
    answers: Array.from({ length: answers }, () => feedback(evidence, 8)),
    breakdown: [{ criterion: 'coverage', label: 'Coverage', points: 20, max: 35, reason: 'average' }],
    practise: [{ label: 'Efficiency', tip: 'Put a number on your speed.' }],
    conceptsCovered: ['active-listening'],
    conceptsMissed: ['efficiency'],
  };
}

const every: OutboundReply[] = [
  {
    type: 'question',
    sessionId: 'ab12cd34',
    index: 2,
    total: 5,
    questionId: 'q',
    kind: 'behavioral',
    text: 'Tell me about a time.',
    actions: ['answer', 'skip', 'repeat', 'hint', 'end'],
  },
  {
    type: 'followUp',
    sessionId: 'ab12cd34',
    index: 2,
    total: 5,
    reason: 'concept',
    text: `You said "${mentions}". Say more?`,
    quote: mentions,
    actions: ['answer', 'skip', 'repeat', 'hint', 'end'],
  },
  {
    type: 'feedback',
    index: 2,
    total: 5,
    feedback: feedback(mentions),
    previousScore: null,
    actions: ['example', 'retry'],
  },
  { type: 'report', endedEarly: false, feedback: report(3, mentions) },
  {
    type: 'hint',
    questionText: 'Q?',
    concepts: [{ label: 'Empathy', description: 'Show you understand.', covered: true }],
  },
  { type: 'example', index: 1, questionText: 'Q?', text: 'A model answer.' },
  {
    type: 'notice',
    text: `Good: I will listen for how your answers fit ${mentions}.`,
    actions: ['resume', 'end', 'start'],
  },
  { type: 'error', code: 'stale', text: 'That button belongs to an earlier question.' },
  {
    type: 'history',
    entries: [
      {
        sessionId: 's',
        packId: 'p',
        startedAt: 0,
        endedAt: 1_700_000_000_000,
        outcome: 'completed',
        score: 80,
        questions: [],
      },
    ],
    trend: [{ id: 'empathy', label: 'Empathy', missed: 2, covered: 1 }],
  },
  { type: 'confirm-forget' },
  { type: 'forgotten', keys: ['sessions:solo:discord:1', 'profiles:discord:1'] },
];

const texts = (messages: readonly Outgoing[]) =>
  messages.flatMap((m) => [
    m.content ?? '',
    ...(m.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f) => f.value)]),
  ]);

const customIds = (messages: readonly Outgoing[]) =>
  messages.flatMap((m) =>
    (m.components ?? []).flatMap((row) => row.components.map((b) => ('custom_id' in b ? b.custom_id : ''))),
  );

describe('rendering every reply type', () => {
  it.each(every.map((reply) => [reply.type, reply] as const))(
    'renders %s into messages Discord accepts',
    (_type, reply) => {
      const messages = renderDiscord(reply, { userId, sessionId: 'ab12cd34', question: 2 });
      expect(messages.length).toBeGreaterThan(0);
      for (const message of messages) expect(messageIssues(message)).toEqual([]);
    },
  );

  it('never shows a raw mass, role or user mention', () => {
    const all = every.flatMap((reply) => texts(renderDiscord(reply, { userId, sessionId: 'ab12cd34' })));
    for (const text of all) expect(text).not.toMatch(/@everyone|@here|<@/);
  });
});

describe('question buttons', () => {
  it('are Answer, Skip, Repeat, Hint and End in one row, bound to the session, question and user', () => {
    const [message] = renderDiscord(every[0] as OutboundReply, { userId });
    expect(message?.components).toHaveLength(1);
    const ids = customIds([message as Outgoing]).map(parseCustomId);
    expect(ids.map((id) => id?.kind)).toEqual(['answer', 'skip', 'repeat', 'hint', 'end']);
    for (const id of ids) expect(id).toMatchObject({ sessionId: 'ab12cd34', question: 2, userId });
  });
});

describe('buttons without a session of their own', () => {
  it('bind feedback buttons to the session in play and name their question', () => {
    const ids = customIds(renderDiscord(every[2] as OutboundReply, { userId, sessionId: 'ab12cd34', question: 3 }));
    expect(ids.map(parseCustomId)).toEqual([
      { kind: 'example', userId, sessionId: 'ab12cd34', question: 2 },
      { kind: 'retry', userId, sessionId: 'ab12cd34', question: 2 },
    ]);
  });

  it('are left out when no session is known, except Start', () => {
    const ids = customIds(renderDiscord(every[6] as OutboundReply, { userId }));
    expect(ids.map(parseCustomId)).toEqual([{ kind: 'start', userId }]);
  });
});

describe('a very long report', () => {
  it('splits over several messages, each within every limit, cutting no word', () => {
    const long = `${'a long piece of evidence with **markdown** and @everyone '.repeat(20)}end`;
    const messages = renderDiscord({ type: 'report', endedEarly: true, feedback: report(25, long) }, { userId });
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) expect(messageIssues(message)).toEqual([]);
    const titles = messages.flatMap((m) => m.embeds ?? []).flatMap((e) => (e.title === undefined ? [] : [e.title]));
    expect(titles.filter((t) => t.startsWith('Feedback on question'))).toHaveLength(25);
    for (const value of texts(messages)) expect(value).not.toMatch(/\bmarkdo$|\bevide$/);
  });
});
