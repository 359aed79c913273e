import type { Action } from '../../src/engine/index.js';
import type { AnswerFeedback, InterviewFeedback, ScorePart, StarAnalysis } from '../../src/evaluation/types.js';
import type { OutboundReply } from '../../src/runtime/index.js';

const actionWords: Record<Action, string> = {
  answer: 'type your answer',
  skip: '/skip',
  repeat: '/repeat',
  hint: '/hint',
  end: '/end',
  example: '/example',
  retry: '/retry',
  resume: '/resume',
  start: '/start',
};

/** Removes control characters (terminal escapes included) from text that may come from a user. */
export function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function actions(list: readonly Action[] | undefined): string {
  return list === undefined || list.length === 0 ? '' : `\n   (${list.map((a) => actionWords[a]).join(' · ')})`;
}

function quote(evidence: readonly string[]): string {
  return evidence.length === 0 ? '' : `: "${evidence.slice(0, 2).join('", "')}"`;
}

function starLine(star: StarAnalysis | null): string[] {
  if (star === null) return [];
  const parts = (['situation', 'task', 'action', 'result'] as const).map(
    (part) => `${part[0]?.toUpperCase()}${part.slice(1)} ${star[part].present ? '✓' : '✗'}`,
  );
  return [`  STAR: ${parts.join('  ')}`];
}

function breakdown(parts: readonly ScorePart[]): string[] {
  return parts.map((p) => `   ${p.label.padEnd(22)} ${String(Math.round(p.points)).padStart(3)}/${p.max}  ${p.reason}`);
}

function answerBlock(f: AnswerFeedback, previousScore?: number | null): string[] {
  const beside = previousScore === undefined ? '' : ` (before: ${previousScore === null ? 'skipped' : previousScore})`;
  return [
    `  Score: ${f.score}/100${beside}`,
    ...(f.strengths.length === 0
      ? []
      : ['  Strengths:', ...f.strengths.map((s) => `   + ${s.label}${quote(s.evidence)}`)]),
    ...(f.gaps.length === 0 ? [] : ['  To work on:', ...f.gaps.map((g) => `   - ${g.label}: ${g.tip}`)]),
    ...starLine(f.star),
    ...f.delivery.map((d) => `  Delivery: ${d}`),
    ...f.notes.map((n) => `  Note: ${n}`),
  ];
}

function report(f: InterviewFeedback, endedEarly: boolean): string[] {
  const head = `=== Interview ${endedEarly ? 'ended early' : 'complete'}: ${f.score === null ? 'nothing answered' : `${f.score}/100`} ===`;
  const perQuestion = f.answers.flatMap((a, i) => [`\n${i + 1}. ${a.questionText}`, ...answerBlock(a)]);
  return [
    head,
    `Answered ${f.answered}, skipped ${f.skipped}.`,
    ...perQuestion,
    ...(f.breakdown.length === 0 ? [] : ['\nScore breakdown (average per answer):', ...breakdown(f.breakdown)]),
    ...(f.practise.length === 0
      ? []
      : [
          '\nThe three most useful things to practise:',
          ...f.practise.map((p, i) => ` ${i + 1}. ${p.label}: ${p.tip}`),
        ]),
    '\n(/retry N tries a question again · /example N shows a model answer · /start begins a new interview)',
  ];
}

/** Renders one reply as terminal text. */
export function renderTerminal(reply: OutboundReply): string {
  switch (reply.type) {
    case 'question': {
      const retry = reply.retryOf === undefined ? '' : ' (retry)';
      return `\nQuestion ${reply.index} of ${reply.total}${retry}: ${reply.text}${actions(reply.actions)}`;
    }
    case 'followUp':
      return `\nFollow-up: ${clean(reply.text)}`;
    case 'feedback':
      return [`\n— Feedback on question ${reply.index} —`, ...answerBlock(reply.feedback, reply.previousScore)]
        .map(clean)
        .join('\n')
        .concat(actions(reply.actions));
    case 'report':
      return `\n${report(reply.feedback, reply.endedEarly).map(clean).join('\n')}`;
    case 'hint':
      return [
        'Hint: a strong answer covers',
        ...reply.concepts.map((c) => `  • ${c.label}: ${c.description}${c.covered ? ' (you have this already)' : ''}`),
      ].join('\n');
    case 'example':
      return `\nA strong answer to question ${reply.index} ("${reply.questionText}"):\n${reply.text}`;
    case 'notice':
      return clean(reply.text) + actions(reply.actions);
    case 'error':
      return `! ${reply.text}`;
    case 'history': {
      if (reply.entries.length === 0) return 'No finished interviews yet.';
      const entries = reply.entries.map(
        (e) =>
          `  ${new Date(e.endedAt).toISOString().slice(0, 10)}  ${e.outcome.padEnd(11)} ${e.score ?? '-'}/100  (${e.questions.length} questions)`,
      );
      const trend = reply.trend.slice(0, 6).map((t) => `  ${t.label}: missed ${t.missed}, covered ${t.covered}`);
      return ['Your interviews:', ...entries, 'Concepts, most missed first:', ...trend].join('\n');
    }
    case 'confirm-forget':
      return 'This deletes every interview and all history kept for you. Type /forget yes to confirm.';
    case 'forgotten':
      return reply.keys.length === 0 ? 'There was nothing stored for you.' : `Deleted: ${reply.keys.join(', ')}.`;
    default:
      return reply satisfies never;
  }
}
