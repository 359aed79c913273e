import { describe, expect, it } from 'vitest';
import { toCustomId } from '../../../adapters/discord/custom-id.js';
import {
  fromButton,
  fromDirectMessage,
  fromModalSubmit,
  fromSlashCommand,
  fromSubcommand,
} from '../../../adapters/discord/inbound.js';

const alice = { id: '111111111111111111', name: 'Alice' };
const bob = { id: '222222222222222222', name: 'Bob' };

describe('slash subcommands', () => {
  it('turn start options into StartOptions, dropping what is empty or unknown', () => {
    expect(
      fromSubcommand('start', {
        questions: 3,
        role: 'call-centre',
        company: '  Northwind ',
        values: 'friendly, , reliable ,customers first',
        focus: 'weakest',
        skip_intro: true,
      }),
    ).toEqual({
      type: 'start',
      options: {
        questions: 3,
        role: 'call-centre',
        company: 'Northwind',
        companyValues: ['friendly', 'reliable', 'customers first'],
        focus: 'weakest',
        skipIntro: true,
      },
    });
    expect(fromSubcommand('start', { role: 'astronaut', company: '   ', skip_intro: false })).toEqual({
      type: 'start',
      options: {},
    });
  });

  it('map every engine command, example and retry with their question', () => {
    for (const name of ['skip', 'repeat', 'hint', 'pause', 'resume', 'end', 'status'] as const)
      expect(fromSubcommand(name, {})).toEqual({ type: 'command', command: { name } });
    expect(fromSubcommand('example', { question: 2 })).toEqual({
      type: 'command',
      command: { name: 'example', question: 2 },
    });
    expect(fromSubcommand('retry', {})).toEqual({ type: 'command', command: { name: 'retry' } });
  });

  it('map history and forget (unconfirmed) to account events, and nothing else', () => {
    expect(fromSubcommand('history', {})).toEqual({ type: 'history' });
    expect(fromSubcommand('forget', {})).toEqual({ type: 'forget', confirmed: false });
    expect(fromSubcommand('dance', {})).toBeUndefined();
  });

  it('carry the interaction id and key the session by user', () => {
    expect(fromSlashCommand({ id: '99', user: alice, subcommand: 'hint', options: {} })).toEqual({
      id: '99',
      key: `solo:discord:${alice.id}`,
      actor: { platform: 'discord', userId: alice.id, name: 'Alice' },
      event: { type: 'command', command: { name: 'hint' } },
    });
  });
});

describe('button clicks', () => {
  const id = (kind: Parameters<typeof toCustomId>[0]['kind'], extra = {}) =>
    toCustomId({ kind, userId: alice.id, sessionId: 'ab12cd34', question: 2, ...extra });

  it('bind question buttons to their session and question', () => {
    const intent = fromButton({ id: '7', user: alice, customId: id('skip') });
    expect(intent).toMatchObject({
      type: 'event',
      inbound: {
        id: '7',
        event: { type: 'command', command: { name: 'skip' } },
        ref: { sessionId: 'ab12cd34', question: 2 },
      },
    });
  });

  it('give example and retry the question as their target and bind them to the session only', () => {
    const intent = fromButton({ id: '7', user: alice, customId: id('retry') });
    expect(intent).toMatchObject({
      type: 'event',
      inbound: { event: { type: 'command', command: { name: 'retry', question: 2 } }, ref: { sessionId: 'ab12cd34' } },
    });
    expect(intent.type === 'event' && intent.inbound.ref).toEqual({ sessionId: 'ab12cd34' });
  });

  it('start afresh without a reference, and confirm forget', () => {
    const start = fromButton({ id: '7', user: alice, customId: toCustomId({ kind: 'start', userId: alice.id }) });
    expect(start).toEqual({ type: 'event', inbound: expect.not.objectContaining({ ref: expect.anything() }) });
    const forget = fromButton({ id: '8', user: alice, customId: toCustomId({ kind: 'forget', userId: alice.id }) });
    expect(forget).toMatchObject({ type: 'event', inbound: { event: { type: 'forget', confirmed: true } } });
  });

  it('leave the modal, keep and thread to the adapter', () => {
    expect(fromButton({ id: '7', user: alice, customId: id('answer') })).toMatchObject({
      type: 'modal',
      button: { kind: 'answer', sessionId: 'ab12cd34', question: 2 },
    });
    expect(fromButton({ id: '7', user: alice, customId: id('keep') })).toEqual({ type: 'keep' });
    expect(fromButton({ id: '7', user: alice, customId: id('thread') })).toEqual({ type: 'thread' });
  });

  it('refuse a click by someone the button was not sent to, and ignore ids that are not ours', () => {
    expect(fromButton({ id: '7', user: bob, customId: id('skip') })).toEqual({ type: 'foreign' });
    expect(fromButton({ id: '7', user: alice, customId: 'something-else' })).toEqual({ type: 'unknown' });
  });
});

describe('the answer modal', () => {
  const customId = toCustomId({ kind: 'answer', userId: alice.id, sessionId: 'ab12cd34', question: 4 });

  it('becomes an answer bound to the question the button was on', () => {
    expect(fromModalSubmit({ id: '5', user: alice, customId, text: 'My answer' })).toMatchObject({
      id: '5',
      event: { type: 'answer', text: 'My answer' },
      ref: { sessionId: 'ab12cd34', question: 4 },
    });
  });

  it('is refused for anyone else, and ignored when the id is not an answer modal', () => {
    expect(fromModalSubmit({ id: '5', user: bob, customId, text: 'x' })).toBe('foreign');
    const skip = toCustomId({ kind: 'skip', userId: alice.id });
    expect(fromModalSubmit({ id: '5', user: alice, customId: skip, text: 'x' })).toBeUndefined();
  });
});

describe('direct messages', () => {
  it('are answers keyed by their author, with the message id', () => {
    expect(fromDirectMessage({ id: '42', author: { ...alice, bot: false }, content: 'I listen first.' })).toEqual({
      id: '42',
      key: `solo:discord:${alice.id}`,
      actor: { platform: 'discord', userId: alice.id, name: 'Alice' },
      event: { type: 'answer', text: 'I listen first.' },
    });
  });

  it('are ignored from bots (the bot itself included) and when empty', () => {
    expect(fromDirectMessage({ id: '1', author: { ...alice, bot: true }, content: 'hi' })).toBeUndefined();
    expect(fromDirectMessage({ id: '2', author: { ...alice, bot: false }, content: '  \n ' })).toBeUndefined();
  });
});
