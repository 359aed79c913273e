import { describe, expect, it } from 'vitest';
import { type PanelButton, parsePanelId, toPanelId } from '../../../adapters/discord/panel-ids.js';

const thread = '123456789012345678';
const user = '876543210987654321';

describe('panel custom ids', () => {
  it('round-trip every kind', () => {
    const ids: PanelButton[] = [
      { kind: 'join', threadId: thread },
      { kind: 'leave', threadId: thread },
      { kind: 'begin', threadId: thread },
      { kind: 'answer', threadId: thread, turn: 3, candidateId: user },
      { kind: 'points', threadId: thread, turn: 12, candidateId: user },
      { kind: 'skip', threadId: thread, turn: 1 },
      { kind: 'comment', threadId: thread, turn: 999 },
      { kind: 'rate', threadId: thread, turn: 2, criterion: 'customer-focus', level: 4 },
      { kind: 'rate', threadId: thread, turn: 2, criterion: 'structure', level: 1 },
    ];
    for (const id of ids) expect(parsePanelId(toPanelId(id))).toEqual(id);
  });

  it('stay within Discord’s 100 characters at their longest, and never look like an interview button', () => {
    const longest = toPanelId({ kind: 'points', threadId: '9'.repeat(20), turn: 999, candidateId: '9'.repeat(20) });
    expect(longest.length).toBeLessThanOrEqual(100);
    expect(longest.startsWith('iv:')).toBe(false);
  });

  it('refuse what is not ours or is malformed', () => {
    for (const customId of [
      'next',
      `iv:skip:ab12:1:${user}`,
      `pn:dance:${thread}::`,
      `pn:join:${thread}:1:`,
      `pn:skip:${thread}::`,
      `pn:skip:${thread}:0:`,
      `pn:answer:${thread}:1:`,
      `pn:rate:${thread}:1:35`,
      `pn:rate:${thread}:1:05`,
      `pn:rate:${thread}:1:1`,
      `pn:join:notathread::`,
    ])
      expect(parsePanelId(customId)).toBeUndefined();
  });
});
