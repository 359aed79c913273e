import { describe, expect, it } from 'vitest';
import { interviewCommand, MAX_SEED } from '../../../adapters/discord/commands.js';
import { fromSubcommand } from '../../../adapters/discord/inbound.js';

describe('/interview start: pack and seed', () => {
  it('offers pack and seed beside the other start options', () => {
    const start = interviewCommand.options?.find((option) => option.name === 'start');
    const names = start !== undefined && 'options' in start ? (start.options ?? []).map((o) => o.name) : [];
    expect(names).toEqual(expect.arrayContaining(['pack', 'seed']));
  });

  it('passes a pack id (trimmed, lower case) and a seed to the engine', () => {
    expect(fromSubcommand('start', { pack: '  Customer-Service ', seed: 42 })).toEqual({
      type: 'start',
      options: { pack: 'customer-service', seed: 42 },
    });
  });

  it('leaves out an empty pack and a seed that is not a whole number in range', () => {
    expect(fromSubcommand('start', { pack: '   ', seed: 1.5 })).toEqual({ type: 'start', options: {} });
    expect(fromSubcommand('start', { seed: MAX_SEED })).toEqual({ type: 'start', options: { seed: MAX_SEED } });
  });
});
