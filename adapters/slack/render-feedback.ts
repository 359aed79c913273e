import type { Action } from '../../src/engine/index.js';
import type { AnswerFeedback, InterviewFeedback, ScorePart, StarAnalysis } from '../../src/evaluation/types.js';
import { actions, type Block, context, divider, header, md, sections } from './blocks.js';
import { actionButtons } from './buttons.js';

const starParts = ['situation', 'task', 'action', 'result'] as const;

function bullets(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`*${title}*\n${lines.map((line) => `• ${line}`).join('\n')}`];
}

function quoted(evidence: readonly string[]): string {
  return evidence.length === 0 ? '' : md`: “${evidence.slice(0, 2).join('”, “')}”`;
}

function starLine(star: StarAnalysis | null): string[] {
  if (star === null) return [];
  const parts = starParts.map((part) => `${part[0]?.toUpperCase()}${part.slice(1)} ${star[part].present ? '✓' : '✗'}`);
  return [`*STAR:* ${parts.join('  ')}`];
}

function breakdownLines(parts: readonly ScorePart[]): string[] {
  return parts.map((p) => md`${p.label}: ${Math.round(p.points)}/${p.max} (${p.reason})`);
}

/** The body of one answer's feedback as mrkdwn paragraphs; every piece of text from the answer is escaped. */
export function feedbackText(f: AnswerFeedback, previousScore?: number | null): string {
  const before =
    previousScore === undefined ? '' : md` (before: ${previousScore === null ? 'skipped' : previousScore})`;
  return [
    `*Score: ${f.score}/100*${before}`,
    ...bullets('How it adds up', breakdownLines(f.breakdown)),
    ...bullets(
      'Strengths',
      f.strengths.map((s) => md`${s.label}` + quoted(s.evidence)),
    ),
    ...bullets(
      'To work on',
      f.gaps.map((g) => md`*${g.label}*: ${g.tip}`),
    ),
    ...starLine(f.star),
    ...bullets(
      'Delivery',
      f.delivery.map((d) => md`${d}`),
    ),
    ...bullets(
      'Notes',
      f.notes.map((n) => md`${n}`),
    ),
  ].join('\n\n');
}

/** Feedback on one answer: a header, the score and its reasons, and buttons for a model answer or a retry. */
export function answerFeedbackBlocks(
  f: AnswerFeedback,
  where: { readonly index: number; readonly total: number; readonly sessionId?: string },
  previousScore: number | null | undefined,
  buttons: readonly Action[],
): Block[] {
  const scope = { ...(where.sessionId === undefined ? {} : { sessionId: where.sessionId }), arg: where.index };
  return [
    header(`Feedback on question ${where.index} of ${where.total}`),
    ...sections(md`_${f.questionText}_`),
    ...sections(feedbackText(f, previousScore)),
    ...actions(actionButtons(buttons, scope)),
  ];
}

/** The final report as groups of blocks (summary, one group per answer, what to practise) for clean splitting. */
export function reportGroups(f: InterviewFeedback, endedEarly: boolean): Block[][] {
  const score = f.score === null ? 'nothing answered' : `${f.score}/100`;
  const summary: Block[] = [
    header(endedEarly ? `Interview ended early: ${score}` : `Interview complete: ${score}`),
    ...sections(`Answered ${f.answered}, skipped ${f.skipped}.`),
  ];
  const answers = f.answers.map((a, i): Block[] => [
    divider(),
    ...sections(md`*${i + 1}. ${a.questionText}*`),
    ...sections(feedbackText(a)),
  ]);
  const overall = [
    ...bullets('Score breakdown (average per answer)', breakdownLines(f.breakdown)),
    ...bullets(
      'The three most useful things to practise',
      f.practise.map((p) => md`*${p.label}*: ${p.tip}`),
    ),
  ];
  const closing: Block[] = [
    divider(),
    ...(overall.length === 0 ? [] : sections(overall.join('\n\n'))),
    context('`/interview retry N` tries a question again · `/interview example N` shows a model answer'),
    ...actions(actionButtons(['start'], {})),
  ];
  return [summary, ...answers, closing];
}
