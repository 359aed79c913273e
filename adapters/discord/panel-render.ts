import {
  type APIButtonComponentWithCustomId,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord-api-types/v10';
import { Criteria, CriterionLabels, type Level, LevelLabels, type PanelReply } from '../../src/engine/index.js';
import { roleNames } from './commands.js';
import { answerModalWith, rows } from './components.js';
import { type Outgoing, toMessages } from './embeds.js';
import { type PanelButton, type PanelButtonOf, toPanelId } from './panel-ids.js';
import { escapeUserText, inlineUserText, neutralise } from './text.js';

type Of<T extends PanelReply['type']> = PanelReply & { readonly type: T };

/** The custom id of the comment modal's text input. */
export const COMMENT_INPUT = 'comment';
/** The longest comment the modal takes (the engine keeps 200 characters). */
export const COMMENT_LIMIT = 200;

const LEVELS: readonly Level[] = [1, 2, 3, 4];
const PANEL_COLOR = 0x5865f2;

type Style = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

function panelButton(id: PanelButton, label: string, style: Style, disabled = false): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: toPanelId(id),
    label,
    style,
    ...(disabled ? { disabled: true } : {}),
  };
}

/** A Discord timestamp: shown in each reader's own time zone, `R` as "in 5 minutes". */
export function when(epochMs: number, style: 't' | 'R'): string {
  return `<t:${Math.floor(epochMs / 1000)}:${style}>`;
}

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} seconds`;
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The lobby: who is in, the settings, and Join / Leave / Start (Start only once two people are in). */
export function renderLobby(reply: Of<'lobby'>, threadId: string): Outgoing {
  const { settings } = reply;
  const people = reply.participants.map(
    (p) => `${inlineUserText(p.name)}${p.userId === reply.hostId ? ' (host)' : ''}`,
  );
  const per = settings.questionsPerPerson;
  const role = settings.role === undefined ? '' : ` Role: ${roleNames[settings.role]}.`;
  const content = [
    `**Mock-interview panel** hosted by <@${reply.hostId}>, in <#${threadId}>`,
    `Take turns as the candidate: each person answers **${per}** question${per === 1 ? '' : 's'} while the others ` +
      `listen and rate; **${duration(settings.turnTimeoutMs)}** per answer.${role}`,
    `**In the panel (${people.length}):** ${people.join(', ')}`,
    reply.canBegin
      ? '-# Press **Join** to take part (you are added to the thread). The host presses **Start** when everyone is in.'
      : '-# Press **Join** to take part (you are added to the thread). **Start** needs at least two people.',
  ].join('\n');
  const components = rows([
    panelButton({ kind: 'join', threadId }, 'Join', ButtonStyle.Success),
    panelButton({ kind: 'leave', threadId }, 'Leave', ButtonStyle.Secondary),
    panelButton({ kind: 'begin', threadId }, 'Start', ButtonStyle.Primary, !reply.canBegin),
  ]);
  return { content, components };
}

function answerButtons(threadId: string, turn: number, candidateId: string, withPoints: boolean) {
  return rows([
    panelButton({ kind: 'answer', threadId, turn, candidateId }, 'Answer', ButtonStyle.Primary),
    ...(withPoints
      ? [panelButton({ kind: 'points', threadId, turn, candidateId }, 'Talking points', ButtonStyle.Secondary)]
      : []),
    panelButton({ kind: 'skip', threadId, turn }, 'Skip', ButtonStyle.Secondary),
  ]);
}

/** How the candidate answers: the button always; typed messages only when the bot can read them. */
function howToAnswer(typedAnswers: boolean): string {
  return typedAnswers
    ? 'Type your answer in this thread, or press **Answer** for a longer one'
    : 'Press **Answer** to answer (I cannot read messages typed in this thread)';
}

/** A turn's question, pinging its candidate (that one message pings, and only them). */
export function renderTurn(
  reply: Of<'turn'>,
  options: { readonly threadId: string; readonly typedAnswers: boolean },
): Outgoing[] {
  const { candidate, turn, deadline } = reply;
  const content = [
    `**Turn ${turn}** · <@${candidate.userId}>, this question is yours:`,
    `> ${neutralise(reply.questionText)}`,
    `${howToAnswer(options.typedAnswers)} by ${when(deadline, 't')} (${when(deadline, 'R')}); follow-ups may come.`,
    '-# Everyone else: press **Talking points** to see, privately, what to listen for. You rate the answer after.',
  ].join('\n');
  const messages = toMessages({
    content,
    components: answerButtons(options.threadId, turn, candidate.userId, true),
  });
  return messages.map((message, index) => (index === 0 ? { ...message, pings: [candidate.userId] } : message));
}

/** A follow-up for the candidate, quoting what they said when the engine gives a quote. */
export function renderFollowUp(
  reply: Of<'followUp'>,
  options: { readonly threadId: string; readonly typedAnswers: boolean },
): Outgoing[] {
  const quote = reply.quote === undefined ? '' : `> “${inlineUserText(reply.quote)}”\n`;
  return toMessages({
    content:
      `**Follow-up** for <@${reply.candidate.userId}> (turn ${reply.turn})\n${quote}${escapeUserText(reply.text)}\n` +
      `-# ${howToAnswer(options.typedAnswers)}.`,
    components: answerButtons(options.threadId, reply.turn, reply.candidate.userId, false),
  });
}

/** The rating prompt: a row of four levels per criterion, then "Add a comment". */
export function renderRate(reply: Of<'rate'>, threadId: string): Outgoing[] {
  const { turn } = reply;
  const raters = reply.raters.map((id) => `<@${id}>`).join(', ');
  const levelRows = Criteria.map((criterion) => ({
    type: ComponentType.ActionRow as const,
    components: LEVELS.map((level) =>
      panelButton(
        { kind: 'rate', threadId, turn, criterion, level },
        `${CriterionLabels[criterion]}: ${LevelLabels[level]}`,
        ButtonStyle.Secondary,
      ),
    ),
  }));
  return toMessages({
    content: [
      `**Rate ${inlineUserText(reply.candidateName)}'s answer** (turn ${turn})`,
      'Pick one level on each line, and add a one-line comment if you like. Your clicks are private; the summary ' +
        `shows the panel's average. Rating closes ${when(reply.deadline, 'R')}, or once everyone has rated.`,
      `-# Rating: ${raters}`,
    ].join('\n'),
    components: [
      ...levelRows,
      ...rows([panelButton({ kind: 'comment', threadId, turn }, 'Add a comment', ButtonStyle.Primary)]),
    ],
  });
}

/** What one panelist listens for during a turn (shown only to them). */
export function renderPoints(points: {
  readonly turn: number;
  readonly candidateName: string;
  readonly points: readonly { readonly label: string; readonly description: string }[];
}): Outgoing[] {
  const lines = points.points.map((p) => `• **${neutralise(p.label)}**: ${neutralise(p.description)}`);
  return toMessages({
    embeds: [
      {
        title: `Listen for: ${neutralise(points.candidateName)}'s answer (turn ${points.turn})`,
        description: lines.length === 0 ? 'Listen for a clear, specific story.' : lines.join('\n'),
        footer: 'Afterwards you rate structure (STAR), customer focus and communication.',
        color: PANEL_COLOR,
      },
    ],
  });
}

/** A notice, to the thread or to one person. */
export function renderPanelNotice(text: string): Outgoing[] {
  return toMessages({ content: escapeUserText(text) });
}

/** The modal of the Answer button; its custom id is the button's, so the answer stays bound to its turn. */
export function panelAnswerModal(id: PanelButtonOf<'answer'>): APIModalInteractionResponseCallbackData {
  return answerModalWith(toPanelId(id), `Your answer (turn ${id.turn})`);
}

/** The modal of "Add a comment": one line for the candidate, kept with the rating. */
export function commentModal(id: PanelButtonOf<'comment'>): APIModalInteractionResponseCallbackData {
  return {
    custom_id: toPanelId(id),
    title: `Your comment (turn ${id.turn})`,
    components: [
      {
        type: ComponentType.Label,
        label: 'One line for the candidate',
        description: 'What worked, or one thing to try next time. Shown in the summary.',
        component: {
          type: ComponentType.TextInput,
          custom_id: COMMENT_INPUT,
          style: TextInputStyle.Short,
          min_length: 1,
          max_length: COMMENT_LIMIT,
          required: true,
        },
      },
    ],
  };
}
