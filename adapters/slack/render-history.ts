import type { HistoryReply } from '../../src/runtime/index.js';
import { md } from './blocks.js';

const outcomes = { completed: 'completed', 'ended-early': 'ended early', expired: 'expired' } as const;

/** One line per past interview, newest first: date, outcome, score and length. */
export function historyLines(history: HistoryReply): string[] {
  return [...history.entries].reverse().map((e) => {
    const date = new Date(e.endedAt).toISOString().slice(0, 10);
    const score = e.score === null ? 'no score' : `*${e.score}/100*`;
    const count = `${e.questions.length} question${e.questions.length === 1 ? '' : 's'}`;
    return `• ${date} · ${outcomes[e.outcome]} · ${score} · ${count}`;
  });
}

/** The concepts missed most often, with how often each was missed and covered. */
export function trendLines(history: HistoryReply, count = 6): string[] {
  return history.trend
    .filter((t) => t.missed > 0)
    .slice(0, count)
    .map((t) => md`• ${t.label}: missed ${t.missed}, covered ${t.covered}`);
}
