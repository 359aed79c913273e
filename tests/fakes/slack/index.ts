/**
 * A fake Slack for end-to-end tests of a real Bolt App. Start it before the App (Bolt calls auth.test in its
 * constructor), point the App at it, drive it, read what the App did, stop the App, then close the fake:
 *
 * ```ts
 * const fake = await startFakeSlack();
 * const app = new App({ token: fake.identity.botToken, signingSecret: fake.identity.signingSecret,
 *   clientOptions: fake.clientOptions() }); // or socketMode: true, appToken: fake.identity.appToken
 * await fake.sendEvent(requestUrl, fake.payloads.dmMessage({ user: 'U0ALICE001', text: 'hi' }));
 * await fake.waitFor('chat.postMessage', (call) => call.args.text === 'Hello!');
 * ```
 */
export { type RecordedCall, succeeded } from './call-log.js';
export {
  type Delivery,
  type EventSendOptions,
  type FakeSlack,
  type FakeSlackOptions,
  type FakeSocket,
  startFakeSlack,
} from './fake-slack.js';
export { defaultIdentity, type FakeIdentity } from './ids.js';
export { checkBlocks, checkMessage, checkView, type LimitProblem, slackLimits } from './limits.js';
export type { MemberProfile } from './members.js';
export type { ChannelMessageSpec, ClickSpec, PayloadFactory, SlashCommandSpec } from './payload-factory.js';
export type { Payload, SlackEvent } from './payloads.js';
export { type AppResponse, type SendOptions, signedHeaders, slackSignature } from './signer.js';
export type { DeliverOptions, SocketAck } from './socket-mode.js';
export type { EphemeralMessage, SlackMessage, SlackView } from './workspace.js';
