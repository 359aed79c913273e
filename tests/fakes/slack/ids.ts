import { randomBytes, randomUUID } from 'node:crypto';

/** Who the fake workspace says the app is: auth.test answers with these ids and every payload carries them. */
export type FakeIdentity = {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  /** The xoxb- token the app must send as `Authorization: Bearer`. */
  readonly botToken: string;
  /** The xapp- token Socket Mode must send to apps.connections.open. */
  readonly appToken: string;
  /** The secret requests to the app are signed with. */
  readonly signingSecret: string;
};

/** The identity a fake uses unless told otherwise; ids follow Slack's shapes (T…, A…, U…, B…). */
export const defaultIdentity: FakeIdentity = {
  teamId: 'T0FAKETEAM',
  teamDomain: 'fake-workspace',
  appId: 'A0FAKEAPP1',
  botUserId: 'U0FAKEBOT1',
  botId: 'B0FAKEBOT1',
  botToken: 'xoxb-0000000001-0000000002-fakebottoken',
  appToken: 'xapp-1-A0FAKEAPP1-0000000003-fakeapptoken',
  signingSecret: 'fake-signing-secret-0123456789abcdef',
};

/** Issues the ids one fake hands out: message ts, DM channels, views, triggers, events, envelopes. */
export type IdSource = {
  /** A message timestamp, `<epoch seconds>.<6 digits>`, unique and increasing within one fake. */
  readonly ts: () => string;
  readonly dmChannel: () => string;
  readonly view: () => string;
  readonly trigger: () => string;
  readonly event: () => string;
  readonly envelope: () => string;
  readonly ticket: () => string;
  readonly hex: (bytes: number) => string;
};

/** Creates a fresh id source; `now` is the clock in epoch ms. */
export function createIds(now: () => number = Date.now): IdSource {
  let seq = 0;
  let lastSecond = 0;
  const next = () => {
    seq += 1;
    return seq;
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return {
    ts: () => {
      // Never step back in time even if the clock does: `ts` orders messages in a channel.
      lastSecond = Math.max(lastSecond, Math.floor(now() / 1000));
      return `${lastSecond}.${pad(next() % 1_000_000, 6)}`;
    },
    dmChannel: () => `D0${pad(next(), 8)}`,
    view: () => `V0${pad(next(), 8)}`,
    trigger: () => `${next()}.${Math.floor(now() / 1000)}.${randomBytes(16).toString('hex')}`,
    event: () => `Ev0${pad(next(), 8)}`,
    envelope: () => randomUUID(),
    ticket: () => randomUUID(),
    hex: (bytes) => randomBytes(bytes).toString('hex'),
  };
}
