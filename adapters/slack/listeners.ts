import type { App as Bolt } from '@slack/bolt';
import type { Logger } from 'pino';
import { ACTION_PATTERN } from './buttons.js';
import { helpMessage } from './help.js';
import { fromBlockAction, fromMessageEvent, fromSlashCommand, type SlackIntent } from './inbound.js';
import { fromViewSubmission, START_MODAL, startModal } from './modal.js';
import { isPanelCommand } from './panel-inbound.js';
import type { PanelCommand } from './panel-listeners.js';
import { type Destination, errorCode, type Turns } from './turns.js';

const sorry =
  'Sorry, something went wrong on my side while sending that. If you were answering, please send your answer again.';

/** Where a click happened: a message (its channel and ts) or a view such as App Home. */
function containerOf(body: unknown): { readonly channel?: string; readonly ts?: string } {
  const container = (body as { container?: { channel_id?: unknown; message_ts?: unknown } }).container;
  return {
    ...(typeof container?.channel_id === 'string' ? { channel: container.channel_id } : {}),
    ...(typeof container?.message_ts === 'string' ? { ts: container.message_ts } : {}),
  };
}

/**
 * Registers the listeners: each acks first, translates, then runs the turn inside the one error funnel.
 * `/interview panel …` goes to `panelCommand` when panels are on.
 */
export function registerListeners(
  bolt: Bolt,
  deps: { readonly turns: Turns; readonly logger: Logger; readonly panelCommand?: PanelCommand },
): void {
  const { turns, logger, panelCommand } = deps;

  /** The funnel: logs a failure by its code (never a token, never answer text) and tells the user politely. */
  async function guard(listener: string, to: Destination | undefined, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.error({ listener, user: to?.user, err: errorCode(error) }, 'Slack listener failed');
      if (to === undefined) return;
      try {
        await bolt.client.chat.postMessage({ channel: to.channel, text: sorry });
      } catch (again) {
        logger.warn({ listener, user: to.user, err: errorCode(again) }, 'could not tell the user about a failure');
      }
    }
  }

  /** Carries out an intent that needs no acknowledgement payload. */
  async function carryOut(intent: SlackIntent, to: Destination, triggerId?: string): Promise<void> {
    switch (intent.type) {
      case 'turn':
        return turns.run(intent.inbound, to);
      case 'help':
        return turns.say(to, helpMessage(intent.unknown));
      case 'open-start':
        if (triggerId !== undefined) await bolt.client.views.open({ trigger_id: triggerId, view: startModal() });
        return;
      case 'cancel-forget':
      case 'ignore':
        return;
      default:
        return intent satisfies never;
    }
  }

  bolt.event('message', async ({ body, event, context }) => {
    const parsed = fromMessageEvent(body);
    if (parsed.type === 'ignore' || !('user' in event) || typeof event.user !== 'string') return;
    // Slack's retry number rides along, so a retry that cannot reach the store stays silent (the first said so).
    const retry = context.retryNum;
    const intent: SlackIntent =
      parsed.type === 'turn' && typeof retry === 'number' && retry > 0
        ? { ...parsed, inbound: { ...parsed.inbound, retry } }
        : parsed;
    const to = { channel: event.channel, user: event.user };
    await guard('message', to, () => carryOut(intent, to));
  });

  bolt.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await guard('app_home_opened', undefined, () =>
      turns.home({ platform: 'slack', userId: event.user, name: event.user }),
    );
  });

  bolt.command('/interview', async ({ ack, body, respond }) => {
    if (panelCommand !== undefined && isPanelCommand(body)) return panelCommand({ ack, body, respond });
    const intent = fromSlashCommand(body);
    if (intent.type === 'help') {
      const help = helpMessage(intent.unknown);
      await ack({ response_type: 'ephemeral', text: help.text, blocks: [...help.blocks] });
      return;
    }
    const elsewhere = body.channel_name !== 'directmessage';
    await ack(
      elsewhere && intent.type === 'turn' ? { response_type: 'ephemeral', text: 'I reply in our DM.' } : undefined,
    );
    const to = { channel: body.user_id, user: body.user_id };
    await guard('command', to, () => carryOut(intent, to));
  });

  bolt.action(ACTION_PATTERN, async ({ ack, body }) => {
    await ack();
    const intent = fromBlockAction(body);
    const where = containerOf(body);
    const user = body.user.id;
    const to: Destination = {
      channel: where.channel ?? user,
      user,
      ...(where.channel === undefined ? {} : { ephemeralIn: where.channel }),
    };
    await guard('action', to, async () => {
      const confirming =
        intent.type === 'cancel-forget' || (intent.type === 'turn' && intent.inbound.event.type === 'forget');
      if (confirming && where.channel !== undefined && where.ts !== undefined) {
        // The confirmation is answered once: its buttons give way to what was chosen.
        const text = intent.type === 'cancel-forget' ? 'Nothing was deleted.' : 'Deleting everything I keep about you…';
        await bolt.client.chat.update({ channel: where.channel, ts: where.ts, text, blocks: [] });
      }
      await carryOut(intent, to, 'trigger_id' in body ? body.trigger_id : undefined);
    });
  });

  bolt.view(START_MODAL, async ({ ack, body }) => {
    await ack();
    const user = body.user.id;
    const to = { channel: user, user };
    await guard('view_submission', to, () => carryOut(fromViewSubmission(body), to));
  });

  bolt.error(async (error) => {
    logger.error({ err: error.code ?? errorCode(error) }, 'Bolt could not process a request');
  });
}
