import type { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createPeople, PEOPLE_TTL_MS } from '../../../adapters/slack/people.js';

type Answer = webApi.UsersInfoResponse | Error;

/** A Web API client whose users.info answers from `answers` in turn, counting its calls. */
function clientAnswering(...answers: Answer[]) {
  const calls: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls.push(user);
        const answer = answers.shift() ?? new Error('no more answers');
        if (answer instanceof Error) throw answer;
        return answer;
      },
    },
  } as unknown as webApi.WebClient;
  return { client, calls };
}

const silent = pino({ level: 'silent' });
const member = (flags: Record<string, unknown> = {}, displayName = 'Ann'): webApi.UsersInfoResponse => ({
  ok: true,
  user: { id: 'U0ANN0001', name: 'ann', real_name: 'Ann Lee', profile: { display_name: displayName }, ...flags },
});

describe('who may manage a panel', () => {
  it.each([
    ['a workspace admin', { is_admin: true }, true],
    ['a workspace owner', { is_owner: true }, true],
    ['the primary owner', { is_primary_owner: true }, true],
    ['a member', { is_admin: false, is_owner: false }, false],
  ])('is %s: canManage %s', async (_name, flags, canManage) => {
    const people = createPeople({ client: clientAnswering(member(flags)).client, logger: silent });
    expect(await people.actor('U0ANN0001')).toEqual({ userId: 'U0ANN0001', name: 'Ann', canManage });
  });
});

describe('names', () => {
  it('prefer the display name, then the real name, then what the payload said', async () => {
    const people = createPeople({ client: clientAnswering(member({}, '')).client, logger: silent });
    expect((await people.actor('U0ANN0001', 'ann')).name).toBe('Ann Lee');
  });
});

describe('the cache', () => {
  it('asks Slack once per person within five minutes, and again after', async () => {
    const clock = { now: 0 };
    const { client, calls } = clientAnswering(member(), member({ is_admin: true }));
    const people = createPeople({ client, logger: silent, now: () => clock.now });
    await people.actor('U0ANN0001');
    clock.now += PEOPLE_TTL_MS - 1;
    expect((await people.actor('U0ANN0001')).canManage).toBe(false);
    clock.now += 1;
    expect((await people.actor('U0ANN0001')).canManage).toBe(true);
    expect(calls).toEqual(['U0ANN0001', 'U0ANN0001']);
  });

  it('does not keep a failed look-up: the person is a plain member under the payload’s name until Slack answers', async () => {
    const { client, calls } = clientAnswering(new Error('missing_scope'), member({ is_owner: true }));
    const people = createPeople({ client, logger: silent });
    expect(await people.actor('U0ANN0001', 'ann')).toEqual({ userId: 'U0ANN0001', name: 'ann', canManage: false });
    expect(await people.actor('U0ANN0001', 'ann')).toEqual({ userId: 'U0ANN0001', name: 'Ann', canManage: true });
    expect(calls).toHaveLength(2);
  });
});
