import { describe, expect, it } from 'vitest';
import {
  decodePanelValue,
  encodePanelValue,
  panelKey,
  rateActionId,
  rateOf,
  whereOf,
} from '../../../adapters/slack/panel-ids.js';

describe('panel keys', () => {
  it('name the channel and the lobby’s ts, and read back to them', () => {
    const where = { channel: 'C0ROOM001', thread: '1700000000.000100' };
    expect(panelKey(where)).toBe('group:slack:C0ROOM001:1700000000.000100');
    expect(whereOf(panelKey(where))).toEqual(where);
  });

  it.each([
    'group:discord:C0ROOM001:1700000000.000100',
    'solo:slack:U0ANN0001',
    'group:slack:C0ROOM001',
    'group:slack:D0DM00001:1700000000.000100',
    'group:slack:C0ROOM001:not-a-ts',
    'group:slack:C0ROOM001:1700000000.000100:extra',
  ])('are not read from %s', (key) => {
    expect(whereOf(key)).toBeUndefined();
  });
});

describe('rate buttons', () => {
  it('carry their criterion and level in the action id', () => {
    expect(rateOf(rateActionId('customer-focus', 3))).toEqual({ criterion: 'customer-focus', level: 3 });
    expect(rateOf('iv:panel-rate:structure:5')).toBeUndefined();
    expect(rateOf('iv:panel-join')).toBeUndefined();
  });
});

describe('button values', () => {
  it('round-trip the thread and turn, and read anything else as empty', () => {
    expect(decodePanelValue(encodePanelValue({ thread: '1.2', turn: 4 }))).toEqual({ thread: '1.2', turn: 4 });
    expect(decodePanelValue('{"t":"<!channel>","n":-1}')).toEqual({});
    expect(decodePanelValue('nope')).toEqual({});
    expect(decodePanelValue(undefined)).toEqual({});
  });
});
