import { describe, expect, it } from 'vitest';
import { parsePracticeArgs } from '../../../adapters/terminal/args.js';
import { fromLine } from '../../../adapters/terminal/input.js';

describe('fromLine', () => {
  it('reads a plain line as an answer, kept as typed', () => {
    expect(fromLine('  I listen first.', {})).toEqual({
      type: 'event',
      event: { type: 'answer', text: '  I listen first.' },
    });
  });

  it('reads slash commands, with a question number for retry and example', () => {
    expect(fromLine('/skip', {})).toEqual({ type: 'event', event: { type: 'command', command: { name: 'skip' } } });
    expect(fromLine('/retry 2', {})).toEqual({
      type: 'event',
      event: { type: 'command', command: { name: 'retry', question: 2 } },
    });
    expect(fromLine('/EXAMPLE', {})).toEqual({
      type: 'event',
      event: { type: 'command', command: { name: 'example' } },
    });
  });

  it('asks for confirmation before forgetting', () => {
    expect(fromLine('/forget', {})).toEqual({ type: 'event', event: { type: 'forget', confirmed: false } });
    expect(fromLine('/forget yes', {})).toEqual({ type: 'event', event: { type: 'forget', confirmed: true } });
  });

  it('starts with the options from the command line', () => {
    expect(fromLine('/start', { questions: 3 })).toEqual({
      type: 'event',
      event: { type: 'start', options: { questions: 3 } },
    });
  });

  it('reports an unknown command instead of sending it as an answer', () => {
    expect(fromLine('/dance', {})).toEqual({ type: 'unknown', text: '/dance' });
  });
});

describe('parsePracticeArgs', () => {
  it('builds start options from the flags', () => {
    const parsed = parsePracticeArgs([
      '--questions',
      '3',
      '--role',
      'retail',
      '--company',
      'Northwind',
      '--values',
      'friendly, fast',
      '--seed',
      '7',
      '--user',
      'sam',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: {
        user: 'sam',
        help: false,
        start: { questions: 3, role: 'retail', company: 'Northwind', companyValues: ['friendly', 'fast'], seed: 7 },
      },
    });
  });

  it('names each bad flag on one line', () => {
    const parsed = parsePracticeArgs(['--questions', 'lots', '--role', 'pilot']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toHaveLength(2);
      expect(parsed.errors[0]).toMatch(/^--questions:/);
      expect(parsed.errors[1]).toBe('--role: expected one of retail, call-centre, support-desk, hospitality');
    }
  });

  it('refuses an unknown flag', () => {
    expect(parsePracticeArgs(['--colour']).ok).toBe(false);
  });
});
