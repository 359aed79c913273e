import type { PanelReply, SummaryEntry } from '../../src/engine/index.js';
import { type Block, context, divider, header, md, paginate, type SlackMessage, sections } from './blocks.js';
import { feedbackText } from './render-feedback.js';

type Reply<T extends PanelReply['type']> = Extract<PanelReply, { type: T }>;
type SummaryTurn = SummaryEntry['turns'][number];

const skippedWords: Readonly<Record<NonNullable<SummaryTurn['skipped']>, string>> = {
  timeout: 'skipped: no answer in time',
  host: 'skipped by the host',
  candidate: 'passed',
  left: 'skipped: left the panel',
};

/** One turn's lines: the question, the bot's score beside the peers' average, disagreement, comments. */
function turnLines(t: SummaryTurn): string[] {
  const bot = t.botScore === null ? 'no score' : `bot *${t.botScore}/100*`;
  const peers =
    t.peerAverage === null
      ? 'no peer ratings'
      : `peers *${t.peerAverage}/100* (${t.raters} rating${t.raters === 1 ? '' : 's'})`;
  const scores = t.skipped !== null && t.botScore === null ? skippedWords[t.skipped] : `${bot} · ${peers}`;
  return [
    md`• Turn ${t.number}: _${t.questionText}_`,
    `    ${scores}`,
    ...(t.disagreement === null ? [] : [md`    :warning: ${t.disagreement}`]),
    ...t.comments.map((c) => md`    :speech_balloon: “${c}”`),
  ];
}

function entryBlocks(entry: SummaryEntry): Block[] {
  const lines = entry.turns.length === 0 ? ['• No turn taken.'] : entry.turns.flatMap(turnLines);
  return [divider(), ...sections([md`*${entry.name}*`, ...lines].join('\n'))];
}

/** The summary posted in the thread: per participant the bot beside the peers, then what the group missed most. */
export function renderSummary(reply: Reply<'summary'>): SlackMessage[] {
  const missed = reply.groupMissed.map((m) => md`• ${m.label} (missed ${m.count} time${m.count === 1 ? '' : 's'})`);
  const top: Block[] = [
    header(reply.endedEarly ? 'Panel ended early: summary' : 'Panel summary'),
    context('Bot scores are out of 100; peer ratings (Needs work to Excellent) are put on the same scale.'),
  ];
  const closing: Block[] = [
    divider(),
    ...sections(
      ['*What the group missed most*', ...(missed.length === 0 ? ['Nothing stood out.'] : missed)].join('\n'),
    ),
    context('Each of you has your full feedback in a DM from me; it is in your `/interview history` too.'),
  ];
  return paginate([top, ...reply.entries.map(entryBlocks), closing]);
}

/** One answer's full feedback, for the candidate's DM: it outlives the panel's thread and session. */
export function renderPanelFeedback(reply: Reply<'feedback'>): SlackMessage[] {
  const f = reply.feedback;
  return paginate([
    [
      header(`Your panel feedback: turn ${reply.turn}`),
      ...sections(md`_${f.questionText}_`),
      ...sections(feedbackText(f)),
      context('From the mock-interview panel. It is saved with your other interviews: `/interview history`.'),
    ],
  ]);
}
