import { describe, expect, it } from 'vitest';
import { fromCommentSubmission } from '../../../adapters/slack/panel-comment.js';
import {
  fromPanelAction,
  fromPanelCommand,
  fromThreadMessage,
  isPanelCommand,
  type PanelIntent,
} from '../../../adapters/slack/panel-inbound.js';
import type { PanelActor } from '../../../src/engine/index.js';

const bot = 'U0BOT0001';
const by: PanelActor = { userId: 'U0ANN0001', name: 'Ann', canManage: false };
const lobbyTs = '1700000000.000100';

/** The event an intent stands for once its actor is known; undefined when it is not a panel event. */
const eventOf = (intent: PanelIntent) => (intent.type === 'event' ? intent.event(by) : undefined);

const reply = (event: Record<string, unknown>, eventId = 'Ev0REPLY1') => ({
  type: 'event_callback',
  event_id: eventId,
  event: {
    type: 'message',
    channel: 'C0ROOM001',
    channel_type: 'channel',
    user: 'U0ANN0001',
    text: 'I would listen first.',
    ts: '1700000050.000200',
    thread_ts: lobbyTs,
    parent_user_id: bot,
    ...event,
  },
});

describe('fromThreadMessage: a reply in a panel’s thread', () => {
  it('is an answer for the panel keyed by the channel and the lobby’s ts, with Slack’s event id', () => {
    const intent = fromThreadMessage(reply({}), bot);
    expect(intent).toMatchObject({
      type: 'event',
      id: 'slack:event:Ev0REPLY1',
      where: { channel: 'C0ROOM001', thread: lobbyTs },
      userId: 'U0ANN0001',
      typed: true,
    });
    expect(eventOf(intent)).toEqual({ type: 'answer', by, text: 'I would listen first.' });
  });

  it('turns Slack markup back into what was typed, and counts a reply also sent to the channel', () => {
    const intent = fromThreadMessage(reply({ text: 'ask <!here> &amp; <@U0BO>', subtype: 'thread_broadcast' }), bot);
    expect(eventOf(intent)).toEqual({ type: 'answer', by, text: 'ask @here & @U0BO' });
  });

  it('is still taken when Slack leaves out who wrote the parent (the runtime then knows whether it is a panel)', () => {
    expect(fromThreadMessage(reply({ parent_user_id: undefined }), bot).type).toBe('event');
  });

  it('takes private channels too', () => {
    expect(fromThreadMessage(reply({ channel: 'G0SECRET1', channel_type: 'group' }), bot).type).toBe('event');
  });
});

describe('fromThreadMessage: messages that are not a panel answer', () => {
  it.each([
    ['a top-level channel message', { thread_ts: undefined }],
    ['a thread’s parent', { ts: lobbyTs }],
    ['a reply under someone else’s message', { parent_user_id: 'U0CY0003' }],
    ['a bot’s message', { bot_id: 'B0OTHER1' }],
    ['the app’s own message', { user: bot }],
    ['an edit', { subtype: 'message_changed' }],
    ['a DM', { channel_type: 'im' }],
    ['a group DM', { channel_type: 'mpim' }],
    ['a message without a user', { user: undefined }],
  ])('ignores %s', (_name, event) => {
    expect(fromThreadMessage(reply(event), bot)).toEqual({ type: 'ignore' });
  });
});

const slash = (text: string, channel = 'C0ROOM001', channelName = 'practice') => ({
  command: '/interview',
  text,
  user_id: 'U0ANN0001',
  user_name: 'ann',
  channel_id: channel,
  channel_name: channelName,
  trigger_id: '13345224609.8534564800.ab',
});

describe('/interview panel', () => {
  it('is recognised by its first word only', () => {
    expect(isPanelCommand(slash('panel 2 retail'))).toBe(true);
    expect(isPanelCommand(slash('Panel'))).toBe(true);
    expect(isPanelCommand(slash('start panel'))).toBe(false);
  });

  it('opens a panel in the channel with the questions per person and the role', () => {
    expect(fromPanelCommand(slash('panel 2 call centre'))).toEqual({
      type: 'open',
      id: 'slack:command:13345224609.8534564800.ab',
      channel: 'C0ROOM001',
      userId: 'U0ANN0001',
      name: 'ann',
      options: { questionsPerPerson: 2, role: 'call-centre' },
    });
    expect(fromPanelCommand(slash('panel'))).toMatchObject({ type: 'open', options: {} });
  });

  it('is refused in a DM, saying to use a channel', () => {
    expect(fromPanelCommand(slash('panel', 'D0DM00001', 'directmessage'))).toEqual({
      type: 'refuse',
      text: expect.stringContaining('in the channel where your group practises'),
    });
  });
});

const click = (
  actionId: string,
  extra: Record<string, unknown> = {},
  message: { readonly ts: string; readonly thread_ts?: string } = { ts: '1700000060.000300' },
) => ({
  type: 'block_actions',
  user: { id: 'U0ANN0001', username: 'ann' },
  trigger_id: 'trig-1',
  container: { type: 'message', channel_id: 'C0ROOM001', message_ts: message.ts },
  message,
  actions: [{ action_id: actionId, action_ts: '1700000061.000400', ...extra }],
});

describe('fromPanelAction: a click on a panel', () => {
  it.each([
    ['iv:panel-join', 'join'],
    ['iv:panel-leave', 'leave'],
    ['iv:panel-begin', 'begin'],
    ['iv:panel-skip', 'skip'],
    ['iv:panel-end', 'end'],
  ])('%s is a %s event for the panel the button names', (actionId, type) => {
    const intent = fromPanelAction(click(actionId, { value: JSON.stringify({ t: lobbyTs }) }));
    expect(intent).toMatchObject({
      type: 'event',
      id: 'slack:action:U0ANN0001:1700000061.000400',
      where: { channel: 'C0ROOM001', thread: lobbyTs },
      name: 'ann',
    });
    expect(eventOf(intent)).toEqual({ type, by });
  });

  it('finds the panel from the clicked message when the button does not say: its thread, or itself', () => {
    const inThread = click('iv:panel-join', {}, { ts: '1700000060.000300', thread_ts: lobbyTs });
    expect(fromPanelAction(inThread)).toMatchObject({ where: { thread: lobbyTs } });
    expect(fromPanelAction(click('iv:panel-join', {}, { ts: lobbyTs }))).toMatchObject({ where: { thread: lobbyTs } });
  });

  it('rates one criterion of the turn the button was sent with, and says so privately if nothing else does', () => {
    const intent = fromPanelAction(
      click('iv:panel-rate:customer-focus:4', { value: JSON.stringify({ t: lobbyTs, n: 3 }) }),
    );
    expect(eventOf(intent)).toEqual({ type: 'rate', by, turn: 3, criterion: 'customer-focus', level: 4 });
    expect(intent).toMatchObject({ confirm: 'Noted: Customer focus, Excellent. Click another level to change it.' });
  });

  it('removes the person chosen in the Remove menu', () => {
    const intent = fromPanelAction(click('iv:panel-remove', { selected_option: { value: 'U0BO00002' } }));
    expect(eventOf(intent)).toEqual({ type: 'remove', by, userId: 'U0BO00002' });
  });

  it('opens the comment modal for the turn of the clicked rating', () => {
    const intent = fromPanelAction(click('iv:panel-comment', { value: JSON.stringify({ t: lobbyTs, n: 2 }) }));
    expect(intent).toEqual({
      type: 'open-comment',
      where: { channel: 'C0ROOM001', thread: lobbyTs },
      turn: 2,
      triggerId: 'trig-1',
    });
  });

  it.each([
    ['an unknown panel action', click('iv:panel-dance')],
    ['a rating without its turn', click('iv:panel-rate:structure:2')],
    ['a rating of an unknown criterion', click('iv:panel-rate:charm:2', { value: '{"n":1}' })],
    ['a Remove with no one chosen', click('iv:panel-remove')],
    ['a Remove of something that is not a user id', click('iv:panel-remove', { selected_option: { value: 'x' } })],
    ['a click with no message to place it', { ...click('iv:panel-join'), container: {}, message: undefined }],
  ])('ignores %s', (_name, body) => {
    expect(fromPanelAction(body)).toEqual({ type: 'ignore' });
  });
});

const submission = (metadata: string, value: string | null) => ({
  type: 'view_submission',
  user: { id: 'U0ANN0001', username: 'ann' },
  view: {
    id: 'V0COMMENT1',
    callback_id: 'iv:panel-comment-modal',
    private_metadata: metadata,
    state: { values: { comment: { value: { type: 'plain_text_input', value } } } },
  },
});

describe('fromCommentSubmission: the comment modal submitted', () => {
  it('is a comment on the turn and panel the modal was opened for', () => {
    const intent = fromCommentSubmission(submission(JSON.stringify({ c: 'C0ROOM001', t: lobbyTs, n: 2 }), 'Calm.'));
    expect(intent).toMatchObject({ id: 'slack:view:V0COMMENT1', where: { channel: 'C0ROOM001', thread: lobbyTs } });
    expect(eventOf(intent)).toEqual({ type: 'comment', by, turn: 2, text: 'Calm.' });
  });

  it('ignores a submission whose metadata does not name a panel', () => {
    expect(fromCommentSubmission(submission('not json', 'x'))).toEqual({ type: 'ignore' });
    expect(fromCommentSubmission(submission(JSON.stringify({ c: 'D0DM0001', t: lobbyTs, n: 2 }), 'x'))).toEqual({
      type: 'ignore',
    });
  });
});
