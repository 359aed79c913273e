import type { OutboundReply } from '../../src/runtime/index.js';
import { actionRows, button, rows } from './components.js';
import { type Outgoing, toMessages } from './embeds.js';
import { feedbackDraft, historyDraft, reportDrafts } from './render-feedback.js';
import { escapeUserText, neutralise } from './text.js';

/** Who the messages are for, and the session (and question in play) that buttons without their own bind to. */
export type RenderContext = {
  readonly userId: string;
  readonly sessionId?: string;
  readonly question?: number;
};

const BLURPLE = 0x5865f2;
const GOLD = 0xf1c40f;

/** Renders one platform-neutral reply as one or more Discord messages, each within every Discord limit. */
export function renderDiscord(reply: OutboundReply, context: RenderContext): Outgoing[] {
  const { userId } = context;
  switch (reply.type) {
    case 'question': {
      const retry =
        reply.retryOf === undefined
          ? ''
          : ` (retry; before: ${reply.retryOf.previousScore === null ? 'skipped' : `${reply.retryOf.previousScore}/100`})`;
      return toMessages({
        content:
          `**Question ${reply.index} of ${reply.total}**${retry}\n${neutralise(reply.text)}\n` +
          '-# Type your answer here in DMs, or press Answer to write a longer one.',
        components: actionRows(reply.actions, { userId, sessionId: reply.sessionId, question: reply.index }),
      });
    }
    case 'followUp':
      return toMessages({
        content: `**Follow-up** on question ${reply.index} of ${reply.total}\n${escapeUserText(reply.text)}`,
        components: actionRows(reply.actions, { userId, sessionId: reply.sessionId, question: reply.index }),
      });
    case 'feedback':
      return toMessages({
        embeds: [feedbackDraft(reply.feedback, reply)],
        components: actionRows(reply.actions, {
          userId,
          arg: reply.index,
          ...(context.sessionId === undefined ? {} : { sessionId: context.sessionId }),
        }),
      });
    case 'report':
      return toMessages({ embeds: reportDrafts(reply.feedback, reply.endedEarly) });
    case 'hint': {
      const lines = reply.concepts.map(
        (c) => `• **${neutralise(c.label)}**: ${neutralise(c.description)}${c.covered ? ' ✅ you have this' : ''}`,
      );
      return toMessages({
        embeds: [
          {
            title: 'Hint: what a strong answer covers',
            description: `> ${neutralise(reply.questionText)}\n\n${lines.join('\n')}`,
            color: GOLD,
          },
        ],
      });
    }
    case 'example':
      return toMessages({
        embeds: [
          {
            title: `A strong answer to question ${reply.index}`,
            description: `> ${neutralise(reply.questionText)}\n\n${neutralise(reply.text)}`,
            color: BLURPLE,
          },
        ],
      });
    case 'notice':
      return toMessages({ content: escapeUserText(reply.text), components: actionRows(reply.actions, context) });
    case 'error':
      return toMessages({ content: `⚠️ ${neutralise(reply.text)}` });
    case 'history':
      return toMessages({ embeds: [historyDraft(reply)] });
    case 'confirm-forget':
      return toMessages({
        content:
          '**Delete everything I keep about you?** Your interview in progress, your history and your progress per ' +
          'concept go for good. This cannot be undone.',
        components: rows([button({ kind: 'forget', userId }), button({ kind: 'keep', userId })]),
      });
    case 'forgotten':
      return toMessages({
        content:
          reply.keys.length === 0
            ? 'There was nothing stored about you.'
            : `Done: I deleted everything stored about you (${reply.keys.length} item${reply.keys.length === 1 ? '' : 's'}).`,
      });
    default:
      return reply satisfies never;
  }
}
