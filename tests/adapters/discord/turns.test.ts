import type { SendableChannels } from 'discord.js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { channelSink, nonceOf, type Sink } from '../../../adapters/discord/deliver.js';
import type { Outgoing } from '../../../adapters/discord/embeds.js';
import { Deliveries } from '../../../adapters/discord/targets.js';
import { runTurn, type TurnDeps } from '../../../adapters/discord/turns.js';
import type { App } from '../../../src/runtime/boot.js';
import type { InboundEvent, Turn } from '../../../src/runtime/index.js';
import { notice, reportingRuntime } from '../reporting-runtime.js';

const inbound: InboundEvent = {
  id: 'discord:message:111',
  key: 'solo:discord:U1',
  actor: { platform: 'discord', userId: 'U1', name: 'Ann' },
  event: { type: 'answer', text: 'an answer' },
};

/** Deps whose runtime hands back `turn` and records what the adapter reports. */
function depsWith(turn: Turn) {
  const { runtime, reported } = reportingRuntime(turn);
  const deps = {
    client: {},
    app: { runtime } as unknown as App,
    deliveries: new Deliveries(),
    logger: pino({ level: 'silent' }),
    sensitive: false,
  } as unknown as TurnDeps;
  return { deps, reported };
}

/** A sink recording each message's content and the name it was sent under. */
function recordingSink() {
  const sent: { content: string | undefined; once: string | undefined }[] = [];
  const sink: Sink = {
    async send(message: Outgoing, once?: string) {
      sent.push({ content: message.content ?? message.embeds?.[0]?.description, once });
    },
  };
  return { sink, sent };
}

describe('posting a turn on Discord', () => {
  it('names each message by event and position, and records progress after each but the last', async () => {
    const { deps, reported } = depsWith({ replies: [notice('one'), notice('two')], posted: 0 });
    const { sink, sent } = recordingSink();
    await runTurn(deps, inbound, { conversation: sink, aside: sink, allAside: false });
    expect(sent.map((message) => message.once)).toEqual([`${inbound.id}:0`, `${inbound.id}:1`]);
    expect(reported).toEqual([{ posted: 1 }, 'all']);
  });

  it('after a takeover sends only the messages the process that died had not sent, under the same names', async () => {
    const { deps, reported } = depsWith({ replies: [notice('one'), notice('two'), notice('three')], posted: 2 });
    const { sink, sent } = recordingSink();
    await runTurn(deps, inbound, { conversation: sink, aside: sink, allAside: false });
    expect(sent.map((message) => message.once)).toEqual([`${inbound.id}:2`]);
    expect(reported).toEqual(['all']);
  });
});

describe('a channel sink', () => {
  it('sends a named message with a nonce Discord enforces, the same for the same name and channel', async () => {
    const options: unknown[] = [];
    const channel = { id: 'C1', send: async (sent: unknown) => options.push(sent) } as unknown as SendableChannels;
    await channelSink(channel).send({ content: 'hello' }, 'Ev:0');
    await channelSink(channel).send({ content: 'hello' });
    const nonce = nonceOf('Ev:0', 'C1');
    expect(nonce).toMatch(/^[0-9a-f]{25}$/);
    expect(nonceOf('Ev:0', 'C2')).not.toBe(nonce);
    expect(options).toEqual([
      expect.objectContaining({ content: 'hello', nonce, enforceNonce: true }),
      expect.not.objectContaining({ nonce: expect.anything() }),
    ]);
  });
});
