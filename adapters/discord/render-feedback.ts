import type { AnswerFeedback, InterviewFeedback, ScorePart, StarAnalysis } from '../../src/evaluation/types.js';
import type { HistoryReply } from '../../src/runtime/index.js';
import type { EmbedDraft } from './embeds.js';
import { escapeUserText, inlineUserText, neutralise } from './text.js';

type Field = { readonly name: string; readonly value: string };

/** Green for strong, amber for middling, red for weak answers. */
export function scoreColor(score: number | null): number {
  if (score === null) return 0x99aab5;
  if (score >= 70) return 0x57f287;
  if (score >= 45) return 0xfee75c;
  return 0xed4245;
}

const list = (lines: readonly string[]) => lines.map((line) => `• ${line}`).join('\n');

function starLine(star: StarAnalysis): string {
  return (['situation', 'task', 'action', 'result'] as const)
    .map((part) => `${part[0]?.toUpperCase()}${part.slice(1)} ${star[part].present ? '✅' : '❌'}`)
    .join(' · ');
}

function breakdownLines(parts: readonly ScorePart[]): string[] {
  return parts.map((p) => `**${neutralise(p.label)}** ${Math.round(p.points)}/${p.max}: ${escapeUserText(p.reason)}`);
}

/** The fields of one answer's feedback: strengths with the candidate's words, gaps, STAR, delivery, notes, score. */
export function answerFields(feedback: AnswerFeedback): Field[] {
  const strengths = feedback.strengths.map((s) => {
    const words = s.evidence.slice(0, 2).map((e) => `“${inlineUserText(e)}”`);
    return `**${neutralise(s.label)}**${words.length === 0 ? '' : `: ${words.join(', ')}`}`;
  });
  const gaps = feedback.gaps.map((g) => `**${neutralise(g.label)}**: ${neutralise(g.tip)}`);
  return [
    ...(strengths.length === 0 ? [] : [{ name: 'What you did well', value: list(strengths) }]),
    ...(gaps.length === 0 ? [] : [{ name: 'To work on', value: list(gaps) }]),
    ...(feedback.star === null ? [] : [{ name: 'STAR', value: starLine(feedback.star) }]),
    ...(feedback.delivery.length === 0
      ? []
      : [{ name: 'Delivery', value: list(feedback.delivery.map(escapeUserText)) }]),
    ...(feedback.notes.length === 0 ? [] : [{ name: 'Notes', value: list(feedback.notes.map(escapeUserText)) }]),
    ...(feedback.breakdown.length === 0
      ? []
      : [{ name: 'Score breakdown', value: breakdownLines(feedback.breakdown).join('\n') }]),
  ];
}

/** One answer's feedback as an embed draft. */
export function feedbackDraft(
  feedback: AnswerFeedback,
  heading: { readonly index: number; readonly total?: number; readonly previousScore?: number | null },
): EmbedDraft {
  const of = heading.total === undefined ? '' : ` of ${heading.total}`;
  const before =
    heading.previousScore === undefined
      ? ''
      : ` (before: ${heading.previousScore === null ? 'skipped' : `${heading.previousScore}/100`})`;
  return {
    title: `Feedback on question ${heading.index}${of}: ${feedback.score}/100${before}`,
    description: `> ${neutralise(feedback.questionText)}`,
    fields: answerFields(feedback),
    color: scoreColor(feedback.score),
  };
}

const humanise = (id: string) => {
  const words = id.replaceAll('-', ' ');
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
};

/** The whole interview's report: a summary embed, then one embed per answer. */
export function reportDrafts(feedback: InterviewFeedback, endedEarly: boolean): EmbedDraft[] {
  const score = feedback.score === null ? 'nothing answered' : `${feedback.score}/100`;
  const practise = feedback.practise.map((p, i) => `${i + 1}. **${neutralise(p.label)}**: ${neutralise(p.tip)}`);
  const summary: EmbedDraft = {
    title: `Interview ${endedEarly ? 'ended early' : 'complete'}: ${score}`,
    description: `Answered ${feedback.answered}, skipped ${feedback.skipped}.`,
    fields: [
      ...(practise.length === 0 ? [] : [{ name: 'The most useful things to practise', value: practise.join('\n') }]),
      ...(feedback.breakdown.length === 0
        ? []
        : [{ name: 'Score breakdown (average per answer)', value: breakdownLines(feedback.breakdown).join('\n') }]),
      ...(feedback.conceptsCovered.length === 0
        ? []
        : [{ name: 'Covered', value: neutralise(feedback.conceptsCovered.map(humanise).join(', ')) }]),
      ...(feedback.conceptsMissed.length === 0
        ? []
        : [{ name: 'Missed', value: neutralise(feedback.conceptsMissed.map(humanise).join(', ')) }]),
    ],
    footer: 'Retry a question or see a model answer with /interview retry and /interview example.',
    color: scoreColor(feedback.score),
  };
  return [summary, ...feedback.answers.map((answer, i) => feedbackDraft(answer, { index: i + 1 }))];
}

/** Past interviews and the per-concept trend. */
export function historyDraft(reply: HistoryReply): EmbedDraft {
  if (reply.entries.length === 0)
    return { title: 'Your interviews', description: 'No finished interviews yet: `/interview start` begins one.' };
  const entries = reply.entries.map((e) => {
    const score = e.score === null ? 'no score' : `${e.score}/100`;
    const outcome = e.outcome.replace('-', ' ');
    return `<t:${Math.floor(e.endedAt / 1000)}:d> ${outcome}: **${score}** (${e.questions.length} questions)`;
  });
  const trend = reply.trend
    .slice(0, 10)
    .map((t) => `**${neutralise(t.label)}**: missed ${t.missed}, covered ${t.covered}`);
  return {
    title: 'Your interviews',
    description: list(entries),
    fields: trend.length === 0 ? [] : [{ name: 'Concepts, most missed first', value: list(trend) }],
    color: 0x5865f2,
  };
}
