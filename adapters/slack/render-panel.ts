import type { types } from '@slack/bolt';
import {
  Criteria,
  CriterionLabels,
  type Level,
  LevelLabels,
  type PanelReply,
  type Participant,
} from '../../src/engine/index.js';
import {
  actions,
  type Block,
  button,
  context,
  header,
  md,
  paginate,
  plain,
  type SlackMessage,
  sections,
} from './blocks.js';
import { roleLabels } from './modal.js';
import { encodePanelValue, PanelAction, rateActionId, type Where } from './panel-ids.js';
import { clip } from './split.js';

type Reply<T extends PanelReply['type']> = Extract<PanelReply, { type: T }>;

const levels: readonly Level[] = [1, 2, 3, 4];
const userIdPattern = /^[UW][A-Z0-9]{2,}$/;

/** A mention of one person built from their id (never from text anyone typed); their escaped name otherwise. */
export function mention(person: Pick<Participant, 'userId' | 'name'>): string {
  return userIdPattern.test(person.userId) ? `<@${person.userId}>` : md`${person.name}`;
}

/** A deadline Slack shows in each reader's own time zone, with a UTC fallback for clients that cannot. */
export function when(epochMs: number): string {
  const utc = new Date(epochMs).toISOString().slice(11, 16);
  return `<!date^${Math.floor(epochMs / 1000)}^{time}|${utc} UTC>`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The lobby (the thread's parent): who has joined, the settings, and the controls. */
export function renderLobby(reply: Reply<'lobby'>, where: Where): SlackMessage {
  const value = encodePanelValue({ thread: where.thread });
  const { settings, participants } = reply;
  const host = participants.find((p) => p.userId === reply.hostId);
  const names = participants.map((p) => md`${p.name}` + (p.userId === reply.hostId ? ' (host)' : ''));
  const minutes = Math.max(1, Math.round(settings.turnTimeoutMs / 60_000));
  const role = settings.role === undefined ? 'any role' : roleLabels[settings.role].toLowerCase();
  const remove: types.StaticSelect | undefined =
    participants.length === 0
      ? undefined
      : {
          type: 'static_select',
          action_id: PanelAction.remove,
          placeholder: plain('Remove someone…', 150),
          options: participants.slice(0, 100).map((p) => ({ text: plain(p.name, 75), value: p.userId })),
        };
  const blocks: Block[] = [
    header('Mock-interview panel'),
    ...sections(
      [
        host === undefined ? '' : md`Hosted by ${host.name}. `,
        'Take turns as the candidate; the others listen, then rate each answer.',
        `\n*Joined (${participants.length}):* ${names.length === 0 ? 'nobody yet' : names.join(', ')}`,
      ].join(''),
    ),
    context(
      `${plural(settings.questionsPerPerson, 'question')} each · ${role} · ${plural(minutes, 'minute')} to answer` +
        (reply.canBegin ? '' : ' · needs at least 2 people to start'),
    ),
    ...actions([
      button('Join', PanelAction.join, value, 'primary'),
      button('Leave', PanelAction.leave, value),
      button('Start', PanelAction.begin, value),
      button('Skip turn', PanelAction.skip, value),
      button('End panel', PanelAction.end, value, 'danger'),
    ]),
    ...(remove === undefined ? [] : [{ type: 'actions', elements: [remove] } satisfies Block]),
    context('Questions and answers go in this thread. Start, Skip turn, End and Remove are for the host.'),
  ];
  return { text: 'Mock-interview panel: join to take part', blocks };
}

/** What the lobby turns into once the panel is over: no controls left to click. */
export function closedLobby(): SlackMessage {
  const blocks = [header('Mock-interview panel'), ...sections('This panel is over: the summary is in the thread.')];
  return { text: 'Mock-interview panel: over', blocks };
}

/** The message a new panel's lobby starts as, until the panel is stored. */
export const openingLobby: SlackMessage = {
  text: 'Opening a mock-interview panel…',
  blocks: sections('Opening a mock-interview panel…'),
};

/** The first reply in a panel's thread: it says how the thread works, and it opens the thread for private notes. */
export const threadIntro: SlackMessage = {
  text: 'This thread is the panel',
  blocks: sections(
    'This thread is the panel. When the host starts, each candidate gets a question here and answers here (only ' +
      'their messages count); the others get talking points privately and rate the answer with buttons.',
  ),
};

function turn(reply: Reply<'turn'>): Block[] {
  return [
    ...sections(`*Turn ${reply.turn}* · ${mention(reply.candidate)}, your question:\n${md`*${reply.questionText}*`}`),
    context(`Answer in this thread by ${when(reply.deadline)}; only your messages count. The others listen.`),
  ];
}

function followUp(reply: Reply<'followUp'>): Block[] {
  const quoted = reply.quote !== undefined && !reply.text.includes(reply.quote) ? [md`> ${reply.quote}`] : [];
  return sections(
    [`*Follow-up (turn ${reply.turn})* · ${mention(reply.candidate)}`, ...quoted, md`${reply.text}`].join('\n'),
  );
}

function talkingPoints(reply: Reply<'talkingPoints'>): Block[] {
  const points = reply.points.map((p) => md`• *${p.label}*: ${p.description}`);
  return [
    ...sections([md`*While ${reply.candidateName} answers (turn ${reply.turn}), listen for:*`, ...points].join('\n')),
    context('Only you see this. When the answer is done you rate it in the thread.'),
  ];
}

function rate(reply: Reply<'rate'>, where: Where): Block[] {
  const value = encodePanelValue({ thread: where.thread, turn: reply.turn });
  const rows = Criteria.flatMap((criterion): Block[] => [
    context(`*${CriterionLabels[criterion]}*`),
    ...actions(levels.map((level) => button(LevelLabels[level], rateActionId(criterion, level), value))),
  ]);
  return [
    ...sections(md`*Rate ${reply.candidateName}'s answer (turn ${reply.turn})*`),
    context(
      `${plural(reply.raters.length, 'panelist')}: one click per row (click again to change it), by ${when(reply.deadline)}.`,
    ),
    ...rows,
    ...actions([button('Add a comment', PanelAction.comment, value)]),
  ];
}

/**
 * Renders a panel reply, except the summary and feedback (render-panel-summary.ts): Block Kit within Slack's
 * limits, every piece of engine or user text escaped; the candidate is the only person ever mentioned.
 */
export function renderPanelReply(
  reply: Exclude<PanelReply, { type: 'summary' | 'feedback' }>,
  where: Where,
): SlackMessage[] {
  switch (reply.type) {
    case 'lobby':
      return [renderLobby(reply, where)];
    case 'turn':
      return paginate([turn(reply)]);
    case 'followUp':
      return paginate([followUp(reply)]);
    case 'talkingPoints':
      return paginate([talkingPoints(reply)]);
    case 'rate':
      return paginate([rate(reply, where)]);
    case 'notice':
      return paginate([sections(md`${clip(reply.text, 2_000)}`)]);
    default:
      return reply satisfies never;
  }
}
