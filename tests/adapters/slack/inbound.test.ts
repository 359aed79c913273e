import { describe, expect, it } from 'vitest';
import { fromBlockAction, fromMessageEvent, fromSlashCommand } from '../../../adapters/slack/inbound.js';

const dm = (event: Record<string, unknown>, eventId = 'Ev0001') => ({
  type: 'event_callback',
  event_id: eventId,
  event: { type: 'message', channel: 'D0001', channel_type: 'im', user: 'U0ALICE', ts: '1.000001', ...event },
});

const inbound = (intent: ReturnType<typeof fromMessageEvent>) => (intent.type === 'turn' ? intent.inbound : undefined);

describe('fromMessageEvent: a message in the DM with the app', () => {
  it('is an answer with the event id Slack repeats on retry, keyed to the user', () => {
    expect(inbound(fromMessageEvent(dm({ text: 'I listen first.' }, 'Ev0ANSWER')))).toEqual({
      id: 'slack:event:Ev0ANSWER',
      key: 'solo:slack:U0ALICE',
      actor: { platform: 'slack', userId: 'U0ALICE', name: 'U0ALICE' },
      event: { type: 'answer', text: 'I listen first.' },
    });
  });

  it('is turned back into what the user typed: mentions and links as words, entities decoded', () => {
    const event = inbound(fromMessageEvent(dm({ text: 'Hi <@U123> &amp; <!channel>, see <https://x.example|this>' })));
    expect(event?.event).toEqual({ type: 'answer', text: 'Hi @U123 & @channel, see this' });
  });

  it('is a start or a help request when that word is all it says', () => {
    expect(inbound(fromMessageEvent(dm({ text: ' Start! ' })))?.event).toEqual({ type: 'start', options: {} });
    expect(fromMessageEvent(dm({ text: 'help' }))).toEqual({ type: 'help' });
    expect(inbound(fromMessageEvent(dm({ text: 'Start by greeting them.' })))?.event.type).toBe('answer');
  });

  it('keeps an empty message as an empty answer for the engine to handle', () => {
    expect(inbound(fromMessageEvent(dm({ text: '' })))?.event).toEqual({ type: 'answer', text: '' });
  });
});

describe('fromMessageEvent: messages that are not the user talking to the bot', () => {
  it.each([
    ['a bot message', { bot_id: 'B0001', text: 'hi' }],
    ['an edit', { subtype: 'message_changed', text: 'hi' }],
    ['a deletion', { subtype: 'message_deleted' }],
    ['a channel message', { channel_type: 'channel', text: 'hi' }],
    ['a group DM', { channel_type: 'mpim', text: 'hi' }],
    ['a message without a user', { user: undefined, text: 'hi' }],
  ])('ignores %s', (_name, event) => {
    expect(fromMessageEvent(dm(event))).toEqual({ type: 'ignore' });
  });

  it('ignores a payload that is not a message event at all', () => {
    expect(fromMessageEvent({ event: { type: 'app_home_opened' } })).toEqual({ type: 'ignore' });
    expect(fromMessageEvent(null)).toEqual({ type: 'ignore' });
  });
});

const slash = (text: string) => ({
  command: '/interview',
  text,
  user_id: 'U0BOB',
  user_name: 'bob',
  trigger_id: '123.456.abc',
  channel_id: 'D0002',
});

describe('fromSlashCommand', () => {
  it('reads start with its options, with the trigger id as the event id', () => {
    const intent = fromSlashCommand(slash('start 3 retail Acme Corp'));
    expect(intent).toEqual({
      type: 'turn',
      inbound: {
        id: 'slack:command:123.456.abc',
        key: 'solo:slack:U0BOB',
        actor: { platform: 'slack', userId: 'U0BOB', name: 'bob' },
        event: { type: 'start', options: { questions: 3, role: 'retail', company: 'Acme Corp' } },
      },
    });
  });

  it.each(['skip', 'repeat', 'hint', 'pause', 'resume', 'end', 'status'] as const)(
    'reads %s as that command',
    (name) => {
      expect(inbound(fromSlashCommand(slash(name.toUpperCase())))?.event).toEqual({
        type: 'command',
        command: { name },
      });
    },
  );

  it('reads example and retry with an optional question number', () => {
    expect(inbound(fromSlashCommand(slash('retry 2')))?.event).toEqual({
      type: 'command',
      command: { name: 'retry', question: 2 },
    });
    expect(inbound(fromSlashCommand(slash('example')))?.event).toEqual({
      type: 'command',
      command: { name: 'example' },
    });
  });

  it('reads history, and forget as a request that asks for confirmation first', () => {
    expect(inbound(fromSlashCommand(slash('history')))?.event).toEqual({ type: 'history' });
    expect(inbound(fromSlashCommand(slash('forget')))?.event).toEqual({ type: 'forget', confirmed: false });
  });

  it('answers help, nothing, or an unknown subcommand with help', () => {
    expect(fromSlashCommand(slash('help'))).toEqual({ type: 'help' });
    expect(fromSlashCommand(slash(''))).toEqual({ type: 'help' });
    expect(fromSlashCommand(slash('dance now'))).toEqual({ type: 'help', unknown: 'dance' });
  });
});

const click = (actionId: string, value?: string) => ({
  type: 'block_actions',
  user: { id: 'U0CAROL', username: 'carol' },
  trigger_id: '9.9.t',
  container: { type: 'message', channel_id: 'D0003', message_ts: '1.2' },
  actions: [{ action_id: actionId, action_ts: '1700000000.123', ...(value === undefined ? {} : { value }) }],
});

describe('fromBlockAction', () => {
  it('reads a question button as its command, with the session and question it was sent with', () => {
    expect(fromBlockAction(click('iv:skip', '{"s":"sess1234","q":2}'))).toEqual({
      type: 'turn',
      inbound: {
        id: 'slack:action:U0CAROL:1700000000.123',
        key: 'solo:slack:U0CAROL',
        actor: { platform: 'slack', userId: 'U0CAROL', name: 'carol' },
        event: { type: 'command', command: { name: 'skip' } },
        ref: { sessionId: 'sess1234', question: 2 },
      },
    });
  });

  it('reads a feedback button’s question number as the command’s argument, not as the question in play', () => {
    const event = inbound(fromBlockAction(click('iv:retry:3', '{"s":"sess1234","n":3}')));
    expect(event?.event).toEqual({ type: 'command', command: { name: 'retry', question: 3 } });
    expect(event?.ref).toEqual({ sessionId: 'sess1234' });
  });

  it('reads the forget confirmation, the App Home start and the report’s start', () => {
    expect(inbound(fromBlockAction(click('iv:forget-confirm')))?.event).toEqual({ type: 'forget', confirmed: true });
    expect(fromBlockAction(click('iv:forget-cancel'))).toEqual({ type: 'cancel-forget' });
    expect(fromBlockAction(click('iv:home-start'))).toEqual({ type: 'open-start' });
    expect(inbound(fromBlockAction(click('iv:start')))?.event).toEqual({ type: 'start', options: {} });
  });

  it('sends a button with an unreadable value without a ref, and ignores actions that are not ours', () => {
    expect(inbound(fromBlockAction(click('iv:hint', 'not json')))?.ref).toBeUndefined();
    expect(fromBlockAction(click('someone-else'))).toEqual({ type: 'ignore' });
    expect(fromBlockAction({ type: 'block_actions', user: { id: 'U1' }, actions: [] })).toEqual({ type: 'ignore' });
  });
});
