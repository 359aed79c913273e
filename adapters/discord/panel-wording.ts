import { type Criterion, CriterionLabels, type Level, LevelLabels } from '../../src/engine/index.js';
import { type Outgoing, toMessages } from './embeds.js';
import { escapeUserText, neutralise } from './text.js';

/** The adapter's own messages about panels (the panel's words come from the engine). */
export const panelWording = {
  notEnabled: { content: 'Group panels are not switched on for this bot.' } satisfies Outgoing,
  openInChannel: {
    content: 'Open a panel with `/panel open` in a text channel of a server (not inside a thread).',
  } satisfies Outgoing,
  useInThread: (subcommand: string): Outgoing => ({
    content: `Use \`/panel ${subcommand}\` inside the panel's thread.`,
  }),
  opening: { content: 'Opening a mock-interview panel…' } satisfies Outgoing,
  opened: (threadId: string): Outgoing => ({
    content:
      `Your panel is open in the private thread <#${threadId}>. Others see it once they press **Join** on the ` +
      'lobby message here; press **Start** there (or `/panel start` in the thread) when everyone is in.',
  }),
  openedPublic: (threadId: string): Outgoing => ({
    content:
      `I am not allowed to create private threads in this channel, so the panel runs in a public thread, <#${threadId}>: ` +
      'anyone who can see this channel can read it. (Give me **Create Private Threads** here for private panels.)',
  }),
  openFailed: {
    content:
      'I could not open a thread for the panel here. I need **Create Private Threads** (or **Create Public ' +
      'Threads**), **Send Messages** and **Send Messages in Threads** in this channel.',
  } satisfies Outgoing,
  threadIntro: {
    content:
      '**This thread is the panel room.** Questions, follow-ups, ratings and the summary happen here; people who ' +
      'press **Join** on the lobby message are added. `/panel status` shows where things are; the host (or anyone ' +
      'who may manage the channel) has `/panel start`, `skip`, `remove` and `end`, and anyone can `/panel leave`.',
  } satisfies Outgoing,
  joined: (threadId: string): Outgoing => ({ content: `You are in. The panel runs in <#${threadId}>.` }),
  notAdded: (threadId: string): Outgoing => ({
    content:
      `You are in the panel, but I could not add you to its thread <#${threadId}>. Ask the host or a moderator to ` +
      'add you, or check that I have **Send Messages in Threads** here.',
  }),
  notCandidate: (candidateId: string): Outgoing => ({
    content: `It is <@${candidateId}>'s turn to answer, and only their answer counts. You rate it once they are done.`,
  }),
  staleTurn: {
    content:
      'That button belongs to a turn that is over, so it does nothing now. `/panel status` shows where things are.',
  } satisfies Outgoing,
  answerClosed: {
    content: 'Your answer to this turn is already closed and the panel is rating it, so this one was not counted.',
  } satisfies Outgoing,
  rated: (criterion: Criterion, level: Level): Outgoing => ({
    content: `Noted: **${CriterionLabels[criterion]}**: ${LevelLabels[level]}.`,
  }),
  feedbackDmClosed: (userId: string): Outgoing => ({
    content:
      `<@${userId}>, I could not DM you your feedback (your DMs are closed to me). It is saved: ` +
      '`/interview history` shows it.',
  }),
  lobbyEnded: (threadId: string): Outgoing => ({
    content: `**Mock-interview panel**: this panel has ended. The summary is in <#${threadId}>.`,
    components: [],
  }),
};

/** A candidate's answer from the modal, shown in the thread so the panel can read it (escaped; mentions broken). */
export function echoPanelAnswer(name: string, turn: number, text: string): Outgoing[] {
  return toMessages({
    embeds: [
      { title: `${neutralise(name)}'s answer (turn ${turn})`, description: escapeUserText(text), color: 0x99aab5 },
    ],
  });
}
