import {
  appHomeOpenedEvent,
  blockActions,
  dmMessageEvent,
  eventCallback,
  findElement,
  type Payload,
  type SlackEvent,
  slashCommand,
  userMessageEvent,
  viewSubmission,
} from './payloads.js';
import type { Workspace } from './workspace.js';

/** A click on an element the app posted: by default the newest app message in the user's DM that has it. */
export type ClickSpec = {
  readonly user: string;
  readonly actionId: string;
  /** Overrides what the element says; `value` defaults to the element's own. */
  readonly value?: string;
  readonly blockId?: string;
  /** The message's channel (default: the DM with `user`) and ts (default: the newest one with the element). */
  readonly channel?: string;
  readonly messageTs?: string;
  /** Click in this view (App Home or modal) instead of a message. */
  readonly viewId?: string;
  /** Extra action fields, e.g. `selected_option` for a select menu. */
  readonly extra?: Payload;
};

/** A user's message in a channel, top level or (with `threadTs`) a reply in a thread. */
export type ChannelMessageSpec = {
  readonly user: string;
  readonly channel: string;
  readonly text: string;
  readonly threadTs?: string;
  /** `group` for a private channel (`message.groups`); default `channel` (`message.channels`). */
  readonly channelType?: 'channel' | 'group';
  /** Who wrote the parent when it is not one of the app's messages (the fake knows the app's own). */
  readonly parentUser?: string;
  /** e.g. `thread_broadcast` for a reply also sent to the channel. */
  readonly subtype?: string;
};

/** A slash command typed by `user` in `channel` (default: their DM with the app). */
export type SlashCommandSpec = {
  readonly command: string;
  readonly text?: string;
  readonly user: string;
  readonly channel?: string;
};

/** Builds realistic payloads from the fake's state: DM channels, posted messages, views, fresh triggers. */
export type PayloadFactory = ReturnType<typeof createPayloadFactory>;

/** Binds the payload builders to one fake workspace; `origin` is where its response URLs live. */
export function createPayloadFactory(workspace: Workspace, origin: () => string) {
  const { identity, ids } = workspace;
  const responseUrl = (channel: string | undefined, messageTs: string | undefined) =>
    `${origin()}/response/${workspace.issueResponseUrl({ channel, messageTs })}`;

  const clickedMessage = (spec: ClickSpec) => {
    const channel = spec.channel ?? workspace.dmChannel(spec.user);
    const candidates = workspace.messages(channel).filter((m) => findElement(m.blocks, spec.actionId) !== undefined);
    const message = spec.messageTs === undefined ? candidates.at(-1) : workspace.message(channel, spec.messageTs);
    if (message === undefined) {
      throw new Error(`fake Slack: no app message in ${channel} has an element with action_id ${spec.actionId}`);
    }
    return { channel, message };
  };

  return {
    /** The Events API envelope around `event`. */
    eventCallback: (event: SlackEvent, eventId = ids.event(), eventTime = Math.floor(workspace.now() / 1000)) =>
      eventCallback(identity, event, { eventId, eventTime }),

    /** `user` writes `text` in their DM with the app. */
    dmMessage: (spec: { readonly user: string; readonly text: string; readonly threadTs?: string }): SlackEvent =>
      dmMessageEvent({ ...spec, channel: workspace.dmChannel(spec.user), ts: ids.ts(), teamId: identity.teamId }),

    /** `user` writes `text` in a channel, or in a thread there (`parent_user_id` filled in for the app's parents). */
    channelMessage: (spec: ChannelMessageSpec): SlackEvent => {
      workspace.addChannel(spec.channel);
      const parent = spec.threadTs === undefined ? undefined : workspace.message(spec.channel, spec.threadTs);
      const parentUserId = parent?.user ?? spec.parentUser;
      return userMessageEvent({
        user: spec.user,
        channel: spec.channel,
        channelType: spec.channelType ?? 'channel',
        text: spec.text,
        ts: ids.ts(),
        teamId: identity.teamId,
        ...(spec.threadTs === undefined ? {} : { threadTs: spec.threadTs }),
        ...(parentUserId === undefined ? {} : { parentUserId }),
        ...(spec.subtype === undefined ? {} : { subtype: spec.subtype }),
      });
    },

    /** `user` opens the app's Home tab (carrying the view last published for them). */
    appHomeOpened: (spec: { readonly user: string; readonly tab?: 'home' | 'messages' }): SlackEvent =>
      appHomeOpenedEvent({
        user: spec.user,
        channel: workspace.dmChannel(spec.user),
        eventTs: ids.ts(),
        tab: spec.tab ?? 'home',
        view: spec.tab === 'messages' ? undefined : workspace.homeView(spec.user),
      }),

    /** The form fields of a slash command, with a fresh response URL and trigger id. */
    slashCommand: (spec: SlashCommandSpec) => {
      const channel = spec.channel ?? workspace.dmChannel(spec.user);
      workspace.addChannel(channel);
      return slashCommand(identity, {
        command: spec.command,
        text: spec.text ?? '',
        user: spec.user,
        channel,
        channelName: channel.startsWith('D') ? 'directmessage' : channel,
        responseUrl: responseUrl(channel, undefined),
        triggerId: workspace.issueTrigger(),
      });
    },

    /** A `block_actions` payload for a click on an element the app posted (in a message or a view). */
    blockActions: (spec: ClickSpec): Payload => {
      const view = spec.viewId === undefined ? undefined : workspace.view(spec.viewId);
      if (spec.viewId !== undefined && view === undefined) throw new Error(`fake Slack: no view ${spec.viewId}`);
      const clicked = view === undefined ? clickedMessage(spec) : undefined;
      const blocks = (view?.blocks ?? clicked?.message.blocks ?? []) as readonly unknown[];
      const found = findElement(blocks, spec.actionId);
      const element = found?.element ?? {};
      const action: Payload = {
        type: element.type ?? 'button',
        action_id: spec.actionId,
        block_id: spec.blockId ?? found?.blockId ?? ids.hex(3),
        ...(element.text === undefined ? {} : { text: element.text }),
        ...((spec.value ?? element.value) === undefined ? {} : { value: spec.value ?? element.value }),
        ...spec.extra,
      };
      const container =
        clicked === undefined
          ? { type: 'view' as const, view: view ?? {} }
          : {
              type: 'message' as const,
              channel: clicked.channel,
              message: clicked.message,
              responseUrl: responseUrl(clicked.channel, clicked.message.ts),
            };
      return blockActions(identity, {
        user: spec.user,
        container,
        action,
        triggerId: workspace.issueTrigger(),
        actionTs: ids.ts(),
      });
    },

    /** A `view_submission` for a modal the app opened (`viewId` from its views.open answer), with input `values`. */
    viewSubmission: (spec: { readonly user: string; readonly viewId: string; readonly values?: Payload }): Payload => {
      const view = workspace.view(spec.viewId);
      if (view === undefined) throw new Error(`fake Slack: no view ${spec.viewId}`);
      return viewSubmission(identity, {
        user: spec.user,
        view,
        values: spec.values ?? {},
        triggerId: workspace.issueTrigger(),
      });
    },
  };
}
