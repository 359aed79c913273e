import type { PanelReply, SummaryEntry } from '../../src/engine/index.js';
import type { AnswerFeedback } from '../../src/evaluation/types.js';
import { type EmbedDraft, type Outgoing, toMessages } from './embeds.js';
import { feedbackDraft, scoreColor } from './render-feedback.js';
import { inlineUserText, neutralise } from './text.js';

type Summary = PanelReply & { readonly type: 'summary' };
type TurnLine = SummaryEntry['turns'][number];

const skippedWords: Record<NonNullable<TurnLine['skipped']>, string> = {
  timeout: 'skipped: time ran out',
  host: 'skipped by the host',
  candidate: 'passed',
  left: 'skipped: they left mid-turn',
};

function scores(turn: TurnLine): string {
  const bot = turn.botScore === null ? 'Bot: no score' : `Bot **${turn.botScore}**/100`;
  const peers =
    turn.peerAverage === null
      ? 'Peers: no ratings'
      : `Peers **${turn.peerAverage}**/100 (${turn.raters} rating${turn.raters === 1 ? '' : 's'})`;
  return `${bot} · ${peers}`;
}

function turnLines(turn: TurnLine): string {
  const lines = [`**Turn ${turn.number}**: ${neutralise(turn.questionText)}`];
  if (turn.skipped !== null && turn.botScore === null) lines.push(`_${skippedWords[turn.skipped]}_`);
  else lines.push(scores(turn));
  if (turn.disagreement !== null) lines.push(`⚖️ ${neutralise(turn.disagreement)}`);
  if (turn.comments.length > 0) lines.push(`💬 ${turn.comments.map((c) => `“${inlineUserText(c)}”`).join(' · ')}`);
  return lines.join('\n');
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

function entryDraft(entry: SummaryEntry): EmbedDraft {
  const botScores = entry.turns.flatMap((t) => (t.botScore === null ? [] : [t.botScore]));
  return {
    title: neutralise(entry.name),
    description:
      entry.turns.length === 0 ? '_No turn taken._' : entry.turns.map((turn) => turnLines(turn)).join('\n\n'),
    color: scoreColor(mean(botScores)),
  };
}

/** The panel's summary for the thread: how to read it and what the group missed, then one embed per participant. */
export function renderSummary(reply: Summary): Outgoing[] {
  const missed = reply.groupMissed.map(
    (m) => `• **${neutralise(m.label)}** (missed in ${m.count} answer${m.count === 1 ? '' : 's'})`,
  );
  const head: EmbedDraft = {
    title: reply.endedEarly ? 'Panel summary (ended early)' : 'Panel summary',
    description:
      '**Bot** is the rubric score out of 100; **Peers** is the panel average on the same scale (Needs work 0, ' +
      'Fair 33, Good 67, Excellent 100). ⚖️ marks answers the panel disagreed on, with each other or with the bot.',
    fields: missed.length === 0 ? [] : [{ name: 'What the group missed most', value: missed.join('\n') }],
    color: 0x5865f2,
  };
  return toMessages({
    content:
      'Thank you all. Everyone who answered gets their full feedback by DM, and it is added to their ' +
      '`/interview history`.',
    embeds: [head, ...reply.entries.map(entryDraft)],
  });
}

/** One person's private feedback on every turn they answered, for their DMs. */
export function renderPanelFeedback(
  threadId: string,
  feedback: readonly { readonly turn: number; readonly feedback: AnswerFeedback }[],
): Outgoing[] {
  return toMessages({
    content: `**Your feedback from the mock-interview panel** in <#${threadId}>. It is also in \`/interview history\`.`,
    embeds: feedback.map(({ turn, feedback: one }) => ({
      ...feedbackDraft(one, { index: turn }),
      title: `Turn ${turn}: ${one.score}/100`,
    })),
  });
}
