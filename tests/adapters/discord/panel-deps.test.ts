import { describe, expect, it } from 'vitest';
import { listedIn, pointsOfAnotherTurn, toldPrivately } from '../../../adapters/discord/panel-deps.js';
import type { PanelReply } from '../../../src/engine/index.js';

const ann = '111111111111111111';
const bo = '222222222222222222';

const points = (turn: number): PanelReply => ({
  type: 'talkingPoints',
  to: { userId: bo },
  panelId: 'p1',
  turn,
  candidateName: 'Ann',
  points: [{ label: 'Empathy', description: 'Acknowledges how the customer feels.' }],
});

const lobby: PanelReply = {
  type: 'lobby',
  to: 'all',
  panelId: 'p1',
  hostId: ann,
  participants: [{ userId: ann, name: 'Ann', joinedAt: 0 }],
  settings: { packId: 'default', questionsPerPerson: 1, seed: 1, turnTimeoutMs: 300_000 },
  canBegin: false,
};

describe('talking points sent for a Talking points button', () => {
  it('are of another turn only when the engine sent points of a turn other than the button’s', () => {
    expect(pointsOfAnotherTurn([points(2)], 1)).toBe(true);
    expect(pointsOfAnotherTurn([points(2)], 2)).toBe(false);
    expect(pointsOfAnotherTurn([{ type: 'notice', to: { userId: bo }, text: 'Join the panel.' }], 1)).toBe(false);
    expect(pointsOfAnotherTurn([], 1)).toBe(false);
  });
});

describe('who the replies speak to privately, and who they list', () => {
  it('tell a refusal to its person only, and list someone only when nothing refused them', () => {
    const refused: PanelReply = { type: 'notice', to: { userId: ann }, text: 'You are already in this panel.' };
    expect(toldPrivately([refused], ann)).toBe(true);
    expect(toldPrivately([refused], bo)).toBe(false);
    expect(toldPrivately([{ type: 'notice', to: 'all', text: 'Ann left the panel.' }], ann)).toBe(false);
    expect(listedIn([lobby], ann)).toBe(true);
    expect(listedIn([lobby], bo)).toBe(false);
    expect(listedIn([refused, lobby], ann)).toBe(false);
  });
});
