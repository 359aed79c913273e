import { Criteria, type Level, type PanelSession } from '../../../src/engine/index.js';
import type { EphemeralMessage, Payload, SlackMessage } from '../../fakes/slack/index.js';
import { buttonsOf, type EventOptions, type Harness, type Mode, startHarness, until } from './harness.js';

/** The people of the panel tests: ids in Slack's shape, names set on the fake's users.info. */
export const ann = 'U0PANN0001';
export const bo = 'U0PBO00002';
export const cy = 'U0PCY00003';
export const dee = 'U0PDEE0004';
/** A workspace admin: allowed to run any panel, though not its host. */
export const admin = 'U0PADMIN05';

/** A panel on Slack: its channel and the ts of its lobby message (the thread). */
export type Where = { readonly channel: string; readonly thread: string };

/** A harness with panels on a clock the test moves, and the people above known to users.info. */
export async function startPanelHarness(mode: Mode = 'http'): Promise<{ h: Harness; clock: { now: number } }> {
  const clock = { now: 1_700_000_000_000 };
  const h = await startHarness({ mode, panels: { clock: () => clock.now } });
  h.fake.setMember(ann, { displayName: 'Ann' });
  h.fake.setMember(bo, { displayName: 'Bo' });
  h.fake.setMember(cy, { displayName: 'Cy' });
  h.fake.setMember(dee, { displayName: 'Dee' });
  h.fake.setMember(admin, { displayName: 'Ada', isAdmin: true });
  return { h, clock };
}

/** Whether a message carries a panel control (the lobby does until the panel is over). */
const isLobby = (m: SlackMessage) => buttonsOf(m).includes('iv:panel-join');

/** `/interview panel <args>` by `host` in `channel`; resolves once the lobby shows and its thread is open. */
export async function openPanel(h: Harness, host: string, channel: string, args = '1'): Promise<Where> {
  const before = new Set(h.fake.messages(channel).map((m) => m.ts));
  await h.command({ command: '/interview', user: host, channel, text: `panel ${args}` });
  let lobby: SlackMessage | undefined;
  await until('the panel lobby', () => {
    lobby = h.fake.messages(channel).find((m) => !before.has(m.ts) && isLobby(m) && (m.reply_count ?? 0) > 0);
    return lobby !== undefined;
  });
  return { channel, thread: (lobby as SlackMessage).ts };
}

/** The lobby message as it is now. */
export function lobbyOf(h: Harness, where: Where): SlackMessage | undefined {
  return h.fake.messages(where.channel).find((m) => m.ts === where.thread);
}

/** Waits until the lobby lists `count` people. */
export async function joined(h: Harness, where: Where, count: number): Promise<void> {
  await until(`${count} people in the lobby`, () =>
    JSON.stringify(lobbyOf(h, where)?.blocks ?? []).includes(`Joined (${count})`),
  );
}

/** The app's replies in the panel's thread. */
export function threadOf(h: Harness, where: Where): readonly SlackMessage[] {
  return h.fake.thread(where.channel, where.thread);
}

/** Waits for a reply in the thread (from index `from`) whose text matches `pattern`. */
export async function inThread(h: Harness, where: Where, pattern: RegExp, from = 0): Promise<SlackMessage> {
  let found: SlackMessage | undefined;
  await until(`a thread reply matching ${pattern}`, () => {
    found = threadOf(h, where)
      .slice(from)
      .find((m) => pattern.test(m.text));
    return found !== undefined;
  });
  return found as SlackMessage;
}

/** Waits for an ephemeral message to `user` (from index `from`) whose text matches `pattern`. */
export async function privately(h: Harness, user: string, pattern: RegExp, from = 0): Promise<EphemeralMessage> {
  let found: EphemeralMessage | undefined;
  await until(`an ephemeral to ${user} matching ${pattern}`, () => {
    found = h.fake
      .ephemerals(user)
      .slice(from)
      .find((m) => pattern.test(m.text));
    return found !== undefined;
  });
  return found as EphemeralMessage;
}

/** Clicks a control on the lobby (`extra`: e.g. the selected option of the Remove menu). */
export async function clickLobby(h: Harness, user: string, where: Where, actionId: string, extra?: Payload) {
  await h.interact(
    h.fake.payloads.blockActions({
      user,
      actionId,
      channel: where.channel,
      messageTs: where.thread,
      ...(extra === undefined ? {} : { extra }),
    }),
  );
}

/** Clicks `actionId` on the newest message in the panel's thread that has it. */
export async function clickInThread(h: Harness, user: string, where: Where, actionId: string) {
  const message = threadOf(h, where).findLast((m) => buttonsOf(m).includes(actionId));
  if (message === undefined) throw new Error(`no message in the thread has ${actionId}`);
  await h.interact(h.fake.payloads.blockActions({ user, actionId, channel: where.channel, messageTs: message.ts }));
}

/** `user` writes `text` in the panel's thread. */
export function say(h: Harness, user: string, where: Where, text: string, options?: EventOptions) {
  return h.event(
    h.fake.payloads.channelMessage({ user, channel: where.channel, text, threadTs: where.thread }),
    options,
  );
}

/** `rater` rates every criterion of the open turn at `level`, waiting for each click to be noted or to move on. */
export async function rateAll(h: Harness, rater: string, where: Where, level: Level) {
  for (const criterion of Criteria) {
    const replies = threadOf(h, where).length;
    const notes = h.fake.ephemerals(rater).length;
    await clickInThread(h, rater, where, `iv:panel-rate:${criterion}:${level}`);
    await until(`${rater}'s rating of ${criterion}`, () => {
      return h.fake.ephemerals(rater).length > notes || threadOf(h, where).length > replies;
    });
  }
}

/** The panel as stored. */
export async function stored(h: Harness, where: Where): Promise<PanelSession | undefined> {
  const loaded = await h.panels?.store.sessions.get(`group:slack:${where.channel}:${where.thread}`);
  if (loaded === undefined || !loaded.ok) throw new Error('the panel store is not readable');
  return loaded.value.value;
}

/** Every `<@…>` and `<!…>` sequence in the thread's messages, text and blocks. */
export function mentionsIn(messages: readonly SlackMessage[]): string[] {
  return messages.flatMap((m) => `${m.text}\n${JSON.stringify(m.blocks)}`.match(/<[@!][^>|]*/g) ?? []);
}
