import type { App as Bolt, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Logger } from 'pino';
import { commentModal, fromCommentSubmission } from './panel-comment.js';
import { PANEL_ACTION_PATTERN, PANEL_COMMENT_MODAL, type Where } from './panel-ids.js';
import { fromPanelAction, fromPanelCommand, fromThreadMessage, type PanelIntent } from './panel-inbound.js';
import type { PanelTurns } from './panel-turns.js';
import { errorCode } from './turns.js';

/** Handles `/interview panel …` for the one `/interview` listener (Bolt allows one ack per request). */
export type PanelCommand = (args: Pick<SlackCommandMiddlewareArgs, 'ack' | 'body' | 'respond'>) => Promise<void>;

const sorry = 'Sorry, something went wrong on my side; if you clicked or answered, please try again.';

/** Registers the panel listeners (clicks, the comment modal, thread replies) and returns the command handler. */
export function registerPanelListeners(
  bolt: Bolt,
  deps: { readonly turns: PanelTurns; readonly logger: Logger },
): PanelCommand {
  const { turns, logger } = deps;

  /** The funnel: logs a failure by its code (never answer text) and tells the person privately in the thread. */
  async function guard(listener: string, who: { where: Where; user: string } | undefined, work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      logger.error({ listener, user: who?.user, err: errorCode(error) }, 'Slack panel listener failed');
      if (who === undefined) return;
      await turns
        .tell(who.where, who.user, sorry)
        .catch((again: unknown) => logger.warn({ listener, err: errorCode(again) }, 'could not tell about a failure'));
    }
  }

  /** Carries out a click, a comment or a thread reply; commands (open, refuse) come only from the slash command. */
  async function carryOut(listener: string, intent: PanelIntent): Promise<void> {
    if (intent.type === 'event')
      return guard(listener, { where: intent.where, user: intent.userId }, () => turns.run(intent));
    if (intent.type === 'open-comment')
      return guard(listener, undefined, async () => {
        await bolt.client.views.open({ trigger_id: intent.triggerId, view: commentModal(intent.where, intent.turn) });
      });
  }

  bolt.event('message', async ({ body, context }) => {
    await carryOut('thread message', fromThreadMessage(body, context.botUserId));
  });

  bolt.action(PANEL_ACTION_PATTERN, async ({ ack, body }) => {
    await ack();
    await carryOut('panel action', fromPanelAction(body));
  });

  bolt.view(PANEL_COMMENT_MODAL, async ({ ack, body }) => {
    await ack();
    await carryOut('panel comment', fromCommentSubmission(body));
  });

  return async ({ ack, body, respond }) => {
    const intent = fromPanelCommand(body);
    if (intent.type === 'refuse') {
      await ack({ response_type: 'ephemeral', text: intent.text });
      return;
    }
    await ack();
    if (intent.type !== 'open') return;
    const tell = async (text: string) => {
      await respond({ response_type: 'ephemeral', text });
    };
    try {
      await turns.open(intent, tell);
    } catch (error) {
      logger.error({ listener: 'panel command', user: intent.userId, err: errorCode(error) }, 'panel not opened');
      await tell(sorry).catch(() => undefined);
    }
  };
}
