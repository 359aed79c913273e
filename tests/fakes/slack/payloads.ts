import type { FakeIdentity } from './ids.js';
import { isJson, type Json } from './json.js';

/** An Events API event (`message`, `app_home_opened`, …). */
export type SlackEvent = Json & { readonly type: string };

/** Any JSON object Slack sends. */
export type Payload = Json;

/** The Events API envelope around an event, as Slack POSTs it and Socket Mode wraps it. */
export function eventCallback(
  identity: FakeIdentity,
  event: SlackEvent,
  ids: { readonly eventId: string; readonly eventTime: number },
): Payload {
  return {
    token: 'fake-verification-token',
    team_id: identity.teamId,
    context_team_id: identity.teamId,
    context_enterprise_id: null,
    api_app_id: identity.appId,
    event,
    type: 'event_callback',
    event_id: ids.eventId,
    event_time: ids.eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: identity.teamId,
        user_id: identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${ids.eventId}`,
  };
}

/** The challenge Slack sends when a Request URL is saved. */
export function urlVerification(challenge: string): Payload {
  return { token: 'fake-verification-token', challenge, type: 'url_verification' };
}

/** A user's message in their DM with the app (`message.im`), with the rich_text block Slack adds. */
export function dmMessageEvent(spec: {
  readonly user: string;
  readonly channel: string;
  readonly text: string;
  readonly ts: string;
  readonly teamId: string;
  readonly threadTs?: string;
}): SlackEvent {
  return userMessageEvent({ ...spec, channelType: 'im' });
}

/**
 * A user's message in a conversation (`message.im`, `message.channels`, `message.groups`): a reply in a thread
 * carries `thread_ts` (the parent's ts) and `parent_user_id` (who wrote the parent), as Slack sends them.
 */
export function userMessageEvent(spec: {
  readonly user: string;
  readonly channel: string;
  readonly channelType: 'im' | 'channel' | 'group' | 'mpim';
  readonly text: string;
  readonly ts: string;
  readonly teamId: string;
  readonly threadTs?: string;
  readonly parentUserId?: string;
  readonly subtype?: string;
}): SlackEvent {
  return {
    type: 'message',
    ...(spec.subtype === undefined ? {} : { subtype: spec.subtype }),
    channel: spec.channel,
    user: spec.user,
    text: spec.text,
    ts: spec.ts,
    event_ts: spec.ts,
    channel_type: spec.channelType,
    team: spec.teamId,
    client_msg_id: `fake-${spec.ts}`,
    blocks: [
      {
        type: 'rich_text',
        block_id: `rt${spec.ts.replace('.', '')}`,
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: spec.text }] }],
      },
    ],
    ...(spec.threadTs === undefined ? {} : { thread_ts: spec.threadTs }),
    ...(spec.parentUserId === undefined ? {} : { parent_user_id: spec.parentUserId }),
  };
}

/** A user opening the app's Home (or Messages) tab; `view` is the Home view they last got, if any. */
export function appHomeOpenedEvent(spec: {
  readonly user: string;
  readonly channel: string;
  readonly eventTs: string;
  readonly tab: 'home' | 'messages';
  readonly view: Payload | undefined;
}): SlackEvent {
  return {
    type: 'app_home_opened',
    user: spec.user,
    channel: spec.channel,
    tab: spec.tab,
    event_ts: spec.eventTs,
    ...(spec.view === undefined ? {} : { view: spec.view }),
  };
}

/** The fields of a slash command, all strings as Slack form-encodes them. */
export function slashCommand(
  identity: FakeIdentity,
  spec: {
    readonly command: string;
    readonly text: string;
    readonly user: string;
    readonly channel: string;
    readonly channelName: string;
    readonly responseUrl: string;
    readonly triggerId: string;
  },
): Readonly<Record<string, string>> {
  return {
    token: 'fake-verification-token',
    team_id: identity.teamId,
    team_domain: identity.teamDomain,
    channel_id: spec.channel,
    channel_name: spec.channelName,
    user_id: spec.user,
    user_name: `user-${spec.user.toLowerCase()}`,
    command: spec.command,
    text: spec.text,
    api_app_id: identity.appId,
    is_enterprise_install: 'false',
    response_url: spec.responseUrl,
    trigger_id: spec.triggerId,
  };
}

const userObject = (identity: FakeIdentity, user: string): Payload => ({
  id: user,
  username: `user-${user.toLowerCase()}`,
  name: `user-${user.toLowerCase()}`,
  team_id: identity.teamId,
});

/** Where a click happened: on a message in a channel, or in a view (App Home or modal). */
export type ActionContainer =
  | { readonly type: 'message'; readonly channel: string; readonly message: Payload; readonly responseUrl: string }
  | { readonly type: 'view'; readonly view: Payload };

/** A `block_actions` payload for one element (`action`: action_id, block_id, type, value, text…). */
export function blockActions(
  identity: FakeIdentity,
  spec: {
    readonly user: string;
    readonly container: ActionContainer;
    readonly action: Payload;
    readonly triggerId: string;
    readonly actionTs: string;
  },
): Payload {
  const { container } = spec;
  const where =
    container.type === 'message'
      ? {
          container: {
            type: 'message',
            message_ts: container.message.ts,
            channel_id: container.channel,
            is_ephemeral: false,
            // A click on a message in a thread (or on a thread's parent) says which thread.
            ...(typeof container.message.thread_ts === 'string' ? { thread_ts: container.message.thread_ts } : {}),
          },
          channel: {
            id: container.channel,
            name: container.channel.startsWith('D') ? 'directmessage' : container.channel,
          },
          message: container.message,
          response_url: container.responseUrl,
        }
      : { container: { type: 'view', view_id: container.view.id }, view: container.view };
  return {
    type: 'block_actions',
    user: userObject(identity, spec.user),
    api_app_id: identity.appId,
    token: 'fake-verification-token',
    trigger_id: spec.triggerId,
    team: { id: identity.teamId, domain: identity.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    ...where,
    state: { values: {} },
    actions: [{ ...spec.action, action_ts: spec.actionTs }],
  };
}

/** A `view_submission` payload: the modal as submitted, with its input `values` (block_id → action_id → value). */
export function viewSubmission(
  identity: FakeIdentity,
  spec: { readonly user: string; readonly view: Payload; readonly values: Payload; readonly triggerId: string },
): Payload {
  return {
    type: 'view_submission',
    team: { id: identity.teamId, domain: identity.teamDomain },
    user: userObject(identity, spec.user),
    api_app_id: identity.appId,
    token: 'fake-verification-token',
    trigger_id: spec.triggerId,
    view: { ...spec.view, state: { values: spec.values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Finds the interactive element with `actionId` in `blocks` and its block's id. */
export function findElement(
  blocks: readonly unknown[],
  actionId: string,
): { readonly blockId: string | undefined; readonly element: Payload } | undefined {
  for (const block of blocks) {
    if (!isJson(block)) continue;
    const candidates = [block.accessory, block.element, ...(Array.isArray(block.elements) ? block.elements : [])];
    const element = candidates.find((c): c is Json => isJson(c) && c.action_id === actionId);
    if (element) return { blockId: typeof block.block_id === 'string' ? block.block_id : undefined, element };
  }
  return undefined;
}
