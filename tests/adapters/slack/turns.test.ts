import type { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { changesHome, createTurns } from '../../../adapters/slack/turns.js';
import type { InboundEvent, OutboundReply } from '../../../src/runtime/index.js';
import { notice, reportingRuntime } from '../reporting-runtime.js';

const inbound: InboundEvent = {
  id: 'slack:event:Ev1',
  key: 'solo:slack:U1',
  actor: { platform: 'slack', userId: 'U1', name: 'Ann' },
  event: { type: 'answer', text: 'an answer' },
};

/** A Web API client that records the text of each message posted, refusing those that `refuse` names. */
function clientRecording(refuse = new Set<string>()) {
  const posted: string[] = [];
  const client = {
    chat: {
      postMessage: async (args: { text: string }) => {
        if (refuse.has(args.text)) throw Object.assign(new Error('refused'), { data: { error: 'invalid_blocks' } });
        posted.push(args.text);
        return { ok: true };
      },
    },
    views: { publish: async () => ({ ok: true }) },
  } as unknown as webApi.WebClient;
  return { client, posted };
}

const to = { channel: 'D1', user: 'U1' };

describe('posting a turn on Slack', () => {
  it('records progress after each message but the last, then says all were delivered', async () => {
    const { runtime, reported } = reportingRuntime({
      replies: [notice('one'), notice('two'), notice('three')],
      posted: 0,
    });
    const { client, posted } = clientRecording();
    await createTurns({ runtime, client, logger: pino({ level: 'silent' }) }).run(inbound, to);
    expect(posted).toEqual(['one', 'two', 'three']);
    expect(reported).toEqual([{ posted: 1 }, { posted: 2 }, 'all']);
  });

  it('after a takeover posts only the messages the process that died had not posted', async () => {
    const { runtime, reported } = reportingRuntime({
      replies: [notice('one'), notice('two'), notice('three')],
      posted: 1,
    });
    const { client, posted } = clientRecording();
    await createTurns({ runtime, client, logger: pino({ level: 'silent' }) }).run(inbound, to);
    expect(posted).toEqual(['two', 'three']);
    expect(reported).toEqual([{ posted: 2 }, 'all']);
  });

  it('posts the rest after a refused message but records no progress past it, and does not confirm delivery', async () => {
    const { runtime, reported } = reportingRuntime({
      replies: [notice('one'), notice('two'), notice('three')],
      posted: 0,
    });
    const { client, posted } = clientRecording(new Set(['two']));
    const turns = createTurns({ runtime, client, logger: pino({ level: 'silent' }) });
    await expect(turns.run(inbound, to)).rejects.toThrow('refused');
    expect(posted).toEqual(['one', 'three']);
    expect(reported).toEqual([{ posted: 1 }]);
  });
});

describe('changesHome', () => {
  const report: OutboundReply = {
    type: 'report',
    endedEarly: false,
    feedback: {
      score: 70,
      answered: 1,
      skipped: 0,
      answers: [],
      breakdown: [],
      practise: [],
      conceptsCovered: [],
      conceptsMissed: [],
    },
  };
  const start: InboundEvent = { ...inbound, event: { type: 'start', options: {} } };

  it('publishes App Home again after a start or a command, and after the answer that finishes', () => {
    expect(changesHome(start, [notice('Welcome')])).toBe(true);
    expect(
      changesHome({ ...inbound, event: { type: 'command', command: { name: 'pause' } } }, [notice('Paused')]),
    ).toBe(true);
    expect(changesHome(inbound, [notice('Thanks'), report])).toBe(true);
  });

  it('leaves App Home alone after an answer that moves on, and after a refusal seen only by the user', () => {
    expect(changesHome(inbound, [notice('Next question')])).toBe(false);
    expect(changesHome(start, [{ type: 'error', code: 'rate-limited', text: 'slow down' }])).toBe(false);
  });
});
