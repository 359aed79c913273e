import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  fromPanelButton,
  fromPanelCommand,
  fromPanelModal,
  fromThreadMessage,
  openOptions,
  panelActor,
  panelKey,
  threadOfKey,
} from '../../../adapters/discord/panel-inbound.js';

const thread = '123456789012345678';
const ann = { id: '111111111111111111', name: 'Ann' };
const bo = { id: '222222222222222222', name: 'Bo' };
const by = panelActor(ann, null);

describe('panel keys', () => {
  it('name the thread the panel runs in, and read it back', () => {
    expect(panelKey(thread)).toBe(`group:discord:${thread}`);
    expect(threadOfKey(panelKey(thread))).toBe(thread);
    expect(threadOfKey(`group:slack:C1:${thread}`)).toBeUndefined();
    expect(threadOfKey(`solo:discord:${thread}`)).toBeUndefined();
  });
});

describe('who may manage a panel', () => {
  it('is anyone with Manage Channels or Manage Threads in the channel, and nobody on a typed message', () => {
    expect(panelActor(ann, PermissionFlagsBits.ManageChannels).canManage).toBe(true);
    expect(panelActor(ann, PermissionFlagsBits.ManageThreads | PermissionFlagsBits.SendMessages).canManage).toBe(true);
    expect(panelActor(ann, PermissionFlagsBits.SendMessages | PermissionFlagsBits.CreatePrivateThreads).canManage).toBe(
      false,
    );
    expect(panelActor(ann, null)).toEqual({ userId: ann.id, name: 'Ann', canManage: false });
  });
});

describe('/panel subcommands', () => {
  it('become the events of the panel in the thread they were used in', () => {
    const command = (subcommand: string, options = {}) =>
      fromPanelCommand({ id: 'i1', threadId: thread, by, subcommand, options });
    expect(command('start')).toEqual({
      id: 'i1',
      key: panelKey(thread),
      platform: 'discord',
      event: { type: 'begin', by },
    });
    for (const name of ['skip', 'end', 'leave', 'status'] as const)
      expect(command(name)?.event).toEqual({ type: name, by });
    expect(command('remove', { member: bo.id })?.event).toEqual({ type: 'remove', by, userId: bo.id });
    expect(command('remove')).toBeUndefined();
    expect(command('open')).toBeUndefined();
    expect(command('dance')).toBeUndefined();
  });

  it('take the open options the engine knows, and drop an unknown role', () => {
    expect(openOptions({ 'questions-per-person': 3, role: 'retail' })).toEqual({
      questionsPerPerson: 3,
      role: 'retail',
    });
    expect(openOptions({ role: 'astronaut' })).toEqual({});
  });
});

describe('panel buttons', () => {
  it('become events, bound to the turn they were sent with where the engine takes one', () => {
    const click = (button: Parameters<typeof fromPanelButton>[0]['button']) =>
      fromPanelButton({ id: 'i2', by, button });
    expect(click({ kind: 'join', threadId: thread })).toMatchObject({
      type: 'event',
      inbound: { event: { type: 'join' } },
    });
    expect(click({ kind: 'begin', threadId: thread })).toMatchObject({ inbound: { event: { type: 'begin' } } });
    expect(click({ kind: 'rate', threadId: thread, turn: 4, criterion: 'communication', level: 2 })).toMatchObject({
      inbound: { event: { type: 'rate', turn: 4, criterion: 'communication', level: 2, by } },
    });
    expect(click({ kind: 'skip', threadId: thread, turn: 3 })).toEqual({
      type: 'event',
      inbound: { id: 'i2', key: panelKey(thread), platform: 'discord', event: { type: 'skip', by, turn: 3 } },
    });
  });

  it('ask the engine for the talking points of the turn in play, whoever clicks', () => {
    const points = { kind: 'points', threadId: thread, turn: 2, candidateId: bo.id } as const;
    expect(fromPanelButton({ id: 'i4', by, button: points })).toEqual({
      type: 'event',
      inbound: { id: 'i4', key: panelKey(thread), platform: 'discord', event: { type: 'points', by } },
    });
    const candidate = panelActor(bo, null);
    expect(fromPanelButton({ id: 'i5', by: candidate, button: points })).toMatchObject({
      type: 'event',
      inbound: { event: { type: 'points', by: candidate } },
    });
  });

  it('open the answer modal for the candidate only, and tell anyone else whose turn it is', () => {
    const answer = { kind: 'answer', threadId: thread, turn: 1, candidateId: ann.id } as const;
    expect(fromPanelButton({ id: 'i3', by, button: answer })).toEqual({ type: 'modal', button: answer });
    expect(fromPanelButton({ id: 'i3', by: panelActor(bo, null), button: answer })).toEqual({
      type: 'not-candidate',
      candidateId: ann.id,
    });
  });
});

describe('panel modals and typed messages', () => {
  it('become answers and comments; a modal names its turn, a typed message the turn in play', () => {
    const answer = { kind: 'answer', threadId: thread, turn: 1, candidateId: ann.id } as const;
    expect(fromPanelModal({ id: 'm1', by, button: answer, text: 'My answer' })?.event).toEqual({
      type: 'answer',
      by,
      text: 'My answer',
      turn: 1,
    });
    const comment = { kind: 'comment', threadId: thread, turn: 2 } as const;
    expect(fromPanelModal({ id: 'm2', by, button: comment, text: 'Nice' })?.event).toEqual({
      type: 'comment',
      by,
      turn: 2,
      text: 'Nice',
    });
    const typed = (author: typeof ann & { bot: boolean }, content: string) =>
      fromThreadMessage({ id: 'm3', threadId: thread, author, content });
    expect(typed({ ...ann, bot: false }, 'Typed')?.event).toEqual({ type: 'answer', by, text: 'Typed' });
    expect(typed({ ...ann, bot: false }, 'Typed')?.event).not.toHaveProperty('turn');
  });

  it('become nothing from a bot or when empty', () => {
    const typed = (author: typeof ann & { bot: boolean }, content: string) =>
      fromThreadMessage({ id: 'm3', threadId: thread, author, content });
    expect(typed({ ...ann, bot: true }, 'Typed')).toBeUndefined();
    expect(typed({ ...ann, bot: false }, '   ')).toBeUndefined();
  });
});
