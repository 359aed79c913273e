import { CallLog, type RecordedCall } from './call-log.js';
import { Faults } from './faults.js';
import { createIds, defaultIdentity, type FakeIdentity } from './ids.js';
import type { MemberProfile } from './members.js';
import { createPayloadFactory, type PayloadFactory, type SlashCommandSpec } from './payload-factory.js';
import { type Payload, type SlackEvent, urlVerification } from './payloads.js';
import { type AppResponse, postSigned, type SendOptions } from './signer.js';
import { type DeliverOptions, type SocketAck, type SocketModeServer, startSocketMode } from './socket-mode.js';
import { startWebApi } from './web-api.js';
import { type EphemeralMessage, type SlackMessage, type SlackView, Workspace } from './workspace.js';

/** How to start a fake. */
export type FakeSlackOptions = {
  /** Replaces parts of the default identity (ids, tokens, signing secret). */
  readonly identity?: Partial<FakeIdentity>;
  /** Channel ids the app may post to before any event comes from them. */
  readonly channels?: readonly string[];
  /** How long a trigger id stays valid (Slack: 3,000 ms). */
  readonly triggerTtlMs?: number;
  /**
   * Whether to keep every Web API call for `calls` and `waitFor` (default true). A long load run turns it off and
   * follows the calls with `onCall`: kept, they would hold every message the app posts a second time.
   */
  readonly keepCalls?: boolean;
  /**
   * Keeps only the newest messages of each channel, this many (Slack keeps them all, the default). An older message
   * is gone as if deleted (`chat.update` answers `message_not_found`). A long load run sets it, so that the fake does
   * not hold every message it was sent.
   */
  readonly historyPerChannel?: number;
};

/** Options for an event sent over HTTP: signing options plus the envelope's id and time (reuse them for a retry). */
export type EventSendOptions = SendOptions & { readonly eventId?: string; readonly eventTime?: number };

/** The app's answer plus what was sent, so a test can resend it (a retry) or inspect it. */
export type Delivery = AppResponse & { readonly sent: Payload };

/** Socket Mode: deliver envelopes to the connected app and read its acks. */
export type FakeSocket = {
  /** Wraps `event` in an `events_api` envelope and resolves with the app's ack. */
  readonly sendEvent: (
    event: SlackEvent,
    options?: DeliverOptions & { readonly eventId?: string },
  ) => Promise<SocketAck & { readonly sent: Payload }>;
  /** Delivers a slash command (`slash_commands`, accepts a response payload). */
  readonly sendSlashCommand: (spec: SlashCommandSpec, options?: DeliverOptions) => Promise<SocketAck>;
  /** Delivers an interactivity payload (`interactive`); view submissions accept a response payload. */
  readonly sendAction: (payload: Payload, options?: DeliverOptions) => Promise<SocketAck>;
} & Pick<
  SocketModeServer,
  'waitForConnections' | 'waitForOpenConnections' | 'openConnections' | 'totalConnections' | 'requestReconnect'
>;

/** A fake Slack on 127.0.0.1: Web API, response URLs, request signer and Socket Mode. */
export type FakeSlack = {
  readonly identity: FakeIdentity;
  /** The Web API base URL, with the trailing slash @slack/web-api expects: `http://127.0.0.1:<port>/api/`. */
  readonly apiUrl: string;
  /** Fresh WebClient options for Bolt's `clientOptions`: this fake's URL and no retries (a new object each time). */
  readonly clientOptions: () => { slackApiUrl: string; retryConfig: { retries: number } };
  /** Every recorded call to `method` (all calls when omitted), oldest first. */
  readonly calls: (method?: string) => readonly RecordedCall[];
  /** Calls `listener` with every call from now on, as it is recorded; returns the function that stops it. */
  readonly onCall: (listener: (call: RecordedCall) => void) => () => void;
  /** The first call to `method` matching `predicate`, recorded already or within `timeoutMs` (default 2,000). */
  readonly waitFor: (
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ) => Promise<RecordedCall>;
  /** Forgets every recorded call (the workspace's messages and views stay). */
  readonly clearCalls: () => void;
  /** The app's messages in `channel` (a channel id, or a user id for their DM), as edited since. */
  readonly messages: (channel: string) => readonly SlackMessage[];
  /** The app's replies in the thread under `threadTs` in `channel`, oldest first. */
  readonly thread: (channel: string, threadTs: string) => readonly SlackMessage[];
  /** The ephemeral messages the app sent to `user` (anywhere), oldest first. */
  readonly ephemerals: (user: string) => readonly EphemeralMessage[];
  /** Sets what users.info says about `user`: names, and admin or owner of the workspace. */
  readonly setMember: (user: string, profile: MemberProfile) => void;
  /** The app's DM channel with `user` (the id conversations.open answers). */
  readonly dmChannel: (user: string) => string;
  /** The App Home view last published for `user`. */
  readonly homeView: (user: string) => SlackView | undefined;
  /** A view by id. */
  readonly view: (id: string) => SlackView | undefined;
  /** The next `times` calls of `method` get HTTP 429 with `Retry-After`. */
  readonly rateLimit: (method: string, times?: number, retryAfterSeconds?: number) => void;
  /** Calls of `method` are answered `ms` late (every call unless `times`). */
  readonly delay: (method: string, ms: number, times?: number) => void;
  /** Calls of `method` get `{ ok: false, error }` (every call unless `times`). */
  readonly fail: (method: string, error: string, times?: number) => void;
  /** Removes every injected fault. */
  readonly clearFaults: () => void;
  /** Payload builders bound to this fake's state. */
  readonly payloads: PayloadFactory;
  /** POSTs a signed Events API envelope around `event` to the app's Request URL. */
  readonly sendEvent: (appUrl: string, event: SlackEvent, options?: EventSendOptions) => Promise<Delivery>;
  /** POSTs Slack's `url_verification` challenge. */
  readonly sendUrlVerification: (appUrl: string, challenge?: string, options?: SendOptions) => Promise<Delivery>;
  /** POSTs a signed, form-encoded slash command. */
  readonly sendSlashCommand: (appUrl: string, spec: SlashCommandSpec, options?: SendOptions) => Promise<Delivery>;
  /** POSTs a signed interactivity payload (`payload=<json>`), e.g. from `payloads.blockActions`. */
  readonly sendAction: (appUrl: string, payload: Payload, options?: SendOptions) => Promise<Delivery>;
  readonly socket: FakeSocket;
  /** Stops every server and drops open connections. Stop the app first, or Socket Mode will try to reconnect. */
  readonly close: () => Promise<void>;
};

/** Starts a fake Slack: Web API and response URLs over HTTP, Socket Mode over WebSocket, all on 127.0.0.1. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const identity: FakeIdentity = { ...defaultIdentity, ...options.identity };
  const now = () => Date.now();
  const ids = createIds(now);
  const workspace = new Workspace(
    identity,
    ids,
    now,
    options.triggerTtlMs ?? 3_000,
    options.channels ?? [],
    options.historyPerChannel,
  );
  const log = new CallLog(options.keepCalls ?? true);
  const faults = new Faults();
  const socketServer = await startSocketMode(identity, ids);
  const web = await startWebApi({ workspace, log, faults, socketUrl: socketServer.issueUrl });
  const payloads = createPayloadFactory(workspace, () => web.origin);

  const noteChannel = (event: SlackEvent) => {
    if (typeof event.channel === 'string') workspace.addChannel(event.channel);
  };
  const form = (fields: Readonly<Record<string, string>>) => new URLSearchParams(fields).toString();
  const deliver = async (appUrl: string, sent: Payload, raw: string, json: boolean, send: SendOptions) => {
    const type = json ? 'application/json' : 'application/x-www-form-urlencoded';
    return { ...(await postSigned(appUrl, raw, type, identity.signingSecret, send)), sent };
  };
  const envelope = (event: SlackEvent, eventId?: string, eventTime?: number) => {
    noteChannel(event);
    return payloads.eventCallback(event, eventId, eventTime);
  };

  const socket: FakeSocket = {
    sendEvent: async (event, { eventId, ...deliverOptions } = {}) => {
      const sent = envelope(event, eventId);
      return { ...(await socketServer.deliver('events_api', sent, deliverOptions)), sent };
    },
    sendSlashCommand: (spec, deliverOptions) =>
      socketServer.deliver('slash_commands', payloads.slashCommand(spec), {
        acceptsResponsePayload: true,
        ...deliverOptions,
      }),
    sendAction: (payload, deliverOptions) =>
      socketServer.deliver('interactive', payload, {
        acceptsResponsePayload: payload.type === 'view_submission',
        ...deliverOptions,
      }),
    waitForConnections: socketServer.waitForConnections,
    waitForOpenConnections: socketServer.waitForOpenConnections,
    openConnections: socketServer.openConnections,
    totalConnections: socketServer.totalConnections,
    requestReconnect: socketServer.requestReconnect,
  };

  return {
    identity,
    apiUrl: `${web.origin}/api/`,
    clientOptions: () => ({ slackApiUrl: `${web.origin}/api/`, retryConfig: { retries: 0 } }),
    calls: (method) => log.calls(method),
    onCall: (listener) => log.onCall(listener),
    waitFor: (method, predicate, timeoutMs) => log.waitFor(method, predicate, timeoutMs),
    clearCalls: () => log.clear(),
    messages: (channel) => workspace.messages(workspace.resolveChannel(channel) ?? channel),
    thread: (channel, threadTs) =>
      workspace.messages(channel).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs),
    ephemerals: (user) => workspace.ephemerals(user),
    setMember: (user, profile) => workspace.members.set(user, profile),
    dmChannel: (user) => workspace.dmChannel(user),
    homeView: (user) => workspace.homeView(user),
    view: (id) => workspace.view(id),
    rateLimit: (method, times = 1, retryAfterSeconds = 1) => faults.rateLimit(method, times, retryAfterSeconds),
    delay: (method, ms, times) => faults.delay(method, ms, times),
    fail: (method, error, times) => faults.fail(method, error, times),
    clearFaults: () => faults.clear(),
    payloads,
    sendEvent: (appUrl, event, { eventId, eventTime, ...send } = {}) => {
      const sent = envelope(event, eventId, eventTime);
      return deliver(appUrl, sent, JSON.stringify(sent), true, send);
    },
    sendUrlVerification: (appUrl, challenge = `challenge-${ids.hex(8)}`, send = {}) => {
      const sent = urlVerification(challenge);
      return deliver(appUrl, sent, JSON.stringify(sent), true, send);
    },
    sendSlashCommand: (appUrl, spec, send = {}) => {
      const sent = payloads.slashCommand(spec);
      return deliver(appUrl, sent, form(sent), false, send);
    },
    sendAction: (appUrl, payload, send = {}) =>
      deliver(appUrl, payload, form({ payload: JSON.stringify(payload) }), false, send),
    socket,
    close: async () => {
      await Promise.all([web.close(), socketServer.close()]);
    },
  };
}
