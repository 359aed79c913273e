import { button, rows } from './components.js';
import { type Outgoing, toMessages } from './embeds.js';
import { escapeUserText } from './text.js';

/** The adapter's own messages (the interview's words come from the engine). */
export const wording = {
  dmSent: (dmChannelId: string): Outgoing => ({
    content: `📬 I've sent you a DM: your interview carries on there (https://discord.com/channels/@me/${dmChannelId}).`,
  }),
  threadSent: (threadId: string): Outgoing => ({
    content: `Your interview carries on in your private thread <#${threadId}>.`,
  }),
  dmsClosed: (userId: string): Outgoing => ({
    content:
      "I couldn't send you a DM: your DMs are closed to me. You can run the interview in a private thread here " +
      'instead (only you and the server moderators can see it), or allow DMs from server members (Privacy ' +
      'Settings) and use `/interview repeat`.',
    components: rows([button({ kind: 'thread', userId })]),
  }),
  threadIntro: {
    content:
      '**Your practice interview** runs in this private thread. Answer each question with its **Answer** button ' +
      '(messages typed here are not read), and use `/interview` for anything else.',
  } satisfies Outgoing,
  threadFailed: {
    content:
      'I could not open a private thread here (I may not be allowed to create private threads in this channel). ' +
      'Allow DMs from server members in your Privacy Settings, then use `/interview repeat`.',
  } satisfies Outgoing,
  foreignButton: {
    content:
      "That button belongs to someone else's interview, so it does nothing for you. `/interview start` begins your own.",
  } satisfies Outgoing,
  unknownButton: {
    content: 'That button no longer works. `/interview repeat` shows where you are.',
  } satisfies Outgoing,
  unknownCommand: { content: 'I do not know that command. Try `/interview start`.' } satisfies Outgoing,
  kept: { content: 'Nothing was deleted.' } satisfies Outgoing,
  done: { content: 'Done.' } satisfies Outgoing,
  sorry: {
    content:
      'Something went wrong on my side. Anything you had already sent is saved: `/interview repeat` shows where you are.',
  } satisfies Outgoing,
};

/** The answer a candidate wrote in the modal, shown back in the conversation (escaped; mentions broken). */
export function echoAnswer(text: string): Outgoing[] {
  return toMessages({ embeds: [{ title: 'Your answer', description: escapeUserText(text), color: 0x99aab5 }] });
}
