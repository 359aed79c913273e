import type { AnswerFeedback, InterviewFeedback } from '../../../src/evaluation/types.js';
import type { HistoryReply, Overview } from '../../../src/runtime/index.js';

/** Text a candidate might type to make the bot ping, mention or link. */
export const hostile = '<!channel> I told <@U123> & <https://evil.example|click> it was fine';

const present = { present: true, evidence: [] };

/** Feedback on one answer whose evidence and notes echo hostile text. */
export function answerFeedback(overrides: Partial<AnswerFeedback> = {}): AnswerFeedback {
  return {
    questionId: 'calm-angry-customer',
    questionText: 'How do you calm an angry customer?',
    score: 72,
    breakdown: [{ criterion: 'coverage', label: 'What a strong answer covers', points: 20, max: 35, reason: '2 of 4' }],
    strengths: [{ label: 'Empathy', evidence: [hostile] }],
    gaps: [{ label: 'Patience', tip: 'Say what you did while the customer was still upset.', conceptId: 'patience' }],
    star: { situation: present, task: present, action: present, result: { present: false, evidence: [] } },
    delivery: ['Good length (120 words).'],
    notes: ['You named <Acme & Co>.'],
    ...overrides,
  };
}

/** A report over `count` answers, each as long as `tipLength` makes it. */
export function report(count: number, tipLength = 40): InterviewFeedback {
  const tip = 'Practise this with a real story from your own work. '.repeat(Math.ceil(tipLength / 52)).trim();
  return {
    score: 64,
    answered: count,
    skipped: 0,
    answers: Array.from({ length: count }, (_, i) =>
      answerFeedback({ questionText: `Question number ${i + 1}?`, gaps: [{ label: 'Patience', tip }] }),
    ),
    breakdown: [{ criterion: 'coverage', label: 'Coverage', points: 20, max: 35, reason: 'average' }],
    practise: [{ label: 'Patience', tip: 'Slow down.' }],
    conceptsCovered: ['empathy'],
    conceptsMissed: ['patience'],
  };
}

/** A history with `count` finished interviews and a per-concept trend. */
export function history(count: number): HistoryReply {
  return {
    type: 'history',
    entries: Array.from({ length: count }, (_, i) => ({
      sessionId: `s${i}`,
      packId: 'customer-service',
      startedAt: Date.UTC(2025, 0, i + 1),
      endedAt: Date.UTC(2025, 0, i + 1, 1),
      outcome: i % 2 === 0 ? ('completed' as const) : ('ended-early' as const),
      score: 50 + i,
      questions: [{ questionId: 'q', score: 50 + i, covered: ['empathy'], missed: ['patience'] }],
    })),
    trend: [
      { id: 'patience', label: 'Patience', missed: count, covered: 0 },
      { id: 'empathy', label: 'Empathy', missed: 0, covered: count },
    ],
  };
}

/** An overview of a user in the middle of question `question` of 5. */
export function overview(phase: NonNullable<Overview['current']>['phase'], question: number | null = 2): Overview {
  return {
    current: { sessionId: 'sess1234', phase, question, total: 5, answered: 1 },
    history: history(3),
  };
}

/** A button (or other interactive element) found in rendered output. */
export type Element = { readonly action_id: string; readonly value?: string; readonly style?: string };

/** Every interactive element in `value` (blocks, a message, a view), in document order. */
export function elementsIn(value: unknown): Element[] {
  if (Array.isArray(value)) return value.flatMap(elementsIn);
  if (typeof value !== 'object' || value === null) return [];
  const own = typeof (value as { action_id?: unknown }).action_id === 'string' ? [value as Element] : [];
  return [...own, ...Object.values(value).flatMap(elementsIn)];
}
