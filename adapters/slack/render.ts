import type { OutboundReply } from '../../src/runtime/index.js';
import { actions, type Block, button, context, md, paginate, type SlackMessage, sections } from './blocks.js';
import { actionButtons, FORGET_CANCEL, FORGET_CONFIRM } from './buttons.js';
import { answerFeedbackBlocks, reportGroups } from './render-feedback.js';
import { historyLines, trendLines } from './render-history.js';

/** What rendering needs besides the reply: the interview its buttons belong to, when known. */
export type RenderContext = { readonly sessionId?: string };

const scoreWord = (score: number | null) => (score === null ? 'skipped' : `${score}/100`);

/** The reply as groups of blocks; a group stays in one message when it can. */
function groupsOf(reply: OutboundReply, ctx: RenderContext): Block[][] {
  switch (reply.type) {
    case 'question': {
      const retry = reply.retryOf === undefined ? '' : ` (a retry; before: ${scoreWord(reply.retryOf.previousScore)})`;
      const typed = reply.actions.includes('answer') ? [context('Reply in this DM with your answer.')] : [];
      const scope = { sessionId: reply.sessionId, question: reply.index };
      return [
        [
          ...sections(md`*Question ${reply.index} of ${reply.total}*${retry}\n${reply.text}`),
          ...typed,
          ...actions(actionButtons(reply.actions, scope)),
        ],
      ];
    }
    case 'followUp': {
      const quoted = reply.quote !== undefined && !reply.text.includes(reply.quote) ? [md`> ${reply.quote}`] : [];
      const title = md`*Follow-up on question ${reply.index} of ${reply.total}*`;
      const scope = { sessionId: reply.sessionId, question: reply.index };
      return [
        [
          ...sections([title, ...quoted, md`${reply.text}`].join('\n')),
          ...actions(actionButtons(reply.actions, scope)),
        ],
      ];
    }
    case 'feedback':
      return [answerFeedbackBlocks(reply.feedback, { ...reply, ...ctx }, reply.previousScore, reply.actions)];
    case 'report':
      return reportGroups(reply.feedback, reply.endedEarly);
    case 'hint': {
      const lines = reply.concepts.map(
        (c) => md`• *${c.label}*: ${c.description}${c.covered ? ' (you have this already)' : ''}`,
      );
      return [[...sections([md`*Hint* for _${reply.questionText}_`, 'A strong answer covers:', ...lines].join('\n'))]];
    }
    case 'example':
      return [
        [
          ...sections(md`*A strong answer to question ${reply.index}*\n_${reply.questionText}_`),
          ...sections(md`${reply.text}`),
        ],
      ];
    case 'notice':
      return [[...sections(md`${reply.text}`), ...actions(actionButtons(reply.actions, ctx))]];
    case 'error':
      return [sections(`:warning: ${md`${reply.text}`}`)];
    case 'history': {
      if (reply.entries.length === 0) return [sections('No finished interviews yet: start one and it will show here.')];
      const trend = trendLines(reply);
      return [
        sections(['*Your interviews*', ...historyLines(reply)].join('\n')),
        trend.length === 0 ? [] : sections(['*Concepts missed most*', ...trend].join('\n')),
      ];
    }
    case 'confirm-forget':
      return [
        [
          ...sections(
            '*Delete everything I keep about you?* Your interview in progress, every past interview and your ' +
              'history go, and this cannot be undone.',
          ),
          ...actions([
            button('Delete everything', FORGET_CONFIRM, undefined, 'danger'),
            button('Cancel', FORGET_CANCEL),
          ]),
        ],
      ];
    case 'forgotten':
      return [
        sections(
          reply.keys.length === 0
            ? 'There was nothing stored for you.'
            : `Done: I deleted ${reply.keys.length} stored item${reply.keys.length === 1 ? '' : 's'} about you.`,
        ),
      ];
    default:
      return reply satisfies never;
  }
}

/** Renders one reply as Slack messages: Block Kit within Slack's limits, user text escaped, long replies split. */
export function renderReply(reply: OutboundReply, ctx: RenderContext = {}): SlackMessage[] {
  return paginate(groupsOf(reply, ctx));
}
