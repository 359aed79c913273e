import { describe, expect, it } from 'vitest';
import { type ButtonId, parseCustomId, toCustomId } from '../../../adapters/discord/custom-id.js';

const user = '123456789012345678';

describe('button custom ids', () => {
  it('round-trip every field', () => {
    const ids: ButtonId[] = [
      { kind: 'skip', userId: user, sessionId: 'ab12cd34', question: 3 },
      { kind: 'retry', userId: user, sessionId: 'ab12cd34', question: 12 },
      { kind: 'start', userId: user },
      { kind: 'forget', userId: user },
    ];
    for (const id of ids) expect(parseCustomId(toCustomId(id))).toEqual(id);
  });

  it('stay within Discord’s 100 characters at their longest', () => {
    const longest = toCustomId({
      kind: 'example',
      userId: '12345678901234567890',
      sessionId: 'x'.repeat(32),
      question: 999,
    });
    expect(longest.length).toBeLessThanOrEqual(100);
  });

  it('refuse what is not ours or is malformed', () => {
    for (const customId of [
      'next',
      'iv:dance:ab12:1:123456789012345678',
      'iv:skip:ab12:1:notanid',
      'iv:skip:AB_12:1:123456789012345678',
      'iv:skip:ab12:0:123456789012345678',
      'iv:skip:ab12:1:123456789012345678:extra',
    ])
      expect(parseCustomId(customId)).toBeUndefined();
  });
});
